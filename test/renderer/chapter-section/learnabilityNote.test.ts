// The short learnability note (learnabilityNote.ts) under the lab.
import { describe, expect, it } from 'vitest';
import { analyzeLearnability } from '../../../core/src/explain/index.ts';
import { formatDirection, shortLearnabilityNote } from '../../../renderer/src/chapter/learnabilityNote.ts';

describe('shortLearnabilityNote', () => {
  it('transposed stripes, 1x2 kernel: the cause and the direction [1, −1] that never moves', () => {
    const x = {
      shape: [6, 8],
      data: Array.from({ length: 48 }, (_, i) => (Math.floor(i / 8) % 3 === 0 ? 1 : 0)),
    };
    const note = shortLearnabilityNote(analyzeLearnability(x, 1, 2));
    expect(note).toBe(
      "The input has no change along the kernel's horizontal direction: the gradient is always zero along [1, −1], so gradient descent never moves the weights that way. The Backward pass tab below shows why.",
    );
  });
  it('is null when the kernel can be learned; an all-zero input moves no weight', () => {
    expect(
      shortLearnabilityNote(analyzeLearnability({ shape: [2, 3], data: [1, 0, 2, 0, 3, 1] }, 1, 2)),
    ).toBeNull();
    expect(
      shortLearnabilityNote(analyzeLearnability({ shape: [2, 3], data: [0, 0, 0, 0, 0, 0] }, 1, 2)),
    ).toMatch(/^Every window sees only zeros: no weight changes the output/);
  });
  it('formatDirection writes a 2x2 direction row by row, scaled to ±1', () => {
    expect(formatDirection([0.5, 0, 0, -0.5], 2, 2)).toBe('[[1, 0], [0, −1]]');
  });
});
