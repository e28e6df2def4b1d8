// Decoding a colour image into red, green and blue channels through the browser's decoders, scaled to
// fit (aspect ratio kept) by the canvas. Needs a real browser; the pixel math is rgbaToChannels.
import type { Dense64 } from '../../../core/src/explain/index.ts';
import { ACCEPTED_IMAGE_TYPES, fitSize } from '../lib/imageResize.ts';
import { rgbaToChannels } from './channels.ts';

export async function imageFileToChannels(
  file: Blob & { name?: string },
  maxHeight: number,
  maxWidth: number,
): Promise<Dense64> {
  const name = file.name ?? 'the file';
  if (!ACCEPTED_IMAGE_TYPES.includes(file.type)) {
    throw new Error(
      `Colour image import: ${name} is ${file.type || 'of an unknown type'}; use a PNG, JPEG or WebP image.`,
    );
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error(`Colour image import: ${name} could not be decoded as an image.`);
  }
  // Small images keep their size (a 4x4 icon stays 4x4); large ones shrink to fit.
  const { height, width } = fitSize(
    bitmap.width,
    bitmap.height,
    Math.min(maxHeight, bitmap.height),
    Math.min(maxWidth, bitmap.width),
  );
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (context === null) throw new Error('Colour image import: this browser has no 2-D canvas.');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return rgbaToChannels(context.getImageData(0, 0, width, height).data, height, width);
}
