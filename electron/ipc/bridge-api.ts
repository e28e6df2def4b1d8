/**
 * The one small API the preload exposes as `window.convlab`, and the payloads that cross IPC.
 * Pure types: imported by main, preload and the renderer's Electron platform.
 */
import type { FashionMnistFile } from '../../core/src/data/fashionMnist.ts';
import type { MenuCommand } from './channels.ts';

export interface FileFilter {
  /** Shown in the dialog, e.g. "ConvLab weights". */
  name: string;
  /** Extensions without the dot, e.g. ["json"]. */
  extensions: string[];
}

export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * A folder of Fashion-MNIST idx files as found on disk: each file's name (with `.gz` when it has it)
 * and its raw bytes, still compressed if they were; the renderer decompresses and the core decodes.
 */
export interface OpenedDatasetFolder {
  /** The folder's full path, to tell the user which data set is in use. */
  folder: string;
  /** Keyed by the core's names for the four files (FASHION_MNIST_FILES). */
  files: Record<FashionMnistFile, OpenedFile>;
}

export interface SaveFileRequest {
  suggestedName: string;
  bytes: Uint8Array;
  filters: FileFilter[];
}

export interface OpenFileRequest {
  filters: FileFilter[];
}

/**
 * Handlers answer with a result instead of throwing, because Electron rewrites thrown errors into
 * "Error invoking remote method ..." messages that are not fit to show to the user.
 */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ConvlabBridge {
  saveFile(request: SaveFileRequest): Promise<IpcResult<string | null>>;
  openFile(request: OpenFileRequest): Promise<IpcResult<OpenedFile | null>>;
  /** Asks for a folder holding the four Fashion-MNIST idx files; `null` if the user cancelled. */
  openDatasetFolder(): Promise<IpcResult<OpenedDatasetFolder | null>>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  onFileOpened(listener: (file: OpenedFile) => void): () => void;
}

/** The name the bridge is exposed under: `window.convlab`. */
export const bridgeGlobalName = 'convlab';
