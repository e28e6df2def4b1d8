/**
 * What the lab needs from its host, so that one renderer build runs both in Electron (native dialogs
 * through the preload bridge) and in a plain browser (downloads and a file picker).
 * Implementations: `browser.ts` and `electron.ts`. The files and menu commands that cross the host
 * boundary are the IPC contract's types (electron/ipc), so the shell and the renderer cannot drift.
 */
import type { FileFilter, OpenedDatasetFolder, OpenedFile } from '../../../electron/ipc/bridge-api.ts';
import type { MenuCommand } from '../../../electron/ipc/channels.ts';

export type { FileFilter, MenuCommand, OpenedDatasetFolder, OpenedFile };

export interface Platform {
  readonly kind: 'browser' | 'electron';
  /**
   * Saves `bytes` under a name the user confirms. Resolves to the name written, or `null` if the user
   * cancelled. Rejects with an Error whose message can be shown as it is.
   */
  saveFile(suggestedName: string, bytes: Uint8Array, filters: FileFilter[]): Promise<string | null>;
  /** Asks the user for one file and reads it; `null` if cancelled. Rejects with a showable Error. */
  openFile(filters: FileFilter[]): Promise<OpenedFile | null>;
  /** Subscribes to native menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * Subscribes to lab files the host opens on the user's behalf (a file passed on the command line or
   * through the `.convlab.json` file association); the browser host never sends any.
   */
  onFileOpened(listener: (file: OpenedFile) => void): () => void;
  /**
   * Asks for a folder holding the four Fashion-MNIST idx files and reads them (bytes as on disk,
   * gzipped or not); `null` if cancelled. Rejects with a showable Error. Only the desktop app has it:
   * a browser page cannot read a folder's files by path, so the browser host leaves it out.
   */
  openDatasetFolder?(): Promise<OpenedDatasetFolder | null>;
}
