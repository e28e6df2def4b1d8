// `convlab train`: learn a kernel in a worker thread from a PNG and a true kernel (a preset name or a
// weights file), or from a saved lab; write the weights JSON.
import { extname } from 'node:path';
import { startTrainerWorker } from '../node/trainerWorker.ts';
import { FormatError } from '../src/formats/json.ts';
import { parseLab } from '../src/formats/lab.ts';
import { flattenKernel, parseWeights, serializeWeights, weightsFile } from '../src/formats/weights.ts';
import { formatCount, LIMITS } from '../src/limits.ts';
import { findNamedKernel, namedKernelNames } from '../src/presets/kernels.ts';
import {
  NOTEBOOK_SEED,
  plainLayer,
  lossKinds,
  type Experiment,
  type Kernel,
  type OptimizerConfig,
} from '../src/train/experiment.ts';
import { PAD_MODES } from '../src/conv/geometry.ts';
import {
  ExperimentError,
  forwardPassLimitIssue,
  runLimitIssue,
  validateExperiment,
} from '../src/train/validate.ts';
import type { Progress } from '../src/worker/api.ts';
import { appInfo } from './appInfo.ts';
import { EXIT_FAILED, EXIT_OK, UsageError } from './errors.ts';
import {
  checkOutputWritable,
  displayPath,
  readInputFile,
  refuseOutputOverInput,
  writeOutputFile,
} from './files.ts';
import {
  parseChoice,
  parseFloat32,
  parseInteger,
  parseLimitedInteger,
  parseOptions,
  parsePair,
  parsePositiveNumber,
  requireString,
} from './options.ts';
import { decodePng } from './png.ts';
import { formatLoss, progressOutput } from './progressOutput.ts';
import { formatMatrix } from './tensorText.ts';

const TRAIN_HELP = `Usage: convlab train --input image.png|lab.json --kernel NAME|weights.json --out weights.json [options]

Learns a kernel by gradient descent in a worker thread: the target is Y = conv(X, K) for the true
kernel K, the learnable kernel has K's size and starts from a seeded draw. With a lab file as --input
its experiment is replayed (options given here override it) and --kernel is not needed.

Options:
  --input FILE         a PNG (converted to grayscale in [0, 1]; at most ${LIMITS.inputSide.max} x ${LIMITS.inputSide.max})
                       or a lab JSON saved by ConvLab
  --kernel NAME|FILE   the true kernel: a preset (${namedKernelNames().join(', ')})
                       or a weights JSON
  --out FILE           where to write the learned weights (JSON, loads into torch.nn.Conv2d)
  --lr N               learning rate (default 0.1)
  --epochs N           epochs, 1 to ${formatCount(LIMITS.epochs.max)} (default 100)
  --seed N             seed of the initial kernel (default ${NOTEBOOK_SEED})
  --optimizer NAME     sgd or adam (default sgd)
  --momentum N         SGD momentum in [0, 1] (default 0)
  --loss NAME          mse or sum-squared (the notebook's; default mse)
  --padding N|H,W      zero-padding on each side, at most ${LIMITS.padding.max} (default 0)
  --padding-mode NAME  ${PAD_MODES.join(', ')} (default zeros)
  --stride N|H,W       stride, at most ${LIMITS.stride.max} (default 1)
  --dilation N|H,W     dilation, at most ${LIMITS.dilation.max} (default 1)
  --bias               learn a bias too
  --flip               true convolution (kernel flipped) instead of cross-correlation
  -h, --help           show this help

Every value is bounded by ConvLab's limits table (see the README), as are the run's
multiply-adds (epochs x one forward pass, at most ${formatCount(LIMITS.runWork.max)}).

Exit codes: 0 done, 1 training diverged (nothing written), 2 bad input (nothing written).`;

const OPTIONS = {
  input: { type: 'string' },
  kernel: { type: 'string' },
  out: { type: 'string' },
  lr: { type: 'string' },
  epochs: { type: 'string' },
  seed: { type: 'string' },
  optimizer: { type: 'string' },
  momentum: { type: 'string' },
  loss: { type: 'string' },
  padding: { type: 'string' },
  'padding-mode': { type: 'string' },
  stride: { type: 'string' },
  dilation: { type: 'string' },
  bias: { type: 'boolean' },
  flip: { type: 'boolean' },
} as const;

type Values = Record<string, string | boolean | undefined>;
const str = (values: Values, name: string): string | undefined =>
  typeof values[name] === 'string' ? (values[name] as string) : undefined;

export async function train(args: string[], out: (line: string) => void): Promise<number> {
  const values = parseOptions('train', args, OPTIONS);
  if (values.help) {
    out(TRAIN_HELP);
    return EXIT_OK;
  }
  const inputPath = requireString('train', values, 'input');
  const outPath = requireString('train', values, 'out');
  const kernelArg = str(values, 'kernel');
  const inputs: Array<[string, string]> = [['input', inputPath]];
  if (kernelArg !== undefined && findNamedKernel(kernelArg) === undefined) inputs.push(['kernel', kernelArg]);
  refuseOutputOverInput('train', ['out', outPath], inputs);
  // Before the run, not after it: a run of minutes must not end in "cannot write".
  checkOutputWritable('train', 'out', outPath);
  const fromLab = extname(inputPath).toLowerCase() === '.json';
  const experiment = checked(
    fromLab ? experimentFromLab(inputPath, values) : experimentFromImage(inputPath, values),
  );
  checkRun(experiment, fromLab ? inputPath : null);

  const { client, terminate } = startTrainerWorker();
  try {
    await client.configure(experiment);
    const progress = progressOutput(process.stderr, out, experiment.epochs);
    const result = await client.run(experiment.epochs, (p: Progress) => progress.update(p));
    // The last progress message is posted before the result; let it arrive before closing the bar.
    await new Promise((resolve) => setTimeout(resolve, 10));
    progress.finish();
    if (result.type === 'diverged') {
      process.stderr.write(`convlab train: ${result.reason}; nothing written\n`);
      return EXIT_FAILED;
    }
    const { state } = result;
    const weight = state.weight?.data ?? new Float32Array(0);
    const file = weightsFile({
      layer: experiment.layer,
      weight,
      bias: state.bias,
      optimizer: experiment.optimizer,
      loss: experiment.loss,
      epochs: state.epoch,
      seed: experiment.init.kind === 'seed' ? experiment.init.seed : null,
      lossHistory: state.lossHistory,
      targetKernel: experiment.target.kind === 'kernel' ? experiment.target.kernel : null,
      app: appInfo(),
    });
    writeOutputFile('train', 'out', outPath, serializeWeights(file));
    const [, , kh, kw] = file.weight.shape;
    const shown =
      experiment.layer.outChannels === 1 && experiment.layer.inChannels === 1
        ? `\n${formatMatrix(weight, kh, kw)}`
        : '';
    out(
      `trained ${state.epoch} epochs, loss ${formatLoss(state.loss ?? Number.NaN)}; wrote ${displayPath(outPath)}${shown}`,
    );
    return EXIT_OK;
  } finally {
    await terminate();
  }
}

/**
 * What the limits table bounds beyond single values: at least one epoch (a lab may store 0), the
 * output's size, one forward pass and the whole run's multiply-adds.
 */
function checkRun(experiment: Experiment, labPath: string | null): void {
  const { epochs, input, layer } = experiment;
  if (epochs < 1) {
    const where = labPath === null ? '--epochs' : `${displayPath(labPath)} has experiment.epochs`;
    throw new UsageError(`convlab train: ${where} ${epochs}: no epoch would run; give --epochs 1 or more`);
  }
  const field = labPath === null ? '--epochs' : `${displayPath(labPath)}: experiment.epochs`;
  const refusal =
    forwardPassLimitIssue(input.height, input.width, layer) ?? runLimitIssue(experiment, epochs, field);
  if (refusal !== null) throw new UsageError(`convlab train: ${refusal}`);
}

function checked(experiment: Experiment): Experiment {
  try {
    return validateExperiment(experiment);
  } catch (error) {
    if (error instanceof ExperimentError) throw new UsageError(`convlab train: ${error.message}`);
    throw error;
  }
}

function experimentFromLab(path: string, values: Values): Experiment {
  const text = readInputFile('train', 'input', path).toString('utf8');
  let experiment: Experiment;
  try {
    experiment = parseLab(text).experiment;
  } catch (error) {
    if (error instanceof FormatError)
      throw new UsageError(`convlab train: ${displayPath(path)}: ${error.message}`);
    throw error;
  }
  return applyOverrides(experiment, values, true);
}

function experimentFromImage(path: string, values: Values): Experiment {
  const kernelArg = str(values, 'kernel');
  if (kernelArg === undefined)
    throw new UsageError(
      'convlab train: --kernel is required with an image --input (a preset name or a weights JSON)',
    );
  const kernel = readKernel(kernelArg);
  const channels = kernel.shape[1];
  if (channels !== 1 && channels !== 3) {
    throw new UsageError(
      `convlab train: the kernel expects ${channels} input channels; images give 1 (grayscale) or 3 (RGB)`,
    );
  }
  const input = decodePng('train', path, readInputFile('train', 'input', path, 'imageFileBytes'), channels);
  const experiment: Experiment = {
    input,
    target: { kind: 'kernel', kernel, bias: null },
    layer: plainLayer(kernel.shape),
    init: { kind: 'seed', seed: NOTEBOOK_SEED },
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.1 },
    epochs: 100,
  };
  return applyOverrides(experiment, values, false);
}

function readKernel(arg: string): Kernel {
  const preset = findNamedKernel(arg);
  if (preset !== undefined) {
    return { shape: [1, 1, preset.rows.length, preset.rows[0].length], data: preset.rows.flat() };
  }
  if (extname(arg).toLowerCase() !== '.json') {
    throw new UsageError(
      `convlab train: --kernel must be a preset (${namedKernelNames().join(', ')}) or a weights .json file, got ${JSON.stringify(arg)}`,
    );
  }
  const text = readInputFile('train', 'kernel', arg).toString('utf8');
  try {
    const file = parseWeights(text);
    return { shape: file.weight.shape, data: Array.from(flattenKernel(file.weight)) };
  } catch (error) {
    if (error instanceof FormatError)
      throw new UsageError(`convlab train: ${displayPath(arg)}: ${error.message}`);
    throw error;
  }
}

/** Options given on the command line replace the experiment's values. */
function applyOverrides(base: Experiment, values: Values, fromLab: boolean): Experiment {
  const e: Experiment = structuredClone(base);
  const lr = str(values, 'lr');
  const optimizerName = str(values, 'optimizer');
  const momentum = str(values, 'momentum');
  if (lr !== undefined || optimizerName !== undefined || momentum !== undefined) {
    const kind =
      optimizerName === undefined
        ? e.optimizer.kind
        : parseChoice('train', 'optimizer', optimizerName, ['sgd', 'adam'] as const);
    const rate = lr === undefined ? e.optimizer.lr : parsePositiveNumber('train', 'lr', lr);
    let optimizer: OptimizerConfig = { kind: 'adam', lr: rate };
    if (kind === 'sgd') {
      optimizer = { kind: 'sgd', lr: rate };
      const m =
        momentum === undefined
          ? e.optimizer.kind === 'sgd'
            ? e.optimizer.momentum
            : undefined
          : parseFloat32('train', 'momentum', momentum);
      if (m !== undefined) {
        if (m < 0 || m > 1)
          throw new UsageError(`convlab train: --momentum must be between 0 and 1, got ${momentum}`);
        optimizer.momentum = m;
      }
    } else if (momentum !== undefined) {
      throw new UsageError('convlab train: --momentum applies to --optimizer sgd only');
    }
    e.optimizer = optimizer;
  }
  const epochs = str(values, 'epochs');
  if (epochs !== undefined) e.epochs = parseLimitedInteger('train', 'epochs', epochs, 1, 'epochs');
  const seed = str(values, 'seed');
  if (seed !== undefined) e.init = { kind: 'seed', seed: parseInteger('train', 'seed', seed, 0, 0xffffffff) };
  const loss = str(values, 'loss');
  if (loss !== undefined) e.loss = parseChoice('train', 'loss', loss, lossKinds);
  const padding = str(values, 'padding');
  if (padding !== undefined) e.layer.padding = parsePair('train', 'padding', padding, 0, 'padding');
  const mode = str(values, 'padding-mode');
  if (mode !== undefined) e.layer.paddingMode = parseChoice('train', 'padding-mode', mode, PAD_MODES);
  const stride = str(values, 'stride');
  if (stride !== undefined) e.layer.stride = parsePair('train', 'stride', stride, 1, 'stride');
  const dilation = str(values, 'dilation');
  if (dilation !== undefined) e.layer.dilation = parsePair('train', 'dilation', dilation, 1, 'dilation');
  if (values.bias === true && !e.layer.bias) {
    e.layer.bias = true;
    if (e.init.kind === 'weights')
      throw new UsageError('convlab train: --bias needs a seeded start; add --seed N');
  }
  if (values.flip === true) e.layer.flip = true;
  if (fromLab && str(values, 'kernel') !== undefined) {
    const kernel = readKernel(str(values, 'kernel') as string);
    e.target = { kind: 'kernel', kernel, bias: null };
  }
  return e;
}
