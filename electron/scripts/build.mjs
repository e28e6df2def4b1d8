// `npm run build:electron`: bundles the main process (ESM, as package.json is "type": "module") and
// the preload (one CommonJS file, as sandboxed preloads require) into dist/electron/. esbuild is the
// one tsx depends on; zod is bundled into main so the packaged app needs no node_modules.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// `--outdir <dir>` lets tests bundle elsewhere; the app itself always loads dist/electron.
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag === -1 ? join(root, 'dist', 'electron') : resolve(process.argv[outdirFlag + 1]);
// Electron 45 ships Node 22 and Chromium 140.
const shared = {
  bundle: true,
  platform: 'node',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
};

rmSync(outdir, { recursive: true, force: true });
await Promise.all([
  build({
    ...shared,
    entryPoints: [join(root, 'electron/main/main.ts')],
    outfile: join(outdir, 'main.js'),
    format: 'esm',
    target: 'node22',
  }),
  build({
    ...shared,
    entryPoints: [join(root, 'electron/preload/preload.ts')],
    outfile: join(outdir, 'preload.cjs'),
    format: 'cjs',
    target: 'chrome140',
  }),
]);
console.log(`build:electron: wrote ${outdir}/main.js and preload.cjs`);
