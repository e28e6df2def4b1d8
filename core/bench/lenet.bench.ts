// `npm run bench` (second part) and `npm run bench:lenet`: one LeNet training step on a batch of 256
// images 1 x 28 x 28 (forward, cross-entropy, backward, SGD lr 0.9), ours beside PyTorch on one
// thread in the same run, both activations. PyTorch runs only where `/usr/bin/python3` (or python3)
// can import torch (core/bench/lenet_torch.py); the project itself never needs Python.
// Flags: --budget SECONDS per measurement (default 3), --rounds N (default 2), --no-wasm.
// On a shared machine each side is measured in alternating rounds and the fastest round's median is
// kept, since load only ever adds time; the ratio is what to read, not the absolute numbers.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  Generator,
  LeNet,
  nn,
  noGrad,
  optim,
  rand,
  type LeNetActivation,
  type Tensor,
} from '../src/index.ts';
import { setSimdKernelsDisabled } from '../src/kernels/wasm/simdKernels.ts';
import { formatMs } from './timing.ts';

const BATCH = 256;

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

/** Median milliseconds of `fn` over `budgetMs` after a few warm-up calls. */
function medianMs(fn: () => void, budgetMs: number): { ms: number; steps: number } {
  for (let i = 0; i < 3; i++) fn();
  const times: number[] = [];
  const end = performance.now() + budgetMs;
  while (performance.now() < end || times.length < 5) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[times.length >> 1], steps: times.length };
}

interface OursStep {
  step: () => void;
  net: LeNet;
  images: Tensor;
}

function oursStep(activation: LeNetActivation): OursStep {
  const generator = new Generator().manualSeed(0);
  const net = new LeNet({ activation, generator });
  const images = rand([BATCH, 1, 28, 28], { generator });
  const labels = Int32Array.from({ length: BATCH }, () => Math.floor(generator.uniform() * 10));
  const optimizer = new optim.SGD(net.parameters(), { lr: 0.9 });
  const step = () => {
    optimizer.zeroGrad();
    const loss = nn.crossEntropy(net.forward(images), labels);
    loss.backward();
    optimizer.step();
  };
  return { step, net, images };
}

/** Forward time of each layer on the batch (no graph recorded), for reading where the time goes. */
function layerTimes({ net, images }: OursStep, budgetMs: number): string {
  const inputs: Tensor[] = [];
  noGrad(() => {
    let x = images;
    for (const layer of net.layers) {
      inputs.push(x);
      x = layer.forward(x);
    }
  });
  return net.layers
    .map((layer, i) => {
      const { ms } = medianMs(() => noGrad(() => void layer.forward(inputs[i])), budgetMs);
      return `${i} ${layer.constructor.name} ${formatMs(ms)}`;
    })
    .join(', ');
}

const PYTHONS = ['/usr/bin/python3', 'python3'];

/** The first Python that imports torch, or null. */
function findTorchPython(): string | null {
  for (const python of PYTHONS) {
    if (python.startsWith('/') && !existsSync(python)) continue;
    const probe = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return null;
}

function torchStep(
  python: string,
  activation: LeNetActivation,
  budgetSeconds: number,
): { ms: number; version: string } {
  const script = fileURLToPath(new URL('./lenet_torch.py', import.meta.url));
  const run = spawnSync(python, [script, String(budgetSeconds), String(BATCH), activation], {
    encoding: 'utf8',
  });
  if (run.status !== 0)
    throw new Error(`lenet bench: PyTorch run failed: ${run.stderr.trim().split('\n').pop()}`);
  const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { msPerStep: number; torch: string };
  return { ms: result.msPerStep, version: result.torch };
}

const perSecond = (ms: number) => Math.round((BATCH * 1000) / ms);

async function main(): Promise<void> {
  const budgetSeconds = flag('--budget', 3);
  const rounds = Math.max(1, flag('--rounds', 2));
  const noWasm = process.argv.includes('--no-wasm');
  if (noWasm) setSimdKernelsDisabled(true);
  const python = findTorchPython();
  console.log(
    `\nLeNet training step: batch ${BATCH} of 1x28x28, forward + cross-entropy + backward + SGD (lr 0.9); Node ${process.version}` +
      `${noWasm ? ', WebAssembly disabled' : ''}; median step time, the fastest of ${rounds} alternating rounds of ${budgetSeconds} s`,
  );
  if (python === null) {
    console.log('PyTorch is not installed (no python3 that can import torch), so only ours is timed.');
  }
  for (const activation of ['sigmoid', 'relu'] as const) {
    const ours = oursStep(activation);
    let oursMs = Infinity;
    let torchMs = Infinity;
    let version = '';
    for (let r = 0; r < rounds; r++) {
      oursMs = Math.min(oursMs, medianMs(ours.step, budgetSeconds * 1000).ms);
      if (python !== null) {
        const t = torchStep(python, activation, budgetSeconds);
        torchMs = Math.min(torchMs, t.ms);
        version = t.version;
      }
    }
    const oursLine = `ours ${formatMs(oursMs)} (${perSecond(oursMs)} examples/sec)`;
    if (python === null) {
      console.log(`${activation}: ${oursLine}`);
    } else {
      console.log(
        `${activation}: ${oursLine}, PyTorch ${version} one thread ${formatMs(torchMs)} (${perSecond(torchMs)} examples/sec);` +
          ` ours / PyTorch examples/sec = ${(torchMs / oursMs).toFixed(2)}`,
      );
    }
    console.log(`  ours, forward per layer: ${layerTimes(ours, 300)}`);
  }
  console.log('target: ours at least half of PyTorch one-thread examples/sec (ratio >= 0.5); goal: 1.0');
}

await main();
