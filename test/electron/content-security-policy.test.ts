import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  developmentContentSecurityPolicy,
} from '../../electron/main/content-security-policy.ts';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('the production content security policy', () => {
  const policy = directives(contentSecurityPolicy);

  it('allows no eval of any kind', () => {
    expect(contentSecurityPolicy).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes/);
  });

  it('names nothing remote: no scheme sources but data: and blob: for images, no hosts, no wildcards', () => {
    for (const [name, sources] of policy) {
      for (const source of sources) {
        const allowed =
          ["'self'", "'none'", "'unsafe-inline'"].includes(source) ||
          (name === 'img-src' && ['data:', 'blob:'].includes(source));
        expect(allowed, `${name} ${source}`).toBe(true);
      }
    }
  });

  it('keeps scripts and workers to the app itself, with no inline scripts', () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

it('the development policy adds only the dev server WebSocket to connect-src', () => {
  const dev = directives(developmentContentSecurityPolicy('http://localhost:5173'));
  expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
  expect(dev.get('script-src')).toEqual(["'self'"]);
});
