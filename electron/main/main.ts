/** The Electron entry point (bundled to dist/electron/main.js, package.json "main"). */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runApp } from './run-app.ts';

const bundleDir = dirname(fileURLToPath(import.meta.url));
runApp({ rendererDir: join(bundleDir, '..', 'renderer'), preloadPath: join(bundleDir, 'preload.cjs') });
