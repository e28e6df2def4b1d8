import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { FakeWebContents, shell } from './helpers/fake-electron.ts';
import { guardNavigation } from '../../electron/main/navigation-guard.ts';
import { isAllowedExternalUrl, textbookChapterUrl } from '../../electron/main/external-links.ts';

vi.mock('electron', () => import('./helpers/fake-electron.ts'));

function guarded(devServerUrl?: string) {
  const contents = new FakeWebContents();
  guardNavigation(contents as unknown as WebContents, devServerUrl);
  return contents;
}

/** Emits a cancellable event the way Electron does and reports whether a listener cancelled it. */
function emitCancellable(contents: FakeWebContents, name: string, url?: string): boolean {
  const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
  contents.emit(name, event, url);
  return event.defaultPrevented;
}

beforeEach(() => vi.clearAllMocks());

describe('window.open', () => {
  it.each([
    ['an allowlisted https chapter page', textbookChapterUrl, true],
    [
      'another d2l.ai chapter page',
      'https://d2l.ai/chapter_convolutional-neural-networks/padding-and-strides.html',
      true,
    ],
    ['http instead of https', 'http://d2l.ai/chapter_convolutional-neural-networks/conv-layer.html', false],
    ['another d2l.ai page', 'https://d2l.ai/chapter_preliminaries/index.html', false],
    ['a look-alike host', 'https://d2l.ai.evil.example/chapter_convolutional-neural-networks/', false],
    ['credentials in the URL', 'https://user@d2l.ai/chapter_convolutional-neural-networks/', false],
    ['a file URL', 'file:///etc/passwd', false],
    ['a custom protocol', 'ms-msdt:/id PCWDiagnostic', false],
    ['an app page', 'app://convlab/index.html', false],
  ])('denies the new window for %s and opens it externally only if allowlisted', (_label, url, external) => {
    const contents = guarded();
    expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    if (external) expect(shell.openExternal).toHaveBeenCalledWith(url);
    else expect(shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('navigation', () => {
  it('lets the app navigate within app://convlab', () => {
    expect(emitCancellable(guarded(), 'will-navigate', 'app://convlab/index.html#lab')).toBe(false);
  });

  it('cancels navigation to a remote page and to file://', () => {
    const contents = guarded();
    expect(emitCancellable(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(emitCancellable(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('cancels in-window navigation to the textbook but opens it in the system browser', () => {
    expect(emitCancellable(guarded(), 'will-navigate', textbookChapterUrl)).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith(textbookChapterUrl);
  });

  it('cancels redirects away from the app and every webview', () => {
    const contents = guarded();
    expect(emitCancellable(contents, 'will-redirect', 'https://evil.example/')).toBe(true);
    expect(emitCancellable(contents, 'will-attach-webview')).toBe(true);
  });

  it('allows the dev server only when it is the configured one', () => {
    expect(emitCancellable(guarded(), 'will-navigate', 'http://localhost:5173/')).toBe(true);
    expect(emitCancellable(guarded('http://localhost:5173'), 'will-navigate', 'http://localhost:5173/')).toBe(
      false,
    );
  });
});

it('guards each web contents once, so an allowlisted link opens the browser once', () => {
  const contents = guarded();
  guardNavigation(contents as unknown as WebContents);
  expect(contents.listenerCount('will-navigate')).toBe(1);
  emitCancellable(contents, 'will-navigate', textbookChapterUrl);
  expect(shell.openExternal).toHaveBeenCalledOnce();
});

it('allowlists nothing but https d2l.ai chapter pages', () => {
  expect(isAllowedExternalUrl('not a url')).toBe(false);
  expect(isAllowedExternalUrl('https://d2l.ai:8443/chapter_convolutional-neural-networks/')).toBe(false);
  expect(isAllowedExternalUrl(textbookChapterUrl)).toBe(true);
});

describe("the chapter's section links (7.2 to 7.5) open in the system browser", () => {
  const sections = [
    ['7.2 cross-correlation', 'conv-layer.html#the-cross-correlation-operation'],
    ['7.3 padding and stride', 'padding-and-strides.html'],
    ['7.4 channels', 'channels.html#multiple-input-channels'],
    ['7.5 pooling', 'pooling.html'],
  ].map(([name, page]) => [name, `https://d2l.ai/chapter_convolutional-neural-networks/${page}`]);

  it.each(sections)(
    '%s as a target=_blank link or window.open: denied in-app, opened externally',
    (_name, url) => {
      const contents = guarded();
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
      expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith(url);
    },
  );

  it.each(sections)('%s as a plain link: the window stays on the app, the browser opens it', (_name, url) => {
    expect(emitCancellable(guarded(), 'will-navigate', url)).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith(url);
  });
});
