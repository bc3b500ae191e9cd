// The time-skipping test server for workflow tests. The SDK normally
// downloads it from temporal.download; where that host is unreachable (this
// sandbox, air-gapped CI), the Java build of the same server from Maven
// Central is fetched with `mvn` and wrapped in a script under .tools/ that
// TestWorkflowEnvironment.createTimeSkipping() runs as an `existing-path`
// executable. Order: TEMPORAL_TEST_SERVER_PATH, the cached wrapper, the
// SDK's download when reachable, then the Maven build.
import { spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BootstrapError, say } from './log.mjs';
import { toolsDir } from './paths.mjs';

export const testServerVersion = '1.38.0';
const home = path.join(toolsDir, 'temporal-test-server');
const wrapper = path.join(home, 'bin', 'temporal-test-server');

async function canReach(host, timeoutMs = 3000) {
  try {
    await Promise.race([lookup(host), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs))]);
    return true;
  } catch {
    return false;
  }
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

function buildJavaWrapper() {
  if (!has('java') || !has('mvn')) {
    throw new BootstrapError(
      'the time-skipping test server cannot be downloaded here, and java/mvn are missing to build it from Maven Central',
      'install a JDK (17+) and Maven, or set TEMPORAL_TEST_SERVER_PATH',
    );
  }
  say(`Temporal test server: fetching io.temporal:temporal-test-server:${testServerVersion} from Maven Central…`);
  mkdirSync(path.join(home, 'bin'), { recursive: true });
  const pom = path.join(home, 'pom.xml');
  writeFileSync(
    pom,
    `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.akount.tools</groupId>
  <artifactId>temporal-test-server-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${testServerVersion}</version>
    </dependency>
  </dependencies>
</project>
`,
  );
  const result = spawnSync(
    'mvn',
    ['-q', '-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${path.join(home, 'lib')}`, '-DincludeScope=runtime'],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new BootstrapError(
      `mvn could not fetch the test server: ${(result.stdout + result.stderr).trim().split('\n').slice(-3).join(' ')}`,
    );
  }
  // The SDK runs the executable with the port as its first argument.
  writeFileSync(
    wrapper,
    `#!/bin/sh
# Temporal time-skipping test server (Java build ${testServerVersion}), written by scripts/bootstrap/test-server.mjs.
# Usage: temporal-test-server PORT [more server args]
exec java -Xss512k -XX:+UseSerialGC -cp '${path.join(home, 'lib')}/*' io.temporal.testserver.TestServer "$@"
`,
  );
  chmodSync(wrapper, 0o755);
  return wrapper;
}

/** @returns {Promise<string | undefined>} an executable path, or undefined to let the SDK download its own. */
export async function resolveTestServer(env) {
  if (env.TEMPORAL_TEST_SERVER_PATH) {
    if (!existsSync(env.TEMPORAL_TEST_SERVER_PATH))
      throw new BootstrapError(`TEMPORAL_TEST_SERVER_PATH=${env.TEMPORAL_TEST_SERVER_PATH} does not exist`);
    return env.TEMPORAL_TEST_SERVER_PATH;
  }
  if (existsSync(wrapper)) return wrapper;
  if (await canReach('temporal.download')) {
    say('Temporal test server: temporal.download is reachable; the SDK will download it');
    return undefined;
  }
  return buildJavaWrapper();
}
