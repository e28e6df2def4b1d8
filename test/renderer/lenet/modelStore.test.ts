// The stored LeNet model: its own key, bounded by LIMITS.lenetStoredModel, a one-line reason when it
// cannot be kept.
import { describe, expect, it } from 'vitest';
import { LIMITS, formatCount } from '../../../core/src/limits.ts';
import {
  LENET_MODEL_KEY,
  forgetStoredModel,
  storeModel,
  storedModelText,
} from '../../../renderer/src/lenet/modelStore.ts';

describe('modelStore', () => {
  it('keeps a model under its own key and gives it back; forget removes it', () => {
    expect(storeModel(localStorage, '{"format":"convlab-lenet"}')).toBeNull();
    expect(localStorage.getItem(LENET_MODEL_KEY)).toBe('{"format":"convlab-lenet"}');
    expect(storedModelText(localStorage)).toBe('{"format":"convlab-lenet"}');
    forgetStoredModel(localStorage);
    expect(storedModelText(localStorage)).toBeNull();
  });

  it('refuses a text over LIMITS.lenetStoredModel, naming the limit, and stores nothing', () => {
    const max = LIMITS.lenetStoredModel.max;
    expect(storeModel(localStorage, 'x'.repeat(max))).toBeNull();
    forgetStoredModel(localStorage);
    expect(storeModel(localStorage, 'x'.repeat(max + 1))).toBe(
      `The trained LeNet could not be kept for the next visit: the model is ${formatCount(max + 1)}, over the limit of ${formatCount(max)}.`,
    );
    expect(localStorage.getItem(LENET_MODEL_KEY)).toBeNull();
  });
});
