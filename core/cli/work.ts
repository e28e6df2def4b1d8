// The multiply-add bounds of the limits table, for the CLI's two commands that compute: `apply` does
// one forward pass (LIMITS.epochWork), `train` one per epoch (LIMITS.runWork for the whole run).
// Checked before any allocation, so a large kernel on a large image is refused at once instead of
// running for minutes.
import { overLimit } from '../src/limits.ts';
import type { Layer } from '../src/train/experiment.ts';
import { UsageError } from './errors.ts';

/** Multiply-adds of one forward pass: every output value sums in channels x kernel height x width products. */
function forwardMultiplyAdds(
  layer: Pick<Layer, 'inChannels' | 'outChannels' | 'kernelSize'>,
  outHeight: number,
  outWidth: number,
): number {
  return (
    layer.outChannels * outHeight * outWidth * layer.inChannels * layer.kernelSize[0] * layer.kernelSize[1]
  );
}

/** Refuses an output or a forward pass over the limits (values in the output, multiply-adds). */
export function checkForwardPass(
  command: string,
  layer: Pick<Layer, 'inChannels' | 'outChannels' | 'kernelSize'>,
  outHeight: number,
  outWidth: number,
): number {
  const work = forwardMultiplyAdds(layer, outHeight, outWidth);
  const [kh, kw] = layer.kernelSize;
  const refusal =
    overLimit(
      'outputValues',
      `the output (${layer.outChannels} x ${outHeight} x ${outWidth} values)`,
      layer.outChannels * outHeight * outWidth,
    ) ??
    overLimit(
      'epochWork',
      `one forward pass (${layer.outChannels} x ${outHeight} x ${outWidth} outputs, each ${layer.inChannels} x ${kh} x ${kw} multiply-adds)`,
      work,
    );
  if (refusal !== null) throw new UsageError(`convlab ${command}: ${refusal}`);
  return work;
}

/** Refuses a run whose epochs x one forward pass is over LIMITS.runWork. */
export function checkRunWork(command: string, epochs: number, forwardWork: number): void {
  const refusal = overLimit(
    'runWork',
    `the run's multiply-adds (${epochs.toLocaleString('en-US')} epochs x ${forwardWork.toLocaleString('en-US')} per forward pass)`,
    epochs * forwardWork,
  );
  if (refusal !== null) throw new UsageError(`convlab ${command}: ${refusal}`);
}
