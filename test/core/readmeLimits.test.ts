// The README's "Limits" table is what users read; LIMITS (core/src/limits.ts) is what the code
// enforces. They must say the same, in both directions: every entry listed with its value, no row
// that is not an entry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS, formatCount } from '../../core/src/limits.ts';

/** The rows of the first table after the "## Limits" heading, as [what, limit] cell texts. */
function readmeLimitRows(): Array<[string, string]> {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Limits\n');
  expect(start, 'a "## Limits" section in the README').toBeGreaterThanOrEqual(0);
  const section = readme.slice(start + 1).split(/\n## /)[0];
  const lines = section.split('\n').filter((line) => line.trimStart().startsWith('|'));
  // Header and separator first, then one row per limit.
  expect(lines.length).toBeGreaterThan(2);
  return lines.slice(2).map((line) => {
    const cells = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => cell.trim());
    expect(cells, `two cells in ${JSON.stringify(line)}`).toHaveLength(2);
    return [cells[0], cells[1]];
  });
}

describe("the README's limits table", () => {
  const rows = readmeLimitRows();
  const entries = Object.values(LIMITS);

  it('lists every LIMITS entry with its value', () => {
    for (const { what, max } of entries) {
      expect(rows, `a row for "${what}"`).toContainEqual([what, formatCount(max)]);
    }
  });

  it('has no row that is not a LIMITS entry, and no entry twice', () => {
    const expected = entries.map(({ what, max }) => [what, formatCount(max)]);
    for (const row of rows)
      expect(expected, `LIMITS has an entry for the row ${row.join(' | ')}`).toContainEqual(row);
    expect(rows).toHaveLength(entries.length);
  });
});
