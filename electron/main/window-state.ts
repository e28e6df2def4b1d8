/**
 * Remembers the window's size, position and maximized state in a JSON file in userData. A missing,
 * corrupt or out-of-range file falls back to defaults: it must never stop the app from starting.
 */
import type { BrowserWindow, Rectangle } from 'electron';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomicSync } from '../../core/node/atomicWrite.ts';

export const windowStateFileName = 'window-state.json';
export const minimumWindowSize = { width: 800, height: 600 } as const;

const windowStateSchema = z.object({
  width: z.number().int().min(minimumWindowSize.width).max(20_000),
  height: z.number().int().min(minimumWindowSize.height).max(20_000),
  x: z.number().int().min(-50_000).max(50_000).optional(),
  y: z.number().int().min(-50_000).max(50_000).optional(),
  maximized: z.boolean(),
});

export type WindowState = z.infer<typeof windowStateSchema>;

export const defaultWindowState: WindowState = { width: 1280, height: 820, maximized: false };

export function loadWindowState(file: string): WindowState {
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : { ...defaultWindowState };
  } catch {
    return { ...defaultWindowState };
  }
}

/**
 * Writes through a temporary file and a rename, so a crash mid-write leaves the old state intact.
 * Synchronous: it runs in the window's close handler, which the app may not outlive.
 */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomicSync(file, JSON.stringify(state));
}

/** How much of the title bar must be on a display for a remembered position to be kept. */
const minimumVisible = 64;

/**
 * Keeps the remembered position only if the window's top edge is visible on one of the current
 * displays (a monitor may have been unplugged since), and shrinks it to fit the largest work area.
 */
export function fitToDisplays(state: WindowState, workAreas: Rectangle[]): WindowState {
  const largest = workAreas.reduce(
    (best, area) => (area.width * area.height > best.width * best.height ? area : best),
    workAreas[0] ?? { x: 0, y: 0, width: state.width, height: state.height },
  );
  const width = Math.max(minimumWindowSize.width, Math.min(state.width, largest.width));
  const height = Math.max(minimumWindowSize.height, Math.min(state.height, largest.height));
  const fitted: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return fitted;
  const { x, y } = state;
  const titleBarVisible = workAreas.some(
    (area) =>
      y >= area.y &&
      y < area.y + area.height - minimumVisible &&
      Math.min(x + width, area.x + area.width) - Math.max(x, area.x) >= minimumVisible,
  );
  return titleBarVisible ? { ...fitted, x, y } : fitted;
}

/** Saves the window's normal (unmaximized) bounds and maximized flag when it closes. */
export function persistWindowState(window: BrowserWindow, file: string): void {
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    try {
      saveWindowState(file, { ...bounds, maximized: window.isMaximized() });
    } catch (error) {
      console.warn(`window state: could not save ${file}: ${(error as Error).message}`);
    }
  });
}
