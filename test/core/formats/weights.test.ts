import { describe, expect, it } from 'vitest';
import { notebookExperiment } from '../../../core/src/train/experiment.ts';
import { Trainer } from '../../../core/src/train/trainer.ts';
import { LIMITS, formatCount, overLimit } from '../../../core/src/limits.ts';
import {
  FormatError,
  flattenKernel,
  parseWeights,
  serializeWeights,
  weightsFile,
  type WeightsFile,
} from '../../../core/src/formats/index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests poke arbitrary fields of the parsed JSON
type JsonDoc = Record<string, any>;

function trainedNotebookFile(): WeightsFile {
  const experiment = notebookExperiment();
  const trainer = new Trainer(experiment);
  for (let i = 0; i < experiment.epochs; i++) trainer.step();
  return weightsFile({
    layer: experiment.layer,
    weight: trainer.weight,
    bias: trainer.bias,
    optimizer: experiment.optimizer,
    loss: experiment.loss,
    epochs: experiment.epochs,
    seed: 7,
    lossHistory: trainer.lossHistory,
    targetKernel: { shape: [1, 1, 1, 2], data: [1, -1] },
    app: { name: 'ConvLab', version: '0.1.0' },
  });
}

/** A valid document as plain JSON data, for editing one field at a time. */
const validJson = (): Record<string, unknown> =>
  JSON.parse(serializeWeights(trainedNotebookFile())) as Record<string, unknown>;

function expectRejected(edit: (doc: JsonDoc) => unknown, message: string | RegExp): void {
  const doc = validJson() as JsonDoc;
  const replaced = edit(doc);
  const text = typeof replaced === 'string' ? replaced : JSON.stringify(replaced ?? doc);
  let error: unknown;
  try {
    parseWeights(text);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(FormatError);
  if (typeof message === 'string') expect((error as Error).message).toBe(message);
  else expect((error as Error).message).toMatch(message);
}

describe('weights file', () => {
  it('the notebook run: round trip is lossless (weights, loss history, configuration)', () => {
    const file = trainedNotebookFile();
    const back = parseWeights(serializeWeights(file));
    expect(back).toEqual(parseWeights(serializeWeights(back)));
    expect(serializeWeights(back)).toBe(serializeWeights(file));
    const trainer = new Trainer(notebookExperiment());
    for (let i = 0; i < 10; i++) trainer.step();
    expect(flattenKernel(back.weight)).toEqual(trainer.weight);
    expect(back.training.lossHistory).toEqual(trainer.lossHistory);
    expect(back.layer).toEqual(notebookExperiment().layer);
  });

  it('weight.data is nested [out][in][kh][kw], as torch.tensor(j["weight"]["data"]) needs', () => {
    const doc = validJson() as { weight: { data: number[][][][] } };
    expect(doc.weight.data).toHaveLength(1);
    expect(doc.weight.data[0]).toHaveLength(1);
    expect(doc.weight.data[0][0]).toHaveLength(1);
    expect(doc.weight.data[0][0][0]).toHaveLength(2);
  });

  it('writes float32 values as their shortest decimals, number arrays on one line', () => {
    const text = serializeWeights({ ...trainedNotebookFile(), bias: null });
    expect(text).toMatch(/"targetKernel": \{\n\s+"shape": \[1, 1, 1, 2\],/);
    const doc = JSON.parse(text) as { training: { lossHistory: number[] } };
    for (const loss of doc.training.lossHistory)
      // significant digits: no sign, exponent, decimal point or leading zeros (float32 needs at most 9)
      expect(
        String(loss).replace(/e.*$/, '').replace(/[-.]/g, '').replace(/^0+/, '').length,
      ).toBeLessThanOrEqual(9);
  });

  it('throws when the text is not JSON', () => {
    expectRejected(() => '{"format": ', /^weights file: not valid JSON \(/);
  });
  it('throws when the file is larger than LIMITS.fileBytes', () => {
    const max = LIMITS.fileBytes.max;
    expectRejected(
      () => ' '.repeat(max + 1),
      `weights file: the file's size in bytes is ${formatCount(max + 1)}, over the limit of ${formatCount(max)}`,
    );
  });
  it('throws when the format is another one', () => {
    expectRejected(
      (d) => void (d.format = 'convlab-lab'),
      'weights file: format must be "convlab-weights", got "convlab-lab"',
    );
  });
  it('throws when the version is unknown', () => {
    expectRejected((d) => void (d.version = 2), 'weights file: version must be 1, got 2');
  });
  it('throws when a weight value is not a number (names the index)', () => {
    expectRejected(
      (d) => void (d.weight.data[0][0][0][1] = 'x'),
      'weights file: weight.data[0][0][0][1] must be a finite number, got "x"',
    );
  });
  it('throws when a weight value is infinite (1e999 in the JSON)', () => {
    expectRejected(
      (d) => JSON.stringify(d).replace(/"data":\[\[\[\[[^,\]]+/, '"data":[[[[1e999'),
      'weights file: weight.data[0][0][0][0] must be a finite number, got Infinity',
    );
  });
  it('throws when a loss is null', () => {
    expectRejected(
      (d) => void (d.training.lossHistory[3] = null),
      'weights file: training.lossHistory[3] must be a finite number, got null',
    );
  });
  it('throws when weight.shape disagrees with the layer', () => {
    expectRejected(
      (d) => void (d.weight.shape = [1, 1, 2, 1]),
      'weights file: weight.shape is [1, 1, 2, 1] but the layer needs [1, 1, 1, 2]',
    );
  });
  it('throws when weight.data disagrees with weight.shape', () => {
    expectRejected(
      (d) => void d.weight.data[0][0][0].push(3),
      'weights file: weight.data[0][0][0] has 3 entries but weight.shape [1, 1, 1, 2] needs 2',
    );
  });
  it('throws when weight.data has too few levels', () => {
    expectRejected(
      (d) => void (d.weight.data = [[[1, -1]]]),
      /^weights file: weight\.data\[0\]\[0\]\[0\] must be an array, got 1$/,
    );
  });
  it('throws when weight.shape is not 4 positive integers', () => {
    expectRejected((d) => void (d.weight.shape = [1, 1, 0, 2]), /^weights file: weight\.shape\[2\] .*got 0$/);
  });
  it('throws when the layer has a bias but the file has none', () => {
    expectRejected((d) => void (d.layer.bias = true), 'weights file: bias is null but layer.bias is true');
  });
  it('throws when the file has a bias the layer does not', () => {
    expectRejected(
      (d) => void (d.bias = { shape: [1], data: [0.5] }),
      'weights file: bias is given but layer.bias is false',
    );
  });
  it('throws when the bias shape disagrees with the out channels', () => {
    expectRejected((d) => {
      d.layer.bias = true;
      d.bias = { shape: [2], data: [0.5, 1] };
    }, 'weights file: bias.shape is [2] but the layer has 1 out channel(s)');
  });
  it('throws when the bias data disagrees with its shape', () => {
    expectRejected((d) => {
      d.layer.bias = true;
      d.bias = { shape: [1], data: [0.5, 1] };
    }, 'weights file: bias.data has 2 values but bias.shape is [1]');
  });
  it('throws when the stride is 0', () => {
    expectRejected((d) => void (d.layer.stride = [0, 1]), /^weights file: layer\.stride\[0\] .*got 0$/);
  });
  it('throws when the learning rate is not a number', () => {
    expectRejected(
      (d) => void (d.training.lr = 'fast'),
      'weights file: training.lr must be a finite number, got "fast"',
    );
  });
  it('throws when the optimizer is unknown', () => {
    expectRejected(
      (d) => void (d.training.optimizer = 'rmsprop'),
      'weights file: training.optimizer must be "sgd" or "adam", got "rmsprop"',
    );
  });
  it('throws when the target kernel has other input channels than the layer', () => {
    expectRejected(
      (d) => void (d.training.targetKernel = { shape: [1, 2, 1, 1], data: [[[[1]], [[2]]]] }),
      'weights file: training.targetKernel expects 2 input channel(s) but the layer has 1',
    );
  });
  it('throws when a required field is missing', () => {
    expectRejected((d) => void delete d.app, 'weights file: app must be an object, got nothing');
  });
  it('throws when the document is not an object', () => {
    expectRejected(() => '[1, 2]', 'weights file: (the document) must be an object, got an array of 2');
  });
});

describe('weights file written by an earlier lab export', () => {
  it('accepts a missing layer.flip (false) and a flat training.targetKernel.data', () => {
    const doc = validJson() as JsonDoc;
    delete doc.layer.flip;
    doc.training.targetKernel = { shape: [1, 1, 1, 2], data: [1, -1] };
    const file = parseWeights(JSON.stringify(doc));
    expect(file.layer.flip).toBe(false);
    expect(file.training.targetKernel?.data).toEqual([[[[1, -1]]]]);
  });
  it('throws when a flat training.targetKernel.data does not fill its shape', () => {
    expectRejected(
      (d) => void (d.training.targetKernel = { shape: [1, 1, 1, 2], data: [1, -1, 3] }),
      'weights file: training.targetKernel.data has 3 values but shape [1, 1, 1, 2] needs 2',
    );
  });
});

describe('weights file: limits, strictness, float32 range, one-line errors', () => {
  it('throws when the padding is 600, naming the field and the limit', () => {
    expectRejected(
      (d) => void (d.layer.padding = [600, 0]),
      `weights file: ${overLimit('padding', 'layer.padding[0]', 600)}`,
    );
  });
  it('throws when the kernel is larger than LIMITS.kernelSide', () => {
    const side = LIMITS.kernelSide.max + 1;
    expectRejected(
      (d) => void (d.layer.kernelSize = [side, 2]),
      `weights file: ${overLimit('kernelSide', 'layer.kernelSize[0]', side)}`,
    );
  });
  it('throws when the true kernel has more channels than LIMITS.channels', () => {
    const channels = LIMITS.channels.max + 1;
    expectRejected(
      (d) => void (d.training.targetKernel = { shape: [channels, 1, 1, 2], data: [] }),
      `weights file: ${overLimit('channels', 'training.targetKernel.shape[0] (out channels)', channels)}`,
    );
  });
  it('throws when a field is unknown (a misspelt fliq is not read as flip: false)', () => {
    expectRejected((d) => {
      delete d.layer.flip;
      d.layer.fliq = true;
    }, 'weights file: layer has unknown field fliq');
    expectRejected((d) => void (d.extra = 1), 'weights file: (the document) has unknown field extra');
  });
  it('throws when a weight is 1e39 (Infinity as float32), naming the field and the value as written', () => {
    expectRejected((d) => {
      d.weight.data[0][0][0][1] = 12345.5;
      return JSON.stringify(d).replace('12345.5', '1e39');
    }, 'weights file: weight.data[0][0][0][1] is outside the float32 range (±3.4028235e38), got 1e+39');
  });
  it('throws when a loss is -1e39', () => {
    expectRejected(
      (d) => void (d.training.lossHistory[3] = -1e39),
      'weights file: training.lossHistory[3] is outside the float32 range (±3.4028235e38), got -1e+39',
    );
  });
  it('accepts a UTF-8 byte-order mark at the start', () => {
    const text = serializeWeights(trainedNotebookFile());
    expect(parseWeights(`\uFEFF${text}`)).toEqual(parseWeights(text));
  });
  it('errors are one line: JSON.parse quoting newlines, keys holding newlines', () => {
    const broken = serializeWeights(trainedNotebookFile()).replace('"format"', '"format" x');
    for (const text of [broken, JSON.stringify({ ...validJson(), 'a\nb': 1 })]) {
      let message = '';
      try {
        parseWeights(text);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^weights file: /);
      expect(message).not.toMatch(/[\n\r]/);
    }
  });
});

describe('weights file: a long run is stored decimated and read back', () => {
  /** A loss history of `epochs` epochs with a shape to keep: a decay, with a spike at 60%. */
  const longHistory = (epochs: number) =>
    Array.from({ length: epochs }, (_, i) =>
      Math.fround(10 / (1 + i / 100) + (i === Math.floor(epochs * 0.6) ? 50 : 0)),
    );

  function longFile(history: number[]): WeightsFile {
    return { ...trainedNotebookFile(), ...weightsFileOf(history) };
  }
  function weightsFileOf(history: number[]): WeightsFile {
    const experiment = notebookExperiment();
    return weightsFile({
      layer: experiment.layer,
      weight: [0.5, -0.5],
      bias: null,
      optimizer: experiment.optimizer,
      loss: experiment.loss,
      epochs: history.length,
      seed: 7,
      lossHistory: history,
      targetKernel: null,
      app: { name: 'ConvLab', version: '0.1.0' },
    });
  }

  it('400,000 epochs: a file the reader accepts, holding LIMITS.historyPoints points with their epochs, first, last, spike and minimum kept', () => {
    const history = longHistory(400_000);
    const text = serializeWeights(longFile(history));
    const back = parseWeights(text);
    const { lossHistory, lossHistoryEpochs } = back.training;
    expect(lossHistoryEpochs).toBeDefined();
    if (lossHistoryEpochs === undefined) return;
    expect(lossHistory.length).toBeLessThanOrEqual(LIMITS.historyPoints.max);
    expect(lossHistoryEpochs).toHaveLength(lossHistory.length);
    expect(lossHistoryEpochs[0]).toBe(1);
    expect(lossHistoryEpochs.at(-1)).toBe(400_000);
    // Every kept point is the loss of its epoch.
    lossHistoryEpochs.forEach((epoch, i) => expect(lossHistory[i]).toBe(history[epoch - 1]));
    const extremes = (values: number[]) =>
      values.reduce(([lo, hi], v) => [Math.min(lo, v), Math.max(hi, v)], [Infinity, -Infinity]);
    expect(extremes(lossHistory)).toEqual(extremes(history));
    // The decimated file reads back to itself.
    expect(serializeWeights(back)).toBe(text);
  });

  it(`exactly LIMITS.historyPoints epochs are stored in full, without lossHistoryEpochs`, () => {
    const history = longHistory(LIMITS.historyPoints.max);
    const back = parseWeights(serializeWeights(longFile(history)));
    expect(back.training.lossHistory).toEqual(history);
    expect(back.training.lossHistoryEpochs).toBeUndefined();
  });

  it('a full history longer than LIMITS.historyPoints (an older file) is decimated on reading', () => {
    const history = longHistory(30_000);
    const doc = validJson() as JsonDoc;
    doc.training.lossHistory = history;
    const back = parseWeights(JSON.stringify(doc));
    expect(back.training.lossHistory.length).toBeLessThanOrEqual(LIMITS.historyPoints.max);
    expect(back.training.lossHistoryEpochs?.at(-1)).toBe(30_000);
  });

  it('throws when lossHistoryEpochs does not increase or does not match lossHistory', () => {
    expectRejected(
      (d) => void (d.training.lossHistoryEpochs = [1, 2, 2, 4, 5, 6, 7, 8, 9, 10]),
      'weights file: training.lossHistoryEpochs[2] is 2, not after the epoch before it (2)',
    );
    expectRejected(
      (d) => void (d.training.lossHistoryEpochs = [1, 2]),
      'weights file: training.lossHistoryEpochs has 2 values but training.lossHistory has 10',
    );
  });
});
