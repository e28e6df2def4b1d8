// Turning an imported photo into a grid: the size that keeps its aspect ratio inside the chosen grid,
// and RGBA pixels to grayscale in [0, 1] (ITU-R BT.601 luma, as PIL's "L" mode).

/** The largest size with the image's aspect ratio that fits in maxHeight x maxWidth (at least 1 x 1). */
export function fitSize(
  imageWidth: number,
  imageHeight: number,
  maxHeight: number,
  maxWidth: number,
): { height: number; width: number } {
  if (imageWidth <= 0 || imageHeight <= 0) {
    throw new Error(`fitSize: image size must be positive, got ${imageWidth} x ${imageHeight}`);
  }
  const scale = Math.min(maxWidth / imageWidth, maxHeight / imageHeight);
  return {
    height: Math.max(1, Math.min(maxHeight, Math.round(imageHeight * scale))),
    width: Math.max(1, Math.min(maxWidth, Math.round(imageWidth * scale))),
  };
}

/** Grayscale in [0, 1] from RGBA bytes; transparent pixels count as white paper. */
export function rgbaToGray(rgba: Uint8ClampedArray | Uint8Array, pixels: number): Float32Array {
  const out = new Float32Array(pixels);
  for (let i = 0; i < pixels; i++) {
    const alpha = rgba[4 * i + 3] / 255;
    const luma = (0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]) / 255;
    out[i] = Math.round((luma * alpha + (1 - alpha)) * 1000) / 1000;
  }
  return out;
}

export const ACCEPTED_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
