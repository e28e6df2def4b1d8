// The lab's use of the core's file formats: round trips, and every rejection the lab adds.
import { describe, expect, it } from 'vitest';
import { notebookExperiment } from '../../../core/src/train/experiment.ts';
import { parseWeights } from '../../../core/src/formats/index.ts';
import {
  parseLabFile,
  parseWeightsFile,
  serializeLabFile,
  serializeWeightsFile,
} from '../../../renderer/src/lib/fileFormats.ts';
import { makeSnapshot, readSnapshot } from '../../../renderer/src/lib/snapshot.ts';
import { defaultLayerGeometry } from '../../../core/src/conv/geometry.ts';
import type { TrainingResults } from '../../../renderer/src/state/Training.svelte.ts';
import { experimentKey } from '../../../renderer/src/lab/experimentKey.ts';
import { defaultSettings } from '../../../renderer/src/lab/labExperiment.ts';
import { gridFromRows } from '../../../renderer/src/lib/grid.ts';
import { stripes } from '../../../renderer/src/lib/inputPresets.ts';

const results: TrainingResults = {
  weight: { shape: [1, 1, 1, 2], data: [Math.fround(0.979), Math.fround(-0.994)] },
  weightGrad: null,
  lossHistory: [Math.fround(7.047), Math.fround(0.01)],
  epoch: 2,
  key: 'k',
};
const input = { height: 6, width: 8 };

describe('weights files', () => {
  it('round-trip the learned weights, the geometry and the loss history', () => {
    const text = serializeWeightsFile(notebookExperiment(), results);
    expect(parseWeights(text).weight.data).toEqual([[[[results.weight.data[0], results.weight.data[1]]]]]);
    const back = parseWeightsFile(text, input);
    expect(back.weight).toEqual(results.weight);
    expect(back.lossHistory).toEqual(results.lossHistory);
    expect(back.geometry).toEqual(defaultLayerGeometry());
    expect(back.flip).toBe(false);
  });

  const valid = () => JSON.parse(serializeWeightsFile(notebookExperiment(), results));

  it('throws when the JSON is malformed', () => {
    expect(() => parseWeightsFile('{"format": ', input)).toThrow(/^Import weights: /);
  });

  it('throws when the format is wrong', () => {
    expect(() => parseWeightsFile(JSON.stringify({ ...valid(), format: 'other' }), input)).toThrow(
      /^Import weights: .*format/,
    );
  });

  it('throws when a weight is not a finite number', () => {
    const doc = valid();
    doc.weight.data[0][0][0][1] = 'x';
    expect(() => parseWeightsFile(JSON.stringify(doc), input)).toThrow(/^Import weights: .*weight\.data/);
  });

  it('throws when the layer has more than one channel', () => {
    const doc = valid();
    doc.weight = { shape: [2, 1, 1, 2], data: [[[[1, -1]]], [[[1, -1]]]] };
    doc.layer.outChannels = 2;
    expect(() => parseWeightsFile(JSON.stringify(doc), input)).toThrow(/^Import weights: /);
  });

  it('throws when the kernel does not fit the current input', () => {
    expect(() =>
      parseWeightsFile(serializeWeightsFile(notebookExperiment(), results), { height: 6, width: 1 }),
    ).toThrow(
      "Import weights: the output width would be 0: the dilated kernel spans 2 but the padded input width is only 1 (the lab's input is 6 × 1)",
    );
  });
});

describe('lab files and snapshots', () => {
  const snapshot = makeSnapshot({
    input: stripes(6, 8),
    kernel: gridFromRows([[1, -1]]),
    flip: false,
    geometry: defaultLayerGeometry(),
    settings: defaultSettings(),
    targetOutput: null,
    results,
  });

  it('round-trip the whole screen through a lab file', () => {
    const back = parseLabFile(serializeLabFile(notebookExperiment(), snapshot));
    // The results' key is the one the lab computes for the opened state: the run continues from it.
    expect(back).toEqual({ ...snapshot, results: { ...results, key: experimentKey(notebookExperiment()) } });
  });

  it('throws when the lab file has the wrong version', () => {
    const doc = JSON.parse(serializeLabFile(notebookExperiment(), snapshot));
    expect(() => parseLabFile(JSON.stringify({ ...doc, version: 2 }))).toThrow(/^Open lab: /);
  });

  it('opens a lab file with no view settings (as the CLI writes them) from its experiment and results', () => {
    const doc = JSON.parse(serializeLabFile(notebookExperiment(), snapshot));
    delete doc.ui;
    const back = parseLabFile(JSON.stringify(doc));
    expect(back.input).toEqual(snapshot.input);
    expect(back.kernel).toEqual(snapshot.kernel);
    expect(back.settings).toEqual(snapshot.settings);
    expect(back.results?.lossHistory).toEqual(results.lossHistory);
  });

  it('rejects a snapshot whose grid data does not fill its size', () => {
    const bad = { ...snapshot, input: { height: 2, width: 2, data: [1, 2, 3] } };
    expect(readSnapshot(bad)).toBeInstanceOf(Error);
    expect((readSnapshot(bad) as Error).message).toContain('input');
  });
});

describe('lab files store the loss history once', () => {
  const history = Array.from({ length: 1000 }, (_, i) => Math.fround(1 / (i + 1)));
  const long: TrainingResults = { ...results, lossHistory: history, epoch: history.length };
  const snapshot = makeSnapshot({
    input: stripes(6, 8),
    kernel: gridFromRows([[1, -1]]),
    flip: false,
    geometry: defaultLayerGeometry(),
    settings: defaultSettings(),
    targetOutput: null,
    results: long,
  });

  it('in the core results; ui holds only view settings', () => {
    const doc = JSON.parse(serializeLabFile(notebookExperiment(), snapshot));
    expect(doc.results.lossHistory).toHaveLength(history.length);
    expect(Object.keys(doc.ui).sort()).toEqual(
      ['app', 'version', 'kernel', 'targetOutput', 'seed', 'kernelSize', 'epoch', 'weightGrad'].sort(),
    );
    expect(JSON.stringify(doc.ui)).not.toContain('lossHistory');
    expect(parseLabFile(JSON.stringify(doc)).results?.lossHistory).toEqual(history);
  });

  it('a lab file written before (the whole snapshot in ui, version 1) still opens', () => {
    const doc = JSON.parse(serializeLabFile(notebookExperiment(), snapshot));
    doc.ui = { ...snapshot, version: 1 };
    const back = parseLabFile(JSON.stringify(doc));
    expect(back.results?.lossHistory).toEqual(history);
    expect(back.geometry).toEqual(snapshot.geometry);
  });

  it('a version-1 ui over the limits is refused naming the field', () => {
    const doc = JSON.parse(serializeLabFile(notebookExperiment(), snapshot));
    doc.ui = { ...snapshot, version: 1, settings: { ...snapshot.settings, epochs: 1e12 } };
    expect(() => parseLabFile(JSON.stringify(doc))).toThrow(
      'Open lab: ui.settings.epochs is 1,000,000,000,000, over the limit of 1,000,000',
    );
  });

  it('refuses an optimiser the lab cannot show instead of changing it (momentum 0.5)', () => {
    const experiment = {
      ...notebookExperiment(),
      optimizer: { kind: 'sgd' as const, lr: 0.03, momentum: 0.5 },
    };
    expect(() => parseLabFile(serializeLabFile(experiment, snapshot))).toThrow(
      'Open lab: experiment.optimizer.momentum is 0.5; the lab trains with momentum 0.9 or none',
    );
  });

  it('refuses a lab whose input is larger than the lab grid', () => {
    const experiment = notebookExperiment();
    experiment.input = { channels: 1, height: 65, width: 8, data: new Array(65 * 8).fill(0) };
    const doc = JSON.parse(serializeLabFile(notebookExperiment(), snapshot));
    doc.experiment.input = experiment.input;
    expect(() => parseLabFile(JSON.stringify(doc))).toThrow(/^Open lab: .*input.*65/);
  });
});
