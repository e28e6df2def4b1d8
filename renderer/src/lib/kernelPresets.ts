// Kernel presets, from the textbook's [1, -1] edge detector to the classic image filters.
import { gridFromRows, transposeGrid, type Grid } from './grid.ts';

export interface KernelPreset {
  id: string;
  label: string;
  /** Angle-dependent presets take the angle in degrees. */
  make: (angleDegrees: number) => Grid;
  usesAngle?: boolean;
}

const fixed = (id: string, label: string, rows: number[][]): KernelPreset => ({
  id,
  label,
  make: () => gridFromRows(rows),
});

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/** The derivative along direction (cos a, sin a): Sobel x and y mixed by the angle. */
function directional(angleDegrees: number): Grid {
  const a = (angleDegrees * Math.PI) / 180;
  const sx = [
    [-1, 0, 1],
    [-2, 0, 2],
    [-1, 0, 1],
  ];
  return gridFromRows(
    sx.map((row, r) => row.map((v, c) => round4(Math.cos(a) * v + Math.sin(a) * sx[c][r]))),
  );
}

export const KERNEL_PRESETS: readonly KernelPreset[] = [
  fixed('edge', 'Textbook edge [1, −1]', [[1, -1]]),
  { id: 'edge-t', label: 'Edge, transposed', make: () => transposeGrid(gridFromRows([[1, -1]])) },
  fixed('sobel-x', 'Sobel x', [
    [-1, 0, 1],
    [-2, 0, 2],
    [-1, 0, 1],
  ]),
  fixed('sobel-y', 'Sobel y', [
    [-1, -2, -1],
    [0, 0, 0],
    [1, 2, 1],
  ]),
  fixed('prewitt-x', 'Prewitt x', [
    [-1, 0, 1],
    [-1, 0, 1],
    [-1, 0, 1],
  ]),
  fixed('prewitt-y', 'Prewitt y', [
    [-1, -1, -1],
    [0, 0, 0],
    [1, 1, 1],
  ]),
  fixed('laplacian', 'Laplacian', [
    [0, 1, 0],
    [1, -4, 1],
    [0, 1, 0],
  ]),
  fixed('box-blur', 'Box blur', [
    [1 / 9, 1 / 9, 1 / 9],
    [1 / 9, 1 / 9, 1 / 9],
    [1 / 9, 1 / 9, 1 / 9],
  ]),
  fixed('gaussian-blur', 'Gaussian blur', [
    [1 / 16, 2 / 16, 1 / 16],
    [2 / 16, 4 / 16, 2 / 16],
    [1 / 16, 2 / 16, 1 / 16],
  ]),
  fixed('sharpen', 'Sharpen', [
    [0, -1, 0],
    [-1, 5, -1],
    [0, -1, 0],
  ]),
  fixed('emboss', 'Emboss', [
    [-2, -1, 0],
    [-1, 1, 1],
    [0, 1, 2],
  ]),
  fixed('identity', 'Identity', [
    [0, 0, 0],
    [0, 1, 0],
    [0, 0, 0],
  ]),
  fixed('diagonal-main', 'Diagonal edge ↘', [
    [1, 0],
    [0, -1],
  ]),
  fixed('diagonal-anti', 'Diagonal edge ↙', [
    [0, 1],
    [-1, 0],
  ]),
  { id: 'directional', label: 'Directional derivative (angle)', make: directional, usesAngle: true },
  fixed('second-derivative', 'Second derivative (x)', [[1, -2, 1]]),
];

export function kernelPreset(id: string): KernelPreset {
  const preset = KERNEL_PRESETS.find((p) => p.id === id);
  if (preset === undefined) throw new Error(`kernelPreset: no preset "${id}"`);
  return preset;
}
