/**
 * What the lab needs from its host, so that one renderer build runs both in Electron (native dialogs
 * through the preload bridge) and in a plain browser (downloads and a file picker).
 * Implementations: `browser.ts` (renderer issue #4) and `electron.ts` (desktop issue #5).
 */
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

/** A command from the host's native menu; the browser host never sends any. */
export type MenuCommand =
  'open-lab' | 'save-lab' | 'import-weights' | 'export-weights' | 'export-feature-map' | 'undo' | 'redo';

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
}
