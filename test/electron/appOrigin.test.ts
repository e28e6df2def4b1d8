import { describe, expect, it } from 'vitest';
import { appEntryUrl, isAppUrl, parseDevServerUrl } from '../../electron/main/app-origin.ts';

describe('isAppUrl', () => {
  it.each([
    [appEntryUrl, undefined, true],
    ['app://convlab/assets/index.js?x=1#y', undefined, true],
    ['app://convlab.evil/index.html', undefined, false],
    ['app://other/index.html', undefined, false],
    ['https://convlab/index.html', undefined, false],
    ['file:///index.html', undefined, false],
    ['not a url', undefined, false],
    ['http://localhost:5173/src/main.ts', undefined, false],
    ['http://localhost:5173/src/main.ts', 'http://localhost:5173', true],
    ['http://localhost:5174/', 'http://localhost:5173', false],
  ])('%s with dev server %s → %s', (url, devServerUrl, expected) => {
    expect(isAppUrl(url, devServerUrl)).toBe(expected);
  });
});

describe('parseDevServerUrl', () => {
  it('accepts loopback http and returns its origin; no value means no dev server', () => {
    expect(parseDevServerUrl('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(parseDevServerUrl('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
    expect(parseDevServerUrl(undefined)).toBeUndefined();
    expect(parseDevServerUrl('')).toBeUndefined();
  });

  it('throws when the value is not a URL', () => {
    expect(() => parseDevServerUrl('localhost 5173')).toThrow(
      'CONVLAB_DEV_SERVER_URL: not a URL: "localhost 5173"',
    );
  });

  it.each(['https://localhost:5173', 'http://example.com:5173', 'http://192.168.1.2:5173'])(
    'throws when the dev server %s is not http on localhost',
    (value) => {
      expect(() => parseDevServerUrl(value)).toThrow(
        `CONVLAB_DEV_SERVER_URL: must be http on localhost, got "${value}"`,
      );
    },
  );
});
