// Kernel presets: the core's named kernels (shared with the CLI's --kernel) as grids, plus the
// directional derivative for a chosen angle.
import { NAMED_KERNELS as CORE_PRESETS, directionalDerivative } from '../../../core/src/presets/kernels.ts';
import { gridFromRows, gridsEqual, type Grid } from './grid.ts';

export interface KernelPreset {
  id: string;
  label: string;
  /** Angle-dependent presets take the angle in degrees. */
  make: (angleDegrees: number) => Grid;
  usesAngle?: boolean;
}

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

export const KERNEL_PRESETS: readonly KernelPreset[] = [
  ...CORE_PRESETS.map((p) => ({ id: p.name, label: p.label, make: () => gridFromRows(p.rows) })),
  {
    id: 'directional',
    label: 'Directional derivative (angle)',
    make: (angle: number) => gridFromRows(directionalDerivative(angle).map((row) => row.map(round4))),
    usesAngle: true,
  },
];

export function kernelPreset(id: string): KernelPreset {
  const preset = KERNEL_PRESETS.find((p) => p.id === id);
  if (preset === undefined) throw new Error(`kernelPreset: no preset "${id}"`);
  return preset;
}

/** The preset `kernel` equals (the angle-dependent one at `angleDegrees`), or null for an edited kernel. */
export function matchingKernelPreset(kernel: Grid, angleDegrees: number): string | null {
  const match = KERNEL_PRESETS.find((p) => gridsEqual(p.make(angleDegrees), kernel));
  return match?.id ?? null;
}
