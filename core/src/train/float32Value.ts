// A number that stays finite once stored as float32, which is how the core computes with every image,
// kernel, weight and loss. 1e39 is a finite JavaScript number but Infinity in float32, so it is refused
// here, naming the value as the file or caller gave it, rather than turning into NaN downstream.
import { z } from 'zod';

/** The largest finite float32 (2^128 - 2^104). */
export const FLOAT32_MAX = 3.4028234663852886e38;

export const float32Value = z
  .number()
  .refine(Number.isFinite, { message: 'must be a finite number', abort: true })
  .refine((v) => Number.isFinite(Math.fround(v)), {
    message: 'is outside the float32 range (±3.4028235e38)',
  });
