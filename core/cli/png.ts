// PNG in and out for the CLI (pngjs). Images become the lab's Image: values in [0, 1], one channel
// (luminance, ITU-R BT.601: 0.299 R + 0.587 G + 0.114 B) or three (R, G, B). Alpha is ignored.
import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import { overLimit } from '../src/limits.ts';
import type { Image } from '../src/train/experiment.ts';
import { UsageError } from './errors.ts';
import { displayPath } from './files.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** What the IHDR chunk says: enough to refuse an image before any pixel is decoded. */
export interface PngHeader {
  width: number;
  height: number;
}

// The bit depths PNG defines for each colour type (PNG spec, 11.2.2 IHDR).
const BIT_DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/**
 * Reads the size from the header and walks the chunk list (lengths and checksums, no decoding), so
 * that a file that is not a PNG, is cut short or is damaged is named as such, and a tiny file whose
 * header claims 32000 x 32000 is refused by its size before pngjs allocates anything.
 */
export function readPngHeader(command: string, path: string, bytes: Buffer): PngHeader {
  const refuse = (problem: string): never => {
    throw new UsageError(`convlab ${command}: ${displayPath(path)} ${problem}`);
  };
  if (!isPng(bytes)) refuse('is not a PNG image');
  // Signature (8 bytes), then IHDR: length (4), type (4), 13 bytes of data, CRC (4).
  if (bytes.length < 33) refuse(`is a truncated PNG image: ${bytes.length} bytes end inside its header`);
  if (bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR')
    refuse('is a damaged PNG image: it does not start with an IHDR header');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const bitDepth = bytes[24];
  const colourType = bytes[25];
  if (width === 0 || height === 0)
    refuse(`is a damaged PNG image: its header gives a size of ${width} x ${height}`);
  if (
    !(BIT_DEPTHS[colourType] ?? []).includes(bitDepth) ||
    bytes[26] !== 0 ||
    bytes[27] !== 0 ||
    bytes[28] > 1
  )
    refuse(
      `is a damaged PNG image: its header gives colour type ${colourType}, bit depth ${bitDepth}, compression ${bytes[26]}, filter ${bytes[27]}, interlace ${bytes[28]}, which PNG does not define`,
    );
  for (let offset = 8; ;) {
    if (offset + 12 > bytes.length) refuse('is a truncated PNG image: it ends before its IEND chunk');
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + bytes.readUInt32BE(offset);
    if (end > bytes.length) refuse(`is a truncated PNG image: its ${type} chunk is cut short`);
    // The CRC covers the chunk's type and data (PNG spec, 5.3).
    if (crc32(bytes.subarray(offset + 4, end - 4)) !== bytes.readUInt32BE(end - 4))
      refuse(`is a damaged PNG image: its ${type} chunk does not match its checksum`);
    if (type === 'IEND') break;
    offset = end;
  }
  return { width, height };
}

/** Refuses an image whose size is over the limits table's input bounds, naming the file. */
export function checkImageSize(command: string, path: string, header: PngHeader, channels: 1 | 3): void {
  const shown = displayPath(path);
  const refusal =
    overLimit('inputSide', `the width of ${shown}`, header.width) ??
    overLimit('inputSide', `the height of ${shown}`, header.height) ??
    overLimit(
      'inputValues',
      `the values in ${shown} (${channels} x ${header.height} x ${header.width})`,
      channels * header.height * header.width,
    );
  if (refusal !== null) throw new UsageError(`convlab ${command}: ${refusal}`);
}

/**
 * The image as values in [0, 1]: its header and size are checked first (readPngHeader,
 * checkImageSize), then pngjs decodes it. pngjs's own messages ("There are some read requests
 * waitng on finished stream") never reach the user: they are turned into what is wrong with the file.
 */
export function decodePng(command: string, path: string, bytes: Buffer, channels: 1 | 3): Image {
  const header = readPngHeader(command, path, bytes);
  checkImageSize(command, path, header, channels);
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch {
    // Every chunk is whole and matches its checksum (readPngHeader), so what is left is the data.
    throw new UsageError(
      `convlab ${command}: ${displayPath(path)} is a damaged PNG image: its pixel data is corrupt or incomplete`,
    );
  }
  const { width, height, data } = png;
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
