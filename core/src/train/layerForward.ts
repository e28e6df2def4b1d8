// The learnable layer on an experiment's image: the image as a tensor, and a one-off forward pass for
// the target, the CLI's apply and the worker's feature map. The pass itself is conv/convLayer.ts, the
// one the trainer's epochs run too.
import { noGrad } from '../autograd/graph.ts';
import { convLayer } from '../conv/convLayer.ts';
import type { LayerGeometry } from '../conv/geometry.ts';
import { Tensor } from '../tensor.ts';
import type { Image, Layer } from './experiment.ts';

/** The geometry and the flip: everything of the layer that its forward pass reads besides the weights. */
export type LayerPass = LayerGeometry & Pick<Layer, 'flip'>;

/** The image as a 1 x C x H x W tensor that needs no gradient. */
export const imageTensor = (image: Image): Tensor =>
  Tensor.internal(Float32Array.from(image.data), [1, image.channels, image.height, image.width], false);

/** A one-off forward pass without gradients: returns [out, H_out, W_out] values. */
export function computeFeatureMap(
  image: Image,
  weightData: Float32Array,
  weightShape: readonly [number, number, number, number],
  biasData: Float32Array | null,
  layer: LayerPass,
): { channels: number; height: number; width: number; data: Float32Array } {
  const w = Tensor.internal(weightData, [...weightShape], false);
  const b = biasData === null ? null : Tensor.internal(biasData, [weightShape[0]], false);
  const y = noGrad(() => convLayer(imageTensor(image), w, b, layer));
  return { channels: y.shape[1], height: y.shape[2], width: y.shape[3], data: y.data };
}
