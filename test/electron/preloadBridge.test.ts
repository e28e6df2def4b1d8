import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { contextBridge, ipcRenderer } from './helpers/fake-electron.ts';
import { createBridge, type BridgeIpc } from '../../electron/preload/bridge.ts';
import { ipcChannels } from '../../electron/ipc/channels.ts';
import { createElectronPlatform } from '../../renderer/src/platform/electron.ts';
import { BRIDGE_FUNCTIONS } from './helpers/bridge-functions.ts';

vi.mock('electron', () => import('./helpers/fake-electron.ts'));

/** ipcRenderer's subset the bridge uses, over an EventEmitter main can "send" through. */
function fakeIpc(invokeResult: unknown = { ok: true, value: null }) {
  const emitter = new EventEmitter();
  const ipc = {
    invoke: vi.fn(async () => invokeResult),
    on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => emitter.on(channel, listener)),
    removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) =>
      emitter.removeListener(channel, listener),
    ),
  };
  const sendFromMain = (channel: string, payload: unknown) =>
    emitter.emit(channel, { sender: 'main' }, payload);
  return { ipc, bridgeIpc: ipc as unknown as BridgeIpc, sendFromMain };
}

describe('the preload bridge', () => {
  it('exposes exactly its five functions and never ipcRenderer', async () => {
    await import('../../electron/preload/preload.ts');
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    const [name, api] = contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [
      string,
      Record<string, unknown>,
    ];
    expect(name).toBe('convlab');
    expect(Object.keys(api).sort()).toEqual(BRIDGE_FUNCTIONS);
    for (const value of Object.values(api)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(ipcRenderer);
    }
  });

  it('invokes the shared channel names', async () => {
    const { ipc, bridgeIpc } = fakeIpc();
    const bridge = createBridge(bridgeIpc);
    const request = { suggestedName: 'w.json', bytes: new Uint8Array([1]), filters: [] };
    await bridge.saveFile(request);
    await bridge.openFile({ filters: [] });
    await bridge.openDatasetFolder();
    expect(ipc.invoke.mock.calls).toEqual([
      [ipcChannels.saveFile, request],
      [ipcChannels.openFile, { filters: [] }],
      [ipcChannels.openDatasetFolder],
    ]);
  });

  it('passes on known menu commands only, without the IPC event, until unsubscribed', () => {
    const { bridgeIpc, sendFromMain } = fakeIpc();
    const listener = vi.fn();
    const unsubscribe = createBridge(bridgeIpc).onMenuCommand(listener);
    sendFromMain(ipcChannels.menuCommand, 'undo');
    sendFromMain(ipcChannels.menuCommand, 'format-disk');
    sendFromMain(ipcChannels.menuCommand, { command: 'undo' });
    expect(listener.mock.calls).toEqual([['undo']]);
    unsubscribe();
    sendFromMain(ipcChannels.menuCommand, 'redo');
    expect(listener).toHaveBeenCalledOnce();
  });

  it('passes on opened files only when they have a name and bytes', () => {
    const { bridgeIpc, sendFromMain } = fakeIpc();
    const listener = vi.fn();
    createBridge(bridgeIpc).onFileOpened(listener);
    const file = { name: 'a.convlab.json', bytes: new Uint8Array([123, 125]) };
    sendFromMain(ipcChannels.fileOpened, file);
    sendFromMain(ipcChannels.fileOpened, { name: 'b', bytes: 'text' });
    expect(listener.mock.calls).toEqual([[file]]);
  });
});

describe('the renderer Electron platform over the bridge', () => {
  it('resolves to the saved name, or null when cancelled', async () => {
    const saved = createElectronPlatform(createBridge(fakeIpc({ ok: true, value: 'w.json' }).bridgeIpc));
    expect(saved.kind).toBe('electron');
    expect(
      await saved.saveFile('w.json', new Uint8Array([1]), [{ name: 'JSON', extensions: ['json'] }]),
    ).toBe('w.json');
    const cancelled = createElectronPlatform(createBridge(fakeIpc({ ok: true, value: null }).bridgeIpc));
    expect(await cancelled.openFile([])).toBeNull();
  });

  it('the Electron platform opens a data set folder through the bridge, with main’s refusal as it is', async () => {
    const folder = {
      folder: '/usr/share/datasets/fashion-mnist',
      files: { trainImages: { name: 'train-images-idx3-ubyte.gz', bytes: new Uint8Array([31, 139]) } },
    };
    const { ipc, bridgeIpc } = fakeIpc({ ok: true, value: folder });
    const platform = createElectronPlatform(createBridge(bridgeIpc));
    expect(await platform.openDatasetFolder?.()).toBe(folder);
    expect(ipc.invoke).toHaveBeenCalledWith(ipcChannels.openDatasetFolder);
    const error = '"/tmp/x" has no train-images-idx3-ubyte or train-images-idx3-ubyte.gz';
    const refusing = createElectronPlatform(createBridge(fakeIpc({ ok: false, error }).bridgeIpc));
    await expect(refusing.openDatasetFolder?.()).rejects.toThrow(new Error(error));
  });

  it("throws main's message as it is when main reports a failure", async () => {
    const error = '"huge.json" is 40000000 bytes; ConvLab opens files of at most 33554432 bytes';
    const platform = createElectronPlatform(createBridge(fakeIpc({ ok: false, error }).bridgeIpc));
    await expect(platform.openFile([])).rejects.toThrow(new Error(error));
  });

  it('sends plain copies of the filters (reactive proxies cannot be cloned)', async () => {
    const { ipc, bridgeIpc } = fakeIpc();
    const filters = [new Proxy({ name: 'Lab', extensions: ['convlab.json'] }, {})];
    await createElectronPlatform(createBridge(bridgeIpc)).openFile(filters);
    const sent = (ipc.invoke.mock.calls[0] as unknown[])[1] as { filters: object[] };
    expect(sent.filters).toEqual([{ name: 'Lab', extensions: ['convlab.json'] }]);
    expect(sent.filters[0]).not.toBe(filters[0]);
  });
});
