// Decoding an image file into a grid through the browser's own decoders (createImageBitmap), scaled by
// the canvas. Nothing is decoded before the file's byte size and the size its header states are
// within the limits (core/src/limits.ts): a 99-byte PNG claiming 32000 x 32000 pixels would otherwise
// cost gigabytes. Needs a real browser for the decoding: the math lives in imageResize.ts and the
// header reader in core/src/formats/imageHeader.ts, both unit-tested.
import { LIMITS, formatCount } from '../../../core/src/limits.ts';
import { readImageSize, type ImageSize } from '../../../core/src/formats/imageHeader.ts';
import type { Grid } from './grid.ts';
import { ACCEPTED_IMAGE_TYPES, fitSize, rgbaToGray } from './imageResize.ts';

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

export async function imageFileToGrid(
  file: Blob & { name?: string },
  maxHeight: number,
  maxWidth: number,
): Promise<Grid> {
  const name = file.name ?? 'the file';
  if (!ACCEPTED_IMAGE_TYPES.includes(file.type)) {
    throw new Error(
      `Image import: ${name} is ${file.type || 'of an unknown type'}; use a PNG, JPEG or WebP image.`,
    );
  }
  await checkImageFile(file, name);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error(`Image import: ${name} could not be decoded as an image.`);
  }
  try {
    // The decoder's size, in case it reads the image differently from its header.
    checkSide(name, bitmap.width, bitmap.height);
  } catch (error) {
    bitmap.close();
    throw error;
  }
  const { height, width } = fitSize(bitmap.width, bitmap.height, maxHeight, maxWidth);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (context === null) throw new Error('Image import: this browser has no 2-D canvas.');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const pixels = context.getImageData(0, 0, width, height).data;
  return { height, width, data: rgbaToGray(pixels, width * height) };
}
