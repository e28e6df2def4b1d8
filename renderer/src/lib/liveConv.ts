// The feature map the lab shows while the user edits, and which input cell every window position reads
// (the receptive-field view needs that, and a Tensor op does not expose it). Small enough to run on the
// main thread on every edit (64 x 64 input, 7 x 7 kernel: about 200,000 multiply-adds).
import { noGrad, tensor } from '../../../core/src/index.ts';
import { convLayer } from '../../../core/src/conv/convLayer.ts';
import { layerShape, type LayerGeometry } from '../../../core/src/conv/geometry.ts';
import { padSourceMap } from '../../../core/src/kernels/pad.ts';
import { formatNumber } from './format.ts';
import { rotate180, type Grid } from './grid.ts';

/** For each padded row (or column), the input row (column) it reads, or -1: the core's pad map. */
export const paddedSources = (n: number, pad: number, mode: LayerGeometry['paddingMode']): Int32Array =>
  padSourceMap(n, pad, pad, mode);

/** The kernel the window applies: itself for cross-correlation, rotated 180 degrees for a true convolution. */
export const appliedKernel = (kernel: Grid, flip: boolean): Grid => (flip ? rotate180(kernel) : kernel);

/**
 * The feature map through the core's layer forward pass (conv/convLayer.ts, the one the trainer runs),
 * or null when the geometry cannot run (the core's layerShape says so first, so conv2d never throws).
 */
export function featureMap(input: Grid, kernel: Grid, g: LayerGeometry, flip = false): Grid | null {
  const shape = layerShape(input, kernel, g);
  if (shape.outHeight === null || shape.outWidth === null) return null;
  const x = tensor(input.data, { shape: [1, 1, input.height, input.width] });
  const w = tensor(kernel.data, { shape: [1, 1, kernel.height, kernel.width] });
  const y = noGrad(() => convLayer(x, w, null, { ...g, flip }));
  return { height: shape.outHeight, width: shape.outWidth, data: y.data };
}

/** One product of the weighted sum behind an output cell. */
export interface Term {
  /** Input cell read, or null for a zero from zero padding. */
  row: number | null;
  col: number | null;
  value: number;
  weight: number;
  /** The tap lies in the padding ring (its value is the mode's: a zero, or a repeated input cell). */
  padding: boolean;
  /** Where the tap lies on the padded input (row-major in the padded plane, as paddedInput lays it out). */
  paddedRow: number;
  paddedCol: number;
}

/** The padded-input position of output (oy, ox)'s window tap (ky, kx): stride between windows, dilation between taps. */
const tapRow = (g: LayerGeometry, oy: number, ky: number): number => oy * g.stride[0] + ky * g.dilation[0];
const tapCol = (g: LayerGeometry, ox: number, kx: number): number => ox * g.stride[1] + kx * g.dilation[1];

/** The terms of output cell (oy, ox), in kernel order. */
export function receptiveField(
  input: Grid,
  kernel: Grid,
  g: LayerGeometry,
  flip: boolean,
  oy: number,
  ox: number,
): Term[] {
  const k = appliedKernel(kernel, flip);
  const rows = paddedSources(input.height, g.padding[0], g.paddingMode);
  const cols = paddedSources(input.width, g.padding[1], g.paddingMode);
  const terms: Term[] = [];
  for (let ky = 0; ky < k.height; ky++) {
    for (let kx = 0; kx < k.width; kx++) {
      const paddedRow = tapRow(g, oy, ky);
      const paddedCol = tapCol(g, ox, kx);
      const r = rows[paddedRow];
      const c = cols[paddedCol];
      const inside = r >= 0 && c >= 0;
      const inRow = paddedRow - g.padding[0];
      const inCol = paddedCol - g.padding[1];
      terms.push({
        row: inside ? r : null,
        col: inside ? c : null,
        value: inside ? input.data[r * input.width + c] : 0,
        weight: k.data[ky * k.width + kx],
        padding: inRow < 0 || inCol < 0 || inRow >= input.height || inCol >= input.width,
        paddedRow,
        paddedCol,
      });
    }
  }
  return terms;
}

/** True when every tap of the window lies in the padding ring ("Y[0, 1] reads only padding"). */
export const readsOnlyPadding = (terms: readonly Term[]): boolean =>
  terms.length > 0 && terms.every((t) => t.padding);

/**
 * The padded-input cells (row-major in a plane `paddedWidth` wide) that output (oy, ox)'s window
 * covers: its taps only, so the cells dilation skips stay out.
 */
export function windowCells(
  kernel: { height: number; width: number },
  g: LayerGeometry,
  paddedWidth: number,
  oy: number,
  ox: number,
): number[] {
  const cells: number[] = [];
  for (let ky = 0; ky < kernel.height; ky++)
    for (let kx = 0; kx < kernel.width; kx++) cells.push(tapRow(g, oy, ky) * paddedWidth + tapCol(g, ox, kx));
  return cells;
}

/** The output cells (as row * outWidth + col) whose window reads input cell (row, col). */
export function outputsFedBy(
  input: Grid,
  kernel: Grid,
  g: LayerGeometry,
  out: { height: number; width: number },
  row: number,
  col: number,
): number[] {
  const rows = paddedSources(input.height, g.padding[0], g.paddingMode);
  const cols = paddedSources(input.width, g.padding[1], g.paddingMode);
  return outputsWhere(
    kernel,
    g,
    out,
    (pr) => rows[pr] === row,
    (pc) => cols[pc] === col,
  );
}

/**
 * The output cells whose window has a tap on padded position (row + padTop, col + padLeft): for a ring
 * cell, given in the input's coordinates (negative, or past the input's edge).
 */
export function outputsCovering(
  kernel: { height: number; width: number },
  g: LayerGeometry,
  out: { height: number; width: number },
  row: number,
  col: number,
): number[] {
  return outputsWhere(
    kernel,
    g,
    out,
    (pr) => pr === row + g.padding[0],
    (pc) => pc === col + g.padding[1],
  );
}

/** Outputs with a tap whose padded row passes `rowHit` and (the same tap's) padded column `colHit`. */
function outputsWhere(
  kernel: { height: number; width: number },
  g: LayerGeometry,
  out: { height: number; width: number },
  rowHit: (paddedRow: number) => boolean,
  colHit: (paddedCol: number) => boolean,
): number[] {
  const fed: number[] = [];
  for (let oy = 0; oy < out.height; oy++) {
    let anyRow = false;
    for (let ky = 0; ky < kernel.height && !anyRow; ky++) anyRow = rowHit(tapRow(g, oy, ky));
    if (!anyRow) continue;
    for (let ox = 0; ox < out.width; ox++) {
      for (let kx = 0; kx < kernel.width; kx++) {
        if (colHit(tapCol(g, ox, kx))) {
          fed.push(oy * out.width + ox);
          break;
        }
      }
    }
  }
  return fed;
}

/** The lab's hover (Lab.hover): an output or input cell, in the input's coordinates for an input. */
type LabHover = { kind: 'input' | 'output'; row: number; col: number } | null;

/** What the lab lights: the hovered output's window on the padded input, or the outputs an input cell feeds. */
export interface HoverLight {
  /** Cells of the padded input (row-major in its plane, the ring included). */
  readonly input: ReadonlySet<number>;
  /** Cells of the feature map. */
  readonly output: ReadonlySet<number>;
}

const NOTHING_LIT: HoverLight = { input: new Set(), output: new Set() };

/**
 * The cells to light for `hover`: an output lights itself and its window on the padded input (ring
 * included); an input cell lights the outputs that read it (through the padding too); a ring cell
 * (input coordinates outside the input) lights the outputs whose window covers it.
 */
export function hoverLight(
  input: Grid,
  kernel: Grid,
  g: LayerGeometry,
  out: { height: number; width: number } | null,
  hover: LabHover,
): HoverLight {
  if (hover === null || out === null) return NOTHING_LIT;
  if (hover.kind === 'output') {
    if (hover.row < 0 || hover.col < 0 || hover.row >= out.height || hover.col >= out.width)
      return NOTHING_LIT;
    const paddedWidth = input.width + 2 * g.padding[1];
    return {
      input: new Set(windowCells(kernel, g, paddedWidth, hover.row, hover.col)),
      output: new Set([hover.row * out.width + hover.col]),
    };
  }
  const { row, col } = hover;
  const onInput = row >= 0 && col >= 0 && row < input.height && col < input.width;
  const inRing =
    row >= -g.padding[0] &&
    col >= -g.padding[1] &&
    row < input.height + g.padding[0] &&
    col < input.width + g.padding[1];
  if (!onInput && !inRing) return NOTHING_LIT;
  const fed = onInput
    ? outputsFedBy(input, kernel, g, out, row, col)
    : outputsCovering(kernel, g, out, row, col);
  return { input: new Set(), output: new Set(fed) };
}

/**
 * Where output (oy, ox)'s window lies on the padded input: its first and last tap's row and column
 * (padded coordinates, inclusive). Windows step by the stride; within one, taps are `dilation` apart.
 */
export function windowSpan(
  kernel: { height: number; width: number },
  g: LayerGeometry,
  oy: number,
  ox: number,
): { top: number; left: number; bottom: number; right: number } {
  return {
    top: tapRow(g, oy, 0),
    left: tapCol(g, ox, 0),
    bottom: tapRow(g, oy, kernel.height - 1),
    right: tapCol(g, ox, kernel.width - 1),
  };
}

/** "1×0 + −1×1 = −1", the weighted sum written out, each padding term named ("0 (padding)", "(padding, X[0, 1])"). */
export function formatWeightedSum(terms: readonly Term[], decimals = 3): string {
  const f = (v: number): string => formatNumber(v, decimals);
  const parts = terms.map((t) => {
    const from = !t.padding ? '' : t.row === null ? ' (padding)' : ` (padding, X[${t.row}, ${t.col}])`;
    return `${f(t.weight)}×${f(t.value)}${from}`;
  });
  const total = terms.reduce((s, t) => s + t.weight * t.value, 0);
  return `${parts.join(' + ')} = ${f(total)}`;
}
