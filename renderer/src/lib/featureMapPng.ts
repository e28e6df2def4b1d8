// The feature map as a PNG: the core's pixels (core/src/image/featureMapPixels.ts, the same as
// `convlab apply` writes), encoded by the browser's canvas.
import { featureMapPixels } from '../../../core/src/image/featureMapPixels.ts';
import type { Grid } from './grid.ts';

export async function featureMapToPng(map: Grid): Promise<Uint8Array> {
  const canvas = document.createElement('canvas');
  canvas.width = map.width;
  canvas.height = map.height;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('Export feature map: this browser has no 2-D canvas.');
  // Opaque pixels: the canvas's premultiplied store keeps them exactly.
  context.putImageData(new ImageData(featureMapPixels(map.data, map.height, map.width), map.width), 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (blob === null) throw new Error('Export feature map: the canvas could not be encoded as PNG.');
  return new Uint8Array(await blob.arrayBuffer());
}
