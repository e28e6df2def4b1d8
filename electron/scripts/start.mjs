// `npm start`: builds the renderer and the shell, then launches Electron. Checks for the Electron
// runtime first, so a machine that could not download it (offline installs) gets one line and the
// browser alternative at once, without a build it cannot use.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronRuntime } from './electron-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const runtime = findElectronRuntime();
if (runtime.path === null) {
  console.error(
    `convlab: the Electron runtime is missing (${runtime.reason}), so the desktop app cannot start; open the same lab in a browser instead: npm run web`,
  );
  process.exit(1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
for (const script of ['build', 'build:electron']) {
  const run = spawnSync(npm, ['run', '--silent', script], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (run.status !== 0) {
    console.error(
      `convlab: npm run ${script} failed (exit ${run.status ?? run.signal}); not starting the app`,
    );
    process.exit(1);
  }
}

const app = spawnSync(runtime.path, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(app.status ?? 1);
