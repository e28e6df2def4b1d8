import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { app, BrowserWindow, ipcMain, Menu, protocol, session } from './helpers/fake-electron.ts';
import { runApp } from '../../electron/main/run-app.ts';
import { ipcChannels } from '../../electron/ipc/channels.ts';

vi.mock('electron', () => import('./helpers/fake-electron.ts'));

const paths = { rendererDir: '/app/dist/renderer', preloadPath: '/app/dist/electron/preload.cjs' };
const settle = () => new Promise((done) => setTimeout(done, 20));
/** Waits until `app.whenReady()` has resolved and the window exists. */
const ready = () => vi.waitFor(() => expect(BrowserWindow.created).toHaveLength(1));
let dir: string;

beforeEach(() => {
  vi.clearAllMocks();
  app.removeAllListeners();
  ipcMain.handlers.clear();
  BrowserWindow.created.length = 0;
  app.requestSingleInstanceLock.mockReturnValue(true);
  app.whenReady.mockImplementation(() => Promise.resolve());
  dir = mkdtempSync(join(tmpdir(), 'convlab-run-'));
  app.getPath.mockImplementation((name: string) => join(dir, name));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('startup', () => {
  it('registers the privileged scheme and takes the lock before ready, then wires everything', async () => {
    runApp(paths);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(
      app.whenReady.mock.invocationCallOrder[0],
    );
    expect(app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    await ready();

    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(session.defaultSession.setPermissionCheckHandler).toHaveBeenCalledOnce();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      [ipcChannels.openDatasetFolder, ipcChannels.openFile, ipcChannels.saveFile].sort(),
    );
    expect(Menu.setApplicationMenu).toHaveBeenCalledOnce();
    // Not in development unless a dev server is configured: no CSP rewriting of remote responses.
    expect(session.defaultSession.webRequest.onHeadersReceived).not.toHaveBeenCalled();
  });

  it('opens one window from app:// with the security options written out', async () => {
    runApp(paths);
    await ready();
    expect(BrowserWindow.created).toHaveLength(1);
    const [window] = BrowserWindow.created;
    expect(window.options.webPreferences).toMatchObject({
      preload: paths.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(window.loadURL).toHaveBeenCalledWith('app://convlab/index.html');
    expect(window.webContents.setWindowOpenHandler).toHaveBeenCalled();
  });

  it('turns the spellchecker off: an offline app must not download its dictionaries', async () => {
    runApp(paths);
    await ready();
    expect(BrowserWindow.created[0].options.webPreferences).toMatchObject({ spellcheck: false });
  });

  it('quits at once in a second instance, without a window', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    runApp(paths);
    await settle();
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(BrowserWindow.created).toHaveLength(0);
  });
});

describe('after startup', () => {
  it('sends menu commands to the window', async () => {
    runApp(paths);
    await ready();
    const template = Menu.buildFromTemplate.mock.calls[0][0] as MenuItemConstructorOptions[];
    const file = template.find((menu) => menu.label === 'File')?.submenu as MenuItemConstructorOptions[];
    (file.find((item) => item.label === 'Open Lab…')?.click as unknown as () => void)();
    expect(BrowserWindow.created[0].webContents.send).toHaveBeenCalledWith(
      ipcChannels.menuCommand,
      'open-lab',
    );
  });

  it('focuses the window and opens the lab file a second launch passes', async () => {
    const lab = join(dir, 'edges.convlab.json');
    writeFileSync(lab, '{}');
    runApp(paths);
    await ready();
    const [window] = BrowserWindow.created;
    window.webContents.emit('did-finish-load');
    app.emit('second-instance', {}, ['/opt/ConvLab/convlab', 'edges.convlab.json'], dir);
    expect(window.focus).toHaveBeenCalled();
    await vi.waitFor(() =>
      expect(window.webContents.send).toHaveBeenCalledWith(ipcChannels.fileOpened, {
        name: 'edges.convlab.json',
        bytes: new TextEncoder().encode('{}'),
      }),
    );
  });

  it('opens a file from the macOS open-file event once the page has loaded', async () => {
    const lab = join(dir, 'finder.convlab.json');
    writeFileSync(lab, '{"from":"finder"}');
    runApp(paths);
    const event = { preventDefault: vi.fn() };
    app.emit('open-file', event, lab);
    expect(event.preventDefault).toHaveBeenCalled();
    await ready();
    const [window] = BrowserWindow.created;
    expect(window.webContents.send).not.toHaveBeenCalled();
    window.webContents.emit('did-finish-load');
    await vi.waitFor(() =>
      expect(window.webContents.send).toHaveBeenCalledWith(
        ipcChannels.fileOpened,
        expect.objectContaining({ name: 'finder.convlab.json' }),
      ),
    );
  });

  it('quits when the last window closes, except on macOS', () => {
    runApp(paths);
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });
});
