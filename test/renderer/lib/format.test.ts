// Number formatting: the training summary, cells in the characters they hold, and plain numbers.
import { describe, expect, it } from 'vitest';
import { cellChars, formatCell, formatNumber, trainingSummary } from '../../../renderer/src/lib/format.ts';

describe('formatting', () => {
  it("writes the summary in the notebook's terms", () => {
    expect(trainingSummary([0.979, -0.994], 10, 0.01)).toBe(
      'learned [0.979, -0.994] after 10 epochs, loss 0.010',
    );
    expect(trainingSummary([-0.0001], 1, 2)).toBe('learned [0.000] after 1 epoch, loss 2.000');
    expect(trainingSummary([-1.5e17], 94, 1.847e38)).toBe(
      'learned [-1.500e+17] after 94 epochs, loss 1.847e+38',
    );
  });

  it('writes cells in at most the characters they hold: decimals dropped first, then exponents', () => {
    // 219.33 is a value a narrow cell once clipped: in 5 characters it keeps one decimal, in 3 none.
    expect([formatCell(219.33), formatCell(219.33, 4), formatCell(219.33, 3)]).toEqual([
      '219.3',
      '219',
      '219',
    ]);
    expect([formatCell(2193.4, 3), formatCell(2193.4, 4)]).toEqual(['2e3', '2193']);
    expect([formatCell(1), formatCell(-0.125), formatCell(1 / 3), formatCell(-0.001)]).toEqual([
      '1',
      '-0.13',
      '0.333',
      '0',
    ]);
    for (const v of [219.33, -2193.4, 1 / 3, 12345, 0.0005, -99999]) {
      for (const chars of [4, 5, 6])
        expect(formatCell(v, chars).length, `${v} in ${chars}`).toBeLessThanOrEqual(chars);
    }
  });

  it('writes huge values (a diverging run) in short scientific notation', () => {
    expect([formatCell(-1.2287e17), formatCell(-1.2287e17, 7), formatCell(123456)]).toEqual([
      '-1e17',
      '-1.2e17',
      '1.2e5',
    ]);
  });

  it('cellChars: a wider cell or a smaller font holds more characters, never fewer than 4', () => {
    expect(cellChars(26, 9.36)).toBe(4);
    expect(cellChars(52, 14)).toBe(6);
    expect(cellChars(10, 14)).toBe(4);
  });

  it('formatNumber: fixed decimals without trailing zeros, a real minus, or a plain one for fields', () => {
    expect([formatNumber(-0.5), formatNumber(1 / 3), formatNumber(2, 4), formatNumber(-0.00001)]).toEqual([
      '−0.5',
      '0.333',
      '2',
      '0',
    ]);
    expect(formatNumber(-1.23456, 4, '-')).toBe('-1.2346');
  });
});
