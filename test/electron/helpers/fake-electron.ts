/**
 * A stand-in for the 'electron' module, for `vi.mock('electron', () => import('./helpers/fake-electron.ts'))`.
 * The real package cannot load here (it downloads its binary on require), and main-process modules
 * are tested as plain modules: each fake records what the code under test asked of it.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle = vi.fn((channel: string, handler: Handler) => {
    this.handlers.set(channel, handler);
  });
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  requestSingleInstanceLock = vi.fn(() => true);
  quit = vi.fn();
  whenReady = vi.fn(() => new Promise<void>(() => {}));
  isReady = vi.fn(() => false);
  getPath = vi.fn((name: string) => `/fake/${name}`);
  getVersion = vi.fn(() => '0.1.0');
  setAboutPanelOptions = vi.fn();
}

export const app = new FakeApp();
export const ipcMain = new FakeIpcMain();
export const dialog = {
  showSaveDialog: vi.fn(),
  showOpenDialog: vi.fn(),
  showErrorBox: vi.fn(),
};
export const shell = { openExternal: vi.fn(async () => {}) };
export const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
export const screen = {
  getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]),
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  },
};
export const Menu = {
  buildFromTemplate: vi.fn((template: unknown) => ({ template })),
  setApplicationMenu: vi.fn(),
};
export const contextBridge = { exposeInMainWorld: vi.fn() };
export const ipcRenderer = { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() };

/** A web contents that records its listeners and window-open handler. */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  send = vi.fn();
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => unknown) => {
    this.windowOpenHandler = handler;
  });
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  static fromWebContents = vi.fn((): BrowserWindow | null => null);
  static getAllWindows = vi.fn(() => BrowserWindow.created);
  readonly webContents = new FakeWebContents();
  loadURL = vi.fn(async () => {});
  maximize = vi.fn();
  show = vi.fn();
  isMaximized = vi.fn(() => false);
  isMinimized = vi.fn(() => false);
  restore = vi.fn();
  focus = vi.fn();
  getNormalBounds = vi.fn(() => ({ x: 10, y: 20, width: 1000, height: 700 }));
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
  }
}

export default {
  app,
  ipcMain,
  dialog,
  shell,
  protocol,
  screen,
  session,
  Menu,
  contextBridge,
  ipcRenderer,
  BrowserWindow,
};
