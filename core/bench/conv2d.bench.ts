// `npm run bench`: conv2d forward and forward+backward (gradients of input and weight) on the
// benchmark shapes (shapes.ts), ours beside TensorFlow.js's pure-JS CPU backend, plus one notebook training step.
// `npm run bench -- --no-wasm` times ours without the WebAssembly GEMM (as under a CSP that forbids it).
import { conv2d, conv2dGeometry } from '../src/conv/index.ts';
import { chooseKernel, type ConvKernel } from '../src/kernels/conv.ts';
import { setSimdKernelsDisabled } from '../src/kernels/wasm/simdKernels.ts';
import { Tensor } from '../src/tensor.ts';
import { BENCH_SHAPES, benchValues, type BenchShape } from './shapes.ts';
import { formatMs, measure, type Timing } from './timing.ts';
import { tfjsConv, useTfjsCpu } from './tfjs.ts';
import { notebookTrainingStep } from './training-step.ts';

/** Time spent timing each (shape, mode, library); a slower single call is measured once. */
const BUDGET_MS = 1500;

function oursConv(shape: BenchShape): { forward: () => void; forwardBackward: () => void } {
  const [N, C, H, W] = shape.input;
  const [kh, kw] = shape.kernel;
  const x = Tensor.internal(benchValues(N * C * H * W, 1), shape.input, true);
  const w = Tensor.internal(
    benchValues(shape.outChannels * C * kh * kw, 2),
    [shape.outChannels, C, kh, kw],
    true,
  );
  const options = { stride: shape.stride, padding: shape.padding };
  const probe = conv2d(x, w, null, options);
  const dy = Tensor.internal(benchValues(probe.data.length, 3), probe.shape, false);
  const constantX = x.detach();
  const constantW = w.detach();
  return {
    forward: () => void conv2d(constantX, constantW, null, options),
    forwardBackward: () => {
      x.grad = null;
      w.grad = null;
      conv2d(x, w, null, options).backward(dy);
    },
  };
}

/** How each kernel is named in the table's path column. */
const KERNEL_NAMES: Record<ConvKernel, string> = {
  direct: 'direct loops',
  'direct-wasm': 'direct wasm SIMD',
  'gemm-js': 'im2col + JS GEMM',
  'gemm-wasm': 'im2col + wasm SIMD GEMM',
};

function kernelOf(shape: BenchShape): string {
  const [kh, kw] = shape.kernel;
  const weightShape = [shape.outChannels, shape.input[1], kh, kw];
  const g = conv2dGeometry(shape.input, weightShape, { stride: shape.stride, padding: shape.padding });
  return KERNEL_NAMES[chooseKernel(g, 'auto')];
}

const cell = (t: Timing) => `${formatMs(t.medianMs)}${t.capped ? ' (1 run)' : ''}`;
const ratio = (ours: Timing, theirs: Timing) => `${(theirs.medianMs / ours.medianMs).toFixed(1)}x`;

async function main(): Promise<void> {
  await useTfjsCpu();
  const noWasm = process.argv.includes('--no-wasm');
  if (noWasm) setSimdKernelsDisabled(true);
  console.log(
    `conv2d benchmark: median wall time per call, Node ${process.version}; budget ${BUDGET_MS} ms per cell`,
  );
  console.log('ratio = TensorFlow.js time / ours (above 1: ours is faster); path = the kernel ours ran');
  if (noWasm) console.log('--no-wasm: the WebAssembly GEMM is disabled, as where WebAssembly cannot run');
  console.log('');
  const header = [
    'shape',
    'input NCHW / out / kernel / pad / stride',
    'path',
    'fwd ours',
    'fwd tfjs',
    'ratio',
    'fwd+bwd ours',
    'fwd+bwd tfjs',
    'ratio',
  ];
  const rows: string[][] = [header];
  let capped = false;
  for (const shape of BENCH_SHAPES) {
    const ours = oursConv(shape);
    const theirs = tfjsConv(shape);
    const oursForward = measure(ours.forward, BUDGET_MS);
    const oursBoth = measure(ours.forwardBackward, BUDGET_MS);
    const tfForward = measure(theirs.forward, BUDGET_MS);
    const tfBoth = measure(theirs.forwardBackward, BUDGET_MS);
    theirs.dispose();
    capped ||= tfForward.capped || tfBoth.capped || oursForward.capped || oursBoth.capped;
    const config = `${shape.input.join(',')} / ${shape.outChannels} / ${shape.kernel.join('x')} / ${shape.padding} / ${shape.stride}`;
    rows.push([
      shape.name,
      config,
      kernelOf(shape),
      cell(oursForward),
      cell(tfForward),
      ratio(oursForward, tfForward),
      cell(oursBoth),
      cell(tfBoth),
      ratio(oursBoth, tfBoth),
    ]);
    console.log(`measured ${shape.name}`);
  }
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log('');
  for (const [i, row] of rows.entries()) {
    console.log(row.map((c, j) => c.padEnd(widths[j])).join(' | '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  }
  if (capped) {
    console.log(
      `\n(1 run): a single call took longer than the ${BUDGET_MS} ms budget, so it was run once, without warm-up.`,
    );
  }

  const training = await notebookTrainingStep();
  const step = measure(training.step, BUDGET_MS);
  console.log(
    `\nnotebook training step (${training.loss}): median ${formatMs(step.medianMs)} over ${step.calls} steps`,
  );
  console.log(
    '\ntargets: fwd+bwd at least as fast as PyTorch CPU eager on one thread on A, B, C and within 10x' +
      ' of it on D, E; a training step well under 20 us. PyTorch is not run here.',
  );
}

await main();
