// `npm start`: with the Electron runtime, builds the renderer and the shell, then launches Electron.
// Without it (an offline install that could not download it, a platform it does not support), serves
// the same production build on a local port instead, building it only when it is missing, prints the
// address, opens the system browser when there is one, and keeps serving until stopped. The runtime is
// downloaded on first start when npm skipped the electron package's install script.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronRuntime } from './electron-runtime.mjs';
import { serveBuild } from './serve-build.mjs';
import { browserCommand, portCandidates, startPlan } from './start-plan.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rendererBuild = join(root, 'dist', 'renderer');
let runtime = findElectronRuntime();
if (runtime.path === null && !process.env.ELECTRON_OVERRIDE_DIST_PATH) runtime = downloadRuntime();
const plan = startPlan({ runtime, hasBuild: existsSync(join(rendererBuild, 'index.html')) });

if (plan.kind === 'browser') console.error(plan.notice);
build(plan.builds);
if (plan.kind === 'electron') {
  const app = spawnSync(plan.runtimePath, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  process.exit(app.status ?? 1);
}
await serveInBrowser();

/**
 * npm 11 skips dependencies' install scripts, so `npm install` never ran the electron package's
 * download of its binary. Run that same script once; offline it fails within a second, and the
 * plan reports the reason in one line.
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

/** Runs `npm run <script>` for each, stopping at the first failure with one line. */
function build(scripts) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  for (const script of scripts) {
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
}

async function serveInBrowser() {
  let server;
  try {
    server = await serveBuild(rendererBuild, portCandidates(process.env));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  console.log(`convlab: the lab is at ${server.url} (Ctrl+C to stop)`);
  const opener = browserCommand(process.platform, process.env, server.url);
  if (opener !== null) {
    // Failing quietly: the address above is the way in when no browser opens.
    const child = spawn(opener.command, opener.args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  }
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => void server.close().then(() => process.exit(0)));
  }
}
