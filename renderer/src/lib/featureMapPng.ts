// The feature map as a PNG, one pixel per value (scaled up so it is visible), coloured as on screen.
import type { Grid } from './grid.ts';
import { divergingColor, symmetricLimit } from './colorScale.ts';

export async function featureMapToPng(map: Grid, pixelsPerCell = 16): Promise<Uint8Array> {
  const canvas = document.createElement('canvas');
  canvas.width = map.width * pixelsPerCell;
  canvas.height = map.height * pixelsPerCell;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('Export feature map: this browser has no 2-D canvas.');
  const limit = symmetricLimit(map.data);
  for (let r = 0; r < map.height; r++) {
    for (let c = 0; c < map.width; c++) {
      const [red, green, blue] = divergingColor(map.data[r * map.width + c], limit);
      context.fillStyle = `rgb(${red} ${green} ${blue})`;
      context.fillRect(c * pixelsPerCell, r * pixelsPerCell, pixelsPerCell, pixelsPerCell);
    }
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (blob === null) throw new Error('Export feature map: the canvas could not be encoded as PNG.');
  return new Uint8Array(await blob.arrayBuffer());
}
