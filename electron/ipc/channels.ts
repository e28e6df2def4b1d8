/**
 * Every IPC channel between the main process, the preload bridge and the renderer, in one list.
 * Pure TypeScript (no Node or Electron imports) so the renderer can import it too.
 */
export const ipcChannels = {
  /** renderer → main (invoke): show a save dialog and write the bytes. */
  saveFile: 'convlab:save-file',
  /** renderer → main (invoke): show an open dialog and read one file. */
  openFile: 'convlab:open-file',
  /** renderer → main (invoke): show a folder dialog and read the four Fashion-MNIST idx files in it. */
  openDatasetFolder: 'convlab:open-dataset-folder',
  /** main → renderer (send): a native menu item was chosen. */
  menuCommand: 'convlab:menu-command',
  /** main → renderer (send): the OS asked us to open a lab file (command line, file association). */
  fileOpened: 'convlab:file-opened',
} as const;

/** The commands of the native menu that main may send; the renderer's host contract uses the same list. */
export const menuCommands = [
  'open-lab',
  'save-lab',
  'import-weights',
  'export-weights',
  'export-feature-map',
  'undo',
  'redo',
] as const;

/** A command from the host's native menu; the browser host never sends any. */
export type MenuCommand = (typeof menuCommands)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (menuCommands as readonly string[]).includes(value);
}

/** Lab files the OS may hand us; the file association in build/ uses the same extension. */
export const labFileExtension = '.convlab.json';
