import { formatShape, numel } from '../shape.ts';
import { defaultGenerator, Generator } from '../random/generator.ts';
import type { Tensor } from '../tensor.ts';

// torch.nn.init in camelCase: fill a parameter in place (no graph is recorded) and return it.

/**
 * fanIn and fanOut as PyTorch's _calculate_fan_in_and_fan_out: for a weight [out, in, ...kernel],
 * fanIn = in x receptive field and fanOut = out x receptive field (the receptive field is the
 * product of the trailing dims, 1 for a Linear weight).
 */
export function fans(op: string, tensor: Tensor): { fanIn: number; fanOut: number } {
  if (tensor.shape.length < 2) {
    throw new Error(
      `${op}: fan in and fan out cannot be computed for a tensor with fewer than 2 dimensions, got shape ${formatShape(tensor.shape)}`,
    );
  }
  const receptive = numel(tensor.shape.slice(2));
  return { fanIn: tensor.shape[1] * receptive, fanOut: tensor.shape[0] * receptive };
}

/**
 * Fills `tensor` with values uniform in ±gain * sqrt(6 / (fanIn + fanOut)), as
 * `torch.nn.init.xavier_uniform_(tensor, gain)` (Glorot and Bengio, 2010). Drawn from `generator`
 * (the default generator when omitted); returns the tensor.
 */
export function xavierUniform(tensor: Tensor, generator: Generator = defaultGenerator, gain = 1): Tensor {
  if (!(generator instanceof Generator)) throw new Error('xavierUniform: generator must be a Generator');
  if (typeof gain !== 'number' || !Number.isFinite(gain)) {
    throw new Error(`xavierUniform: gain must be a finite number, got ${String(gain)}`);
  }
  const { fanIn, fanOut } = fans('xavierUniform', tensor);
  const bound = gain * Math.sqrt(6 / (fanIn + fanOut));
  const d = tensor.data;
  for (let i = 0; i < d.length; i++) d[i] = -bound + 2 * bound * generator.uniform();
  return tensor;
}
