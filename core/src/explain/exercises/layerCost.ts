import { readPositivePair, type Padding, type Pair } from '../../conv/geometry.ts';
import { windowGeometry } from '../geometry.ts';

/** A convolution layer's full shape, as on screen (NCHW, PyTorch's weight [Co, C / groups, kh, kw]). */
export interface ConvCostSpec {
  readonly kind: 'conv';
  readonly batch?: number;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly height: number;
  readonly width: number;
  readonly kernel: Pair;
  readonly padding?: Padding;
  readonly stride?: Pair;
  readonly dilation?: Pair;
  readonly groups?: number;
  readonly bias?: boolean;
}

export interface PoolCostSpec {
  readonly kind: 'maxPool' | 'avgPool';
  readonly batch?: number;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  readonly window: Pair;
  readonly padding?: Pair;
  readonly stride?: Pair;
}

/** Counts for one pass. Bytes are float32 (4 per value). */
export interface PassCost {
  /** Multiply-adds (a multiplication and the addition that accumulates it). */
  readonly multiplyAdds: number;
  /** Other element operations: bias additions, pooling comparisons or additions. */
  readonly otherOps: number;
  /** Bytes of every tensor the pass reads or writes, by role. */
  readonly bytes: Readonly<Record<string, number>>;
  readonly totalBytes: number;
}

export interface LayerCost {
  readonly outputShape: [number, number, number, number];
  readonly parameters: number;
  readonly forward: PassCost;
  /** Gradients of the input and of the weights (and bias): each a correlation as costly as the forward one. */
  readonly backward: PassCost;
  readonly summary: string;
}

/** The lab's layer as the Cost tab and the cost exercise count it: one channel in and out, no bias. */
export function planeConvCostSpec(
  input: { readonly height: number; readonly width: number },
  kernel: { readonly height: number; readonly width: number },
  geometry: { readonly padding: Pair; readonly stride: Pair; readonly dilation?: Pair },
): ConvCostSpec {
  return {
    kind: 'conv',
    inChannels: 1,
    outChannels: 1,
    height: input.height,
    width: input.width,
    kernel: [kernel.height, kernel.width],
    padding: geometry.padding,
    stride: geometry.stride,
    dilation: geometry.dilation ?? 1,
    bias: false,
  };
}

const BYTES = 4;

function positive(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new Error(`${fn}: ${name} must be a positive integer, got ${String(v)}`);
  return v;
}

function pass(multiplyAdds: number, otherOps: number, values: Record<string, number>): PassCost {
  const bytes: Record<string, number> = {};
  let totalBytes = 0;
  for (const [role, count] of Object.entries(values)) {
    bytes[role] = count * BYTES;
    totalBytes += count * BYTES;
  }
  return { multiplyAdds, otherOps, bytes, totalBytes };
}

function human(n: number): string {
  for (const [unit, size] of [
    ['G', 1e9],
    ['M', 1e6],
    ['k', 1e3],
  ] as const)
    if (n >= size) return `${Number((n / size).toFixed(2))}${unit}`;
  return String(n);
}

/**
 * The cost of a layer as dense counts: every window position and every weight, padding included (what
 * a direct or im2col kernel does). Forward: N·Co·oh·ow·(C/groups)·kh·kw multiply-adds. Backward: the
 * input's gradient (a transposed convolution) and the weight's gradient (a correlation of the input
 * with the output error) each cost the same again. Memory counts the tensors each pass touches.
 */
export function layerCost(spec: ConvCostSpec | PoolCostSpec): LayerCost {
  const fn = 'layerCost';
  const batch = positive(fn, 'batch', spec.batch ?? 1);
  const height = positive(fn, 'height', spec.height);
  const width = positive(fn, 'width', spec.width);
  if (spec.kind === 'conv') {
    const inChannels = positive(fn, 'in channels', spec.inChannels);
    const outChannels = positive(fn, 'out channels', spec.outChannels);
    const groups = positive(fn, 'groups', spec.groups ?? 1);
    if (inChannels % groups !== 0 || outChannels % groups !== 0) {
      throw new Error(
        `${fn}: in channels ${inChannels} and out channels ${outChannels} must both be divisible by groups ${groups}`,
      );
    }
    const [kh, kw] = readPositivePair(fn, 'kernel', spec.kernel);
    const g = windowGeometry(fn, height, width, kh, kw, spec);
    const outCells = batch * outChannels * g.outHeight * g.outWidth;
    const weights = outChannels * (inChannels / groups) * kh * kw;
    const bias = spec.bias === false ? 0 : outChannels;
    const input = batch * inChannels * height * width;
    const macs = outCells * (inChannels / groups) * kh * kw;
    const forward = pass(macs, bias > 0 ? outCells : 0, { input, weights: weights + bias, output: outCells });
    const backward = pass(2 * macs, bias > 0 ? outCells : 0, {
      'saved input': input,
      weights: weights + bias,
      'output gradient': outCells,
      'input gradient': input,
      'weight gradient': weights + bias,
    });
    return {
      outputShape: [batch, outChannels, g.outHeight, g.outWidth],
      parameters: weights + bias,
      forward,
      backward,
      summary: `forward ${human(macs)} multiply-adds, ${human(forward.totalBytes)}B; backward ${human(2 * macs)} multiply-adds, ${human(backward.totalBytes)}B`,
    };
  }
  if (spec.kind !== 'maxPool' && spec.kind !== 'avgPool') {
    throw new Error(
      `${fn}: kind must be conv, maxPool or avgPool, got ${JSON.stringify((spec as { kind: unknown }).kind)}`,
    );
  }
  const channels = positive(fn, 'channels', spec.channels);
  const [kh, kw] = readPositivePair(fn, 'window', spec.window);
  const g = windowGeometry(fn, height, width, kh, kw, {
    padding: spec.padding ?? 0,
    stride: spec.stride ?? [kh, kw],
  });
  const outCells = batch * channels * g.outHeight * g.outWidth;
  const input = batch * channels * height * width;
  // Max pooling compares kh·kw values per output and routes one gradient back; average pooling adds them and spreads the gradient over the window.
  const forwardOps = outCells * kh * kw;
  const backwardOps = spec.kind === 'maxPool' ? outCells : outCells * kh * kw;
  const forward = pass(0, forwardOps, { input, output: outCells });
  const backward = pass(0, backwardOps, {
    'output gradient': outCells,
    'input gradient': input,
    ...(spec.kind === 'maxPool' ? { 'argmax indices': outCells } : {}),
  });
  return {
    outputShape: [batch, channels, g.outHeight, g.outWidth],
    parameters: 0,
    forward,
    backward,
    summary: `forward ${human(forwardOps)} ${spec.kind === 'maxPool' ? 'comparisons' : 'additions'}, ${human(forward.totalBytes)}B; backward ${human(backwardOps)} operations, ${human(backward.totalBytes)}B`,
  };
}
