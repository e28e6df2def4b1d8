// The layer's geometry as the lab shows it: the output size formula with the current numbers filled in,
// and every reason a combination cannot run, in words, instead of an exception.

export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';
export const PADDING_MODES: readonly PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

/** [height, width] pairs, as PyTorch's Conv2d takes them. */
export interface LayerGeometry {
  padding: [number, number];
  paddingMode: PaddingMode;
  stride: [number, number];
  dilation: [number, number];
}

export const defaultGeometry = (): LayerGeometry => ({
  padding: [0, 0],
  paddingMode: 'zeros',
  stride: [1, 1],
  dilation: [1, 1],
});

/** floor((n + 2p - d(k - 1) - 1) / s) + 1, PyTorch's Conv2d output size for one dimension. */
export function outputLength(n: number, k: number, p: number, s: number, d: number): number {
  return Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
}

export function outputFormula(n: number, k: number, p: number, s: number, d: number): string {
  return `floor((${n} + 2*${p} - ${d}*(${k} - 1) - 1) / ${s}) + 1 = ${outputLength(n, k, p, s, d)}`;
}

export interface ShapeReport {
  /** Null when the combination cannot run. */
  outHeight: number | null;
  outWidth: number | null;
  formulaHeight: string;
  formulaWidth: string;
  /** Why the combination cannot run; empty when it can. */
  problems: string[];
}

const isCount = (v: number, min: number): boolean => Number.isInteger(v) && v >= min;

/** Checks a geometry against an input and kernel size and computes the output shape, never throwing. */
export function describeShape(
  input: { height: number; width: number },
  kernel: { height: number; width: number },
  g: LayerGeometry,
): ShapeReport {
  const problems: string[] = [];
  const dims = [
    { name: 'height', n: input.height, k: kernel.height, p: g.padding[0], s: g.stride[0], d: g.dilation[0] },
    { name: 'width', n: input.width, k: kernel.width, p: g.padding[1], s: g.stride[1], d: g.dilation[1] },
  ];
  const lengths: (number | null)[] = [];
  const formulas: string[] = [];
  for (const { name, n, k, p, s, d } of dims) {
    let ok = true;
    if (!isCount(s, 1)) {
      problems.push(`Stride ${name} must be a whole number of at least 1, got ${s}: the window has to move.`);
      ok = false;
    }
    if (!isCount(d, 1)) {
      problems.push(`Dilation ${name} must be a whole number of at least 1, got ${d}.`);
      ok = false;
    }
    if (!isCount(p, 0)) {
      problems.push(`Padding ${name} must be a whole number of at least 0, got ${p}.`);
      ok = false;
    }
    if (ok && g.paddingMode === 'reflect' && p >= n) {
      problems.push(`Reflect padding ${name} must be smaller than the input ${name} (${n}), got ${p}.`);
      ok = false;
    }
    if (ok && g.paddingMode === 'circular' && p > n) {
      problems.push(`Circular padding ${name} cannot exceed the input ${name} (${n}), got ${p}.`);
      ok = false;
    }
    if (!ok) {
      lengths.push(null);
      formulas.push(`floor((${n} + 2*${p} - ${d}*(${k} - 1) - 1) / ${s}) + 1`);
      continue;
    }
    const out = outputLength(n, k, p, s, d);
    formulas.push(outputFormula(n, k, p, s, d));
    if (out < 1) {
      problems.push(
        `The output ${name} would be ${out}: the dilated kernel spans ${d * (k - 1) + 1} but the padded input ${name} is only ${n + 2 * p}. Add padding, or use a smaller kernel or dilation.`,
      );
      lengths.push(null);
    } else {
      lengths.push(out);
    }
  }
  return {
    outHeight: lengths[0],
    outWidth: lengths[1],
    formulaHeight: formulas[0],
    formulaWidth: formulas[1],
    problems,
  };
}

export const formatShapeText = (h: number | null, w: number | null): string =>
  h === null || w === null ? 'none' : `${h} × ${w}`;
