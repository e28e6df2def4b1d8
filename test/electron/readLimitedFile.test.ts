// Opening what the user picked: stat before open, regular files only, so a FIFO (which blocks an
// open until someone writes to it) is refused at once instead of hanging the main process.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dialog } from './helpers/fake-electron.ts';
import { ipcEventFrom } from './helpers/ipc-event.ts';
import { handleOpenFile } from '../../electron/main/ipc-handlers.ts';
import { readLimitFor, readLimitedFile } from '../../electron/main/read-limited-file.ts';

vi.mock('electron', () => import('./helpers/fake-electron.ts'));

let dir: string;
let fifo: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'convlab-read-'));
  fifo = join(dir, 'pipe.convlab.json');
  execFileSync('mkfifo', [fifo]);
  vi.clearAllMocks();
});
afterEach(() => {
  // Should an open be blocked on the FIFO (the bug this guards against), a writer releases it.
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // No reader waiting: nothing to release.
  }
  rmSync(dir, { recursive: true, force: true });
});

/** The promise's outcome, or 'still waiting' after `ms`: a hang fails the test instead of stalling it. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> {
  return Promise.race([
    promise,
    new Promise<'still waiting'>((r) => setTimeout(() => r('still waiting'), ms)),
  ]);
}

describe.skipIf(process.platform === 'win32')('a FIFO is refused at once, in one line', () => {
  it('readLimitedFile', async () => {
    const outcome = await within(
      readLimitedFile(fifo, 'fileBytes').then(
        () => 'read',
        (error: Error) => error.message,
      ),
      2000,
    );
    expect(outcome).toBe('"pipe.convlab.json" is not a regular file');
  });

  it('a symbolic link to a FIFO', async () => {
    const link = join(dir, 'link.convlab.json');
    symlinkSync(fifo, link);
    const outcome = await within(
      readLimitedFile(link, 'fileBytes').catch((error: Error) => error.message),
      2000,
    );
    expect(outcome).toBe('"link.convlab.json" is not a regular file');
  });

  it('the open dialog picking a FIFO', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [fifo] });
    const result = await within(
      handleOpenFile(
        ipcEventFrom('app://convlab/index.html'),
        { filters: [] },
        { defaultDirectory: () => dir },
      ),
      2000,
    );
    expect(result).toEqual({ ok: false, error: '"pipe.convlab.json" is not a regular file' });
  });
});

it('a file name holding a newline is quoted, so the message stays one line', async () => {
  const name = join(dir, 'two\nlines');
  execFileSync('mkdir', [name]);
  const message = await readLimitedFile(name, 'fileBytes').catch((error: Error) => error.message);
  expect(message).toBe('"two\\nlines" is not a regular file');
});

it('the size limit is the limits table’s: images by LIMITS.imageFileBytes, other files by LIMITS.fileBytes', async () => {
  expect(readLimitFor('/x/photo.PNG')).toBe('imageFileBytes');
  expect(readLimitFor('/x/lab.convlab.json')).toBe('fileBytes');
  writeFileSync(join(dir, 'small.json'), '{}');
  expect(new TextDecoder().decode((await readLimitedFile(join(dir, 'small.json'), 'fileBytes')).bytes)).toBe(
    '{}',
  );
});
