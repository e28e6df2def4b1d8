/**
 * The API behind `window.convlab`: one function per action, built over `ipcRenderer` without ever
 * exposing it, so the page can use these channels and nothing else.
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { ConvlabBridge, IpcResult, OpenedDatasetFolder, OpenedFile } from '../ipc/bridge-api.ts';
import { ipcChannels, isMenuCommand, type MenuCommand } from '../ipc/channels.ts';

export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

function isOpenedFile(value: unknown): value is OpenedFile {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<OpenedFile>;
  return typeof candidate.name === 'string' && candidate.bytes instanceof Uint8Array;
}

/** Subscribes to a main → renderer channel, passing on only payloads that pass `accept`. */
function subscribe<T>(
  ipc: BridgeIpc,
  channel: string,
  accept: (value: unknown) => value is T,
  listener: (value: T) => void,
): () => void {
  const forward = (_event: IpcRendererEvent, value: unknown) => {
    if (accept(value)) listener(value);
  };
  ipc.on(channel, forward);
  return () => {
    ipc.removeListener(channel, forward);
  };
}

export function createBridge(ipc: BridgeIpc): ConvlabBridge {
  return {
    saveFile: (request) => ipc.invoke(ipcChannels.saveFile, request) as Promise<IpcResult<string | null>>,
    openFile: (request) => ipc.invoke(ipcChannels.openFile, request) as Promise<IpcResult<OpenedFile | null>>,
    openDatasetFolder: () =>
      ipc.invoke(ipcChannels.openDatasetFolder) as Promise<IpcResult<OpenedDatasetFolder | null>>,
    onMenuCommand: (listener: (command: MenuCommand) => void) =>
      subscribe(ipc, ipcChannels.menuCommand, isMenuCommand, listener),
    onFileOpened: (listener: (file: OpenedFile) => void) =>
      subscribe(ipc, ipcChannels.fileOpened, isOpenedFile, listener),
  };
}
