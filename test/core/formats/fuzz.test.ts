// fast-check over both readers: every mutation of a valid weights file and a valid lab file
// (byte flips, truncations, type swaps, huge and non-finite numbers, unknown keys, deep nesting) is
// either refused with a one-line FormatError that names the field, or read to a value that passes
// every limit: validateExperiment accepts what it describes, and the writer writes it back to a file
// the reader accepts. A fixed seed in the normal run; `npm run fuzz` sets FUZZ_RUNS for a longer one
// (and FUZZ_SEED for another seed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAD_MODES } from '../../../core/src/conv/geometry.ts';
import { LIMITS } from '../../../core/src/limits.ts';
import { notebookExperiment, type Experiment, type Layer } from '../../../core/src/train/experiment.ts';
import { Trainer } from '../../../core/src/train/trainer.ts';
import { validateExperiment } from '../../../core/src/train/validate.ts';
import {
  FormatError,
  flattenKernel,
  labFile,
  optimizerOf,
  parseLab,
  parseWeights,
  serializeLab,
  serializeWeights,
  weightsFile,
  type LabFile,
  type WeightsFile,
} from '../../../core/src/formats/index.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? '') || 300;
const SEED = Number(process.env.FUZZ_SEED ?? '') || 20261201;
const settings = (scale = 1) => ({
  numRuns: Math.max(1, Math.round(RUNS * scale)),
  seed: SEED,
  // Mutations are functions: shrinking them says little and can take minutes. The seed replays a failure.
  endOnFailure: true,
});

// ---- Valid files to mutate -------------------------------------------------------------------

/** The notebook's run as a weights file, with a bias and the true kernel so every field is present. */
function validWeightsText(): string {
  const experiment: Experiment = {
    ...notebookExperiment(),
    layer: { ...notebookExperiment().layer, bias: true },
    // A seeded draw: it gives the bias a start too.
    init: { kind: 'seed', seed: 7 },
  };
  const trainer = new Trainer(experiment);
  for (let i = 0; i < experiment.epochs; i++) trainer.step();
  return serializeWeights(
    weightsFile({
      layer: experiment.layer,
      weight: trainer.weight,
      bias: trainer.bias,
      optimizer: { kind: 'sgd', lr: 0.03, momentum: 0.5 },
      loss: experiment.loss,
      epochs: experiment.epochs,
      seed: 7,
      lossHistory: trainer.lossHistory,
      targetKernel: { shape: [1, 1, 1, 2], data: [1, -1] },
      app: { name: 'ConvLab', version: '0.1.0' },
    }),
  );
}

/** The notebook's lab after its run, with a seeded start, results and view settings. */
function validLabText(): string {
  const experiment = notebookExperiment();
  const trainer = new Trainer(experiment);
  for (let i = 0; i < experiment.epochs; i++) trainer.step();
  return serializeLab(
    labFile(
      experiment,
      {
        lossHistory: trainer.lossHistory,
        weight: { shape: [1, 1, 1, 2], data: Array.from(trainer.weight) },
        bias: null,
      },
      { panel: 'loss', zoom: 2, grid: { rows: [1, 2] } },
    ),
  );
}

// ---- Mutations -------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Follows `path` (each step picks a child by index modulo the count) and replaces what it ends at. */
function replaceAt(value: Json, path: readonly number[], replace: (old: Json) => Json): Json {
  if (path.length === 0 || value === null || typeof value !== 'object') return replace(value);
  const keys = Object.keys(value);
  if (keys.length === 0) return replace(value);
  const key = keys[path[0] % keys.length];
  const copy: Record<string, Json> | Json[] = Array.isArray(value) ? [...value] : { ...value };
  (copy as Record<string, Json>)[key] = replaceAt(
    (value as Record<string, Json>)[key],
    path.slice(1),
    replace,
  );
  return copy;
}

/**
 * Edits (a copy of) the deepest object, not array, on `path`; returns the new document and whether an
 * object was found.
 */
function editObjectAt(
  value: Json,
  path: readonly number[],
  edit: (object: Record<string, Json>) => void,
): [Json, boolean] {
  if (value === null || typeof value !== 'object') return [value, false];
  const keys = Object.keys(value);
  const copy: Record<string, Json> | Json[] = Array.isArray(value) ? [...value] : { ...value };
  if (path.length > 0 && keys.length > 0) {
    const key = keys[path[0] % keys.length];
    const [child, done] = editObjectAt((value as Record<string, Json>)[key], path.slice(1), edit);
    if (done) {
      (copy as Record<string, Json>)[key] = child;
      return [copy, true];
    }
  }
  if (Array.isArray(copy)) return [value, false];
  edit(copy);
  return [copy, true];
}
const editObject = (text: string, path: readonly number[], edit: (object: Record<string, Json>) => void) =>
  JSON.stringify(editObjectAt(JSON.parse(text) as Json, path, edit)[0]);

/** The paths of every number in a document, iteratively (`['layer', 'padding', 0]`). */
function numberPaths(doc: Json): Array<Array<string | number>> {
  const found: Array<Array<string | number>> = [];
  const stack: Array<[Json, Array<string | number>]> = [[doc, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [Json, Array<string | number>];
    // Only the files' own levels: a deep nest from an earlier mutation would cost depth squared.
    if (path.length > 12) continue;
    if (typeof value === 'number') found.push(path);
    else if (Array.isArray(value)) value.forEach((item, i) => stack.push([item, [...path, i]]));
    else if (value !== null && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) stack.push([item, [...path, key]]);
  }
  return found.sort((a, b) => a.join('.').localeCompare(b.join('.')));
}

/** The document with the number at `path` replaced by MARKER. */
function markNumber(doc: Json, path: ReadonlyArray<string | number>): Json {
  if (path.length === 0) return MARKER;
  const copy = (Array.isArray(doc) ? [...doc] : { ...(doc as Record<string, Json>) }) as Record<string, Json>;
  copy[path[0]] = markNumber(copy[path[0]], path.slice(1));
  return copy;
}

const MARKER = 987654.3125;
const SIZE_KEYS =
  /^(padding|stride|dilation|kernelSize|inChannels|outChannels|shape|channels|height|width|epochs)$/;
/** Numbers as they may be written in a file: beyond float32, beyond float64, tiny, large integers. */
const numberTexts = [
  '1e39',
  '-1e39',
  '3.4028236e38',
  '3.4028234e38',
  '1e308',
  '1e400',
  '-1e400',
  '1e-50',
  '-0',
  '4294967296',
  '9007199254740993',
  '1e15',
  '600',
  '65',
  '64',
  '1000001',
  '-1',
  '0',
  '0.5',
  'NaN',
  'Infinity',
];
const keyTexts = ['fliq', 'extra', '__proto__', 'constructor', 'a\nb', '', 'layer', 'format'];

/** Nesting depths: mostly shallow, sometimes deep enough to overflow any recursive reader. */
const depthArb = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 200 }), weight: 9 },
  { arbitrary: fc.constantFrom(20_000, 100_000), weight: 1 },
);
const pathArb = fc.array(fc.nat(), { maxLength: 8 });
const scalarArb: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 6 }),
  fc.double(),
  fc.integer(),
);
const swapArb: fc.Arbitrary<(old: Json) => Json> = fc.oneof(
  scalarArb.map((v) => () => v),
  fc.constant((old: Json) => [old]),
  fc.constant((old: Json) => ({ value: old })),
  fc.constant((old: Json) => (Array.isArray(old) ? old.slice(1) : old)),
  fc.constant((old: Json) => (Array.isArray(old) ? [...old, ...old] : old)),
  fc.constant((old: Json) => JSON.stringify(old)),
  fc.constant(() => []),
  fc.constant(() => ({})),
);

/** One mutation of a file's text. */
const mutationArb: fc.Arbitrary<(text: string) => string> = fc.oneof(
  // A flipped byte of the UTF-8 encoding (decoded again with replacement characters).
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, mask]) => (text: string) => {
    const bytes = new TextEncoder().encode(text);
    bytes[at % bytes.length] ^= mask;
    return new TextDecoder().decode(bytes);
  }),
  fc.nat().map((at) => (text: string) => text.slice(0, at % (text.length + 1))),
  fc.tuple(pathArb, swapArb).map(
    ([path, swap]) =>
      (text: string) =>
        JSON.stringify(replaceAt(JSON.parse(text) as Json, path, swap)),
  ),
  fc.tuple(pathArb, fc.constantFrom(...numberTexts)).map(
    ([path, number]) =>
      (text: string) =>
        JSON.stringify(replaceAt(JSON.parse(text) as Json, path, () => MARKER)).replace(
          String(MARKER),
          number,
        ),
  ),
  {
    // Any number of the file (a padding, a shape, a weight, a loss) written as another number.
    arbitrary: fc
      .tuple(fc.nat(), fc.constantFrom(...numberTexts))
      .map(([which, number]) => (text: string) => {
        const doc = JSON.parse(text) as Json;
        const paths = numberPaths(doc);
        if (paths.length === 0) return text;
        return JSON.stringify(markNumber(doc, paths[which % paths.length])).replace(String(MARKER), number);
      }),
    weight: 4,
  },
  {
    // A size of the file (padding, stride, dilation, a kernel side, channels, shape, epochs) past a limit.
    arbitrary: fc
      .tuple(fc.nat(), fc.constantFrom(...Object.values(LIMITS).map((l) => l.max + 1), 600, 1e15))
      .map(([which, number]) => (text: string) => {
        const doc = JSON.parse(text) as Json;
        const sizes = numberPaths(doc).filter((path) =>
          path.some((key) => typeof key === 'string' && SIZE_KEYS.test(key)),
        );
        if (sizes.length === 0) return text;
        return JSON.stringify(markNumber(doc, sizes[which % sizes.length])).replace(
          String(MARKER),
          String(number),
        );
      }),
    weight: 2,
  },
  fc.tuple(pathArb, fc.constantFrom(...keyTexts), scalarArb).map(
    ([path, key, value]) =>
      (text: string) =>
        editObject(text, path, (o) => void (o[key] = value)),
  ),
  fc.tuple(pathArb, fc.nat()).map(
    ([path, which]) =>
      (text: string) =>
        editObject(text, path, (o) => {
          const keys = Object.keys(o);
          if (keys.length > 0) delete o[keys[which % keys.length]];
        }),
  ),
  fc.tuple(pathArb, depthArb, fc.boolean()).map(([path, depth, objects]) => (text: string) => {
    const open = objects ? '{"a":'.repeat(depth) : '['.repeat(depth);
    const close = objects ? '}'.repeat(depth) : ']'.repeat(depth);
    return JSON.stringify(replaceAt(JSON.parse(text) as Json, path, () => MARKER)).replace(
      String(MARKER),
      `${open}1${close}`,
    );
  }),
);

/** One to three mutations in a row; a structural one after a byte-level one that broke the JSON is skipped. */
const mutationsArb = fc
  .array(mutationArb, { minLength: 1, maxLength: 3 })
  .map((mutations) => (text: string) => {
    let out = text;
    for (const mutate of mutations) {
      try {
        out = mutate(out);
      } catch {
        // JSON.parse of text an earlier mutation broke: keep the broken text.
      }
    }
    return out;
  });

// ---- What a reader may do ---------------------------------------------------------------------

/** The first word of a refusal (after the file's label): a field of the file, or what is wrong with it. */
const NAMES_THE_FIELD =
  /^(not valid JSON \(|expected text|\(the document\)|the |one forward pass's |(format|version|layer|weight|bias|training|app|experiment|results|ui|input|target|init|loss|optimizer|epochs)\b)/;

/** Every object key of a JSON text as a path (`layer.flip`, `weight.data`), outside the free-form `ui`. */
function keyPaths(text: string): Set<string> {
  const paths = new Set<string>();
  const stack: Array<[unknown, string]> = [[JSON.parse(text.replace(/^\uFEFF/, '')), '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, string];
    if (value === null || typeof value !== 'object' || path === '.ui' || path.length > 200) continue;
    for (const [key, item] of Object.entries(value)) {
      const child = Array.isArray(value) ? `${path}[]` : `${path}.${key}`;
      if (!Array.isArray(value)) paths.add(child);
      stack.push([item, child]);
    }
  }
  return paths;
}

function expectRefusalOrValue<T>(
  parse: (text: string) => T,
  write: (value: T) => string,
  text: string,
  label: string,
  check: (value: T) => void,
): void {
  let value: T;
  try {
    value = parse(text);
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    expect(error.message).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(error.message.startsWith(`${label}: `)).toBe(true);
    const rest = error.message.slice(label.length + 2).replace(/^experiment: /, '');
    expect(rest).toMatch(NAMES_THE_FIELD);
    return;
  }
  check(value);
  // Nothing was dropped silently: every key of the file is in what the writer writes back.
  const written = keyPaths(write(value));
  for (const path of keyPaths(text)) expect(written, `${label} read without ${path}`).toContain(path);
}

const float32Finite = (values: ArrayLike<number>) =>
  Array.from(values).every((v) => Number.isFinite(Math.fround(v)));

/** Each of the layer's fields against LIMITS, computed here rather than by the core's own checks. */
function expectLayerWithinLimits(layer: Layer): void {
  const pairs = ['padding', 'stride', 'dilation'] as const;
  expect(Math.max(layer.inChannels, layer.outChannels)).toBeLessThanOrEqual(LIMITS.channels.max);
  expect(Math.max(...layer.kernelSize)).toBeLessThanOrEqual(LIMITS.kernelSide.max);
  expect(
    layer.outChannels * layer.inChannels * layer.kernelSize[0] * layer.kernelSize[1],
  ).toBeLessThanOrEqual(LIMITS.kernelValues.max);
  for (const name of pairs) expect(Math.max(...layer[name])).toBeLessThanOrEqual(LIMITS[name].max);
}

/** The experiment's sizes and work against LIMITS, computed here (torch's output-size formula). */
function expectExperimentWithinLimits(e: Experiment): void {
  expectLayerWithinLimits(e.layer);
  const { channels, height, width } = e.input;
  expect(Math.max(height, width)).toBeLessThanOrEqual(LIMITS.inputSide.max);
  expect(channels).toBeLessThanOrEqual(LIMITS.channels.max);
  expect(channels * height * width).toBeLessThanOrEqual(LIMITS.inputValues.max);
  const out = (n: number, i: 0 | 1) =>
    Math.floor(
      (n + 2 * e.layer.padding[i] - e.layer.dilation[i] * (e.layer.kernelSize[i] - 1) - 1) /
        e.layer.stride[i],
    ) + 1;
  const outputValues = e.layer.outChannels * out(height, 0) * out(width, 1);
  expect(outputValues).toBeLessThanOrEqual(LIMITS.outputValues.max);
  const work = outputValues * e.layer.inChannels * e.layer.kernelSize[0] * e.layer.kernelSize[1];
  expect(work).toBeLessThanOrEqual(LIMITS.epochWork.max);
  expect(e.epochs).toBeLessThanOrEqual(LIMITS.epochs.max);
  expect(e.epochs * work).toBeLessThanOrEqual(LIMITS.runWork.max);
  expect(float32Finite(e.input.data)).toBe(true);
}

/** A weights file read: its layer trains on an input it fits, within every limit; it writes back. */
function checkWeights(file: WeightsFile): void {
  const layer: Layer = file.layer;
  const side = (i: 0 | 1) =>
    Math.max(layer.dilation[i] * (layer.kernelSize[i] - 1) + 1, layer.padding[i] + 1);
  const [height, width] = [side(0), side(1)];
  const channels = layer.inChannels;
  const weight = Array.from(flattenKernel(file.weight));
  const experiment = {
    input: { channels, height, width, data: new Array<number>(channels * height * width).fill(0.5) },
    target: {
      kind: 'kernel',
      kernel: { shape: file.weight.shape, data: weight },
      bias: file.bias?.data ?? null,
    },
    layer,
    init: {
      kind: 'weights',
      weight: { shape: file.weight.shape, data: weight },
      bias: file.bias?.data ?? null,
    },
    loss: file.training.loss ?? 'sum-squared',
    optimizer: optimizerOf(file),
    epochs: 0,
  };
  expect(() => validateExperiment(experiment)).not.toThrow();
  expectLayerWithinLimits(layer);
  expect(float32Finite(weight)).toBe(true);
  expect(float32Finite(file.training.lossHistory)).toBe(true);
  expect(file.training.lossHistory.length).toBeLessThanOrEqual(LIMITS.historyPoints.max);
  if (file.training.targetKernel !== null) {
    expect(float32Finite(flattenKernel(file.training.targetKernel))).toBe(true);
  }
  // What the writer writes, the reader reads back to the same text (-0 and 0 are one number in JSON).
  const written = serializeWeights(file);
  expect(serializeWeights(parseWeights(written))).toBe(written);
}

/** A lab read: its experiment passes validateExperiment, its results every limit; it writes back. */
function checkLab(lab: LabFile): void {
  expect(() => validateExperiment(lab.experiment)).not.toThrow();
  expectExperimentWithinLimits(lab.experiment);
  if (lab.results !== null) {
    expect(float32Finite(lab.results.lossHistory)).toBe(true);
    expect(float32Finite(lab.results.weight.data)).toBe(true);
    expect(lab.results.lossHistory.length).toBeLessThanOrEqual(LIMITS.historyPoints.max);
  }
  const written = serializeLab(lab);
  expect(serializeLab(parseLab(written))).toBe(written);
}

describe('weights and lab readers under mutation (fast-check)', () => {
  const weightsText = validWeightsText();
  const labText = validLabText();

  it('the unmutated files are read and pass the checks', () => {
    checkWeights(parseWeights(weightsText));
    checkLab(parseLab(labText));
  });

  it('weights file: every mutation is refused in one line naming the field, or read within every limit', () => {
    fc.assert(
      fc.property(mutationsArb, (mutate) =>
        expectRefusalOrValue(
          parseWeights,
          serializeWeights,
          mutate(weightsText),
          'weights file',
          checkWeights,
        ),
      ),
      settings(),
    );
  });

  it('lab file: every mutation is refused in one line naming the field, or read within every limit', () => {
    fc.assert(
      fc.property(mutationsArb, (mutate) =>
        expectRefusalOrValue(parseLab, serializeLab, mutate(labText), 'lab file', checkLab),
      ),
      settings(),
    );
  });

  it('arbitrary text and JSON: nothing but FormatError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          expectRefusalOrValue(parseWeights, serializeWeights, text, 'weights file', checkWeights);
          expectRefusalOrValue(parseLab, serializeLab, text, 'lab file', checkLab);
        },
      ),
      settings(),
    );
  });
});

// ---- Valid documents round-trip --------------------------------------------------------------

const float32 = fc.float({ noNaN: true, noDefaultInfinity: true });
const pair = (min: number, max: number) => fc.tuple(fc.integer({ min, max }), fc.integer({ min, max }));

const layerArb: fc.Arbitrary<Layer> = fc.record({
  kernelSize: pair(1, 3),
  inChannels: fc.integer({ min: 1, max: 2 }),
  outChannels: fc.integer({ min: 1, max: 2 }),
  padding: pair(0, 2),
  paddingMode: fc.constantFrom(...PAD_MODES),
  stride: pair(1, 3),
  dilation: pair(1, 2),
  bias: fc.boolean(),
  flip: fc.boolean(),
});

describe('valid documents round-trip', () => {
  it('weights: same values, same text', () => {
    fc.assert(
      fc.property(
        layerArb.chain((layer) => {
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
        }),
        (w) => {
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
        },
      ),
      settings(0.5),
    );
  });

  it('labs with random float32 images: the same float32 values', () => {
    fc.assert(
      fc.property(fc.array(float32, { minLength: 48, maxLength: 48 }), (pixels) => {
        const experiment = {
          ...notebookExperiment(),
          input: { channels: 1, height: 6, width: 8, data: pixels },
        };
        const back = parseLab(serializeLab(labFile(experiment, null)));
        expect(back.experiment.input.data).toEqual(pixels.map((v) => (v === 0 ? 0 : Math.fround(v))));
      }),
      settings(0.5),
    );
  });
});
