// fast-check fuzzing of the two readers: whatever the input, they either return a document or throw
// their own FormatError; valid documents round-trip exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { notebookExperiment, paddingModes, type Layer } from '../../../core/src/train/experiment.ts';
import {
  FormatError,
  labFile,
  parseLab,
  parseWeights,
  serializeLab,
  serializeWeights,
  weightsFile,
} from '../../../core/src/formats/index.ts';

function onlyFormatErrors(parse: (text: string) => unknown, text: string): void {
  try {
    parse(text);
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    expect(error.message).toMatch(/^(weights|lab) file: /);
  }
}

const float32 = fc.float({ noNaN: true, noDefaultInfinity: true });
const pair = (min: number, max: number) => fc.tuple(fc.integer({ min, max }), fc.integer({ min, max }));

const layerArb: fc.Arbitrary<Layer> = fc.record({
  kernelSize: pair(1, 3),
  inChannels: fc.integer({ min: 1, max: 2 }),
  outChannels: fc.integer({ min: 1, max: 2 }),
  padding: pair(0, 2),
  paddingMode: fc.constantFrom(...paddingModes),
  stride: pair(1, 3),
  dilation: pair(1, 2),
  bias: fc.boolean(),
  flip: fc.boolean(),
});

const weightsArb = layerArb.chain((layer) => {
  const n = layer.outChannels * layer.inChannels * layer.kernelSize[0] * layer.kernelSize[1];
  return fc.record({
    layer: fc.constant(layer),
    weight: fc.array(float32, { minLength: n, maxLength: n }),
    bias: layer.bias
      ? fc.array(float32, { minLength: layer.outChannels, maxLength: layer.outChannels })
      : fc.constant(null),
    lossHistory: fc.array(float32, { maxLength: 20 }),
    lr: fc.double({ min: 1e-6, max: 10, noNaN: true }),
    seed: fc.option(fc.integer({ min: 0, max: 2 ** 31 }), { nil: null }),
  });
});

/** A valid document as JSON data, with one value somewhere replaced by something arbitrary. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[path[0] % keys.length];
  const copy: Record<string, unknown> = Array.isArray(value)
    ? ([...value] as unknown as Record<string, unknown>)
    : { ...value };
  copy[key] = mutate((value as Record<string, unknown>)[key], path.slice(1), replacement);
  return copy;
}

describe('weights and lab readers under fuzzing', () => {
  it('arbitrary text: parseWeights and parseLab throw nothing but FormatError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          onlyFormatErrors(parseWeights, text);
          onlyFormatErrors(parseLab, text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('valid weights documents round-trip: same values, same text', () => {
    fc.assert(
      fc.property(weightsArb, (w) => {
        const file = weightsFile({
          layer: w.layer,
          weight: w.weight,
          bias: w.bias,
          optimizer: { kind: 'sgd', lr: w.lr },
          loss: 'sum-squared',
          epochs: w.lossHistory.length,
          seed: w.seed,
          lossHistory: w.lossHistory,
          targetKernel: null,
          app: { name: 'ConvLab', version: '0.1.0' },
        });
        const text = serializeWeights(file);
        const back = parseWeights(text);
        // Float32 values come back exact (0 and -0 are the same number in JSON).
        expect(back.weight.data.flat(3)).toEqual(w.weight.map((v) => (v === 0 ? 0 : Math.fround(v))));
        expect(back.training.lossHistory).toEqual(w.lossHistory.map((v) => (v === 0 ? 0 : v)));
        expect(back.training.lr).toBe(w.lr);
        expect(serializeWeights(back)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('valid weights documents with one field replaced by arbitrary JSON: only FormatError', () => {
    fc.assert(
      fc.property(
        weightsArb,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.jsonValue(),
        (w, path, replacement) => {
          const file = weightsFile({
            layer: w.layer,
            weight: w.weight,
            bias: w.bias,
            optimizer: { kind: 'adam', lr: w.lr },
            loss: 'mse',
            epochs: 3,
            seed: w.seed,
            lossHistory: w.lossHistory,
            targetKernel: null,
            app: { name: 'ConvLab', version: '0.1.0' },
          });
          const doc = JSON.parse(serializeWeights(file)) as unknown;
          onlyFormatErrors(parseWeights, JSON.stringify(mutate(doc, path, replacement)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('valid lab documents with one field replaced by arbitrary JSON: only FormatError', () => {
    const doc = JSON.parse(serializeLab(labFile(notebookExperiment(), null, { panel: 'loss' }))) as unknown;
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 6 }), fc.jsonValue(), (path, replacement) => {
        onlyFormatErrors(parseLab, JSON.stringify(mutate(doc, path, replacement)));
      }),
      { numRuns: 500 },
    );
  });

  it('valid labs with random float32 images round-trip to the same float32 values', () => {
    fc.assert(
      fc.property(fc.array(float32, { minLength: 48, maxLength: 48 }), (pixels) => {
        const experiment = {
          ...notebookExperiment(),
          input: { channels: 1, height: 6, width: 8, data: pixels },
        };
        const back = parseLab(serializeLab(labFile(experiment, null)));
        expect(back.experiment.input.data).toEqual(pixels.map((v) => (v === 0 ? 0 : Math.fround(v))));
      }),
      { numRuns: 200 },
    );
  });
});
