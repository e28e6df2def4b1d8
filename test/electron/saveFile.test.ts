// Save writes through a temporary file, fsync and a rename (core/node/atomicWrite.ts): a disk that
// fills up mid-write leaves the old file whole, a symbolic link stays a link, a file keeps its mode.
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dialog } from './helpers/fake-electron.ts';
import { ipcEventFrom } from './helpers/ipc-event.ts';
import { handleSaveFile } from '../../electron/main/ipc-handlers.ts';
import { loadWindowState, saveWindowState } from '../../electron/main/window-state.ts';

vi.mock('electron', () => import('./helpers/fake-electron.ts'));

/**
 * A disk that can fill up: while `full`, every write (fs/promises writeFile, or a FileHandle's
 * write) stores the first half of its bytes and then fails with ENOSPC, as a real full disk does.
 */
const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const noSpace = () =>
    Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
  const half = (data: Uint8Array) => data.subarray(0, Math.floor(data.byteLength / 2));
  const mocked = {
    ...real,
    async writeFile(...args: Parameters<typeof real.writeFile>) {
      if (!disk.full) return real.writeFile(...args);
      await real.writeFile(args[0], half(args[1] as Uint8Array));
      throw noSpace();
    },
    async open(...args: Parameters<typeof real.open>) {
      const handle = await real.open(...args);
      if (disk.full) {
        const write = handle.write.bind(handle) as (b: Uint8Array, o: number, l: number) => Promise<unknown>;
        Object.assign(handle, {
          async write(buffer: Uint8Array, offset = 0, length = buffer.byteLength - offset) {
            await write(buffer, offset, Math.floor(length / 2));
            throw noSpace();
          },
        });
      }
      return handle;
    },
  };
  return { ...mocked, default: mocked };
});

const appPage = ipcEventFrom('app://convlab/index.html');
let dir: string;
const options = () => ({ defaultDirectory: () => dir });
const save = (path: string, text: string) => {
  dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: path });
  return handleSaveFile(
    appPage,
    { suggestedName: 'lab.convlab.json', bytes: new TextEncoder().encode(text), filters: [] },
    options(),
  );
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'convlab-save-'));
  disk.full = false;
  vi.clearAllMocks();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('save-file writes atomically', () => {
  it('a disk that fills up mid-write: the save fails with one line and the old file is intact', async () => {
    const path = join(dir, 'lab.convlab.json');
    const old = JSON.stringify({ epochs: 400_000, note: 'hours of work' });
    writeFileSync(path, old);
    disk.full = true;
    const result = await save(path, JSON.stringify({ epochs: 400_001, history: new Array(1000).fill(0.5) }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(
      /^Could not save "lab\.convlab\.json": ENOSPC: no space left on device/,
    );
    expect(!result.ok && result.error.includes('\n')).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(old);
    // The partly written temporary file is removed, not left beside the lab.
    expect(readdirSync(dir)).toEqual(['lab.convlab.json']);
  });

  it('saving over a symbolic link replaces the file it points at; the link stays', async () => {
    writeFileSync(join(dir, 'real.json'), 'old');
    symlinkSync('real.json', join(dir, 'link.json'));
    const result = await save(join(dir, 'link.json'), 'new');
    expect(result).toEqual({ ok: true, value: 'link.json' });
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.json'))).toBe('real.json');
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toBe('new');
  });

  it('saving over a file with mode 0600 keeps mode 0600', async () => {
    const path = join(dir, 'private.json');
    writeFileSync(path, 'old');
    chmodSync(path, 0o600);
    expect((await save(path, 'new')).ok).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('new');
  });

  it('the window state is saved by the same helper: through a link, keeping the mode, no temporary file left', () => {
    const real = join(dir, 'state-real.json');
    writeFileSync(real, '{}');
    chmodSync(real, 0o600);
    const link = join(dir, 'window-state.json');
    symlinkSync(real, link);
    const state = { width: 1400, height: 900, maximized: false };
    saveWindowState(link, state);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(loadWindowState(link)).toEqual(state);
    expect(readdirSync(dir).sort()).toEqual(['state-real.json', 'window-state.json']);
  });
});
