// Runs a project command on a machine with only Node and npm (`npm start`, `npm test`,
// `npm run token -- …`): installs the workspace with the pinned pnpm when needed (first run, or
// the lockfile changed), then runs the command from node_modules/.bin, or `pnpm` itself through
// npx. Install output goes to stderr, so a command's stdout (a token) stays clean.
// Plain JavaScript: nothing is installed yet.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const PNPM = 'pnpm@10.34.9';
const [command, ...args] = process.argv.slice(2);
// No "update available" boxes from npm or pnpm: the versions are pinned on purpose.
const env = { ...process.env, npm_config_update_notifier: 'false', NPM_CONFIG_UPDATE_NOTIFIER: 'false', npm_config_fund: 'false' };

const run = (cmd, cmdArgs, stdio = 'inherit') => {
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio, env, shell: process.platform === 'win32' });
  if (result.error) {
    console.error(`${cmd}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const marker = path.join(root, 'node_modules', '.modules.yaml');
const generated = path.join(root, 'subgraphs', 'civil-affairs', 'src', 'generated');
const stale = !existsSync(marker) || !existsSync(generated) || statSync(path.join(root, 'pnpm-lock.yaml')).mtimeMs > statSync(marker).mtimeMs;
if (stale) {
  console.error(`Installing with ${PNPM} (first run or changed lockfile)…`);
  run('npx', ['--yes', PNPM, 'install', '--frozen-lockfile'], ['inherit', process.stderr, 'inherit']);
}
if (command === 'pnpm') run('npx', ['--yes', PNPM, ...args]);
else if (command) run(path.join(root, 'node_modules', '.bin', command), args);
