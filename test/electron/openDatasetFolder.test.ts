// The LeNet view's "Open Fashion-MNIST folder…": the main process finds the four idx files (plain or
// gzipped) in the folder the user picked and returns their bytes untouched, through the same reader
// as every other file the user opens (regular files only, the limits table's size cap).
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  copyFileSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dialog } from './helpers/fake-electron.ts';
import { ipcEventFrom } from './helpers/ipc-event.ts';
import { handleOpenDatasetFolder } from '../../electron/main/ipc-handlers.ts';
import { ipcChannels } from '../../electron/ipc/channels.ts';
import { FASHION_MNIST_FILES, type FashionMnistFile } from '../../core/src/data/fashionMnist.ts';
import { LIMITS, overLimit } from '../../core/src/limits.ts';

vi.mock('electron', () => import('./helpers/fake-electron.ts'));

const SHIPPED = fileURLToPath(new URL('../../data/fashion-mnist-subset/', import.meta.url));
const KEYS = Object.keys(FASHION_MNIST_FILES) as FashionMnistFile[];
const appPage = ipcEventFrom('app://convlab/index.html');
const options = () => ({ defaultDirectory: () => dir });
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'convlab-dataset-'));
  vi.clearAllMocks();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The shipped subset's four files in `dir`, gzipped as shipped or decompressed. */
function writeDataset(form: 'gz' | 'plain'): void {
  for (const key of KEYS) {
    const name = FASHION_MNIST_FILES[key];
    const shipped = join(SHIPPED, `${name}.gz`);
    if (form === 'gz') copyFileSync(shipped, join(dir, `${name}.gz`));
    else writeFileSync(join(dir, name), gunzipSync(readFileSync(shipped)));
  }
}

function pick(folder: string): void {
  dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [folder] });
}

describe('open-dataset-folder', () => {
  it.each(['gz', 'plain'] as const)(
    'a folder with the four %s files returns each file’s name and bytes as on disk',
    async (form) => {
      writeDataset(form);
      pick(dir);
      const result = await handleOpenDatasetFolder(appPage, undefined, options());
      expect(result.ok).toBe(true);
      const opened = result.ok ? result.value : null;
      expect(opened?.folder).toBe(dir);
      for (const key of KEYS) {
        const name = FASHION_MNIST_FILES[key] + (form === 'gz' ? '.gz' : '');
        expect(opened?.files[key].name).toBe(name);
        expect(Buffer.from(opened?.files[key].bytes ?? []).equals(readFileSync(join(dir, name)))).toBe(true);
      }
      expect(dialog.showOpenDialog).toHaveBeenCalledWith(
        expect.objectContaining({ properties: ['openDirectory'] }),
      );
    },
  );

  it('returns null when the dialog is cancelled', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await handleOpenDatasetFolder(appPage, undefined, options())).toEqual({ ok: true, value: null });
  });

  it('throws when a file is missing: one line naming the folder and the file', async () => {
    writeDataset('gz');
    rmSync(join(dir, `${FASHION_MNIST_FILES.testLabels}.gz`));
    pick(dir);
    expect(await handleOpenDatasetFolder(appPage, undefined, options())).toEqual({
      ok: false,
      error: `${JSON.stringify(dir)} has no t10k-labels-idx1-ubyte or t10k-labels-idx1-ubyte.gz`,
    });
  });

  it('throws when a file is larger than LIMITS.idxFileBytes, without reading it', async () => {
    writeDataset('plain');
    const name = FASHION_MNIST_FILES.trainImages;
    // A sparse file: over the cap without writing 64 MiB.
    truncateSync(join(dir, name), LIMITS.idxFileBytes.max + 1);
    pick(dir);
    expect(await handleOpenDatasetFolder(appPage, undefined, options())).toEqual({
      ok: false,
      error: `${JSON.stringify(dir)}: ${overLimit('idxFileBytes', `the size in bytes of "${name}"`, LIMITS.idxFileBytes.max + 1)}`,
    });
  });

  it.skipIf(process.platform === 'win32')(
    'throws at once when a file is a FIFO (opening one would wait for a writer)',
    async () => {
      writeDataset('gz');
      const fifo = join(dir, FASHION_MNIST_FILES.trainLabels);
      execFileSync('mkfifo', [fifo]);
      pick(dir);
      try {
        const outcome = await Promise.race([
          handleOpenDatasetFolder(appPage, undefined, options()),
          new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2000)),
        ]);
        expect(outcome).toEqual({
          ok: false,
          error: `${JSON.stringify(dir)}: "train-labels-idx1-ubyte" is not a regular file`,
        });
      } finally {
        // Should an open be blocked on the FIFO (the bug this guards against), a writer releases it.
        try {
          closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
        } catch {
          // No reader waiting: nothing to release.
        }
      }
    },
  );

  it('throws when the request carries a payload: refused by zod before any dialog', async () => {
    const result = await handleOpenDatasetFolder(appPage, { folder: '/etc' }, options());
    expect(!result.ok && result.error).toMatch(
      new RegExp(`^${ipcChannels.openDatasetFolder}: invalid request`),
    );
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it.each([
    ['a remote page', ipcEventFrom('https://evil.example/index.html')],
    ['a subframe of the app', ipcEventFrom('app://convlab/index.html', {})],
  ])('throws when the request comes from %s: refused before any dialog', async (_label, event) => {
    const result = await handleOpenDatasetFolder(event, undefined, options());
    expect(!result.ok && result.error).toMatch(
      /^convlab:open-dataset-folder: refused a request from .*, which is not the app's page$/,
    );
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
  });
});
