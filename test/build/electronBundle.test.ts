/** `npm run build:electron` (electron/scripts/build.mjs), bundled into a temporary directory. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow, protocol } from '../electron/helpers/fake-electron.ts';
import { BRIDGE_FUNCTIONS } from '../electron/helpers/bridge-functions.ts';

vi.mock('electron', () => import('../electron/helpers/fake-electron.ts'));

const root = join(import.meta.dirname, '..', '..');
let outdir: string;

beforeAll(() => {
  // The same layout as the app: <dir>/electron (the bundle) beside <dir>/renderer.
  outdir = join(mkdtempSync(join(tmpdir(), 'convlab-bundle-')), 'electron');
  mkdirSync(outdir);
  const run = spawnSync(process.execPath, [join(root, 'electron/scripts/build.mjs'), '--outdir', outdir], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`build:electron failed: ${run.stderr}`);
});
afterAll(() => rmSync(join(outdir, '..'), { recursive: true, force: true }));

const requires = (code: string) => [...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
const imports = (code: string) =>
  [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]);

describe('the Electron bundle', () => {
  it('writes main.js and preload.cjs with source maps', () => {
    expect(readdirSync(outdir).sort()).toEqual(['main.js', 'main.js.map', 'preload.cjs', 'preload.cjs.map']);
  });

  it('bundles the preload as one CommonJS file that requires only electron (a sandboxed preload can load nothing else)', () => {
    const preload = readFileSync(join(outdir, 'preload.cjs'), 'utf8');
    expect(new Set(requires(preload))).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/^import /m);
    expect(preload).toContain('exposeInMainWorld');
  });

  it('bundles main as ESM importing only electron and Node built-ins, zod included', () => {
    const main = readFileSync(join(outdir, 'main.js'), 'utf8');
    for (const specifier of imports(main)) expect(specifier).toMatch(/^(electron|node:[a-z/]+)$/);
    expect(requires(main)).toEqual([]);
    expect(main).not.toMatch(/from "zod"/);
  });
});

describe('the bundles run', () => {
  it('the preload exposes the bridge in a bare context whose require knows only electron (as in the sandbox)', () => {
    const exposeInMainWorld = vi.fn();
    const electron = { contextBridge: { exposeInMainWorld }, ipcRenderer: { invoke: vi.fn(), on: vi.fn() } };
    const sandboxRequire = (name: string) => {
      if (name !== 'electron') throw new Error(`sandboxed preload cannot require ${name}`);
      return electron;
    };
    const module = { exports: {} };
    runInNewContext(readFileSync(join(outdir, 'preload.cjs'), 'utf8'), {
      require: sandboxRequire,
      module,
      exports: module.exports,
    });
    expect(exposeInMainWorld).toHaveBeenCalledOnce();
    const [name, api] = exposeInMainWorld.mock.calls[0] as [string, object];
    expect(name).toBe('convlab');
    expect(Object.keys(api).sort()).toEqual(BRIDGE_FUNCTIONS);
  });

  it('main registers app:// before ready and points the window at the bundled preload and the renderer beside it', async () => {
    app.whenReady.mockImplementation(() => Promise.resolve());
    await import(/* @vite-ignore */ join(outdir, 'main.js'));
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(BrowserWindow.created).toHaveLength(1));
    const preference = BrowserWindow.created[0].options.webPreferences as { preload: string };
    expect(preference.preload).toBe(join(outdir, 'preload.cjs'));
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const rendererDir = join(outdir, '..', 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<title>bundled</title>');
    const serve = protocol.handle.mock.calls[0][1] as (request: Request) => Promise<Response>;
    expect(await (await serve(new Request('app://convlab/'))).text()).toBe('<title>bundled</title>');
  });
});
