// Draws stacks of small maps (kernels, feature maps, images) onto one canvas at one pixel per value;
// CSS scales the canvas up with `image-rendering: pixelated`. One canvas per stack keeps the page to a
// handful of elements however many maps there are, and a redraw is one putImageData.
import { divergingColor, grayColor } from '../lib/colorScale.ts';

/** A colour scale sampled at 256 steps from `min` to `max` (RGB triples), so painting allocates nothing. */
export interface ColorTable {
  rgb: Uint8ClampedArray;
  min: number;
  max: number;
}

const STEPS = 256;

/** The lab's diverging scale from -limit (blue) through 0 (white) to +limit (red). */
export function divergingTable(limit: number): ColorTable {
  const rgb = new Uint8ClampedArray(STEPS * 3);
  for (let i = 0; i < STEPS; i++)
    rgb.set(divergingColor(-limit + (2 * limit * i) / (STEPS - 1), limit), i * 3);
  return { rgb, min: -limit, max: limit };
}

/**
 * The scale's positive half (white to red) stretched over [min, max]: for activations, which after a
 * sigmoid all sit near 0.5 and would all be one red on a scale centred at zero.
 */
export function sequentialTable(min: number, max: number): ColorTable {
  const rgb = new Uint8ClampedArray(STEPS * 3);
  for (let i = 0; i < STEPS; i++) rgb.set(divergingColor(i / (STEPS - 1), 1), i * 3);
  return { rgb, min, max: max > min ? max : min + 1 };
}

/** Grayscale for images: 0 black, 1 white. */
export const GRAY_TABLE: ColorTable = (() => {
  const rgb = new Uint8ClampedArray(STEPS * 3);
  for (let i = 0; i < STEPS; i++) rgb.set(grayColor(i / (STEPS - 1)), i * 3);
  return { rgb, min: 0, max: 1 };
})();

export interface MapLayout {
  /** Maps in the stack, each `height` x `width`, stored one after another, row-major. */
  count: number;
  height: number;
  width: number;
  /** Maps per row of the canvas. */
  columns: number;
  /** Transparent pixels between maps. */
  gap: number;
}

export function canvasSize(layout: MapLayout): { width: number; height: number } {
  const rows = Math.ceil(layout.count / layout.columns);
  const columns = Math.min(layout.columns, layout.count);
  return {
    width: columns * (layout.width + layout.gap) - layout.gap,
    height: rows * (layout.height + layout.gap) - layout.gap,
  };
}

/**
 * Paints `values` (count x height x width, row-major) with `table`; values beyond its ends saturate. The canvas is resized to the
 * layout first; a context the environment cannot give (jsdom) draws nothing.
 */
export function paintMaps(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  layout: MapLayout,
  table: ColorTable,
): void {
  const size = canvasSize(layout);
  if (canvas.width !== size.width) canvas.width = size.width;
  if (canvas.height !== size.height) canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (context === null) return;
  const image = context.createImageData(size.width, size.height);
  const pixels = image.data; // RGBA per canvas pixel, row-major; untouched pixels stay transparent
  const { height, width, columns, gap } = layout;
  const { rgb, min } = table;
  const perStep = table.max > min ? (STEPS - 1) / (table.max - min) : 0;
  for (let m = 0; m < layout.count; m++) {
    const left = (m % columns) * (width + gap);
    const top = Math.floor(m / columns) * (height + gap);
    const base = m * height * width;
    for (let y = 0; y < height; y++) {
      let at = ((top + y) * size.width + left) * 4;
      for (let x = 0; x < width; x++, at += 4) {
        const value = values[base + y * width + x];
        const step = Number.isFinite(value) ? Math.round((value - min) * perStep) : 0;
        const c = 3 * (step < 0 ? 0 : step > STEPS - 1 ? STEPS - 1 : step);
        pixels[at] = rgb[c];
        pixels[at + 1] = rgb[c + 1];
        pixels[at + 2] = rgb[c + 2];
        pixels[at + 3] = 255;
      }
    }
  }
  context.putImageData(image, 0, 0);
}
