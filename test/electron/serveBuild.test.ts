// The `npm start` fallback's static server reads nothing outside the build folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveRequest } from '../../electron/scripts/serve-build.mjs';

const dir = mkdtempSync(join(tmpdir(), 'convlab-serve-'));
const root = join(dir, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html>');
writeFileSync(join(root, 'assets', 'app.js'), '');
writeFileSync(join(dir, 'secret.txt'), 'outside the build');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveRequest', () => {
  it('maps / to index.html and asset paths to their files, ignoring the query', () => {
    expect(resolveRequest(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveRequest(root, '/assets/app.js?v=1')).toBe(join(root, 'assets', 'app.js'));
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..\\secret.txt'])(
    'refuses %s (outside the build folder)',
    (path) => expect(resolveRequest(root, path)).toBeNull(),
  );

  it('refuses missing files, folders, a NUL byte and a malformed escape', () => {
    expect(resolveRequest(root, '/missing.js')).toBeNull();
    expect(resolveRequest(root, '/assets')).toBeNull();
    expect(resolveRequest(root, '/index.html%00.js')).toBeNull();
    expect(resolveRequest(root, '/%E0%A4%A')).toBeNull();
  });
});
