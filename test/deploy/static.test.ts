/**
 * The deployment kit checked by its own tools, without a server: shellcheck on every shell
 * script, actionlint on the workflows, `docker compose config` on the Temporal compose file
 * (and what it resolves to), and setup-server.sh's dry run (what it would change on a droplet,
 * the sudoers it would install validated by visudo). Each tool is first shown to reject a
 * broken input, so a check cannot pass because the tool did nothing. The tools come from
 * scripts/bootstrap/infra-tools.mjs (built into .tools/ on the first run).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAttributeNames } from '../../workflows/src/document-scan/contract';
import { ensureInfraTools } from '../../scripts/bootstrap/infra-tools.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const setupServer = path.join(root, 'infra/scripts/setup-server.sh');
const composeFile = path.join(root, 'docker-compose.temporal.yaml');
const scratch = mkdtempSync(path.join(tmpdir(), 'akount-static-'));

type Tools = Awaited<ReturnType<typeof ensureInfraTools>>;
let tools: Tools;

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
}

const output = (result: SpawnSyncReturns<string>) => `${result.stdout}${result.stderr}`;

/** Every *.sh under the given folders (recursively), relative to the repo root. */
function shellScripts(...folders: string[]): string[] {
  return folders.flatMap((folder) => {
    const dir = path.join(root, folder);
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.sh') && !file.split(path.sep).includes('node_modules'))
      .map((file) => path.join(folder, file));
  });
}

// Globbed when the file is collected: scripts other work adds are checked as they appear.
const scripts = [...shellScripts('infra/scripts', 'scripts'), '.ci/run'].sort();

function shellcheck(file: string) {
  return run(tools.shellcheck, ['-x', '-P', 'SCRIPTDIR', '--format=gcc', file]);
}

beforeAll(async () => {
  tools = await ensureInfraTools();
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('shell scripts', () => {
  it('shellcheck rejects a script with an unquoted expansion (the check has teeth)', () => {
    const bad = path.join(scratch, 'bad.sh');
    writeFileSync(bad, '#!/usr/bin/env bash\nrm -rf $1/tmp\n');
    const result = shellcheck(bad);
    expect(result.status).not.toBe(0);
    expect(output(result)).toContain('SC2086');
  });

  it('finds the kit scripts', () => {
    expect(scripts).toContain('infra/scripts/setup-server.sh');
    expect(scripts).toContain('.ci/run');
  });

  it.each(scripts)('%s parses (bash -n) and is shellcheck-clean', (file) => {
    const syntax = run('bash', ['-n', file]);
    expect(output(syntax)).toBe('');
    const result = shellcheck(file);
    expect(output(result), output(result)).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('GitHub Actions workflows', () => {
  const workflows = ['.github/workflows/ci.yml', '.github/workflows/deploy.yml'];
  const actionlint = (...files: string[]) => run(tools.actionlint, ['-no-color', '-shellcheck', tools.shellcheck, ...files]);

  it('actionlint rejects a workflow with an unknown input and a shell bug (the check has teeth)', () => {
    const dir = path.join(scratch, 'workflows/.github/workflows');
    mkdirSync(dir, { recursive: true });
    const bad = path.join(dir, 'bad.yml');
    writeFileSync(
      bad,
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n' +
        '      - uses: actions/checkout@v5\n        with:\n          depth: 1\n' +
        '      - run: rm -rf $HOME/$DIR\n',
    );
    const result = actionlint(bad);
    expect(result.status).not.toBe(0);
    expect(output(result)).toMatch(/input "depth" is not defined/);
    expect(output(result)).toMatch(/SC2086/);
  });

  it('actionlint (with shellcheck on every run: block) passes ci.yml and deploy.yml', () => {
    for (const file of workflows) expect(existsSync(path.join(root, file)), file).toBe(true);
    const result = actionlint(...workflows);
    expect(output(result), output(result)).toBe('');
    expect(result.status).toBe(0);
  });

  it('CI lints, typechecks, audits, builds and runs the test suite on Node 22', () => {
    const ci = readFileSync(path.join(root, '.github/workflows/ci.yml'), 'utf8');
    expect(ci).toMatch(/node-version: 22/);
    expect(ci).toMatch(/cache: npm/);
    for (const command of [
      'npm ci',
      'npm run lint',
      'npm run typecheck',
      'npm audit --omit=dev --audit-level=high',
      'npm run build --workspace @akount/web',
      'bash .ci/run',
    ]) {
      expect(ci).toContain(`run: ${command}`);
    }
  });

  it('deploy runs after CI on main or by hand with a release, one at a time, as deploy over SSH', () => {
    const deploy = readFileSync(path.join(root, '.github/workflows/deploy.yml'), 'utf8');
    expect(deploy).toMatch(/workflow_run:\s+workflows: \[CI\]\s+types: \[completed\]\s+branches: \[main\]/);
    expect(deploy).toMatch(/workflow_dispatch:\s+inputs:\s+release:/);
    expect(deploy).toMatch(/conclusion == 'success'/);
    expect(deploy).toMatch(/concurrency:\s+group: deploy-production\s+cancel-in-progress: false/);
    for (const secret of ['DEPLOY_HOST', 'DEPLOY_SSH_KEY', 'DEPLOY_KNOWN_HOSTS']) expect(deploy).toContain(`secrets.${secret}`);
    expect(deploy).toContain('User deploy');
    expect(deploy).toContain('StrictHostKeyChecking yes');
    expect(deploy).toContain(`akount/shared/bin/deploy.sh --repo '"$HOME/akount/incoming.git"' "$SHA"`);
    expect(deploy).toContain('git push --force akount:akount/incoming.git "$SHA:refs/heads/main"');
    expect(deploy).toContain('akount/shared/bin/rollback.sh "$RELEASE"');
    // The chat step runs only when its secret is set, and whatever the deploy's outcome.
    expect(deploy).toMatch(/if: always\(\) && env\.CHAT_WEBHOOK_URL != ''/);
  });
});

describe('docker-compose.temporal.yaml', () => {
  const password = 'static-test-password';
  const compose = (args: string[], extra: NodeJS.ProcessEnv) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...tools.compose.env, ...extra };
    for (const key of ['TEMPORAL_DB_PASSWORD', 'TEMPORAL_NAMESPACE', 'TEMPORAL_UI_PUBLIC_URL', 'TEMPORAL_UI_PUBLIC_PATH']) {
      if (!(key in extra)) delete env[key];
    }
    return run(tools.compose.command, [...tools.compose.args, '-f', composeFile, ...args], env);
  };

  interface Service {
    image: string;
    restart?: string;
    healthcheck?: { test?: string[] };
    depends_on?: Record<string, { condition: string }>;
    environment?: Record<string, string>;
    ports?: { host_ip?: string; published?: string; target: number }[];
    volumes?: { type: string; source: string; target: string }[];
    command?: string[];
  }
  interface Project {
    services: Record<string, Service>;
    volumes: Record<string, unknown>;
  }
  let project: Project;

  beforeAll(() => {
    const result = compose(['config', '--format', 'json'], { TEMPORAL_DB_PASSWORD: password });
    expect(result.status, output(result)).toBe(0);
    project = JSON.parse(result.stdout) as Project;
  });

  it('validates (docker compose config --quiet) with TEMPORAL_DB_PASSWORD set', () => {
    const result = compose(['config', '--quiet'], { TEMPORAL_DB_PASSWORD: password });
    expect(output(result)).toBe('');
    expect(result.status).toBe(0);
  });

  it('refuses to resolve without TEMPORAL_DB_PASSWORD, naming it', () => {
    const result = compose(['config', '--quiet'], {});
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/TEMPORAL_DB_PASSWORD is required/);
  });

  it('pins every image to a version, never latest, with server and admin tools on the same release', () => {
    const images = Object.values(project.services).map((service) => service.image);
    expect(images.length).toBeGreaterThanOrEqual(4);
    for (const image of images) {
      expect(image).toMatch(/:\d+\.\d+(\.\d+)?(-[a-z0-9]+)?$/);
      expect(image).not.toMatch(/:latest$/);
    }
    const tag = (name: string) => project.services[name]?.image.split(':')[1];
    expect(tag('temporal')).toBeDefined();
    expect(tag('temporal-admin-tools')).toBe(tag('temporal'));
    expect(tag('temporal-schema')).toBe(tag('temporal'));
  });

  it('gives every long-running service a health check; one-shots only gate their dependants', () => {
    for (const [name, service] of Object.entries(project.services)) {
      if (service.restart === 'unless-stopped') {
        expect(service.healthcheck?.test?.length, `${name} has no health check`).toBeGreaterThan(0);
      } else {
        const gated = Object.values(project.services).some(
          (other) => other.depends_on?.[name]?.condition === 'service_completed_successfully',
        );
        expect(gated, `${name} is neither long-running nor a completed dependency`).toBe(true);
      }
    }
    expect(project.services.temporal?.depends_on?.['temporal-schema']?.condition).toBe('service_completed_successfully');
    expect(project.services['temporal-ui']?.depends_on?.['temporal-admin-tools']?.condition).toBe('service_healthy');
  });

  it('keeps Temporal’s PostgreSQL data in a named volume and publishes only loopback ports', () => {
    expect(Object.keys(project.volumes)).toContain('temporal-postgresql-data');
    const data = project.services['temporal-postgresql']?.volumes?.find((volume) => volume.target === '/var/lib/postgresql/data');
    expect(data).toMatchObject({ type: 'volume', source: 'temporal-postgresql-data' });
    expect(project.services['temporal-postgresql']?.ports ?? []).toEqual([]);
    const published = Object.values(project.services).flatMap((service) => service.ports ?? []);
    expect(published.map((port) => `${port.host_ip}:${port.published}`).sort()).toEqual(['127.0.0.1:7233', '127.0.0.1:8233']);
  });

  it('uses its own PostgreSQL with the given password (never the app database)', () => {
    const server = project.services.temporal?.environment ?? {};
    expect(server.POSTGRES_SEEDS).toBe('temporal-postgresql');
    expect(server.POSTGRES_PWD).toBe(password);
    expect(project.services['temporal-postgresql']?.environment?.POSTGRES_PASSWORD).toBe(password);
    expect(JSON.stringify(project)).not.toContain('DATABASE_URL');
  });

  it('registers exactly the search attributes the API starts scans with', () => {
    const script = (project.services['temporal-admin-tools']?.command ?? []).join('\n');
    const registered = /for name in ([A-Za-z ]+); do/.exec(script)?.[1]?.trim().split(/\s+/) ?? [];
    expect(registered.sort()).toEqual(Object.values(searchAttributeNames).sort());
    expect(script).toContain('--type Keyword');
  });
});

describe('infra/scripts/setup-server.sh --dry-run', () => {
  let publicKey: string;
  let nginxSite: string;
  let dryRun: SpawnSyncReturns<string>;
  const watched = ['/home/deploy', '/etc/sudoers.d/akount-deploy', '/etc/ssh/sshd_config.d/00-akount.conf', '/etc/akount'];
  let before: boolean[];

  beforeAll(() => {
    const keyFile = path.join(scratch, 'ci_key');
    const keygen = run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ci@akount', '-f', keyFile]);
    expect(keygen.status, output(keygen)).toBe(0);
    publicKey = readFileSync(`${keyFile}.pub`, 'utf8').trim();
    nginxSite = path.join(scratch, 'akount.conf');
    writeFileSync(nginxSite, 'server { listen 80; }\n');
    before = watched.map((file) => existsSync(file));
    dryRun = run('bash', [
      setupServer,
      '--dry-run',
      '--deploy-key',
      `${keyFile}.pub`,
      '--domain',
      'books.example.test',
      '--email',
      'ops@example.test',
      '--temporal-compose',
      composeFile,
      '--nginx-site',
      nginxSite,
    ]);
  });

  /** The content a dry run prints for a file it would write. */
  function fileBlock(file: string): string {
    const lines = dryRun.stdout.split('\n');
    const start = lines.findIndex((line) => new RegExp(`^\\[dry-run\\] (would write|unchanged) ${file} `).test(line));
    expect(start, `no block for ${file}`).toBeGreaterThanOrEqual(0);
    const body: string[] = [];
    for (const line of lines.slice(start + 1)) {
      if (!line.startsWith('    | ')) break;
      body.push(line.slice(6));
    }
    return body.join('\n');
  }

  it('completes and changes nothing on this machine', () => {
    expect(dryRun.status, output(dryRun)).toBe(0);
    expect(dryRun.stdout).toContain('dry run done: nothing was changed');
    expect(watched.map((file) => existsSync(file))).toEqual(before);
  });

  it('opens only SSH (rate-limited), HTTP, HTTPS and the Temporal UI port (Nginx basic auth), with incoming denied by default', () => {
    const ufw = dryRun.stdout.split('\n').filter((line) => line.startsWith('[dry-run] would run: ufw '));
    expect(ufw).toContain('[dry-run] would run: ufw default deny incoming');
    expect(ufw.some((line) => line.includes('ufw limit 22/tcp'))).toBe(true);
    expect(ufw.some((line) => line.includes('ufw allow 80/tcp'))).toBe(true);
    expect(ufw.some((line) => line.includes('ufw allow 443/tcp'))).toBe(true);
    const opened = ufw.flatMap((line) => /ufw (?:allow|limit) (\d+)\//.exec(line)?.[1] ?? []);
    expect(opened.sort()).toEqual(['22', '443', '80', '8443']);
    // SSH is allowed before the firewall is switched on, so enabling it cannot cut the session.
    expect(ufw.findIndex((line) => line.includes('22/tcp'))).toBeLessThan(ufw.findIndex((line) => line.includes('--force enable')));
  });

  it('hardens sshd in a drop-in read before cloud-init’s, checked with sshd -t before reload', () => {
    const sshd = fileBlock('/etc/ssh/sshd_config.d/00-akount.conf');
    for (const setting of [
      'PermitRootLogin no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'AllowUsers deploy akadmin',
    ]) {
      expect(sshd.split('\n')).toContain(setting);
    }
    expect(dryRun.stdout).toContain('sshd -t, then systemctl try-reload-or-restart ssh');
  });

  it('lets deploy sudo only nginx -t and reloading nginx, and authorizes its key', () => {
    const sudoers = fileBlock('/etc/sudoers.d/akount-deploy');
    const grants = sudoers.split('\n').filter((line) => line && !line.startsWith('#') && !line.startsWith('Defaults'));
    expect(grants).toEqual([
      'Cmnd_Alias AKOUNT_NGINX = /usr/sbin/nginx -t, /usr/bin/systemctl reload nginx',
      'deploy ALL=(root) NOPASSWD: AKOUNT_NGINX',
    ]);
    expect(dryRun.stdout).toContain(`would add to /home/deploy/.ssh/authorized_keys: ${publicKey.slice(0, 60)}`);
  });

  it('installs Node 22 from NodeSource, PM2 at boot as deploy, ClamAV, Docker, certbot and the site', () => {
    expect(fileBlock('/etc/apt/sources.list.d/nodesource.sources')).toContain('URIs: https://deb.nodesource.com/node_22.x');
    expect(dryRun.stdout).toMatch(/pm2 startup systemd -u deploy --hp \/home\/deploy/);
    expect(dryRun.stdout).toContain('clamav-daemon on /run/clamav/clamd.ctl');
    expect(dryRun.stdout).toMatch(/apt-get install .*docker-ce .*docker-compose-plugin/);
    expect(dryRun.stdout).toMatch(/certbot certonly --nginx .* -d books\.example\.test/);
    expect(dryRun.stdout).toContain('/etc/nginx/sites-available/akount.conf');
    expect(dryRun.stdout).toMatch(/docker compose --env-file \/etc\/akount\/temporal\/temporal\.env .* up -d --wait/);
    expect(fileBlock('/etc/apt/apt.conf.d/20auto-upgrades')).toContain('APT::Periodic::Unattended-Upgrade "1";');
  });

  it('lays out releases, shared and backups, with a mode-600 env placeholder using only known variables', () => {
    for (const dir of ['releases', 'shared', 'backups'])
      expect(dryRun.stdout).toContain(`-o deploy -g deploy /home/deploy/akount/${dir}\n`);
    expect(dryRun.stdout).toMatch(/would write \/home\/deploy\/akount\/shared\/\.env \(mode 600, owner deploy:deploy\)/);
    const placeholder = fileBlock('/home/deploy/akount/shared/.env');
    const known = new Set([...readFileSync(path.join(root, '.env.example'), 'utf8').matchAll(/^([A-Z0-9_]+)=/gm)].map((match) => match[1]));
    const keys = [...placeholder.matchAll(/^([A-Z0-9_]+)=/gm)].map((match) => match[1]);
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.filter((key) => !known.has(key))).toEqual([]);
    expect(placeholder).toContain('NODE_ENV=production');
    expect(placeholder).toContain('CLAMAV_SOCKET=/run/clamav/clamd.ctl');
    expect(placeholder).toContain('CORS_ORIGINS=https://books.example.test');
    expect(placeholder).toContain('API_TRUST_PROXY=loopback');
  });

  it('refuses to run without a valid deploy key, or with a domain but no e-mail', () => {
    const noKey = run('bash', [setupServer, '--dry-run'], { ...process.env, DEPLOY_PUBLIC_KEY: '' });
    expect(noKey.status).not.toBe(0);
    expect(noKey.stderr).toContain('--deploy-key');
    const badKey = run('bash', [setupServer, '--dry-run', '--deploy-key', 'ssh-ed25519 not-base64!']);
    expect(badKey.status).not.toBe(0);
    expect(badKey.stderr).toContain('not an OpenSSH public key');
    const noEmail = run('bash', [setupServer, '--dry-run', '--deploy-key', publicKey, '--domain', 'books.example.test'], {
      ...process.env,
      CERTBOT_EMAIL: '',
    });
    expect(noEmail.status).not.toBe(0);
    expect(noEmail.stderr).toContain('--email is required');
  });

  const visudo = ['/usr/sbin/visudo', '/usr/bin/visudo'].find((file) => existsSync(file));

  it.skipIf(!visudo)('writes sudoers drop-ins that visudo -cf accepts (and visudo rejects a broken one)', () => {
    const printed = run('bash', [setupServer, '--print-sudoers']);
    expect(printed.status, output(printed)).toBe(0);
    const file = path.join(scratch, 'sudoers');
    writeFileSync(file, printed.stdout, { mode: 0o440 });
    const check = run(visudo!, ['-cf', file]);
    expect(output(check)).toContain('parsed OK');
    expect(check.status).toBe(0);

    const broken = path.join(scratch, 'sudoers-broken');
    writeFileSync(broken, 'deploy ALL=(root) NOPASSWD: nginx -t\n', { mode: 0o440 });
    expect(run(visudo!, ['-cf', broken]).status).not.toBe(0);
  });
});

describe('docs/deploy.md', () => {
  /** Every file's text under a folder (recursively). */
  function textsUnder(folder: string): string[] {
    const dir = path.join(root, folder);
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .map((file) => path.join(dir, file))
      .filter((file) => statSync(file).isFile())
      .map((file) => readFileSync(file, 'utf8'));
  }

  it('names only variables the app, the kit or the workflows define', () => {
    // Inline code only: fenced blocks (```) would pair their backticks with the prose's.
    const doc = readFileSync(path.join(root, 'docs/deploy.md'), 'utf8').replace(/```[\s\S]*?```/g, '');
    const spans = [...doc.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');
    const names = new Set(spans.flatMap((span) => [...span.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)].map((match) => match[0])));
    expect(names.size).toBeGreaterThan(30);
    const defined = [
      readFileSync(path.join(root, '.env.example'), 'utf8'),
      readFileSync(composeFile, 'utf8'),
      ...textsUnder('infra'),
      ...textsUnder('.github/workflows'),
      ...textsUnder('packages/contracts/src'),
    ].join('\n');
    const unknown = [...names].filter((name) => !new RegExp(`\\b${name}\\b`).test(defined));
    expect(unknown).toEqual([]);
  });

  it('keeps the sections the runbook promises', () => {
    const doc = readFileSync(path.join(root, 'docs/deploy.md'), 'utf8');
    for (const heading of ['The droplet', 'Managed PostgreSQL', 'Cloudflare', 'Clerk', 'Temporal', 'Nginx', 'PM2', 'Deploy and rollback']) {
      expect(doc).toMatch(new RegExp(`^## \\d+\\. ${heading}`, 'm'));
    }
    for (const heading of ['Monitoring and uptime checks', 'Backups and restore', 'Production-readiness checklist', 'Monthly cost']) {
      expect(doc).toMatch(new RegExp(`^## \\d+\\. ${heading}`, 'm'));
    }
  });
});
