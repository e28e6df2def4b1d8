/**
 * Where the app's own pages come from, and the one test of whether a URL is one of them. Used by the
 * protocol handler, the navigation guard and the IPC sender check, so they can never disagree.
 */

/** Registered as a privileged, standard scheme: pages get a real origin, module workers and a CSP. */
export const appScheme = 'app';
export const appHost = 'convlab';
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

/**
 * True when `url` is a page of the app: `app://convlab/...`, or in development the Vite dev server's
 * origin. Compares scheme and host rather than `URL.origin`, which is "null" for custom schemes in Node.
 */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${appScheme}:` && parsed.host === appHost) return true;
  if (devServerUrl === undefined) return false;
  const dev = new URL(devServerUrl);
  return parsed.protocol === dev.protocol && parsed.host === dev.host;
}

/**
 * The dev server may only be a loopback http URL: a development convenience must not become a way to
 * load remote content into a window that has the bridge.
 */
export function parseDevServerUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`CONVLAB_DEV_SERVER_URL: not a URL: ${JSON.stringify(value)}`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'];
  if (parsed.protocol !== 'http:' || !loopback.includes(parsed.hostname)) {
    throw new Error(`CONVLAB_DEV_SERVER_URL: must be http on localhost, got ${JSON.stringify(value)}`);
  }
  return parsed.origin;
}
