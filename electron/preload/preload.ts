/**
 * The sandboxed preload (bundled to one CommonJS file, dist/electron/preload.cjs). It only exposes
 * the bridge; the page never sees `ipcRenderer`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { bridgeGlobalName } from '../ipc/bridge-api.ts';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld(bridgeGlobalName, createBridge(ipcRenderer));
