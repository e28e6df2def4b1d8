// The weights and lab files through the core's readers and writers (core/src/formats: the format,
// its bounds, shortest float32 decimals), plus what this lab in particular can use: one input and one
// output channel, grids and kernels the lab can edit, and the lab state's bounds (snapshot.ts). Every
// parse throws one Error naming the action and the field as the file spells it.
import { z } from 'zod';
import type { Experiment } from '../../../core/src/train/experiment.ts';
import {
  labFile,
  parseLab,
  parseWeights,
  serializeLab,
  serializeWeights,
  weightsFile,
  type LabFile,
} from '../../../core/src/formats/index.ts';
import { overLimit } from '../../../core/src/limits.ts';
import { geometryProblem, type LayerGeometry } from '../../../core/src/conv/geometry.ts';
import type { Grid } from './grid.ts';
import {
  SNAPSHOT_APP,
  SNAPSHOT_VERSION,
  check,
  geometrySchema,
  readSnapshot,
  snapshotSchema,
  snapshotV1Schema,
  gridFromPlain,
  type Snapshot,
} from './snapshot.ts';
import type { TrainingResults } from '../state/Training.svelte.ts';
import { experimentKey } from '../lab/experimentKey.ts';
import { labExperiment, labFromExperiment } from '../lab/labExperiment.ts';
// Only this field is bundled (Vite tree-shakes named JSON imports); the CLI reads the same package.json.
import { version } from '../../../package.json';

const APP = { name: 'ConvLab', version };

export interface ImportedWeights {
  weight: { shape: number[]; data: number[] };
  geometry: LayerGeometry;
  flip: boolean;
  lossHistory: number[];
  /** Epochs the file's training ran (its history may be shorter: long runs are stored decimated). */
  epochs: number;
}

/** Wraps the core's FormatError (or anything thrown) in the action's name, for the alert. */
function withAction<T>(action: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new Error(`${action}: ${text.replace(/\s+/g, ' ')}`, { cause: error });
  }
}

const orThrow = <T>(result: T | Error): T => {
  if (result instanceof Error) throw result;
  return result;
};

/** The lab's kernel editor's bound on a kernel's [height, width], naming the field as in the file. */
function checkKernelSide(action: string, field: string, [kh, kw]: readonly number[]): void {
  const refusal =
    overLimit('labKernelSide', `${field}[0]`, kh) ?? overLimit('labKernelSide', `${field}[1]`, kw);
  if (refusal !== null) throw new Error(`${action}: ${refusal}`);
}

/** Validates a weights file against its format, the lab's bounds and the current input. */
export function parseWeightsFile(text: string, input: Pick<Grid, 'height' | 'width'>): ImportedWeights {
  const action = 'Import weights';
  const doc = withAction(action, () => parseWeights(text));
  const [out, inChannels, kh, kw] = doc.weight.shape;
  if (out !== 1 || inChannels !== 1) {
    throw new Error(
      `${action}: the lab uses one input and one output channel, but weight.shape is [${doc.weight.shape.join(', ')}]`,
    );
  }
  checkKernelSide(action, 'layer.kernelSize', doc.layer.kernelSize);
  const geometry = orThrow(
    check(
      geometrySchema,
      {
        padding: doc.layer.padding,
        paddingMode: doc.layer.paddingMode,
        stride: doc.layer.stride,
        dilation: doc.layer.dilation,
      },
      action,
      'layer',
    ),
  );
  const problem = geometryProblem(input, { height: kh, width: kw }, geometry);
  if (problem !== null)
    throw new Error(`${action}: ${problem} (the lab's input is ${input.height} × ${input.width})`);
  const lossHistory = doc.training.lossHistory.filter(Number.isFinite);
  return {
    weight: { shape: [1, 1, kh, kw], data: doc.weight.data.flat(3) },
    geometry,
    flip: doc.layer.flip,
    lossHistory,
    epochs: Math.max(doc.training.epochs, lossHistory.length),
  };
}

export function serializeWeightsFile(experiment: Experiment, results: TrainingResults): string {
  const [, , kh, kw] = results.weight.shape;
  return serializeWeights(
    weightsFile({
      layer: { ...experiment.layer, kernelSize: [kh, kw] },
      weight: results.weight.data,
      bias: null,
      optimizer: experiment.optimizer,
      loss: experiment.loss,
      epochs: results.epoch,
      seed: experiment.init.kind === 'seed' ? experiment.init.seed : null,
      lossHistory: results.lossHistory,
      targetKernel: experiment.target.kind === 'kernel' ? experiment.target.kernel : null,
      app: APP,
    }),
  );
}

/**
 * What a lab file's `ui` holds: only what its experiment and results cannot say (the kernel or the
 * drawn output that is not the current target, the seed while runs start from given weights, whether
 * the learnable kernel follows the target's size, the last gradient, epochs run). The loss history and
 * the weights are stored once, in the core's `results`.
 */
const s = snapshotSchema.shape;
const viewSchema = z
  .object({
    app: z.literal(SNAPSHOT_APP),
    version: z.literal(SNAPSHOT_VERSION),
    kernel: s.kernel,
    targetOutput: s.targetOutput,
    seed: s.settings.shape.seed,
    kernelSize: s.settings.shape.kernelSize,
    epoch: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    weightGrad: s.results.unwrap().shape.weightGrad,
  })
  .strict();
type View = z.infer<typeof viewSchema>;

/** A lab file: the experiment and results in the core's format, the view settings in `ui`. */
export function serializeLabFile(experiment: Experiment, snapshot: Snapshot): string {
  const results = snapshot.results
    ? {
        lossHistory: snapshot.results.lossHistory,
        ...(snapshot.results.lossHistoryEpochs
          ? { lossHistoryEpochs: snapshot.results.lossHistoryEpochs }
          : {}),
        weight: {
          shape: snapshot.results.weight.shape as [number, number, number, number],
          data: snapshot.results.weight.data,
        },
        bias: null,
      }
    : null;
  const view: View = {
    app: SNAPSHOT_APP,
    version: SNAPSHOT_VERSION,
    kernel: snapshot.kernel,
    targetOutput: snapshot.targetOutput,
    seed: snapshot.settings.seed,
    kernelSize: snapshot.settings.kernelSize,
    epoch: snapshot.results?.epoch ?? 0,
    weightGrad: snapshot.results?.weightGrad ?? null,
  };
  return serializeLab(labFile(experiment, results, view as unknown as Record<string, unknown>));
}

/** The view settings in `ui`: this version's, those inside a version-1 snapshot, or none (a CLI's lab). */
function readView(ui: Record<string, unknown> | undefined, action: string): View | null {
  if (ui === undefined || ui.app !== SNAPSHOT_APP) return null;
  if (ui.version === 1) {
    const old = orThrow(check(snapshotV1Schema, ui, action, 'ui'));
    return {
      app: SNAPSHOT_APP,
      version: SNAPSHOT_VERSION,
      kernel: old.kernel,
      targetOutput: old.targetOutput,
      seed: old.settings.seed,
      kernelSize: old.settings.kernelSize,
      epoch: old.results?.epoch ?? 0,
      weightGrad: old.results?.weightGrad ?? null,
    };
  }
  return orThrow(check(viewSchema, ui, action, 'ui'));
}

/** Epochs a stored history covers: a decimated one names the epoch of each value (core lossHistory.ts). */
function epochsRun(results: { lossHistory: number[]; lossHistoryEpochs?: number[] }): number {
  return results.lossHistoryEpochs?.at(-1) ?? results.lossHistory.length;
}

/**
 * The lab file of a snapshot, its experiment made from the snapshot's own lab and settings: what Save
 * lab writes and what the autosave stores.
 */
export function labFileText(snapshot: Snapshot): string {
  const scene = {
    input: gridFromPlain(snapshot.input),
    kernel: gridFromPlain(snapshot.kernel),
    geometry: snapshot.geometry,
    flip: snapshot.flip,
  };
  const target = snapshot.targetOutput ? gridFromPlain(snapshot.targetOutput) : null;
  return serializeLabFile(labExperiment(scene, snapshot.settings, target), snapshot);
}

/**
 * The lab's on-screen state from a lab file: its experiment and results, and the view settings.
 * `action` names the reader in errors (Open lab, or the autosave's "lab state").
 */
export function parseLabFile(text: string, action = 'Open lab'): Snapshot {
  const doc: LabFile = withAction(action, () => parseLab(text));
  const e = doc.experiment;
  const { layer } = e;
  if (e.input.channels !== 1 || layer.inChannels !== 1 || layer.outChannels !== 1 || layer.bias) {
    throw new Error(
      `${action}: the lab uses one input and one output channel and no bias, but the experiment has ${layer.inChannels} in, ${layer.outChannels} out${layer.bias ? ' and a bias' : ''}`,
    );
  }
  for (const [field, side] of [
    ['experiment.input.height', e.input.height],
    ['experiment.input.width', e.input.width],
  ] as const) {
    const refusal = overLimit('labInputSide', field, side);
    if (refusal !== null) throw new Error(`${action}: ${refusal}`);
  }
  checkKernelSide(action, 'experiment.layer.kernelSize', layer.kernelSize);
  if (e.target.kind === 'kernel') {
    checkKernelSide(action, 'experiment.target.kernel.shape', e.target.kernel.shape.slice(2));
  }
  const geometry = orThrow(
    check(
      geometrySchema,
      {
        padding: layer.padding,
        paddingMode: layer.paddingMode,
        stride: layer.stride,
        dilation: layer.dilation,
      },
      action,
      'experiment.layer',
    ),
  );
  const epochs = orThrow(
    check(snapshotSchema.shape.settings.shape.epochs, e.epochs, action, 'experiment.epochs'),
  );
  const view = readView(doc.ui, action);

  // The lab is what the experiment says (hand edits included); `ui` adds only what it cannot say.
  const { input, kernel, flip, targetOutput, settings: fromFile } = labFromExperiment(e, view, action);
  const settings: Snapshot['settings'] = { ...fromFile, epochs };
  const draft = {
    app: SNAPSHOT_APP,
    version: SNAPSHOT_VERSION,
    input,
    kernel,
    flip,
    geometry,
    settings,
    targetOutput,
    results: null,
  } satisfies Snapshot;
  const lab = {
    input: { ...input, data: Float32Array.from(input.data) },
    kernel: { ...kernel, data: Float32Array.from(kernel.data) },
    geometry,
    flip,
  };
  const target = targetOutput ? { ...targetOutput, data: Float32Array.from(targetOutput.data) } : null;
  const [kh, kw] = layer.kernelSize;
  const results: Snapshot['results'] = doc.results
    ? {
        weight: { shape: [1, 1, kh, kw], data: doc.results.weight.data },
        weightGrad: view?.weightGrad ?? null,
        lossHistory: doc.results.lossHistory,
        ...(doc.results.lossHistoryEpochs ? { lossHistoryEpochs: doc.results.lossHistoryEpochs } : {}),
        epoch: Math.max(view?.epoch ?? 0, epochsRun(doc.results)),
        // The key the lab itself computes for this state, so training continues the stored run.
        key: experimentKey(labExperiment(lab, settings, target)),
      }
    : null;
  // The whole state once more through the lab state's schema: nothing the lab would refuse gets in.
  const snapshot = readSnapshot({ ...draft, results });
  if (snapshot instanceof Error) throw new Error(`${action}: ${snapshot.message}`);
  return snapshot;
}
