// `npm start`: builds the renderer and the shell, then launches Electron. Checks for the Electron
// runtime first, so a machine that could not download it (offline installs) gets one line and the
// browser alternative at once, without a build it cannot use. The runtime is downloaded on first start
// when npm skipped the electron package's install script.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronRuntime } from './electron-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let runtime = findElectronRuntime();
if (runtime.path === null && !process.env.ELECTRON_OVERRIDE_DIST_PATH) runtime = downloadRuntime();
if (runtime.path === null) {
  console.error(
    `convlab: the Electron runtime is missing (${runtime.reason}), so the desktop app cannot start; open the same lab in a browser instead: npm run web`,
  );
  process.exit(1);
}

/**
 * npm 11 skips dependencies' install scripts, so `npm install` never ran the electron package's
 * download of its binary. Run that same script once; offline it fails within a second, and the
 * caller reports the reason in one line.
 */
function downloadRuntime() {
  const installScript = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installScript)) return findElectronRuntime();
  if (process.stderr.isTTY) console.error('convlab: downloading the Electron runtime (first start only)…');
  const download = spawnSync(process.execPath, [installScript], {
    cwd: root,
    stdio: 'ignore',
    timeout: 600_000,
  });
  const found = findElectronRuntime();
  if (found.path !== null || download.status === 0) return found;
  return { path: null, reason: `${found.reason}, and downloading it failed` };
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
