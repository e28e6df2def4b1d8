// The learnable layer's forward pass, shared by the trainer, the target computation and the feature
// map view: pad (any mode), then conv2d with one group, optionally flipping the kernel first.
import { conv2d } from '../conv/conv2d.ts';
import { pad } from '../conv/pad.ts';
import { Tensor } from '../tensor.ts';
import type { Image, Layer } from './experiment.ts';

export type LayerGeometry = Pick<Layer, 'padding' | 'paddingMode' | 'stride' | 'dilation' | 'flip'>;

/** Output height and width of the layer, as torch.nn.Conv2d computes them (may be <= 0 when invalid). */
export function layerOutputSize(
  inputHeight: number,
  inputWidth: number,
  kernelSize: readonly [number, number],
  geometry: LayerGeometry,
): [number, number] {
  const size = (n: number, k: number, p: number, d: number, s: number) =>
    Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
  return [
    size(inputHeight, kernelSize[0], geometry.padding[0], geometry.dilation[0], geometry.stride[0]),
    size(inputWidth, kernelSize[1], geometry.padding[1], geometry.dilation[1], geometry.stride[1]),
  ];
}

/**
 * Returns a copy of a [out, in, kh, kw] kernel with each kh x kw plane rotated by 180 degrees: what a
 * true convolution slides. The flip is its own inverse, so it also maps gradients back.
 */
export function flipKernel(
  data: Float32Array,
  shape: readonly number[],
  out: Float32Array = new Float32Array(data.length),
): Float32Array {
  const kh = shape[2];
  const kw = shape[3];
  const plane = kh * kw;
  // Layout: plane p occupies data[p * plane .. (p + 1) * plane), row-major kh x kw.
  for (let base = 0; base < data.length; base += plane) {
    for (let i = 0; i < plane; i++) out[base + i] = data[base + plane - 1 - i];
  }
  return out;
}

/** The image as a 1 x C x H x W tensor that needs no gradient, padded once when the mode is not zeros. */
export function prepareInput(image: Image, geometry: LayerGeometry): Tensor {
  const x = Tensor.internal(
    Float32Array.from(image.data),
    [1, image.channels, image.height, image.width],
    false,
  );
  const [ph, pw] = geometry.padding;
  if (geometry.paddingMode === 'zeros' || (ph === 0 && pw === 0)) return x;
  return pad(x, [pw, pw, ph, ph], geometry.paddingMode);
}

/**
 * conv2d of a prepared input (see prepareInput) with `weight` as given (already flipped when the
 * geometry says so). Zero padding is left to conv2d; other modes were applied by prepareInput.
 */
export function layerForward(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  geometry: LayerGeometry,
): Tensor {
  const padding: [number, number] =
    geometry.paddingMode === 'zeros' ? [geometry.padding[0], geometry.padding[1]] : [0, 0];
  return conv2d(input, weight, bias ?? undefined, {
    stride: [geometry.stride[0], geometry.stride[1]],
    padding,
    dilation: [geometry.dilation[0], geometry.dilation[1]],
  });
}

/** A one-off forward pass without gradients: returns [out, H_out, W_out] values. */
export function computeFeatureMap(
  image: Image,
  weightData: Float32Array,
  weightShape: readonly [number, number, number, number],
  biasData: Float32Array | null,
  geometry: LayerGeometry,
): { channels: number; height: number; width: number; data: Float32Array } {
  const x = prepareInput(image, geometry);
  const kernel = geometry.flip ? flipKernel(weightData, weightShape) : weightData;
  const w = Tensor.internal(kernel, [...weightShape], false);
  const b = biasData === null ? null : Tensor.internal(biasData, [weightShape[0]], false);
  const y = layerForward(x, w, b, geometry);
  return { channels: y.shape[1], height: y.shape[2], width: y.shape[3], data: y.data };
}
