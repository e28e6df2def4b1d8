// jsdom setup for the renderer's component tests: jest-dom matchers, and stand-ins for what jsdom
// lacks (animation frames when not visual, object URLs).
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

if (typeof globalThis.requestAnimationFrame !== 'function') {
  globalThis.requestAnimationFrame = (callback: FrameRequestCallback): number =>
    setTimeout(() => callback(performance.now()), 0) as unknown as number;
  globalThis.cancelAnimationFrame = (handle: number): void => clearTimeout(handle);
}
URL.createObjectURL ??= () => 'blob:convlab-test';
URL.revokeObjectURL ??= () => {};
