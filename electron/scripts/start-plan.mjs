// What `npm start` does, decided from plain facts so the decision can be tested without starting
// anything: with an Electron runtime it builds the renderer and the shell and launches the desktop app;
// without one it serves the same production build (building it first only when it is missing) on a
// local port and opens the system browser when the machine has one.

/**
 * The first port the browser fallback tries, then the next ones. A fixed address, not a random one:
 * the lab's autosave lives in the browser's storage for that origin, so the next start finds it.
 */
export const FALLBACK_PORT = 4180;
const FALLBACK_PORT_TRIES = 10;

/**
 * @param {{ runtime: { path: string } | { path: null, reason: string }, hasBuild: boolean }} facts
 * @returns {{ kind: 'electron', runtimePath: string, builds: string[] }
 *   | { kind: 'browser', builds: string[], notice: string }}
 */
export function startPlan({ runtime, hasBuild }) {
  if (runtime.path !== null) {
    return { kind: 'electron', runtimePath: runtime.path, builds: ['build', 'build:electron'] };
  }
  return {
    kind: 'browser',
    builds: hasBuild ? [] : ['build'],
    notice: `convlab: the Electron runtime is missing (${runtime.reason}), so the desktop app cannot start; serving the same lab to a browser instead`,
  };
}

/**
 * The ports to try in order: CONVLAB_PORT alone when set (0: any free port), else FALLBACK_PORT and
 * the nine after it, then any free port. Throws one line when CONVLAB_PORT is not a port.
 * @param {Record<string, string | undefined>} env
 * @returns {number[]}
 */
export function portCandidates(env) {
  const asked = env.CONVLAB_PORT;
  if (asked !== undefined && asked !== '') {
    const port = Number(asked);
    if (!/^\d+$/.test(asked) || port > 65535) {
      throw new Error(`convlab: CONVLAB_PORT is ${JSON.stringify(asked)}, not a port number 0 to 65535`);
    }
    return [port];
  }
  return [...Array.from({ length: FALLBACK_PORT_TRIES }, (_, i) => FALLBACK_PORT + i), 0];
}

/**
 * The command that opens `url` in the system browser, or null when there is none to open: no
 * graphical session on Linux (no DISPLAY or WAYLAND_DISPLAY), or CONVLAB_NO_BROWSER set.
 * @param {string} platform process.platform
 * @param {Record<string, string | undefined>} env
 * @param {string} url
 * @returns {{ command: string, args: string[] } | null}
 */
export function browserCommand(platform, env, url) {
  if (env.CONVLAB_NO_BROWSER) return null;
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd built-in; its first quoted argument is the window title, hence the empty one.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return { command: 'xdg-open', args: [url] };
}
