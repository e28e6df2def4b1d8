// Finds the Electron executable without triggering the `electron` package's download: its index.js
// downloads the binary when it is missing, which hangs or fails offline. This reads the same
// path.txt it writes after a successful download, and honours ELECTRON_OVERRIDE_DIST_PATH.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** @returns {{ path: string } | { path: null, reason: string }} */
export function findElectronRuntime() {
  let packageDir;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, executable ?? 'electron');
    return existsSync(candidate)
      ? { path: candidate }
      : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron executable at ${candidate}` };
  }
  if (executable === undefined) {
    return {
      path: null,
      reason: 'its binary was never downloaded: node_modules/electron/path.txt is missing',
    };
  }
  const candidate = join(packageDir, 'dist', executable);
  return existsSync(candidate)
    ? { path: candidate }
    : { path: null, reason: `its binary is missing at ${candidate}` };
}
