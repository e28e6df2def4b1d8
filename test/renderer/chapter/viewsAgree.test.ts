// Views that each had their own copy of a rule, compared on the same lab: the lab's live feature map
// and receptive field against the trainer's forward pass, the geometry panel against validateExperiment
// and the weights reader, the Backward tab's gradient against the trainer's, the Cost tab against the
// cost exercise.
import { describe, expect, it } from 'vitest';
import {
  defaultLayerGeometry,
  layerShape,
  PAD_MODES,
  type LayerGeometry,
} from '../../../core/src/conv/geometry.ts';
import { layerCost } from '../../../core/src/explain/index.ts';
import { notebookExperiment, type Experiment } from '../../../core/src/train/experiment.ts';
import { computeFeatureMap } from '../../../core/src/train/layerForward.ts';
import { Trainer } from '../../../core/src/train/trainer.ts';
import { ExperimentError, validateExperiment } from '../../../core/src/train/validate.ts';
import {
  autogradKernelGradient,
  labCostSpec,
  labKernel,
  outputError,
} from '../../../renderer/src/chapter/shared/labViews.ts';
import { chapterExercises } from '../../../renderer/src/chapter/exercises/chapterExercises.ts';
import { parseWeightsFile, serializeWeightsFile } from '../../../renderer/src/lib/fileFormats.ts';
import { gridFromRows, type Grid } from '../../../renderer/src/lib/grid.ts';
import { stripes } from '../../../renderer/src/lib/inputPresets.ts';
import { featureMap, receptiveField } from '../../../renderer/src/lib/liveConv.ts';
import { noise } from './noiseGrid.ts';

/** The lab as an experiment the trainer runs: one channel, no bias, the lab's kernel as initial weights. */
function labExperiment(input: Grid, kernel: Grid, g: LayerGeometry, flip: boolean, target: Grid): Experiment {
  const e = notebookExperiment();
  e.input = { channels: 1, height: input.height, width: input.width, data: Array.from(input.data) };
  e.layer = {
    ...e.layer,
    kernelSize: [kernel.height, kernel.width],
    ...structuredClone(g),
    flip,
    bias: false,
  };
  e.init = {
    kind: 'weights',
    weight: { shape: [1, 1, kernel.height, kernel.width], data: Array.from(kernel.data) },
    bias: null,
  };
  e.target = {
    kind: 'output',
    output: { channels: 1, height: target.height, width: target.width, data: Array.from(target.data) },
  };
  return e;
}

const geometries: Array<[string, LayerGeometry]> = PAD_MODES.flatMap((paddingMode) => [
  [`${paddingMode} p=[2,1] s=1 d=1`, { ...defaultLayerGeometry(), padding: [2, 1], paddingMode }],
  [
    `${paddingMode} p=[1,2] s=[2,1] d=[1,2]`,
    { padding: [1, 2], paddingMode, stride: [2, 1], dilation: [1, 2] },
  ],
]);

describe('the live feature map and the trainer compute the same layer', () => {
  const input = noise(4, 5, 11);
  const kernel = noise(3, 2, 12);
  for (const flip of [false, true]) {
    it.each(geometries)(
      `%s flip=${flip}: featureMap and its receptive field equal the trainer's forward pass`,
      (_, g) => {
        const live = featureMap(input, kernel, g, flip)!;
        const trained = computeFeatureMap(
          { channels: 1, height: input.height, width: input.width, data: Array.from(input.data) },
          kernel.data,
          [1, 1, kernel.height, kernel.width],
          null,
          { ...g, flip },
        );
        expect([live.height, live.width]).toEqual([trained.height, trained.width]);
        expect(Array.from(live.data)).toEqual(Array.from(trained.data));
        for (let oy = 0; oy < live.height; oy++)
          for (let ox = 0; ox < live.width; ox++) {
            const terms = receptiveField(input, kernel, g, flip, oy, ox);
            const sum = terms.reduce((s, t) => s + t.weight * t.value, 0);
            expect(sum).toBeCloseTo(trained.data[oy * live.width + ox], 5);
          }
      },
    );
  }
});

describe('the geometry panel, validateExperiment and the weights reader accept the same layers', () => {
  const input = stripes(6, 8);
  const cases: Array<[string, LayerGeometry, [number, number]]> = [
    ['the textbook layer', defaultLayerGeometry(), [1, 2]],
    [
      'reflect padding as large as the input',
      { ...defaultLayerGeometry(), padding: [6, 0], paddingMode: 'reflect' },
      [1, 2],
    ],
    [
      'reflect padding one less',
      { ...defaultLayerGeometry(), padding: [5, 0], paddingMode: 'reflect' },
      [1, 2],
    ],
    [
      'circular padding over the input',
      { ...defaultLayerGeometry(), padding: [0, 9], paddingMode: 'circular' },
      [1, 2],
    ],
    ['a kernel taller than the input', defaultLayerGeometry(), [7, 2]],
    ['stride 3 and dilation 2', { ...defaultLayerGeometry(), stride: [3, 3], dilation: [2, 2] }, [2, 3]],
  ];
  it.each(cases)('%s: the same output shape, or the same problem', (_, g, [kh, kw]) => {
    const kernel: Grid = { height: kh, width: kw, data: new Float32Array(kh * kw).fill(0.5) };
    const panel = layerShape(input, kernel, g);
    const e = labExperiment(input, kernel, g, false, input);
    e.target = {
      kind: 'kernel',
      kernel: { shape: [1, 1, kh, kw], data: Array.from(kernel.data) },
      bias: null,
    };
    let refusal: string | null = null;
    try {
      const trainer = new Trainer(validateExperiment(e));
      expect(trainer.targetValues().length).toBe(panel.outHeight! * panel.outWidth!);
    } catch (error) {
      if (!(error instanceof ExperimentError)) throw error;
      refusal = error.message;
    }
    expect(refusal).toBe(panel.problem === null ? null : `experiment: layer: ${panel.problem}`);
    // The weights reader refuses what the panel cannot run, in the panel's words.
    const file = serializeWeightsFile(
      { ...notebookExperiment(), layer: { ...notebookExperiment().layer, kernelSize: [kh, kw], ...g } },
      {
        weight: { shape: [1, 1, kh, kw], data: Array.from(kernel.data) },
        weightGrad: null,
        lossHistory: [],
        epoch: 0,
        key: 'k',
      },
    );
    if (panel.problem === null) expect(parseWeightsFile(file, input).geometry).toEqual(g);
    else expect(() => parseWeightsFile(file, input)).toThrow(`Import weights: ${panel.problem}`);
  });
});

describe('the Backward tab and the trainer take the same gradient', () => {
  it.each(geometries)(
    "%s: autograd's K.grad of outputError equals the trainer's first-epoch weight gradient",
    (_, g) => {
      const input = noise(5, 6, 21);
      const kernel = noise(2, 3, 22);
      for (const flip of [false, true]) {
        const y = featureMap(input, kernel, g, flip)!;
        const target = noise(y.height, y.width, 23);
        const applied = labKernel(kernel, flip);
        const dY = outputError(input, applied, g, target).value!;
        expect(dY.source).toBe('loss');
        const chapter = autogradKernelGradient(input, applied, g, dY.grid).value!;
        const trainer = new Trainer(labExperiment(input, kernel, g, flip, target));
        trainer.step();
        // The chapter differentiates by the applied (flipped) kernel; flip it back to compare.
        const back = labKernel(chapter, flip);
        for (let i = 0; i < back.data.length; i++) expect(back.data[i]).toBeCloseTo(trainer.weightGrad[i], 4);
      }
    },
  );
});

describe('the Cost tab and the cost exercise count the same layer', () => {
  it.each([
    ['the textbook layer', stripes(6, 8), gridFromRows([[1, -1]]), defaultLayerGeometry()],
    [
      'padding 1, stride 2, dilation 2',
      stripes(6, 8),
      gridFromRows([[1, 0, -1]]),
      { ...defaultLayerGeometry(), padding: [1, 1], stride: [2, 2], dilation: [2, 2] },
    ],
  ] as Array<[string, Grid, Grid, LayerGeometry]>)(
    '%s: the same multiply-adds and bytes',
    (_, input, kernel, g) => {
      const tab = layerCost(labCostSpec(input, kernel, g));
      const exercise = chapterExercises(() => ({ input, kernel, ...g })).find((e) => e.id === 'layer-cost')!;
      const result = exercise.check([tab.forward.multiplyAdds]);
      expect(result.passed).toBe(true);
      expect(result.message).toContain(`(${tab.summary})`);
    },
  );
});
