// Decoding a colour image into red, green and blue channels: the browser decodes (decodeImageFile), the
// core turns the pixels into values and shrinks a large image to fit, as for the lab's grayscale import.
import type { Dense64 } from '../../../../core/src/explain/index.ts';
import { rgbaToValues } from '../../../../core/src/image/rgbaToValues.ts';
import { fitSize, resizeValues } from '../../../../core/src/image/resize.ts';
import { decodeImageFile } from '../../lib/imageImport.ts';

export async function imageFileToChannels(
  file: Blob & { name?: string },
  maxHeight: number,
  maxWidth: number,
): Promise<Dense64> {
  const image = await decodeImageFile(file, 'Colour image import');
  const rgb = rgbaToValues(image.rgba, image.height, image.width, 3);
  // Small images keep their size (a 4x4 icon stays 4x4); large ones shrink to fit.
  const { height, width } = fitSize(
    image.width,
    image.height,
    Math.min(maxHeight, image.height),
    Math.min(maxWidth, image.width),
  );
  return { shape: [3, height, width], data: resizeValues(rgb, 3, image.height, image.width, height, width) };
}
