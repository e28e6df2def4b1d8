/**
 * The Platform over the preload bridge (`window.convlab`): native dialogs and menu commands from the
 * main process. The bridge answers with results rather than thrown errors, so the messages shown to
 * the user are the main process's own, not Electron's "Error invoking remote method" wrapping.
 */
import type {
  ConvlabBridge,
  FileFilter,
  IpcResult,
  OpenedDatasetFolder,
  OpenedFile,
} from '../../../electron/ipc/bridge-api.ts';
import type { MenuCommand } from '../../../electron/ipc/channels.ts';
import type { Platform } from './platform.ts';

declare global {
  interface Window {
    /** Present only inside the Electron shell, exposed by its preload. */
    convlab?: ConvlabBridge;
  }
}

/** Plain copies: the bridge clones its arguments, and reactive proxies from the UI cannot be cloned. */
function plainFilters(filters: FileFilter[]): FileFilter[] {
  return filters.map((filter) => ({ name: filter.name, extensions: [...filter.extensions] }));
}

function unwrap<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

export function createElectronPlatform(bridge: ConvlabBridge): Platform {
  return {
    kind: 'electron',
    async saveFile(suggestedName: string, bytes: Uint8Array, filters: FileFilter[]): Promise<string | null> {
      return unwrap(await bridge.saveFile({ suggestedName, bytes, filters: plainFilters(filters) }));
    },
    async openFile(filters: FileFilter[]): Promise<OpenedFile | null> {
      return unwrap(await bridge.openFile({ filters: plainFilters(filters) }));
    },
    async openDatasetFolder(): Promise<OpenedDatasetFolder | null> {
      return unwrap(await bridge.openDatasetFolder());
    },
    onMenuCommand(listener: (command: MenuCommand) => void): () => void {
      return bridge.onMenuCommand(listener);
    },
    onFileOpened(listener: (file: OpenedFile) => void): () => void {
      return bridge.onFileOpened(listener);
    },
  };
}

/** The bridge if this page runs inside the Electron shell, otherwise `undefined`. */
export function findElectronBridge(): ConvlabBridge | undefined {
  return typeof window === 'undefined' ? undefined : window.convlab;
}
