/**
 * Keeps the window on the app's own pages: in-page navigation elsewhere, new windows and webviews are
 * all denied; allowlisted https links go to the system browser instead.
 */
import type { WebContents } from 'electron';
import { isAppUrl } from './app-origin.ts';
import { openExternalIfAllowed } from './external-links.ts';

/** Guarded once each: the main window's contents also pass through the app-wide backstop. */
const guarded = new WeakSet<WebContents>();

export function guardNavigation(contents: WebContents, devServerUrl?: string): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, devServerUrl)) return;
    event.preventDefault();
    openExternalIfAllowed(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}
