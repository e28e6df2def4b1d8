// The README's core example is the first thing a newcomer runs: execute it exactly as printed there
// (only the import path is made absolute) and check it learns the textbook's kernel.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

it('the README example learns the edge kernel: losses fall every second epoch and the weight ends near [1, -1]', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The core'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(code, 'a ```ts block in the README section "The core"').toBeDefined();
  const dir = mkdtempSync(join(tmpdir(), 'convlab-readme-'));
  try {
    const file = join(dir, 'edge.ts');
    writeFileSync(
      file,
      code!.replace("'./core/src/index.ts'", JSON.stringify(join(root, 'core/src/index.ts'))),
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const losses = lines.slice(0, -1).map((line) => Number(/^epoch \d+, loss (\S+)$/.exec(line)?.[1]));
    expect(losses).toHaveLength(5);
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]);
    const [w0, w1] = JSON.parse(lines.at(-1)!) as number[];
    expect(Math.abs(w0 - 1)).toBeLessThan(0.2);
    expect(Math.abs(w1 + 1)).toBeLessThan(0.2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
