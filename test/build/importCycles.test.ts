import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The repo's own eslint.config.js, run through ESLint's API. The fixtures are ignored by a plain
// `eslint .` (test/fixtures/ holds data), so they are linted here with ignores off.
const eslint = new ESLint({ ignore: false });

async function cycleMessages(files: string[]): Promise<string[]> {
  const results = await eslint.lintFiles(files);
  return results.flatMap((r) =>
    r.messages.filter((m) => m.ruleId === 'import-x/no-cycle').map((m) => `${r.filePath}: ${m.message}`),
  );
}

describe('import cycles', () => {
  it('a new cycle between two modules is an ESLint error in each of them', async () => {
    const messages = await cycleMessages([
      'test/fixtures/import-cycle/first.ts',
      'test/fixtures/import-cycle/second.ts',
    ]);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/first\.ts: Dependency cycle/);
    expect(messages[1]).toMatch(/second\.ts: Dependency cycle/);
  });

  it('the one allowed cycle (tensor.ts with the ops and autograd/graph.ts) is not reported', async () => {
    expect(await cycleMessages(['core/src/tensor.ts', 'core/src/autograd/graph.ts', 'core/src/ops'])).toEqual(
      [],
    );
  });
});
