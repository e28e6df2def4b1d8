/**
 * The native menu as a plain template, built from what it needs so it can be tested without
 * Electron. App actions are sent to the renderer as menu commands; editing, zoom, full screen and
 * quit use Electron's roles, which bring each platform's standard shortcuts.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../ipc/channels.ts';

export interface MenuContext {
  platform: NodeJS.Platform;
  isDevelopment: boolean;
  appName: string;
  sendCommand: (command: MenuCommand) => void;
  openTextbookChapter: () => void;
}

export const textbookMenuLabel = 'Convolutions for Images (d2l.ai)';

function commandItem(
  label: string,
  command: MenuCommand,
  sendCommand: MenuContext['sendCommand'],
  accelerator?: string,
): MenuItemConstructorOptions {
  return { label, accelerator, click: () => sendCommand(command) };
}

export function buildMenuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const { platform, isDevelopment, appName, sendCommand } = context;
  const isMac = platform === 'darwin';

  const macAppMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      commandItem('Open Lab…', 'open-lab', sendCommand, 'CmdOrCtrl+O'),
      commandItem('Save Lab…', 'save-lab', sendCommand, 'CmdOrCtrl+S'),
      { type: 'separator' },
      commandItem('Import Weights…', 'import-weights', sendCommand, 'CmdOrCtrl+Shift+O'),
      commandItem('Export Weights…', 'export-weights', sendCommand, 'CmdOrCtrl+Shift+S'),
      commandItem('Export Feature Map as PNG…', 'export-feature-map', sendCommand, 'CmdOrCtrl+Shift+E'),
      { type: 'separator' },
      // macOS keeps Quit in the app menu and closes windows from File.
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      commandItem('Undo', 'undo', sendCommand, 'CmdOrCtrl+Z'),
      // Windows' convention is Ctrl+Y; macOS and Linux use Shift+Z.
      commandItem('Redo', 'redo', sendCommand, platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z'),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(isDevelopment
        ? ([
            { type: 'separator' },
            { role: 'reload' },
            { role: 'toggleDevTools' },
          ] as MenuItemConstructorOptions[])
        : []),
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: textbookMenuLabel, click: () => context.openTextbookChapter() },
      // On macOS About lives in the app menu.
      ...(isMac ? [] : ([{ type: 'separator' }, { role: 'about' }] as MenuItemConstructorOptions[])),
    ],
  };

  return [
    ...(isMac ? [macAppMenu] : []),
    fileMenu,
    editMenu,
    viewMenu,
    ...(isMac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []),
    helpMenu,
  ];
}
