/** `npm run build:electron` (electron/scripts/build.mjs), bundled into a temporary directory. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
let outdir: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'convlab-bundle-'));
  const run = spawnSync(process.execPath, [join(root, 'electron/scripts/build.mjs'), '--outdir', outdir], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`build:electron failed: ${run.stderr}`);
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

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
