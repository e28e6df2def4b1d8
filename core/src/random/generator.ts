import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** The seed a fresh generator starts from, as PyTorch's default generator (torch.initial_seed()). */
const DEFAULT_SEED = 67280421310721;

/** A seed of up to 53 bits folded into the 32 bits xoroshiro128+'s seeding takes. */
function fold(seed: number): number {
  return ((seed % 2 ** 32) ^ Math.floor(seed / 2 ** 32)) | 0;
}

/**
 * A seedable source of random numbers, as `torch.Generator`: `new Generator().manualSeed(42)`. Built on
 * pure-rand's xoroshiro128+ (not PyTorch's Mersenne Twister, so the values differ from PyTorch's; the
 * distributions are the same). Normal values come from the Box-Muller transform, two at a time.
 */
export class Generator {
  private rng: RandomGenerator;
  private seed: number;
  /** The second value of the last Box-Muller pair, not yet handed out. */
  private spareNormal: number | null = null;

  constructor(seed: number = DEFAULT_SEED) {
    this.seed = checkSeed(seed);
    this.rng = xoroshiro128plus(fold(this.seed));
  }

  /** Restarts the sequence from `seed` (a non-negative integer); returns the generator, as PyTorch. */
  manualSeed(seed: number): this {
    this.seed = checkSeed(seed);
    this.rng = xoroshiro128plus(fold(this.seed));
    this.spareNormal = null;
    return this;
  }

  initialSeed(): number {
    return this.seed;
  }

  /** A uniform value in [0, 1) with 53 random bits. */
  uniform(): number {
    return uniformFloat64(this.rng);
  }

  /** A standard normal value (mean 0, standard deviation 1). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    const u1 = 1 - this.uniform(); // in (0, 1], so the logarithm is finite
    const u2 = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }
}

function checkSeed(seed: number): number {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`manualSeed: seed must be a non-negative integer, got ${seed}`);
  }
  return seed;
}

/** The generator `rand`, `randn` and parameter initialisation use when given none. */
export const defaultGenerator = new Generator();

/** Seeds the default generator, as `torch.manual_seed`; returns it. */
export function manualSeed(seed: number): Generator {
  return defaultGenerator.manualSeed(seed);
}
