// `convlab replay`: the notebook's opening scene in the terminal. Prints X, Y = corr2d(X, K),
// corr2d(X.t(), K), the loss every second epoch and the learned kernel, as the notebook does.
import { corr2d } from '../src/conv/corr2d.ts';
import { Tensor } from '../src/tensor.ts';
import { BOOK_START, NOTEBOOK_SEED, notebookExperiment, type Experiment } from '../src/train/experiment.ts';
import { formatCount, LIMITS } from '../src/limits.ts';
import { Trainer } from '../src/train/trainer.ts';
import { EXIT_FAILED, EXIT_OK, UsageError } from './errors.ts';
import {
  parseFloat32,
  parseInteger,
  parseLimitedInteger,
  parseOptions,
  parsePositiveNumber,
} from './options.ts';
import { formatMatrix } from './tensorText.ts';

const REPLAY_HELP = `Usage: convlab replay [--init W0,W1 | --seed N] [--lr 0.03] [--epochs 10]

Replays the notebook's first experiment (Dive into Deep Learning, "Convolutions for Images"):
X is 6 x 8 ones with columns 2-5 zero, K = [1, -1]; a 1 x 2 Conv2d without bias learns K from
X and Y = corr2d(X, K) with SGD on the summed squared error. By default it starts from the book's
run (${BOOK_START.join(', ')}), solved from the losses and kernel the book prints, so it prints the
book's numbers.

Options:
  --init W0,W1   initial kernel (e.g. the weights PyTorch drew), instead of the book's start
  --seed N       a seeded draw of the initial kernel instead (e.g. ${NOTEBOOK_SEED})
  --lr N         learning rate (default ${notebookExperiment().optimizer.lr})
  --epochs N     number of epochs, 0 to ${formatCount(LIMITS.epochs.max)} (default ${notebookExperiment().epochs}); the loss is printed
                 every second epoch
  -h, --help     show this help`;

export async function replay(args: string[], out: (line: string) => void): Promise<number> {
  const values = parseOptions('replay', args, {
    init: { type: 'string' },
    lr: { type: 'string' },
    epochs: { type: 'string' },
    seed: { type: 'string' },
  });
  if (values.help) {
    out(REPLAY_HELP);
    return EXIT_OK;
  }
  const base = notebookExperiment();
  const lr =
    typeof values.lr === 'string' ? parsePositiveNumber('replay', 'lr', values.lr) : base.optimizer.lr;
  const epochs =
    typeof values.epochs === 'string'
      ? parseLimitedInteger('replay', 'epochs', values.epochs, 0, 'epochs')
      : base.epochs;
  if (typeof values.init === 'string' && typeof values.seed === 'string')
    throw new UsageError('convlab replay: --init and --seed both choose the start; give one of them');
  let init: Experiment['init'] = base.init;
  if (typeof values.seed === 'string')
    init = { kind: 'seed', seed: parseInteger('replay', 'seed', values.seed, 0, 0xffffffff) };
  if (typeof values.init === 'string') {
    const parts = values.init.split(',');
    if (parts.length !== 2)
      throw new UsageError(
        `convlab replay: --init must be two numbers W0,W1, got ${JSON.stringify(values.init)}`,
      );
    init = {
      kind: 'weights',
      weight: { shape: [1, 1, 1, 2], data: parts.map((p) => parseFloat32('replay', 'init', p)) },
      bias: null,
    };
  }
  const experiment: Experiment = { ...base, init, optimizer: { kind: 'sgd', lr }, epochs };

  const x = Tensor.internal(Float32Array.from(base.input.data), [6, 8], false);
  const k = Tensor.internal(new Float32Array([1, -1]), [1, 2], false);
  const xt = Tensor.internal(transpose(x.data, 6, 8), [8, 6], false);
  const y = corr2d(x, k);
  const yt = corr2d(xt, k);
  out(`X = torch.ones((6, 8)); X[:, 2:6] = 0\n${formatMatrix(x.data, 6, 8)}\n`);
  out(`K = torch.tensor([[1.0, -1.0]])\nY = corr2d(X, K)\n${formatMatrix(y.data, y.shape[0], y.shape[1])}\n`);
  out(`corr2d(X.t(), K)\n${formatMatrix(yt.data, yt.shape[0], yt.shape[1])}\n`);

  const trainer = new Trainer(experiment);
  out(`conv2d = nn.LazyConv2d(1, kernel_size=(1, 2), bias=False); lr = ${lr}`);
  out(`initial kernel ${formatMatrix(trainer.weight, 1, 2)}`);
  for (let i = 0; i < epochs; i++) {
    const outcome = trainer.step();
    if (outcome.kind === 'diverged') {
      // On stderr, as `convlab train` reports it: stdout holds the replay, stderr what went wrong.
      process.stderr.write(`convlab replay: stopped: ${outcome.reason}\n`);
      return EXIT_FAILED;
    }
    if ((i + 1) % 2 === 0) out(`epoch ${i + 1}, loss ${outcome.loss.toFixed(3)}`);
  }
  out(`\nconv2d.weight.data.reshape((1, 2))\n${formatMatrix(trainer.weight, 1, 2)}`);
  return EXIT_OK;
}

function transpose(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c];
  return out;
}
