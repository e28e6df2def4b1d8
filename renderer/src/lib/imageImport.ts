// Decoding an image file into a grid through the browser's own decoders (createImageBitmap) at the
// image's own size; the values and the resizing are the core's (core/src/image/), the same as the CLI's,
// so a file gives the same X in the app and in `convlab`. Nothing is decoded before the file's byte
// size and the size its header states are within the limits (core/src/limits.ts): a 99-byte PNG
// claiming 32000 x 32000 pixels would otherwise cost gigabytes. Needs a real browser for the decoding;
// the header reader (core/src/formats/imageHeader.ts) and the pixel math are unit-tested.
import { LIMITS, formatCount } from '../../../core/src/limits.ts';
import { readImageSize, type ImageSize } from '../../../core/src/formats/imageHeader.ts';
import { rgbaToValues } from '../../../core/src/image/rgbaToValues.ts';
import { fitSize, resizeValues } from '../../../core/src/image/resize.ts';
import type { Grid } from './grid.ts';

export const ACCEPTED_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

/** Enough for a PNG's or WebP's header and a JPEG's usual metadata segments before its frame header. */
const HEADER_BYTES = 512 * 1024;

/** The file's stated size, checked against the limits before decoding; throws one line naming the file. */
export async function checkImageFile(file: Blob, name: string): Promise<ImageSize> {
  const maxBytes = LIMITS.imageFileBytes.max;
  if (file.size > maxBytes) {
    throw new Error(
      `Image import: ${name} is ${formatCount(file.size)} bytes, over the limit of ${formatCount(maxBytes)} bytes`,
    );
  }
  let size = readImageSize(new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer()));
  // A JPEG may carry more metadata before its frame header; the whole file is within the limit.
  if (size === null && file.size > HEADER_BYTES)
    size = readImageSize(new Uint8Array(await file.arrayBuffer()));
  if (size === null)
    throw new Error(`Image import: ${name} has no PNG, JPEG or WebP header stating its size`);
  checkSide(name, size.width, size.height);
  return size;
}

function checkSide(name: string, width: number, height: number): void {
  const max = LIMITS.inputSide.max;
  if (width > max || height > max) {
    throw new Error(
      `Image import: ${name} is ${formatCount(width)} × ${formatCount(height)} pixels, over the limit of ${formatCount(max)} × ${formatCount(max)}`,
    );
  }
}

/** A decoded image: row-major RGBA bytes, not premultiplied (4 per pixel). */
export interface DecodedImage {
  readonly height: number;
  readonly width: number;
  readonly rgba: Uint8ClampedArray;
}

/**
 * The file's pixels at its own size, through the browser's decoder. `operation` names the import in
 * errors ("Image import"). The size is checked against the limits before anything is decoded.
 */
export async function decodeImageFile(
  file: Blob & { name?: string },
  operation: string,
): Promise<DecodedImage> {
  const name = file.name ?? 'the file';
  if (!ACCEPTED_IMAGE_TYPES.includes(file.type)) {
    throw new Error(
      `${operation}: ${name} is ${file.type || 'of an unknown type'}; use a PNG, JPEG or WebP image.`,
    );
  }
  await checkImageFile(file, name);
  let bitmap: ImageBitmap;
  try {
    // Unpremultiplied and without colour management, so the bytes are the file's, as pngjs reads them.
    bitmap = await createImageBitmap(file, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  } catch {
    throw new Error(`${operation}: ${name} could not be decoded as an image.`);
  }
  try {
    // The decoder's size, in case it reads the image differently from its header.
    checkSide(name, bitmap.width, bitmap.height);
    const { width, height } = bitmap;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (context === null) throw new Error(`${operation}: this browser has no 2-D canvas.`);
    context.drawImage(bitmap, 0, 0);
    return { height, width, rgba: context.getImageData(0, 0, width, height).data };
  } finally {
    bitmap.close();
  }
}

/** The image as a grayscale grid that fits maxHeight x maxWidth with its aspect ratio kept. */
export async function imageFileToGrid(
  file: Blob & { name?: string },
  maxHeight: number,
  maxWidth: number,
): Promise<Grid> {
  const image = await decodeImageFile(file, 'Image import');
  const gray = rgbaToValues(image.rgba, image.height, image.width, 1);
  const { height, width } = fitSize(image.width, image.height, maxHeight, maxWidth);
  const data = Float32Array.from(resizeValues(gray, 1, image.height, image.width, height, width));
  return { height, width, data };
}
