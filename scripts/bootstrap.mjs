// `npm start` / `npm test` on a machine with only Node and npm: installs the workspace
// with the pinned pnpm when needed (first run, or the lockfile changed), then runs the
// given command from node_modules/.bin. Plain JavaScript: nothing is installed yet.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const PNPM = 'pnpm@10.34.9';
const [command, ...args] = process.argv.slice(2);

const run = (cmd, cmdArgs) => {
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const marker = path.join(root, 'node_modules', '.modules.yaml');
const generated = path.join(root, 'subgraphs', 'civil-affairs', 'src', 'generated');
const stale =
  !existsSync(marker) ||
  !existsSync(generated) ||
  statSync(path.join(root, 'pnpm-lock.yaml')).mtimeMs > statSync(marker).mtimeMs;
if (stale) {
  console.error(`Installing with ${PNPM} (first run or changed lockfile)…`);
  run('npx', ['--yes', PNPM, 'install', '--frozen-lockfile']);
}
if (command) run(path.join(root, 'node_modules', '.bin', command), args);
