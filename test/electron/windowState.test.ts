import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as ElectronWindow } from 'electron';
import { BrowserWindow } from './helpers/fake-electron.ts';
import {
  defaultWindowState,
  fitToDisplays,
  loadWindowState,
  persistWindowState,
  saveWindowState,
} from '../../electron/main/window-state.ts';

vi.mock('electron', () => import('./helpers/fake-electron.ts'));

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'convlab-state-'));
  file = join(dir, 'window-state.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loading', () => {
  it('round-trips a saved state', () => {
    const state = { width: 1400, height: 900, x: 40, y: 30, maximized: true };
    saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
  });

  it.each([
    ['a missing file', null],
    ['bad JSON', '{"width": 1400,'],
    ['JSON that is not an object', '[1,2,3]'],
    ['a width below the minimum', '{"width": 10, "height": 900, "maximized": false}'],
    ['a string where a number belongs', '{"width": "1400", "height": 900, "maximized": false}'],
    ['no maximized flag', '{"width": 1400, "height": 900}'],
  ])('falls back to the defaults on %s', (_label, content) => {
    if (content !== null) writeFileSync(file, content);
    expect(loadWindowState(file)).toEqual(defaultWindowState);
  });

  it('saves into a userData folder that does not exist yet', () => {
    const nested = join(dir, 'new', 'window-state.json');
    saveWindowState(nested, defaultWindowState);
    expect(JSON.parse(readFileSync(nested, 'utf8'))).toEqual(defaultWindowState);
  });
});

describe('fitting to the current displays', () => {
  const laptop = { x: 0, y: 0, width: 1440, height: 900 };
  const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1440 };

  it('keeps a position that is on a display', () => {
    const state = { width: 1200, height: 800, x: 1600, y: 100, maximized: false };
    expect(fitToDisplays(state, [laptop, rightMonitor])).toEqual(state);
  });

  it('drops the position of a window whose monitor was unplugged', () => {
    const state = { width: 1200, height: 800, x: 1600, y: 100, maximized: false };
    expect(fitToDisplays(state, [laptop])).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('drops a position whose title bar is above the screen', () => {
    const state = { width: 1200, height: 800, x: 10, y: -300, maximized: false };
    expect(fitToDisplays(state, [laptop]).x).toBeUndefined();
  });

  it('shrinks a window larger than the largest display, but not below the minimum size', () => {
    expect(fitToDisplays({ width: 3000, height: 2000, maximized: false }, [laptop])).toEqual({
      width: 1440,
      height: 900,
      maximized: false,
    });
    const tiny = { x: 0, y: 0, width: 640, height: 480 };
    expect(fitToDisplays({ width: 1000, height: 700, maximized: false }, [tiny])).toMatchObject({
      width: 800,
      height: 600,
    });
  });
});

it('saves the normal bounds and maximized flag when the window closes', () => {
  const window = new BrowserWindow({});
  window.isMaximized.mockReturnValue(true);
  persistWindowState(window as unknown as ElectronWindow, file);
  window.emit('close');
  expect(loadWindowState(file)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
});
