// Decoding an image file into a grid through the browser's own decoders (createImageBitmap), scaled by
// the canvas. Needs a real browser: the math lives in imageResize.ts, which is unit-tested.
import type { Grid } from './grid.ts';
import { ACCEPTED_IMAGE_TYPES, fitSize, rgbaToGray } from './imageResize.ts';

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
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error(`Image import: ${name} could not be decoded as an image.`);
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
