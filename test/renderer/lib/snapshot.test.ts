// The lab state's one schema: the same bounds as the lab's fields (the core's LIMITS), for the
// autosave, opened labs and imported weights alike. Each refusal is one line naming the field.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../core/src/limits.ts';
import {
  makeSnapshot,
  readSnapshot,
  readStoredSnapshot,
  storedSnapshot,
  type Snapshot,
} from '../../../renderer/src/lib/snapshot.ts';
import { decodeFloat32, encodeFloat32 } from '../../../renderer/src/lib/float32Text.ts';
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

  it('the autosave form packs the loss history as float32 and reads back the same snapshot', () => {
    const s = valid();
    s.results!.lossHistory = [Math.fround(0.1), Math.fround(7.047), 0];
    s.results!.epoch = 3;
    const stored = JSON.parse(JSON.stringify(storedSnapshot(s)));
    expect(typeof stored.results.lossHistory.float32).toBe('string');
    expect(readStoredSnapshot(stored)).toEqual(s);
  });

  it('reads version 1 (plain loss history) as this version', () => {
    const old = { ...valid(), version: 1 };
    expect(readStoredSnapshot(old)).toEqual(valid());
  });

  it('refuses a packed history that is not whole float32 values', () => {
    const stored = JSON.parse(JSON.stringify(storedSnapshot(valid())));
    stored.results.lossHistory.float32 = 'AAAA';
    expect((readStoredSnapshot(stored) as Error).message).toBe(
      'lab state: results.lossHistory is not packed float32 values',
    );
  });
});

describe('float32 packed 15 bits a character', () => {
  it('1.0 (bytes 00 00 80 3f) is 0x4000 + the first 15 bits, 0x4000 + the next 15, then 2 bits padded', () => {
    // The bit stream 00000000 00000000 10000000 00111111 cut into 15-bit groups.
    const bits = '00000000000000001000000000111111';
    const groups = [bits.slice(0, 15), bits.slice(15, 30), bits.slice(30).padEnd(15, '0')];
    expect(encodeFloat32([1])).toBe(String.fromCharCode(...groups.map((g) => 0x4000 + parseInt(g, 2))));
  });

  it('round-trips float32 values exactly, for every count of values up to 40', () => {
    const special = [0, -0.5, Math.fround(Math.PI), 3.4e38, Math.fround(1e-40), -0];
    for (let n = 0; n <= 40; n++) {
      const values = Array.from({ length: n }, (_, i) => Math.fround(special[i % special.length] * (i + 1)));
      expect(decodeFloat32(encodeFloat32(values))).toEqual(values);
    }
  });

  it('a million values take under 2.2 million characters, none a surrogate or one JSON escapes', () => {
    const values = Array.from({ length: 1_000_000 }, (_, i) => Math.fround(1 / (i + 1)));
    const text = encodeFloat32(values);
    expect(text.length).toBeLessThan(2_200_000);
    expect(JSON.stringify(text).length).toBe(text.length + 2);
    expect(/[\uD800-\uDFFF]/.test(text)).toBe(false);
  });

  it('gives null for text that is not what the encoder writes', () => {
    expect(decodeFloat32('not packed')).toBeNull();
    expect(decodeFloat32(encodeFloat32([1, 2]).slice(0, -1))).toBeNull();
    const withPadding = encodeFloat32([1]);
    expect(
      decodeFloat32(withPadding.slice(0, -1) + String.fromCharCode(withPadding.charCodeAt(2) + 1)),
    ).toBeNull();
  });
});
