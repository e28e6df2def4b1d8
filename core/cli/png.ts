// PNG in and out for the CLI (pngjs). Images become the lab's Image: values in [0, 1], one channel
// (luminance, ITU-R BT.601: 0.299 R + 0.587 G + 0.114 B) or three (R, G, B). Alpha is ignored.
import { PNG } from 'pngjs';
import type { Image } from '../src/train/experiment.ts';
import { LIMITS } from '../src/limits.ts';
import { UsageError } from './errors.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

export function decodePng(command: string, path: string, bytes: Buffer, channels: 1 | 3): Image {
  if (!isPng(bytes)) throw new UsageError(`convlab ${command}: ${path} is not a PNG image`);
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (error) {
    throw new UsageError(
      `convlab ${command}: ${path} is not a readable PNG image (${(error as Error).message})`,
    );
  }
  const { width, height, data } = png;
  if (width * height * channels > LIMITS.inputValues.max) {
    throw new UsageError(
      `convlab ${command}: ${path} is ${width} x ${height}, larger than the limit of ${LIMITS.inputValues.max} values`,
    );
  }
  const plane = width * height;
  const values = new Array<number>(plane * channels);
  // data: RGBA, 8 bits per sample, row-major. values: channel-major planes (C x H x W).
  for (let i = 0; i < plane; i++) {
    const r = data[4 * i] / 255;
    const g = data[4 * i + 1] / 255;
    const b = data[4 * i + 2] / 255;
    if (channels === 1) values[i] = 0.299 * r + 0.587 * g + 0.114 * b;
    else {
      values[i] = r;
      values[plane + i] = g;
      values[2 * plane + i] = b;
    }
  }
  return { channels, height, width, data: values };
}

/**
 * A feature map as an 8-bit grayscale PNG, scaled linearly so its minimum is black (0) and its
 * maximum white (255); a constant map is mid-grey (128).
 */
export function encodeFeatureMapPng(values: ArrayLike<number>, width: number, height: number): Buffer {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < width * height; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    const level = max === min ? 128 : Math.round(((values[i] - min) / (max - min)) * 255);
    png.data[4 * i] = level;
    png.data[4 * i + 1] = level;
    png.data[4 * i + 2] = level;
    png.data[4 * i + 3] = 255;
  }
  return PNG.sync.write(png, { colorType: 0 });
}
