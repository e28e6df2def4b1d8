import { describe, expect, it } from 'vitest';
import { Generator, manualSeed, rand, randn } from '../../../core/src/index.ts';

describe('Generator, rand and randn', () => {
  it('the same seed gives the same values, another seed other values', () => {
    const a = rand([100], { generator: new Generator().manualSeed(42) });
    const b = rand([100], { generator: new Generator().manualSeed(42) });
    const c = rand([100], { generator: new Generator().manualSeed(43) });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(a.data)).not.toEqual(Array.from(c.data));
  });

  it('manualSeed seeds the default generator used when none is given', () => {
    manualSeed(7);
    const a = randn([50]);
    manualSeed(7);
    const b = randn([50]);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it('manualSeed restarts a generator, and initialSeed reports the seed', () => {
    const g = new Generator().manualSeed(5);
    const first = g.uniform();
    g.uniform();
    expect(g.manualSeed(5).uniform()).toBe(first);
    expect(g.initialSeed()).toBe(5);
  });

  it('rand is uniform in [0, 1): moments of 20,000 draws', () => {
    const x = rand([20000], { generator: new Generator().manualSeed(1) }).data;
    let sum = 0;
    let sq = 0;
    for (const v of x) {
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
      sq += v * v;
    }
    const mean = sum / x.length;
    // Uniform(0, 1): mean 1/2, variance 1/12; the bounds are about 5 standard errors.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.011);
    expect(Math.abs(sq / x.length - mean * mean - 1 / 12)).toBeLessThan(0.005);
  });

  it('randn is standard normal: moments and the share within one sigma of 20,000 draws', () => {
    const x = randn([20000], { generator: new Generator().manualSeed(2) }).data;
    let sum = 0;
    let sq = 0;
    let within = 0;
    for (const v of x) {
      sum += v;
      sq += v * v;
      if (Math.abs(v) < 1) within++;
    }
    expect(Math.abs(sum / x.length)).toBeLessThan(0.04);
    expect(Math.abs(sq / x.length - 1)).toBeLessThan(0.05);
    expect(Math.abs(within / x.length - 0.6827)).toBeLessThan(0.02);
  });

  it('rand and randn take shape and requiresGrad', () => {
    const t = randn([2, 3], { requiresGrad: true });
    expect(t.shape).toEqual([2, 3]);
    expect(t.requiresGrad).toBe(true);
    expect(rand([]).shape).toEqual([]);
  });

  it('throws when the seed is not a non-negative integer', () => {
    expect(() => manualSeed(-1)).toThrow('manualSeed: seed must be a non-negative integer, got -1');
    expect(() => new Generator().manualSeed(1.5)).toThrow(
      'manualSeed: seed must be a non-negative integer, got 1.5',
    );
  });

  it('throws when the generator is not a Generator or the shape is invalid', () => {
    expect(() => rand([2], { generator: {} as Generator })).toThrow('rand: generator must be a Generator');
    expect(() => randn([-2])).toThrow('randn: shape must be a list of non-negative integers, got [-2]');
  });
});
