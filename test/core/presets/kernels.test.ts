import { describe, expect, it } from 'vitest';
import {
  KERNEL_PRESETS,
  directionalDerivative,
  findKernelPreset,
  kernelPresetNames,
} from '../../../core/src/presets/kernels.ts';

const sum = (rows: number[][]) => rows.flat().reduce((a, b) => a + b, 0);

describe('kernel presets', () => {
  it('has the names the CLI documents, each once, each a rectangular kernel', () => {
    const names = kernelPresetNames();
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
    for (const { rows } of KERNEL_PRESETS)
      expect(rows.every((row) => row.length === rows[0].length)).toBe(true);
  });

  it('edge is the textbook K = [[1, -1]] and edge-t its transpose', () => {
    expect(findKernelPreset('edge')?.rows).toEqual([[1, -1]]);
    expect(findKernelPreset('edge-t')?.rows).toEqual([[1], [-1]]);
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
      expect(sum(findKernelPreset(name)?.rows ?? [[NaN]])).toBeCloseTo(0, 12);
    }
    for (const name of ['box-blur', 'gaussian-blur', 'sharpen', 'identity']) {
      expect(sum(findKernelPreset(name)?.rows ?? [[NaN]])).toBeCloseTo(1, 12);
    }
  });

  it('sobel-y is the transpose of sobel-x', () => {
    const x = findKernelPreset('sobel-x')?.rows ?? [];
    const y = findKernelPreset('sobel-y')?.rows ?? [];
    expect(y).toEqual(x.map((_, r) => x.map((row) => row[r])));
  });

  it('directionalDerivative: 0 degrees is Sobel x, 90 degrees is Sobel y', () => {
    const close = (a: number[][], b: number[][]) =>
      a.flat().forEach((v, i) => expect(v).toBeCloseTo(b.flat()[i], 12));
    close(directionalDerivative(0), findKernelPreset('sobel-x')?.rows ?? []);
    close(directionalDerivative(90), findKernelPreset('sobel-y')?.rows ?? []);
  });

  it('findKernelPreset returns undefined for an unknown name', () => {
    expect(findKernelPreset('blurry')).toBeUndefined();
  });
});
