// `convlab lenet`: train d2l's LeNet on Fashion-MNIST in a worker thread, one line per epoch as d2l
// reports it, and optionally write the model JSON; or, with --eval, report a saved model's test
// accuracy.
import { defaultFashionMnistDir, readFashionMnistFiles } from '../node/fashionMnist.ts';
import { startLenetWorker } from '../node/lenetWorker.ts';
import { fashionMnistFromBytes, type FashionMnist } from '../src/data/fashionMnist.ts';
import { FormatError } from '../src/formats/json.ts';
import { lenetActivations } from '../src/models/lenet.ts';
import {
  lenetModelFile,
  lenetStateDict,
  parseLenetModel,
  serializeLenetModel,
} from '../src/formats/lenetModel.ts';
import {
  LENET_DEFAULTS,
  LENET_MAX,
  LenetConfigError,
  lenetRunConfig,
  type LenetRunConfig,
} from '../src/lenet/config.ts';
import { evaluateLenet } from '../src/lenet/evaluate.ts';
import { LeNet } from '../src/models/lenet.ts';
import { appInfo } from './appInfo.ts';
import { EXIT_FAILED, EXIT_OK, UsageError } from './errors.ts';
import { checkOutputWritable, readInputFile, refuseOutputOverInput, writeOutputFile } from './files.ts';
import { parseChoice, parseInteger, parseOptions, parsePositiveNumber } from './options.ts';
import { formatEpochLine, lenetProgressBar } from './lenetProgress.ts';

const LENET_HELP = `Usage: convlab lenet [--data DIR] [--epochs ${LENET_DEFAULTS.epochs}] [--lr ${LENET_DEFAULTS.lr}] [--batch-size ${LENET_DEFAULTS.batchSize}] [--seed ${LENET_DEFAULTS.seed}]
                     [--activation sigmoid|relu] [--train-size N] [--out model.json]
       convlab lenet --eval model.json [--data DIR]

Trains d2l's LeNet (section 7.6) on Fashion-MNIST in a worker thread with minibatch SGD, printing
one line per epoch:
  epoch 3/10: loss 0.812, train acc 0.681, test acc 0.700, 7310 examples/sec
(the epoch's mean training loss and accuracy over its batches, then the test accuracy after it).

Options:
  --data DIR           the four Fashion-MNIST idx files (plain or .gz); default: Debian's folder
                       when it exists, else the subset shipped with ConvLab
  --epochs N           epochs, 1 to ${LENET_MAX.epochs} (default ${LENET_DEFAULTS.epochs})
  --lr N               SGD learning rate (default ${LENET_DEFAULTS.lr})
  --batch-size N       images per minibatch, 1 to ${LENET_MAX.batchSize} (default ${LENET_DEFAULTS.batchSize})
  --seed N             seeds the initial weights and the shuffles (default ${LENET_DEFAULTS.seed})
  --activation NAME    sigmoid (the book's, with average pooling) or relu (with max pooling)
  --train-size N       train on N of the training images, the first of each class in equal shares
                       (default: all)
  --out FILE           write the model JSON (loads into d2l's PyTorch LeNet; see the README)
  --eval FILE          print the test accuracy of a model JSON instead of training
  -h, --help           show this help

Exit codes: 0 done, 1 training diverged (nothing written), 2 bad input (nothing written).`;

const OPTIONS = {
  data: { type: 'string' },
  epochs: { type: 'string' },
  lr: { type: 'string' },
  'batch-size': { type: 'string' },
  seed: { type: 'string' },
  activation: { type: 'string' },
  'train-size': { type: 'string' },
  out: { type: 'string' },
  eval: { type: 'string' },
} as const;

/** Options that only training takes, which --eval refuses. */
const TRAINING_OPTIONS = ['epochs', 'lr', 'batch-size', 'seed', 'activation', 'train-size', 'out'] as const;

/** Each config field by the option that sets it, for messages. */
const OPTION_OF: Record<keyof LenetRunConfig, string> = {
  epochs: '--epochs',
  lr: '--lr',
  batchSize: '--batch-size',
  seed: '--seed',
  activation: '--activation',
  trainSize: '--train-size',
};

type Values = Record<string, string | boolean | undefined>;
const str = (values: Values, name: string): string | undefined =>
  typeof values[name] === 'string' ? (values[name] as string) : undefined;

export async function lenet(args: string[], out: (line: string) => void): Promise<number> {
  const values = parseOptions('lenet', args, OPTIONS);
  if (values.help) {
    out(LENET_HELP);
    return EXIT_OK;
  }
  const modelPath = str(values, 'eval');
  if (modelPath !== undefined) return evaluate(modelPath, values, out);
  return train(values, out);
}

async function train(values: Values, out: (line: string) => void): Promise<number> {
  const config = configFrom(values);
  const outPath = str(values, 'out');
  if (outPath !== undefined) checkOutputWritable('lenet', 'out', outPath);
  const dataDir = str(values, 'data') ?? defaultFashionMnistDir();
  const data = loadData(dataDir, outPath);
  if (config.trainSize !== null && config.trainSize > data.train.count) {
    throw new UsageError(
      `convlab lenet: --train-size is ${config.trainSize} but ${dataDir} has ${data.train.count} training images`,
    );
  }
  const trainCount = config.trainSize ?? data.train.count;
  out(
    `lenet (${config.activation}): ${trainCount} training and ${data.test.count} test images from ${dataDir}; lr ${config.lr}, batch size ${config.batchSize}, ${config.epochs} epochs, seed ${config.seed}`,
  );

  const { client, terminate } = startLenetWorker();
  try {
    // The images move to the worker rather than being copied: the full set is 188 MB of float32.
    await client.configure(config, data, true);
    const bar = lenetProgressBar(process.stderr);
    const result = await client.run((progress) => {
      for (const record of progress.history.records)
        bar.above(() => out(formatEpochLine(record, config.epochs)));
      bar.update(progress);
    });
    // The last progress message is posted before the result; let it arrive before closing the bar.
    await new Promise((done) => setTimeout(done, 10));
    bar.finish();
    if (result.type === 'diverged') {
      process.stderr.write(`convlab lenet: ${result.reason}; nothing written\n`);
      return EXIT_FAILED;
    }
    if (outPath !== undefined) {
      const model = await client.model();
      const file = lenetModelFile({ ...model, app: appInfo() });
      writeOutputFile('lenet', 'out', outPath, serializeLenetModel(file));
      out(`wrote ${outPath}`);
    }
    return EXIT_OK;
  } finally {
    await terminate();
  }
}

async function evaluate(modelPath: string, values: Values, out: (line: string) => void): Promise<number> {
  const extra = TRAINING_OPTIONS.find((name) => values[name] !== undefined);
  if (extra !== undefined) {
    throw new UsageError(`convlab lenet: --eval takes only --data, not --${extra}`);
  }
  const text = readInputFile('lenet', 'eval', modelPath).toString('utf8');
  let net: LeNet;
  try {
    const file = parseLenetModel(text);
    net = new LeNet({ activation: file.activation });
    net.loadStateDict(lenetStateDict(file));
  } catch (error) {
    if (error instanceof FormatError) throw new UsageError(`convlab lenet: ${modelPath}: ${error.message}`);
    throw error;
  }
  const dataDir = str(values, 'data') ?? defaultFashionMnistDir();
  const { test } = loadData(dataDir, undefined);
  const { accuracy, count } = evaluateLenet(net, test, { mistakes: 0 });
  out(`test acc ${accuracy.toFixed(3)} on ${count} images`);
  return EXIT_OK;
}

function configFrom(values: Values): LenetRunConfig {
  const given: Partial<LenetRunConfig> = {};
  const integer = (name: string, min: number) => {
    const text = str(values, name);
    return text === undefined ? undefined : parseInteger('lenet', name, text, min);
  };
  const epochs = integer('epochs', 1);
  const batchSize = integer('batch-size', 1);
  const seed = integer('seed', 0);
  const trainSize = integer('train-size', 1);
  const lr = str(values, 'lr');
  const activation = str(values, 'activation');
  if (epochs !== undefined) given.epochs = epochs;
  if (batchSize !== undefined) given.batchSize = batchSize;
  if (seed !== undefined) given.seed = seed;
  if (trainSize !== undefined) given.trainSize = trainSize;
  if (lr !== undefined) given.lr = parsePositiveNumber('lenet', 'lr', lr);
  if (activation !== undefined)
    given.activation = parseChoice('lenet', 'activation', activation, lenetActivations);
  try {
    return lenetRunConfig(given, (field) => OPTION_OF[field]);
  } catch (error) {
    if (error instanceof LenetConfigError) throw new UsageError(`convlab lenet: ${error.detail}`);
    throw error;
  }
}

/** The data set in `dir`; refuses a broken set, and an --out that would overwrite one of its files. */
function loadData(dir: string, outPath: string | undefined): FashionMnist {
  try {
    const { bytes, paths } = readFashionMnistFiles(dir);
    if (outPath !== undefined) {
      refuseOutputOverInput(
        'lenet',
        ['out', outPath],
        Object.values(paths).map((path) => ['data', path] as const),
      );
    }
    return fashionMnistFromBytes(bytes, paths);
  } catch (error) {
    if (error instanceof FormatError) throw new UsageError(`convlab lenet: ${error.message}`);
    throw error;
  }
}
