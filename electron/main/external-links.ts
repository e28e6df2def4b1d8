/**
 * The only places outside the app a link may lead: the textbook's chapter, opened in the system
 * browser. Everything else is refused, whatever the renderer asks.
 */
import { shell } from 'electron';

export const textbookChapterUrl = 'https://d2l.ai/chapter_convolutional-neural-networks/conv-layer.html';

/** https only, on d2l.ai, under the convolution chapter. */
const allowedPrefixes = ['https://d2l.ai/chapter_convolutional-neural-networks/'];

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (
    parsed.protocol !== 'https:' ||
    parsed.username !== '' ||
    parsed.password !== '' ||
    parsed.port !== ''
  ) {
    return false;
  }
  return allowedPrefixes.some((prefix) => parsed.href.startsWith(prefix));
}

/** Opens `url` in the system browser if it is allowlisted; returns whether it did. */
export function openExternalIfAllowed(url: string): boolean {
  if (!isAllowedExternalUrl(url)) return false;
  // electronegativity-justified: OPEN_EXTERNAL_JS_CHECK: the URL passed isAllowedExternalUrl just above (https, d2l.ai chapter only)
  void shell.openExternal(url);
  return true;
}
