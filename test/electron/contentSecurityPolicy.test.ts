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

  it("allows no JavaScript eval: 'wasm-unsafe-eval' (WebAssembly compilation only) in script-src and nowhere else", () => {
    expect(contentSecurityPolicy).not.toMatch(/'unsafe-eval'|unsafe-hashes/);
    for (const [name, sources] of policy) {
      if (name !== 'script-src') expect(sources, name).not.toContain("'wasm-unsafe-eval'");
    }
  });

  it('names nothing remote: no scheme sources but data: and blob: for images, no hosts, no wildcards', () => {
    for (const [name, sources] of policy) {
      for (const source of sources) {
        const allowed =
          ["'self'", "'none'", "'unsafe-inline'"].includes(source) ||
          (name === 'script-src' && source === "'wasm-unsafe-eval'") ||
          (name === 'img-src' && ['data:', 'blob:'].includes(source));
        expect(allowed, `${name} ${source}`).toBe(true);
      }
    }
  });

  it("keeps scripts and workers to the app itself, with no inline scripts; WebAssembly may compile (the core's GEMM)", () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

it('the development policy adds only the dev server WebSocket to connect-src', () => {
  const dev = directives(developmentContentSecurityPolicy('http://localhost:5173'));
  expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
  expect(dev.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
});
