import { describe, expect, it } from 'vitest';
import { logTickLabel, logTicks } from '../../../renderer/src/lib/logTicks.ts';

const labels = (min: number, max: number) => logTicks(min, max).map(logTickLabel);

describe('logTicks', () => {
  it("the opening run's range (0.0116 to 18.6): the powers of ten inside, each label once", () => {
    expect(labels(0.0116, 18.6)).toEqual(['0.1', '1', '10']);
  });
  it('a range inside one decade (1.2 to 8) still gets labelled with 2 and 5', () => {
    expect(labels(1.2, 8)).toEqual(['2', '5']);
  });
  it('fourteen decades (1e-12 to 100): at most eight labels, none repeated', () => {
    const shown = labels(1e-12, 100);
    expect(shown.length).toBeLessThanOrEqual(8);
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown[0]).toBe('1e-12');
  });
  it('no ticks for a range that is not positive', () => {
    expect(logTicks(0, 1)).toEqual([]);
  });
});
