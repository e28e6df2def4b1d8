import { describe, expect, it } from 'vitest';
import {
  NAMED_KERNELS,
  directionalDerivative,
  findNamedKernel,
  namedKernelNames,
} from '../../../core/src/presets/kernels.ts';

const sum = (rows: number[][]) => rows.flat().reduce((a, b) => a + b, 0);

describe('kernel presets', () => {
  it('has the names the CLI documents, each once, each a rectangular kernel', () => {
    const names = namedKernelNames();
    for (const name of [
      'edge',
      'edge-t',
      'sobel-x',
      'sobel-y',
      'laplacian',
      'box-blur',
      'gaussian-blur',
      'sharpen',
      'identity',
    ]) {
      expect(names).toContain(name);
    }
    expect(new Set(names).size).toBe(names.length);
    for (const { rows } of NAMED_KERNELS)
      expect(rows.every((row) => row.length === rows[0].length)).toBe(true);
  });

  it('edge is the textbook K = [[1, -1]] and edge-t its transpose', () => {
    expect(findNamedKernel('edge')?.rows).toEqual([[1, -1]]);
    expect(findNamedKernel('edge-t')?.rows).toEqual([[1], [-1]]);
  });

  it('derivative kernels sum to 0 (flat regions give 0); blurs, sharpen and identity sum to 1 (brightness kept)', () => {
    for (const name of [
      'edge',
      'edge-t',
      'sobel-x',
      'sobel-y',
      'prewitt-x',
      'prewitt-y',
      'laplacian',
      'diagonal',
      'anti-diagonal',
      'second-derivative',
    ]) {
      expect(sum(findNamedKernel(name)?.rows ?? [[NaN]])).toBeCloseTo(0, 12);
    }
    for (const name of ['box-blur', 'gaussian-blur', 'sharpen', 'identity']) {
      expect(sum(findNamedKernel(name)?.rows ?? [[NaN]])).toBeCloseTo(1, 12);
    }
  });

  it('sobel-y is the transpose of sobel-x', () => {
    const x = findNamedKernel('sobel-x')?.rows ?? [];
    const y = findNamedKernel('sobel-y')?.rows ?? [];
    expect(y).toEqual(x.map((_, r) => x.map((row) => row[r])));
  });

  it('directionalDerivative: 0 degrees is Sobel x, 90 degrees is Sobel y', () => {
    const close = (a: number[][], b: number[][]) =>
      a.flat().forEach((v, i) => expect(v).toBeCloseTo(b.flat()[i], 12));
    close(directionalDerivative(0), findNamedKernel('sobel-x')?.rows ?? []);
    close(directionalDerivative(90), findNamedKernel('sobel-y')?.rows ?? []);
  });

  it('findNamedKernel returns undefined for an unknown name', () => {
    expect(findNamedKernel('blurry')).toBeUndefined();
  });
});
