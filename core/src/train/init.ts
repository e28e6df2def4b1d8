// Initial weights drawn from a seed with PyTorch's rule for nn.Conv2d (kaiming_uniform with a = sqrt(5)
// works out to U(-1/sqrt(fanIn), 1/sqrt(fanIn)) for weight and bias alike). The generator is
// xoroshiro128+ from pure-rand, so a seed gives the same weights in every JavaScript engine.
import { uniformFloat32 } from 'pure-rand/distribution/uniformFloat32';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export interface InitialWeights {
  weight: Float32Array;
  bias: Float32Array | null;
}

/** Weights of shape [out, in, kh, kw] (row-major), then the bias when `withBias`, from one stream. */
export function seededConvWeights(
  seed: number,
  shape: readonly [number, number, number, number],
  withBias: boolean,
): InitialWeights {
  const [out, inChannels, kh, kw] = shape;
  const bound = 1 / Math.sqrt(inChannels * kh * kw);
  const rng = xoroshiro128plus(seed);
  const draw = () => (2 * uniformFloat32(rng) - 1) * bound;
  const weight = new Float32Array(out * inChannels * kh * kw);
  for (let i = 0; i < weight.length; i++) weight[i] = draw();
  let bias: Float32Array | null = null;
  if (withBias) {
    bias = new Float32Array(out);
    for (let i = 0; i < out; i++) bias[i] = draw();
  }
  return { weight, bias };
}
