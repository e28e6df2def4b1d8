import type { Plane } from '../../shape.ts';
import { planeFromDense, type DenseArray } from '../dense.ts';
import type { ExerciseResult } from './result.ts';

/**
 * Responses of a kernel to the linear ramp f(x, y) = ux·x + uy·y (x = column to the right, y = row
 * upward). Correlating a ramp with a kernel gives the same value everywhere: Σ k[a, b]·(ux·b - uy·a),
 * plus Σ k times the ramp's value at the window's origin, which vanishes when Σ k = 0.
 */
function rampResponse(k: Plane, ux: number, uy: number): number {
  let s = 0;
  for (let a = 0; a < k.height; a++)
    for (let b = 0; b < k.width; b++) s += k.data[a * k.width + b] * (ux * b - uy * a);
  return s;
}

const round = (v: number, digits = 3): number => Number(v.toFixed(digits));

/**
 * An edge detector for edges whose brightness changes along `angleDegrees` (0° = left to right, like
 * the chapter's [1, -1]; 90° = bottom to top; counter-clockwise): zero on flat regions (weights sum
 * to 0), a strong response to a brightness ramp along that direction, and (almost) none to a ramp
 * along the edge itself (the perpendicular direction).
 */
export function checkEdgeDetector(kernel: DenseArray, angleDegrees: number): ExerciseResult {
  const fn = 'checkEdgeDetector';
  const k = planeFromDense(fn, 'kernel', kernel);
  if (!Number.isFinite(angleDegrees))
    throw new Error(`${fn}: the angle must be a finite number of degrees, got ${angleDegrees}`);
  const theta = (angleDegrees * Math.PI) / 180;
  let sum = 0;
  let scale = 0;
  for (let i = 0; i < k.data.length; i++) {
    sum += k.data[i];
    scale += Math.abs(k.data[i]);
  }
  if (scale === 0) return { passed: false, message: 'Every weight is zero: the kernel responds to nothing.' };
  if (Math.abs(sum) > 0.01 * scale) {
    return {
      passed: false,
      message: `The weights sum to ${round(sum)}, so a flat region gives ${round(sum)} times its brightness: an edge detector must give 0 where nothing changes.`,
    };
  }
  const along = rampResponse(k, Math.cos(theta), Math.sin(theta));
  const across = rampResponse(k, -Math.sin(theta), Math.cos(theta));
  const detected = (Math.atan2(rampResponse(k, 0, 1), rampResponse(k, 1, 0)) * 180) / Math.PI;
  const detectedText = `this kernel responds most to change along ${round(((detected % 180) + 180) % 180, 1)}° (or the opposite way)`;
  if (Math.abs(along) < 1e-9 * scale) {
    return {
      passed: false,
      message: `The kernel does not respond to brightness changing along ${angleDegrees}°: ${detectedText}.`,
    };
  }
  if (Math.abs(across) > 0.1 * Math.abs(along)) {
    return {
      passed: false,
      message: `The kernel also responds to change along the edge (${round(across)} against ${round(along)} across it): ${detectedText}.`,
    };
  }
  return {
    passed: true,
    message: `An edge detector for ${angleDegrees}°: zero on flat regions, ${round(Math.abs(along))} per unit of brightness change across the edge, ${round(Math.abs(across))} along it.`,
  };
}
