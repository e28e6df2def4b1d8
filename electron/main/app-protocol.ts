/**
 * The app:// protocol: serves the built renderer (dist/renderer) to the window, so pages get a
 * standard, secure origin (module workers, fetch, CSP) instead of file://.
 */
import { protocol } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { appHost, appScheme } from './app-origin.ts';
import { contentSecurityPolicy } from './content-security-policy.ts';

/** Must run before the app's `ready` event; Electron allows it once. */
export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeFor(path: string): string {
  return mimeTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request URL to a file under `rootDir`, or `null` when it must be refused: another host, a
 * malformed escape, a NUL byte, or any path that resolves outside the root (`..`, encoded `%2e%2e`
 * or `%2f`, an absolute or drive-letter path). "/" serves index.html.
 */
export function resolveAppPath(requestUrl: string, rootDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  // Only the one slash that starts every URL path is dropped: "//etc/passwd" stays absolute and is refused.
  const relativePath = pathname.replace(/^\//, '') || 'index.html';
  if (isAbsolute(relativePath) || /^[A-Za-z]:/.test(relativePath)) return null;

  const root = resolve(rootDir);
  const filePath = resolve(root, relativePath);
  const fromRoot = relative(root, filePath);
  if (fromRoot === '' || fromRoot.startsWith(`..${sep}`) || fromRoot === '..' || isAbsolute(fromRoot))
    return null;
  return filePath;
}

function textResponse(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** The `protocol.handle` callback for app://, serving files from `rootDir`. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'method not allowed');
    const filePath = resolveAppPath(request.url, rootDir);
    if (filePath === null) return textResponse(403, 'forbidden');
    try {
      if (!(await stat(filePath)).isFile()) return textResponse(404, 'not found');
      const body = await readFile(filePath);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: {
          'content-type': mimeTypeFor(filePath),
          'content-security-policy': contentSecurityPolicy,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return textResponse(404, 'not found');
    }
  };
}

export function handleAppProtocol(rootDir: string): void {
  protocol.handle(appScheme, createAppProtocolHandler(rootDir));
}
