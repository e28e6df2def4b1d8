// What `npm start` decides (electron/scripts/start-plan.mjs), as plain facts in and a plan out.
import { describe, expect, it } from 'vitest';
import {
  FALLBACK_PORT,
  browserCommand,
  portCandidates,
  startPlan,
} from '../../electron/scripts/start-plan.mjs';

describe('startPlan', () => {
  it('with a runtime: builds the renderer and the shell, then launches that executable', () => {
    expect(startPlan({ runtime: { path: '/opt/electron' }, hasBuild: true })).toEqual({
      kind: 'electron',
      runtimePath: '/opt/electron',
      builds: ['build', 'build:electron'],
    });
  });

  it('without a runtime and without a build: builds the renderer only, then serves it to a browser', () => {
    const plan = startPlan({ runtime: { path: null, reason: 'path.txt is missing' }, hasBuild: false });
    expect(plan).toMatchObject({ kind: 'browser', builds: ['build'] });
    if (plan.kind !== 'browser') return;
    expect(plan.notice).toBe(
      'convlab: the Electron runtime is missing (path.txt is missing), so the desktop app cannot start; serving the same lab to a browser instead',
    );
  });

  it('without a runtime and with a build: serves the build as it is, building nothing', () => {
    expect(startPlan({ runtime: { path: null, reason: 'x' }, hasBuild: true })).toMatchObject({
      kind: 'browser',
      builds: [],
    });
  });
});

describe('portCandidates', () => {
  it('tries the fixed fallback port and the nine after it (the autosave lives with the origin), then any', () => {
    const ports = portCandidates({});
    expect(ports).toHaveLength(11);
    expect(ports.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => FALLBACK_PORT + i));
    expect(ports.at(-1)).toBe(0);
  });

  it('CONVLAB_PORT alone when set; 0 means any free port', () => {
    expect(portCandidates({ CONVLAB_PORT: '5001' })).toEqual([5001]);
    expect(portCandidates({ CONVLAB_PORT: '0' })).toEqual([0]);
  });

  it.each(['http', '-1', '70000', '80.5'])('throws one line naming CONVLAB_PORT=%s', (value) => {
    expect(() => portCandidates({ CONVLAB_PORT: value })).toThrow(
      `convlab: CONVLAB_PORT is "${value}", not a port number 0 to 65535`,
    );
  });
});

describe('browserCommand', () => {
  const url = 'http://localhost:4180/';
  it('open on macOS, start through cmd on Windows (an empty title first), xdg-open in a Linux desktop', () => {
    expect(browserCommand('darwin', {}, url)).toEqual({ command: 'open', args: [url] });
    expect(browserCommand('win32', {}, url)).toEqual({ command: 'cmd', args: ['/c', 'start', '""', url] });
    expect(browserCommand('linux', { DISPLAY: ':0' }, url)).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserCommand('linux', { WAYLAND_DISPLAY: 'wayland-0' }, url)?.command).toBe('xdg-open');
  });

  it('none on a Linux machine without a graphical session, nor when CONVLAB_NO_BROWSER is set', () => {
    expect(browserCommand('linux', {}, url)).toBeNull();
    expect(browserCommand('darwin', { CONVLAB_NO_BROWSER: '1' }, url)).toBeNull();
  });
});
