import { describe, expect, it } from 'vitest';
import { notebookExperiment } from '../../../core/src/train/experiment.ts';
import { experimentKey } from '../../../renderer/src/lab/experimentKey.ts';

describe('experimentKey', () => {
  it('is the same for experiments that differ only in epochs (more epochs continue a run)', () => {
    expect(experimentKey({ ...notebookExperiment(), epochs: 500 })).toBe(experimentKey(notebookExperiment()));
  });

  it('changes when one input value, the seed, the learning rate or the flip changes', () => {
    const base = notebookExperiment();
    const key = experimentKey(base);
    const input = { ...base.input, data: base.input.data.map((v, i) => (i === 17 ? 0.5 : v)) };
    expect(experimentKey({ ...base, input })).not.toBe(key);
    expect(experimentKey({ ...base, init: { kind: 'seed', seed: 8 } })).not.toBe(key);
    expect(experimentKey({ ...base, optimizer: { kind: 'sgd', lr: 0.031 } })).not.toBe(key);
    expect(experimentKey({ ...base, layer: { ...base.layer, flip: true } })).not.toBe(key);
  });

  it('does not depend on the order the object was built in', () => {
    const { input, target, ...rest } = notebookExperiment();
    expect(experimentKey({ ...rest, target, input })).toBe(experimentKey(notebookExperiment()));
  });

  it('tells a number from the same digits as text, and [1, 2] from [[1, 2]]', () => {
    expect(experimentKey({ a: 1 })).not.toBe(experimentKey({ a: '1' }));
    expect(experimentKey({ a: [1, 2] })).not.toBe(experimentKey({ a: [[1, 2]] }));
  });
});
