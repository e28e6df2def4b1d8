// Initial weights drawn from a seed exactly as the core's nn.Conv2d draws them (PyTorch's rule:
// U(-1/sqrt(fanIn), 1/sqrt(fanIn)) for weight and bias), so the lab, the CLI and a script using
// nn.Conv2d with `new Generator().manualSeed(seed)` all start from the same weights.
import { Conv2d } from '../nn/conv.ts';
import { Generator } from '../random/generator.ts';

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
  const layer = new Conv2d(inChannels, out, [kh, kw], {
    bias: withBias,
    generator: new Generator().manualSeed(seed),
  });
  return { weight: layer.weight.data, bias: withBias ? layer.bias!.data : null };
}
