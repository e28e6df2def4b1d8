import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dialog, ipcMain } from './helpers/fake-electron.ts';
import { ipcEventFrom } from './helpers/ipc-event.ts';
import { handleOpenFile, handleSaveFile, registerIpcHandlers } from '../../electron/main/ipc-handlers.ts';
import { maxWriteBytes } from '../../electron/main/ipc-schemas.ts';
import { LIMITS, overLimit } from '../../core/src/limits.ts';
import { ipcChannels } from '../../electron/ipc/channels.ts';

vi.mock('electron', () => import('./helpers/fake-electron.ts'));

const appPage = ipcEventFrom('app://convlab/index.html');
const jsonFilter = [{ name: 'ConvLab weights', extensions: ['json'] }];
let dir: string;
const options = () => ({ defaultDirectory: () => dir });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'convlab-ipc-'));
  vi.clearAllMocks();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('save-file', () => {
  it('writes the bytes where the user chose and returns the file name', async () => {
    const target = join(dir, 'chosen.json');
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const bytes = new TextEncoder().encode('{"w":[1,2]}');
    const result = await handleSaveFile(
      appPage,
      { suggestedName: 'weights.json', bytes, filters: jsonFilter },
      options(),
    );
    expect(result).toEqual({ ok: true, value: 'chosen.json' });
    expect(readFileSync(target, 'utf8')).toBe('{"w":[1,2]}');
    expect(dialog.showSaveDialog).toHaveBeenCalledWith({
      defaultPath: join(dir, 'weights.json'),
      filters: jsonFilter,
    });
  });

  it('returns null and writes nothing when the dialog is cancelled', async () => {
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    const result = await handleSaveFile(
      appPage,
      { suggestedName: 'weights.json', bytes: new Uint8Array([1]), filters: jsonFilter },
      options(),
    );
    expect(result).toEqual({ ok: true, value: null });
  });

  it('reports a write failure with the file name', async () => {
    dialog.showSaveDialog.mockResolvedValue({
      canceled: false,
      filePath: join(dir, 'missing-dir', 'w.json'),
    });
    const result = await handleSaveFile(
      appPage,
      { suggestedName: 'w.json', bytes: new Uint8Array([1]), filters: [] },
      options(),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^Could not save "w\.json": ENOENT/);
  });

  it.each([
    [
      'a path instead of a name',
      { suggestedName: '../../etc/passwd', bytes: new Uint8Array(1), filters: [] },
      /suggestedName/,
    ],
    ['bytes as a plain array', { suggestedName: 'w.json', bytes: [1, 2, 3], filters: [] }, /bytes/],
    [
      'an extension with a dot',
      { suggestedName: 'w.json', bytes: new Uint8Array(1), filters: [{ name: 'x', extensions: ['.json'] }] },
      /filters\.0\.extensions\.0/,
    ],
    [
      'an extra field',
      { suggestedName: 'w.json', bytes: new Uint8Array(1), filters: [], path: '/tmp/x' },
      /path/,
    ],
    ['no payload', undefined, /payload/],
  ])(
    'throws when the payload has %s: rejected by zod before any dialog',
    async (_label, payload, problem) => {
      const result = await handleSaveFile(appPage, payload, options());
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatch(new RegExp(`^${ipcChannels.saveFile}: invalid request`));
      expect(!result.ok && result.error).toMatch(problem);
      expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    },
  );

  it(`throws when the payload is larger than ${maxWriteBytes} bytes`, async () => {
    const bytes = new Uint8Array(maxWriteBytes + 1);
    const result = await handleSaveFile(appPage, { suggestedName: 'big.png', bytes, filters: [] }, options());
    expect(!result.ok && result.error).toMatch(/bytes: at most/);
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });
});

describe('open-file', () => {
  it('reads the chosen file and returns its name and bytes', async () => {
    const path = join(dir, 'lab.convlab.json');
    writeFileSync(path, '{"version":1}');
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [path] });
    const result = await handleOpenFile(appPage, { filters: jsonFilter }, options());
    expect(result.ok).toBe(true);
    const file = result.ok ? result.value : null;
    expect(file?.name).toBe('lab.convlab.json');
    expect(new TextDecoder().decode(file?.bytes)).toBe('{"version":1}');
    expect(dialog.showOpenDialog).toHaveBeenCalledWith({ properties: ['openFile'], filters: jsonFilter });
  });

  it('returns null when the dialog is cancelled', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await handleOpenFile(appPage, { filters: [] }, options())).toEqual({ ok: true, value: null });
  });

  it.each([
    ['huge.json', 'fileBytes'],
    ['huge.png', 'imageFileBytes'],
  ] as const)(
    'throws when the chosen file (%s) is larger than LIMITS.%s, without reading it',
    async (name, limit) => {
      const path = join(dir, name);
      writeFileSync(path, '');
      // A sparse file: its size is over the cap without writing 64 MiB.
      const { truncateSync } = await import('node:fs');
      truncateSync(path, LIMITS[limit].max + 1);
      dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [path] });
      const result = await handleOpenFile(appPage, { filters: [] }, options());
      expect(result).toEqual({
        ok: false,
        error: overLimit(limit, `the size in bytes of "${name}"`, LIMITS[limit].max + 1),
      });
    },
  );

  it('throws when the chosen path is not a regular file', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [dir] });
    const result = await handleOpenFile(appPage, { filters: [] }, options());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/" is not a regular file$/);
  });

  it('throws when the chosen file cannot be opened', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [join(dir, 'gone.json')] });
    const result = await handleOpenFile(appPage, { filters: [] }, options());
    expect(!result.ok && result.error).toMatch(/ENOENT/);
  });

  it('throws when the payload is not { filters }', async () => {
    const result = await handleOpenFile(appPage, { filters: 'json' }, options());
    expect(!result.ok && result.error).toMatch(/^convlab:open-file: invalid request \(filters:/);
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
  });
});

describe('sender validation', () => {
  it.each([
    ['a remote page', ipcEventFrom('https://evil.example/index.html')],
    ['a file:// page', ipcEventFrom('file:///tmp/index.html')],
    ['another app:// host', ipcEventFrom('app://other/index.html')],
    ['a subframe of the app', ipcEventFrom('app://convlab/index.html', {})],
    ['a destroyed frame', ipcEventFrom(null)],
  ])('throws when the request comes from %s: refused before validation or dialogs', async (_label, event) => {
    const save = await handleSaveFile(
      event,
      { suggestedName: 'w.json', bytes: new Uint8Array(1), filters: [] },
      options(),
    );
    const open = await handleOpenFile(event, { filters: [] }, options());
    expect(!save.ok && save.error).toMatch(
      /^convlab:save-file: refused a request from .*, which is not the app's page$/,
    );
    expect(!open.ok && open.error).toMatch(/^convlab:open-file: refused a request from/);
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('trusts the dev server origin only when one is configured', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    const devPage = ipcEventFrom('http://localhost:5173/');
    expect((await handleOpenFile(devPage, { filters: [] }, options())).ok).toBe(false);
    const withDev = { ...options(), devServerUrl: 'http://localhost:5173' };
    expect(await handleOpenFile(devPage, { filters: [] }, withDev)).toEqual({ ok: true, value: null });
  });
});

it('registers one handler per invoke channel', () => {
  registerIpcHandlers(options());
  expect([...ipcMain.handlers.keys()].sort()).toEqual(
    [ipcChannels.openDatasetFolder, ipcChannels.openFile, ipcChannels.saveFile].sort(),
  );
});
