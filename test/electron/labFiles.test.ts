import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { FakeWebContents } from './helpers/fake-electron.ts';
import { findLabFileArgument, LabFileDelivery } from '../../electron/main/lab-files.ts';
import { LIMITS, overLimit } from '../../core/src/limits.ts';
import { ipcChannels } from '../../electron/ipc/channels.ts';

vi.mock('electron', () => import('./helpers/fake-electron.ts'));

describe('finding a lab file among the arguments', () => {
  it.each([
    [['/opt/ConvLab/convlab', 'lab.convlab.json'], '/home/ada/lab.convlab.json'],
    [['convlab', '--no-sandbox-flag', '/data/Edges.CONVLAB.JSON'], '/data/Edges.CONVLAB.JSON'],
    [['convlab', 'a.convlab.json', 'b.convlab.json'], '/home/ada/b.convlab.json'],
  ])('%j → %s', (argv, expected) => {
    expect(findLabFileArgument(argv, '/home/ada')).toBe(resolve(expected));
  });

  it.each([[['convlab']], [['convlab', 'notes.json']], [['convlab', '--file=x.convlab.json']]])(
    'finds none in %j',
    (argv) => {
      expect(findLabFileArgument(argv, '/home/ada')).toBeUndefined();
    },
  );
});

describe('delivering lab files to the renderer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'convlab-labs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const flush = () => new Promise((done) => setTimeout(done, 20));

  it('waits for the page to load, then sends the file once', async () => {
    const path = join(dir, 'edges.convlab.json');
    writeFileSync(path, '{"lab":1}');
    const errors = vi.fn();
    const delivery = new LabFileDelivery(errors);
    const contents = new FakeWebContents();
    delivery.request(path);
    delivery.attach(contents as unknown as WebContents);
    await flush();
    expect(contents.send).not.toHaveBeenCalled();

    contents.emit('did-finish-load');
    await vi.waitFor(() =>
      expect(contents.send).toHaveBeenCalledExactlyOnceWith(ipcChannels.fileOpened, {
        name: 'edges.convlab.json',
        bytes: new TextEncoder().encode('{"lab":1}'),
      }),
    );
    contents.emit('did-finish-load');
    await flush();
    expect(contents.send).toHaveBeenCalledOnce();
    expect(errors).not.toHaveBeenCalled();
  });

  it('sends at once when the page is already loaded (a second launch)', async () => {
    const path = join(dir, 'later.convlab.json');
    writeFileSync(path, '{}');
    const delivery = new LabFileDelivery(vi.fn());
    const contents = new FakeWebContents();
    delivery.attach(contents as unknown as WebContents);
    contents.emit('did-finish-load');
    delivery.request(path);
    await vi.waitFor(() => expect(contents.send).toHaveBeenCalledOnce());
  });

  it('reports a file over the size cap instead of sending it', async () => {
    const path = join(dir, 'huge.convlab.json');
    writeFileSync(path, '');
    truncateSync(path, LIMITS.fileBytes.max + 1);
    const errors = vi.fn();
    const delivery = new LabFileDelivery(errors);
    const contents = new FakeWebContents();
    delivery.attach(contents as unknown as WebContents);
    contents.emit('did-finish-load');
    delivery.request(path);
    await vi.waitFor(() => expect(errors).toHaveBeenCalledOnce());
    expect(contents.send).not.toHaveBeenCalled();
    expect(errors).toHaveBeenCalledExactlyOnceWith(
      `Could not open the lab file ${path}: ${overLimit('fileBytes', 'the size in bytes of "huge.convlab.json"', LIMITS.fileBytes.max + 1)}`,
    );
  });
});
