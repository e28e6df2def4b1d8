import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { protocol } from './helpers/fake-electron.ts';
import {
  createAppProtocolHandler,
  handleAppProtocol,
  mimeTypeFor,
  registerAppSchemeAsPrivileged,
  resolveAppPath,
} from '../../electron/main/app-protocol.ts';
import { contentSecurityPolicy } from '../../electron/main/content-security-policy.ts';

vi.mock('electron', () => import('./helpers/fake-electron.ts'));

// A renderer build beside a secret file that must stay unreachable.
let base: string;
let root: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'convlab-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>ConvLab</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {};');
  writeFileSync(join(root, 'assets', 'worker-abc.js'), 'self.onmessage = () => {};');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'not for the renderer');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => createAppProtocolHandler(root)(new Request(url, { method }));

describe('serving the renderer', () => {
  it('serves index.html for / with an HTML MIME type and the CSP header', async () => {
    const response = await get('app://convlab/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('<!doctype html><title>ConvLab</title>');
  });

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/worker-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['index.html?lab=1#top', 'text/html; charset=utf-8'],
  ])('serves %s as %s (module scripts and workers need a JavaScript MIME type)', async (path, mime) => {
    const response = await get(`app://convlab/${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(mime);
  });

  it('answers 404 for a missing file and for a directory', async () => {
    expect((await get('app://convlab/assets/missing.js')).status).toBe(404);
    expect((await get('app://convlab/assets')).status).toBe(404);
  });

  it('answers 405 to anything but GET and HEAD', async () => {
    expect((await get('app://convlab/index.html', 'POST')).status).toBe(405);
    const head = await get('app://convlab/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('names unknown extensions application/octet-stream', () => {
    expect(mimeTypeFor('/x/model.bin')).toBe('application/octet-stream');
    expect(mimeTypeFor('/x/ICON.PNG')).toBe('image/png');
  });
});

describe('refusing paths outside the app', () => {
  it.each([
    ['../ traversal', 'app://convlab/../secret.txt'],
    ['../ traversal deeper', 'app://convlab/assets/../../secret.txt'],
    ['encoded %2e%2e', 'app://convlab/%2e%2e/secret.txt'],
    ['encoded %2E%2E upper case', 'app://convlab/assets/%2E%2E/%2E%2E/secret.txt'],
    ['encoded slash ..%2f', 'app://convlab/..%2fsecret.txt'],
    ['double-encoded %252e', 'app://convlab/%252e%252e/secret.txt'],
    ['backslashes ..%5c', 'app://convlab/..%5csecret.txt'],
    ['an absolute path', 'app://convlab//etc/passwd'],
    ['an encoded absolute path', 'app://convlab/%2fetc%2fpasswd'],
    ['a drive letter', 'app://convlab/C:/Windows/win.ini'],
    ['a NUL byte', 'app://convlab/index.html%00.js'],
    ['a malformed escape', 'app://convlab/%E0%A4%A'],
    ['another host', 'app://elsewhere/index.html'],
    ['another scheme', 'file:///etc/passwd'],
  ])('refuses %s (%s) and never serves the secret', async (_label, url) => {
    const response = await get(url).catch(() => null);
    // A URL Request itself rejects is refused as well; otherwise the handler must answer 403 or 404.
    if (response !== null) {
      expect([403, 404]).toContain(response.status);
      expect(await response.text()).not.toContain('not for the renderer');
    }
    const resolved = resolveAppPath(url, root);
    expect(resolved === null || resolved.startsWith(join(root, '/'))).toBe(true);
  });

  it('maps in-app paths under the root and refuses the rest with null', () => {
    expect(resolveAppPath('app://convlab/assets/index-abc.js', root)).toBe(
      join(root, 'assets', 'index-abc.js'),
    );
    // The URL parser collapses a literal or %2e-encoded dot segment at the root, so it stays inside.
    expect(resolveAppPath('app://convlab/%2e%2e/secret.txt', root)).toBe(join(root, 'secret.txt'));
    expect(resolveAppPath('app://convlab/..%2fsecret.txt', root)).toBeNull();
    expect(resolveAppPath('app://convlab/%2fetc%2fpasswd', root)).toBeNull();
  });
});

describe('registration', () => {
  it('registers app:// as standard, secure and fetch-capable, without bypassing the CSP', () => {
    registerAppSchemeAsPrivileged();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('hands protocol.handle a handler for the app scheme', () => {
    handleAppProtocol(root);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});
