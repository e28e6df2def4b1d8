/**
 * The content security policy of every app page, sent as a response header by the app:// handler.
 * Nothing remote and no JavaScript eval: Svelte and Vite production builds and chart.js need neither.
 * 'wasm-unsafe-eval' lets the core compile its embedded WebAssembly GEMM (core/wasm/simdKernels.wat, bytes
 * shipped inside the bundle): it permits compiling WebAssembly only, never eval or new Function.
 * Without it the core falls back to its slower JavaScript GEMM. Inline styles stay allowed because
 * Svelte writes `style` attributes for component styling; inline scripts do not.
 */
const directives: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
  'frame-src': ["'none'"],
};

function serialize(policy: Record<string, string[]>): string {
  return Object.entries(policy)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export const contentSecurityPolicy = serialize(directives);

/**
 * Development only: Vite's dev server pushes updates over a WebSocket on its own origin, so
 * `connect-src` also names that socket. Still no JavaScript eval and nothing beyond the loopback dev
 * server.
 */
export function developmentContentSecurityPolicy(devServerOrigin: string): string {
  const socket = devServerOrigin.replace(/^http/, 'ws');
  return serialize({ ...directives, 'connect-src': ["'self'", socket] });
}
