// Serves the production renderer build (dist/renderer) over http on the loopback interface: the
// `npm start` fallback where Electron cannot run. Static files only; the build's own meta
// Content-Security-Policy travels in index.html, and nothing outside the build folder is readable.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file under `root` a request path names, or null for anything outside it or missing
 * ("/" is index.html).
 * @param {string} root
 * @param {string} requestPath
 */
export function resolveRequest(root, requestPath) {
  let path;
  try {
    path = decodeURIComponent(requestPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const relative = normalize(path.endsWith('/') ? `${path}index.html` : path).replace(/^([/\\])+/, '');
  const file = join(root, relative);
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/**
 * Listens on the first free port of `ports` (0: any) on 127.0.0.1.
 * @param {string} root the build folder
 * @param {number[]} ports
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveBuild(root, ports) {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolveRequest(root, request.url ?? '/');
    if (file === null) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    response.writeHead(200, {
      'Content-Type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  let lastError = null;
  for (const port of ports) {
    try {
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve(undefined);
        });
      });
      const address = server.address();
      const actual = typeof address === 'object' && address !== null ? address.port : port;
      return {
        url: `http://localhost:${actual}/`,
        close: () => new Promise((resolve) => server.close(() => resolve())),
      };
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(
    `convlab: could not listen on any of the ports ${ports.join(', ')} (${lastError instanceof Error ? lastError.message : String(lastError)})`,
  );
}
