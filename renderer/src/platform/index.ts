// One renderer build, two hosts: the Electron shell when its preload exposed `window.convlab`,
// otherwise a plain browser.
import { createBrowserPlatform } from './browser.ts';
import { createElectronPlatform, findElectronBridge } from './electron.ts';
import type { Platform } from './platform.ts';

export function detectPlatform(): Platform {
  const bridge = findElectronBridge();
  return bridge === undefined ? createBrowserPlatform() : createElectronPlatform(bridge);
}

export type { Platform, FileFilter, OpenedFile, MenuCommand } from './platform.ts';
