// Schemathesis (from PyPI) for the API contract suite: installed once into
// .tools/schemathesis with pip, run against the API's OpenAPI document.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BootstrapError, say } from './log.mjs';
import { toolsDir } from './paths.mjs';

export const schemathesisVersion = '4.32.5';
const home = path.join(toolsDir, 'schemathesis');

/** @returns {{ command: string, env: Record<string, string> }} how to run `st` */
export function ensureSchemathesis() {
  const bin = path.join(home, 'bin', 'st');
  if (!existsSync(bin)) {
    say(`installing schemathesis ${schemathesisVersion} from PyPI into .tools/schemathesis…`);
    const result = spawnSync(
      'python3',
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', home, `schemathesis==${schemathesisVersion}`],
      {
        encoding: 'utf8',
      },
    );
    if (result.status !== 0) throw new BootstrapError(`pip could not install schemathesis: ${result.stderr.trim().split('\n').pop()}`);
  }
  return { command: bin, env: { PYTHONPATH: home } };
}
