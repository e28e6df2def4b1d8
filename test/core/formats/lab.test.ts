import { describe, expect, it } from 'vitest';
import { notebookExperiment, type Experiment } from '../../../core/src/train/experiment.ts';
import { TrainerService } from '../../../core/src/worker/service.ts';
import {
  FormatError,
  labFile,
  parseLab,
  serializeLab,
  type LabResults,
  historyEpochs,
} from '../../../core/src/formats/index.ts';
import { checkedFileText } from '../../../core/src/formats/json.ts';
import { LIMITS, formatCount, overLimit } from '../../../core/src/limits.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests poke arbitrary fields of the parsed JSON
type JsonDoc = Record<string, any>;

/** A lab whose values are not float32-exact (0.1, 1/3): the file stores their float32 roundings. */
function oddExperiment(): Experiment {
  const base = notebookExperiment();
  return {
    ...base,
    input: { ...base.input, data: base.input.data.map((v, i) => v * 0.1 + (i % 3) / 3) },
    target: { kind: 'kernel', kernel: { shape: [1, 1, 1, 2], data: [0.7, -1 / 3] }, bias: null },
    optimizer: { kind: 'sgd', lr: 0.0123456789, momentum: 0.5 },
    epochs: 25,
  };
}

async function runLab(experiment: Experiment): Promise<{ results: LabResults; history: number[] }> {
  const service = new TrainerService();
  await service.configure(experiment);
  const { state } = await service.run();
  const results: LabResults = {
    lossHistory: state.lossHistory,
    weight: {
      shape: state.weight?.shape as [number, number, number, number],
      data: Array.from(state.weight?.data ?? []),
    },
    bias: state.bias === null ? null : Array.from(state.bias),
  };
  return { results, history: state.lossHistory };
}

const sameBits = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

function expectRejected(edit: (doc: JsonDoc) => unknown, message: string | RegExp): void {
  const doc = JSON.parse(serializeLab(labFile(notebookExperiment(), null))) as JsonDoc;
  const replaced = edit(doc);
  const text = typeof replaced === 'string' ? replaced : JSON.stringify(doc);
  let error: unknown;
  try {
    parseLab(text);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(FormatError);
  if (typeof message === 'string') expect((error as Error).message).toBe(message);
  else expect((error as Error).message).toMatch(message);
}

describe('lab file', () => {
  it('save a trained lab, open it, train again: the same loss history bit for bit (values not float32-exact, SGD momentum)', async () => {
    const experiment = oddExperiment();
    const first = await runLab(experiment);
    const opened = parseLab(serializeLab(labFile(experiment, first.results, { view: 'matrix', zoom: 2 })));
    expect(opened.ui).toEqual({ view: 'matrix', zoom: 2 });
    expect(opened.experiment.optimizer).toEqual(experiment.optimizer);
    expect(sameBits(opened.results?.lossHistory ?? [], first.history)).toBe(true);
    const again = await runLab(opened.experiment);
    expect(sameBits(again.history, first.history)).toBe(true);
    expect(again.results.weight.data).toEqual(opened.results?.weight.data);
  });

  it('round trip of a saved lab is a fixed point (text identical after a second save)', async () => {
    const { results } = await runLab(notebookExperiment());
    const text = serializeLab(labFile(notebookExperiment(), results));
    expect(serializeLab(parseLab(text))).toBe(text);
  });

  it('a lab without results and without ui opens', () => {
    const opened = parseLab(serializeLab(labFile(notebookExperiment(), null)));
    expect(opened.results).toBeNull();
    expect(opened.ui).toBeUndefined();
    expect(opened.experiment).toEqual(notebookExperiment());
  });

  it('throws when the text is not JSON', () => {
    expectRejected(() => 'not json', /^lab file: not valid JSON \(/);
  });
  it('throws when the format is a weights file', () => {
    expectRejected(
      (d) => void (d.format = 'convlab-weights'),
      'lab file: format must be "convlab-lab", got "convlab-weights"',
    );
  });
  it('throws when the version is unknown', () => {
    expectRejected((d) => void (d.version = 0), 'lab file: version must be 1, got 0');
  });
  it('throws when the experiment is invalid (names the field)', () => {
    expectRejected(
      (d) => void (d.experiment.input.data[5] = 'white'),
      'lab file: experiment: input.data[5] must be a finite number, got "white"',
    );
  });
  it('throws when the experiment is inconsistent', () => {
    expectRejected(
      (d) => void d.experiment.input.data.pop(),
      'lab file: experiment: input.data has 47 values but channels x height x width = 48',
    );
  });
  it('throws when the results weight shape disagrees with the layer', () => {
    expectRejected(
      (d) =>
        void (d.results = { lossHistory: [], weight: { shape: [1, 1, 2, 1], data: [1, 2] }, bias: null }),
      'lab file: results.weight.shape is [1, 1, 2, 1] but the layer needs [1, 1, 1, 2]',
    );
  });
  it('throws when the results weight data does not fill its shape', () => {
    expectRejected(
      (d) => void (d.results = { lossHistory: [], weight: { shape: [1, 1, 1, 2], data: [1] }, bias: null }),
      'lab file: results.weight.data has 1 values but shape [1, 1, 1, 2] needs 2',
    );
  });
  it('throws when the results have a bias the layer does not', () => {
    expectRejected(
      (d) => void (d.results = { lossHistory: [], weight: { shape: [1, 1, 1, 2], data: [1, 2] }, bias: [0] }),
      'lab file: results.bias is given but layer.bias is false',
    );
  });
  it('throws when a result loss is not finite', () => {
    expectRejected(
      (d) =>
        void (d.results = {
          lossHistory: [1, '2'],
          weight: { shape: [1, 1, 1, 2], data: [1, 2] },
          bias: null,
        }),
      'lab file: results.lossHistory[1] must be a finite number, got "2"',
    );
  });
  it('throws when ui is not an object', () => {
    expectRejected((d) => void (d.ui = 'dark'), 'lab file: ui must be an object, got "dark"');
  });
});

describe('lab file: limits, strictness, float32 range, one-line errors', () => {
  it('throws when the padding is 600, naming the field and the limit', () => {
    expectRejected(
      (d) => void (d.experiment.layer.padding = [0, 600]),
      `lab file: experiment: ${overLimit('padding', 'layer.padding[1]', 600)}`,
    );
  });
  it('throws when the epochs are over LIMITS.epochs (a lab with epochs 1e15 does not train forever)', () => {
    expectRejected(
      (d) => void (d.experiment.epochs = 1e15),
      `lab file: experiment: ${overLimit('epochs', 'epochs', 1e15)}`,
    );
  });
  it('throws when a field is unknown, in the lab or in its experiment', () => {
    expectRejected(
      (d) => void (d.experiment.layer.fliq = true),
      'lab file: experiment: layer has unknown field fliq',
    );
    expectRejected((d) => void (d.extra = 1), 'lab file: (the document) has unknown field extra');
  });
  it('throws when an input value is 1e39 (Infinity as float32)', () => {
    expectRejected((d) => {
      d.experiment.input.data[4] = 12345.5;
      return JSON.stringify(d).replace('12345.5', '1e39');
    }, 'lab file: experiment: input.data[4] is outside the float32 range (±3.4028235e38), got 1e+39');
  });
  it('throws when ui holds a number JSON cannot write back (1e400 reads as Infinity)', () => {
    expectRejected(
      (d) => JSON.stringify({ ...d, ui: { chart: { zoom: [1, 12345.5] } } }).replace('12345.5', '1e400'),
      'lab file: ui.chart.zoom[1] must be a finite number, got Infinity',
    );
  });
  it('throws when ui nests deeper than LIMITS.uiDepth', () => {
    let deep: unknown = 1;
    for (let i = 0; i < LIMITS.uiDepth.max; i++) deep = [deep];
    expectRejected(
      (d) => void (d.ui = { deep }),
      `lab file: ${overLimit('uiDepth', "ui's nesting depth", LIMITS.uiDepth.max + 1)}`,
    );
  });
  it('accepts a UTF-8 byte-order mark at the start', () => {
    const text = serializeLab(labFile(notebookExperiment(), null));
    expect(parseLab(`\uFEFF${text}`)).toEqual(parseLab(text));
  });
  it('errors are one line, whatever the file quotes', () => {
    for (const text of ['{\n"format":\n\n x}', JSON.stringify({ format: 'convlab-lab', 'line\nbreak': 1 })]) {
      let message = '';
      try {
        parseLab(text);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^lab file: /);
      expect(message).not.toMatch(/[\n\r\u2028\u2029]/);
    }
  });
  it('the writer refuses text its reader would refuse for its size', () => {
    const max = LIMITS.fileBytes.max;
    expect(() => checkedFileText(' '.repeat(max + 1), 'lab file')).toThrow(
      `lab file: cannot write the file: the file's size in bytes is ${formatCount(max + 1)}, over the limit of ${formatCount(max)}`,
    );
  });
});

describe('lab file: a long run', () => {
  const longRun = { ...oddExperiment(), epochs: 30_000 };

  it('30,000 epochs: stored decimated (lossHistoryEpochs), and reopening trains the same history bit for bit', async () => {
    const first = await runLab(longRun);
    const text = serializeLab(labFile(longRun, first.results));
    const doc = JSON.parse(text) as JsonDoc;
    expect(doc.results.lossHistory.length).toBeLessThanOrEqual(LIMITS.historyPoints.max);
    expect(doc.results.lossHistoryEpochs.at(-1)).toBe(30_000);
    const opened = parseLab(text);
    expect(opened.results === null ? 0 : historyEpochs(opened.results)).toBe(30_000);
    const again = await runLab(opened.experiment);
    expect(sameBits(again.history, first.history)).toBe(true);
    expect(again.results.weight.data).toEqual(opened.results?.weight.data);
    // The stored points are the decimation of the reproduced history, exactly.
    expect(serializeLab(labFile(opened.experiment, again.results))).toBe(text);
  });
});
