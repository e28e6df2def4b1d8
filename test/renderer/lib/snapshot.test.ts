// The lab state's one schema: the same bounds as the lab's fields (the core's LIMITS), for the
// autosave, opened labs and imported weights alike. Each refusal is one line naming the field.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../core/src/limits.ts';
import { makeSnapshot, readSnapshot, type Snapshot } from '../../../renderer/src/lib/snapshot.ts';
import { defaultLayerGeometry } from '../../../core/src/conv/geometry.ts';
import { defaultSettings } from '../../../renderer/src/lab/labExperiment.ts';
import { gridFromRows } from '../../../renderer/src/lib/grid.ts';
import { stripes } from '../../../renderer/src/lib/inputPresets.ts';

// A document damaged on purpose: the tests write fields of any type into it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Editable = any;

const valid = (): Snapshot =>
  JSON.parse(
    JSON.stringify(
      makeSnapshot({
        input: stripes(6, 8),
        kernel: gridFromRows([[1, -1]]),
        flip: false,
        geometry: defaultLayerGeometry(),
        settings: defaultSettings(),
        targetOutput: null,
        results: {
          weight: { shape: [1, 1, 1, 2], data: [0.5, -0.5] },
          weightGrad: null,
          lossHistory: [2, 1],
          epoch: 2,
          key: 'k',
        },
      }),
    ),
  );

const refusal = (change: (s: Editable) => void): string => {
  const s = valid();
  change(s);
  const read = readSnapshot(s);
  return read instanceof Error ? read.message : 'accepted';
};

describe('the lab state schema', () => {
  it('accepts the opening scene with results', () => {
    expect(readSnapshot(valid())).toEqual(valid());
  });

  it.each([
    [
      'padding 600',
      (s: Editable) => (s.geometry.padding = [600, 0]),
      'lab state: geometry.padding[0] is 600, over the limit of 64',
    ],
    [
      'stride past its limit',
      (s: Editable) => (s.geometry.stride = [1, LIMITS.stride.max + 1]),
      `lab state: geometry.stride[1] is ${LIMITS.stride.max + 1}, over the limit of ${LIMITS.stride.max}`,
    ],
    [
      'dilation past its limit',
      (s: Editable) => (s.geometry.dilation = [LIMITS.dilation.max + 1, 1]),
      `lab state: geometry.dilation[0] is ${LIMITS.dilation.max + 1}, over the limit of ${LIMITS.dilation.max}`,
    ],
    [
      'epochs 1e12',
      (s: Editable) => (s.settings.epochs = 1e12),
      'lab state: settings.epochs is 1,000,000,000,000, over the limit of 1,000,000',
    ],
    [
      'learning rate -5',
      (s: Editable) => (s.settings.learningRate = -5),
      'lab state: settings.learningRate must be a positive number',
    ],
    [
      'a 3 x 3 weight holding 2 values',
      (s: Editable) => (s.results.weight = { shape: [1, 1, 3, 3], data: [1, 2] }),
      'lab state: results.weight data must have kernel height × width values',
    ],
    [
      '3 x 3 start weights holding 2 values',
      (s: Editable) => (s.settings.startWeights = { shape: [1, 1, 3, 3], data: [1, 2] }),
      'lab state: settings.startWeights data must have kernel height × width values',
    ],
    [
      'an input past the grid editor',
      (s: Editable) => (s.input = { height: 65, width: 1, data: new Array(65).fill(0) }),
      'lab state: input.height is 65, over the limit of 64',
    ],
    [
      'a kernel past the kernel editor',
      (s: Editable) => (s.kernel = { height: 1, width: 8, data: new Array(8).fill(0) }),
      'lab state: kernel.width is 8, over the limit of 7',
    ],
    [
      'a value past float32 (1e39)',
      (s: Editable) => (s.input.data[0] = 1e39),
      'lab state: input.data[0] must be a finite number within float32 range',
    ],
    [
      'an unknown key',
      (s: Editable) => (s.geometry.fliq = true),
      'lab state: geometry has unknown field fliq',
    ],
    [
      'a history longer than the epochs run',
      (s: Editable) => (s.results.epoch = 1),
      'lab state: results lossHistory is longer than epoch',
    ],
  ])('refuses %s in one line naming the field', (_, change, message) => {
    expect(refusal(change)).toBe(message);
  });
});
