/**
 * `npm start` (electron/scripts/start.mjs) as a child process. A fake `npm` first on PATH records
 * what the script asks it to build, so neither case really builds or launches anything.
 */
import { spawnSync } from 'node:child_process';
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
  it('with no Electron runtime: one line naming npm run web, exit 1, nothing built', () => {
    const here = findElectronRuntime();
    // On this machine the runtime is genuinely missing; where it exists, point the lookup nowhere.
    const env: Record<string, string> =
      here.path === null ? {} : { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-electron-here') };
    const run = start(env);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^convlab: the Electron runtime is missing \(.+\), so the desktop app cannot start; .*npm run web$/,
    );
    expect(existsSync(npmLog)).toBe(false);
    expect(run.seconds).toBeLessThan(5);
  });

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
