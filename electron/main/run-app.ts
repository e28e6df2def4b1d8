/**
 * Wires the main-process modules together in the order Electron requires: privileged scheme and
 * single-instance lock before `ready`; protocol, permissions, IPC, window and menu after it.
 */
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { join } from 'node:path';
import { ipcChannels } from '../ipc/channels.ts';
import type { MenuCommand } from '../ipc/channels.ts';
import { parseDevServerUrl } from './app-origin.ts';
import { handleAppProtocol, registerAppSchemeAsPrivileged } from './app-protocol.ts';
import { developmentContentSecurityPolicy } from './content-security-policy.ts';
import { openExternalIfAllowed, textbookChapterUrl } from './external-links.ts';
import { registerIpcHandlers } from './ipc-handlers.ts';
import { findLabFileArgument, LabFileDelivery } from './lab-files.ts';
import { createMainWindow } from './main-window.ts';
import { buildMenuTemplate } from './menu-template.ts';
import { guardNavigation } from './navigation-guard.ts';
import { denyAllPermissions } from './permissions.ts';
import { claimSingleInstance } from './single-instance.ts';
import { windowStateFileName } from './window-state.ts';

export interface AppPaths {
  /** The built renderer (dist/renderer), served as app://convlab/. */
  rendererDir: string;
  /** The bundled preload (dist/electron/preload.cjs). */
  preloadPath: string;
}

export function runApp(paths: AppPaths): void {
  const isDevelopment = !app.isPackaged;
  const devServerUrl = isDevelopment ? parseDevServerUrl(process.env.CONVLAB_DEV_SERVER_URL) : undefined;
  let mainWindow: BrowserWindow | null = null;

  registerAppSchemeAsPrivileged();
  const labFiles = new LabFileDelivery((message) => dialog.showErrorBox('ConvLab', message));

  if (!claimSingleInstance((argv, workingDirectory) => onSecondInstance(argv, workingDirectory))) return;

  // macOS delivers files opened from Finder through this event, possibly before `ready`.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    labFiles.request(path);
  });
  const initialLabFile = findLabFileArgument(process.argv.slice(1), process.cwd());
  if (initialLabFile !== undefined) labFiles.request(initialLabFile);

  // A backstop for any web contents besides the main window's, which createMainWindow guards itself.
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, devServerUrl));

  function onSecondInstance(argv: string[], workingDirectory: string): void {
    if (mainWindow !== null) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    const labFile = findLabFileArgument(argv.slice(1), workingDirectory);
    if (labFile !== undefined) labFiles.request(labFile);
  }

  function sendMenuCommand(command: MenuCommand): void {
    mainWindow?.webContents.send(ipcChannels.menuCommand, command);
  }

  function openWindow(): void {
    mainWindow = createMainWindow({
      preloadPath: paths.preloadPath,
      windowStateFile: join(app.getPath('userData'), windowStateFileName),
      devServerUrl,
    });
    labFiles.attach(mainWindow.webContents);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  }

  void app.whenReady().then(() => {
    handleAppProtocol(paths.rendererDir);
    denyAllPermissions(session.defaultSession);
    if (devServerUrl !== undefined) {
      const policy = developmentContentSecurityPolicy(devServerUrl);
      session.defaultSession.webRequest.onHeadersReceived(
        { urls: [`${devServerUrl}/*`] },
        (details, callback) =>
          // electronegativity-justified: CSP_GLOBAL_CHECK: the policy comes from content-security-policy.ts, whose tests check it (no eval, nothing remote)
          callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } }),
      );
    }
    registerIpcHandlers({ devServerUrl, defaultDirectory: () => app.getPath('documents') });
    app.setAboutPanelOptions({
      applicationName: 'ConvLab',
      applicationVersion: app.getVersion(),
      credits: 'An offline lab for the convolution chapter of Dive into Deep Learning.',
    });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          platform: process.platform,
          isDevelopment,
          appName: 'ConvLab',
          sendCommand: sendMenuCommand,
          openTextbookChapter: () => openExternalIfAllowed(textbookChapterUrl),
        }),
      ),
    );
    openWindow();
  });

  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
