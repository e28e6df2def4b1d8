// The lab file: everything needed to reproduce a run (the experiment: input image, kernels,
// settings, seed) plus the results so far and the renderer's free-form view settings. Opening a lab
// and training again gives the same loss history, bit for bit.
import { z } from 'zod';
import type { Experiment } from '../train/experiment.ts';
import { ExperimentError, validateExperiment } from '../train/validate.ts';
import { overLimit } from '../limits.ts';
import { float32Value } from '../train/float32Value.ts';
import { shortestFloat32Array, toFloat32Numbers } from './float32.ts';
import { describeValue, formatPath } from './issues.ts';
import { FormatError, checkedFileText, parseJsonText, parseWith, stringifyCompact } from './json.ts';
import { storedHistory, storedHistoryFields, storedHistoryIssue } from './lossHistory.ts';

export const LAB_FORMAT = 'convlab-lab';
export const LAB_VERSION = 1;
const LABEL = 'lab file';

const positiveInt = z.number().int().min(1);

const resultsSchema = z.strictObject({
  /** See lossHistory.ts: every epoch, or a decimation of a long run with the epoch of each value. */
  ...storedHistoryFields,
  weight: z.strictObject({
    shape: z.tuple([positiveInt, positiveInt, positiveInt, positiveInt]),
    data: z.array(float32Value),
  }),
  bias: z.array(float32Value).nullable(),
});

const labSchema = z.strictObject({
  format: z.literal(LAB_FORMAT),
  version: z.literal(LAB_VERSION),
  experiment: z.unknown(),
  results: resultsSchema.nullable(),
  ui: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Learned state after `historyEpochs(results)` epochs; `weight.data` flat row-major [out, in, kh, kw].
 * `labFile` takes the full history (index i = epoch i + 1) and stores it decimated beyond
 * LIMITS.historyPoints epochs (see lossHistory.ts).
 */
export type LabResults = z.infer<typeof resultsSchema>;

export interface LabFile {
  format: typeof LAB_FORMAT;
  version: typeof LAB_VERSION;
  experiment: Experiment;
  results: LabResults | null;
  /** View settings the renderer stores and reads back; ConvLab's core ignores them. */
  ui?: Record<string, unknown>;
}

export function labFile(
  experiment: Experiment,
  results: LabResults | null,
  ui?: Record<string, unknown>,
): LabFile {
  const file: LabFile = {
    format: LAB_FORMAT,
    version: LAB_VERSION,
    experiment,
    results: results === null ? null : withStoredHistory(results),
    ...(ui ? { ui } : {}),
  };
  return checkLab(file);
}

/** JSON text with every float32 value (images, kernels, weights, losses) as its shortest exact decimal. */
export function serializeLab(file: LabFile): string {
  const e = file.experiment;
  const experiment: Experiment = {
    ...e,
    input: { ...e.input, data: shortestFloat32Array(e.input.data) },
    target:
      e.target.kind === 'kernel'
        ? {
            ...e.target,
            kernel: { ...e.target.kernel, data: shortestFloat32Array(e.target.kernel.data) },
            bias: e.target.bias === null ? null : shortestFloat32Array(e.target.bias),
          }
        : { ...e.target, output: { ...e.target.output, data: shortestFloat32Array(e.target.output.data) } },
    init:
      e.init.kind === 'weights'
        ? {
            ...e.init,
            weight: { ...e.init.weight, data: shortestFloat32Array(e.init.weight.data) },
            bias: e.init.bias === null ? null : shortestFloat32Array(e.init.bias),
          }
        : e.init,
  };
  const results =
    file.results === null
      ? null
      : {
          lossHistory: shortestFloat32Array(file.results.lossHistory),
          ...(file.results.lossHistoryEpochs === undefined
            ? {}
            : { lossHistoryEpochs: file.results.lossHistoryEpochs }),
          weight: { shape: file.results.weight.shape, data: shortestFloat32Array(file.results.weight.data) },
          bias: file.results.bias === null ? null : shortestFloat32Array(file.results.bias),
        };
  return checkedFileText(stringifyCompact({ ...file, experiment, results }), LABEL);
}

/** Reads a lab file; throws FormatError naming the field. Float32 values come back exact. */
export function parseLab(text: string): LabFile {
  const raw = parseWith(labSchema, parseJsonText(text, LABEL), LABEL);
  let experiment: Experiment;
  try {
    experiment = validateExperiment(raw.experiment);
  } catch (error) {
    if (error instanceof ExperimentError) throw new FormatError(`${LABEL}: ${error.message}`);
    throw error;
  }
  const e = experiment;
  e.input.data = toFloat32Numbers(e.input.data);
  if (e.target.kind === 'kernel') {
    e.target.kernel.data = toFloat32Numbers(e.target.kernel.data);
    if (e.target.bias !== null) e.target.bias = toFloat32Numbers(e.target.bias);
  } else {
    e.target.output.data = toFloat32Numbers(e.target.output.data);
  }
  if (e.init.kind === 'weights') {
    e.init.weight.data = toFloat32Numbers(e.init.weight.data);
    if (e.init.bias !== null) e.init.bias = toFloat32Numbers(e.init.bias);
  }
  const results =
    raw.results === null
      ? null
      : withStoredHistory({
          lossHistory: raw.results.lossHistory,
          ...(raw.results.lossHistoryEpochs === undefined
            ? {}
            : { lossHistoryEpochs: raw.results.lossHistoryEpochs }),
          weight: { shape: raw.results.weight.shape, data: toFloat32Numbers(raw.results.weight.data) },
          bias: raw.results.bias === null ? null : toFloat32Numbers(raw.results.bias),
        });
  return checkLab({
    format: LAB_FORMAT,
    version: LAB_VERSION,
    experiment,
    results,
    ...(raw.ui ? { ui: raw.ui } : {}),
  });
}

/** The results with their history as a file stores it (float32 values, decimated when long). */
function withStoredHistory(results: LabResults): LabResults {
  const issue = storedHistoryIssue(results, 'results');
  if (issue !== null) throw new FormatError(`${LABEL}: ${issue}`);
  const { lossHistory, lossHistoryEpochs, ...rest } = results;
  const history = storedHistory(lossHistory, lossHistoryEpochs);
  return {
    lossHistory: history.lossHistory,
    ...(history.lossHistoryEpochs === undefined ? {} : { lossHistoryEpochs: history.lossHistoryEpochs }),
    ...rest,
  };
}

/**
 * Why the free-form `ui` cannot be written back as it was read, or null: it nests deeper than
 * LIMITS.uiDepth (the writer indents every level), or holds a number JSON cannot write (1e400 reads
 * as Infinity). Walked without recursion.
 */
const childPath = (path: PropertyKey[], parent: object, key: string): PropertyKey[] => [
  ...path,
  Array.isArray(parent) ? Number(key) : key,
];

function uiIssue(ui: Record<string, unknown>): string | null {
  let deepest = 0;
  const stack: Array<[object, PropertyKey[]]> = [[ui, ['ui']]];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [object, PropertyKey[]];
    deepest = Math.max(deepest, path.length);
    const tooDeep = overLimit('uiDepth', "ui's nesting depth", deepest);
    if (tooDeep !== null) return tooDeep;
    // Numbers are checked here, so a long array of them (a stored loss history) costs no paths.
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'number') {
        if (!Number.isFinite(item))
          return `${formatPath(childPath(path, value, key))} must be a finite number, got ${describeValue(item)}`;
      } else if (item !== null && typeof item === 'object') stack.push([item, childPath(path, value, key)]);
    }
  }
  return null;
}

function checkLab(file: LabFile): LabFile {
  const { results, experiment } = file;
  const badUi = file.ui === undefined ? null : uiIssue(file.ui);
  if (badUi !== null) throw new FormatError(`${LABEL}: ${badUi}`);
  if (results === null) return file;
  const { layer } = experiment;
  const expected = [layer.outChannels, layer.inChannels, ...layer.kernelSize];
  const { shape, data } = results.weight;
  if (shape.some((n, i) => n !== expected[i])) {
    throw new FormatError(
      `${LABEL}: results.weight.shape is [${shape.join(', ')}] but the layer needs [${expected.join(', ')}]`,
    );
  }
  const values = expected.reduce((a, b) => a * b, 1);
  if (data.length !== values) {
    throw new FormatError(
      `${LABEL}: results.weight.data has ${data.length} values but shape [${shape.join(', ')}] needs ${values}`,
    );
  }
  if (layer.bias !== (results.bias !== null)) {
    throw new FormatError(
      `${LABEL}: results.bias is ${results.bias === null ? 'null' : 'given'} but layer.bias is ${layer.bias}`,
    );
  }
  if (results.bias !== null && results.bias.length !== layer.outChannels) {
    throw new FormatError(
      `${LABEL}: results.bias has ${results.bias.length} values but the layer has ${layer.outChannels} out channel(s)`,
    );
  }
  return file;
}
