import { describe, expect, it } from 'vitest';
import { notebookExperiment, type Experiment } from '../../../core/src/train/experiment.ts';
import { TrainerService } from '../../../core/src/worker/service.ts';
import {
  FormatError,
  labFile,
  parseLab,
  serializeLab,
  type LabResults,
} from '../../../core/src/formats/index.ts';

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
