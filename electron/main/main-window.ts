/**
 * The one lab window, with Electron's security checklist written out explicitly rather than left
 * to defaults that templates often change.
 */
import { BrowserWindow, screen } from 'electron';
import { appEntryUrl } from './app-origin.ts';
import { guardNavigation } from './navigation-guard.ts';
import { fitToDisplays, loadWindowState, minimumWindowSize, persistWindowState } from './window-state.ts';

export interface MainWindowOptions {
  preloadPath: string;
  windowStateFile: string;
  devServerUrl?: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = fitToDisplays(loadWindowState(options.windowStateFile), workAreas);

  // electronegativity-justified: AUXCLICK_JS_CHECK: a middle-click opens a new window, which guardNavigation's setWindowOpenHandler denies like every other
  const window = new BrowserWindow({
    width: state.width,
    height: state.height,
    x: state.x,
    y: state.y,
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    title: 'ConvLab',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      // electronegativity-justified: PRELOAD_JS_CHECK: the sandboxed preload exposes four functions through contextBridge, never ipcRenderer (electron/preload/bridge.ts)
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // An offline app: Chromium's spellchecker would download its dictionaries from Google.
      spellcheck: false,
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  guardNavigation(window.webContents, options.devServerUrl);
  persistWindowState(window, options.windowStateFile);
  void window.loadURL(options.devServerUrl ?? appEntryUrl);
  return window;
}
