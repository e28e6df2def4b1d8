/**
 * `npm start` (electron/scripts/start.mjs) as a child process. Without a runtime it really serves the
 * build here (fetched over http, then stopped); with one, a fake `npm` first on PATH records what the
 * script asks it to build, so that case really builds or launches nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronRuntime } from '../../electron/scripts/electron-runtime.mjs';

const root = join(import.meta.dirname, '..', '..');
const startScript = join(root, 'electron', 'scripts', 'start.mjs');
let dir: string;
let npmLog: string;
let electronLog: string;

/** A shell script that appends its arguments to `log`. */
function recorder(path: string, log: string): void {
  writeFileSync(path, `#!/bin/sh\necho "$@" >> "${log}"\nexit 0\n`);
  chmodSync(path, 0o755);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'convlab-start-'));
  mkdirSync(join(dir, 'bin'));
  npmLog = join(dir, 'npm.log');
  electronLog = join(dir, 'electron.log');
  recorder(join(dir, 'bin', 'npm'), npmLog);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  const began = performance.now();
  const run = spawnSync(process.execPath, [startScript], {
    cwd: root,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, PATH: `${join(dir, 'bin')}${delimiter}${process.env.PATH ?? ''}`, ...env },
  });
  return { ...run, seconds: (performance.now() - began) / 1000 };
}

describe.skipIf(process.platform === 'win32')('npm start', () => {
  it('with no Electron runtime: serves the production build, prints its address, and keeps running', async () => {
    const here = findElectronRuntime();
    // On this machine the runtime is genuinely missing; where it exists, point the lookup nowhere.
    const env: Record<string, string> =
      here.path === null ? {} : { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-electron-here') };
    // The real npm: when dist/renderer is missing the script builds it, as a user's first start does.
    const child = spawn(process.execPath, [startScript], {
      cwd: root,
      env: { ...process.env, ...env, CONVLAB_PORT: '0', CONVLAB_NO_BROWSER: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          const match = /^convlab: the lab is at (http:\/\/localhost:\d+\/) \(Ctrl\+C to stop\)$/m.exec(
            stdout,
          );
          if (match) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`start exited ${code} before serving: ${stderr}`)));
      });
      expect(stderr).toMatch(
        /^convlab: the Electron runtime is missing \(.+\), so the desktop app cannot start; serving the same lab to a browser instead$/m,
      );
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await page.text();
      expect(html).toContain('<title>ConvLab</title>');
      expect(html).toContain('<div id="app"></div>');
      // The app's own script loads from the same server.
      const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      const asset = await fetch(new URL(script!, url));
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect((await fetch(new URL('../package.json', url))).status).toBe(404);
      // Still serving a moment later: it keeps running instead of exiting.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((resolve) =>
      child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (c) => resolve(c)),
    );
    expect(code).toBe(0);
  }, 180_000);

  it('with a runtime: builds the renderer, then the shell, then launches Electron on the project', () => {
    const distDir = join(dir, 'electron-dist');
    mkdirSync(distDir);
    // path.txt names the executable when the binary was downloaded; without it the lookup uses "electron".
    const pathTxt = join(root, 'node_modules/electron/path.txt');
    const name = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : 'electron';
    mkdirSync(join(distDir, name, '..'), { recursive: true });
    recorder(join(distDir, name), electronLog);

    const run = start({ ELECTRON_OVERRIDE_DIST_PATH: distDir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(npmLog, 'utf8').trim().split('\n')).toEqual([
      'run --silent build',
      'run --silent build:electron',
    ]);
    expect(readFileSync(electronLog, 'utf8').trim()).toBe(root);
  });
});
