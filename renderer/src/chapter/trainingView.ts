// What the chapter reads from the training panel: the target output the kernel is trained towards and
// the learnable kernel's size, with the same rules as buildExperiment in Training.svelte.ts.
import type { Grid } from '../lib/grid.ts';
import type { TrainingSettings } from '../state/Training.svelte.ts';

interface LabLike {
  readonly kernel: Grid;
  readonly output: Grid | null;
}
interface TrainingLike {
  readonly settings: TrainingSettings;
  readonly targetOutput: Grid | null;
}

/** The output training compares with: the drawn target, or the lab's feature map (Y = conv(X, K_true)). */
export function trainingTarget(lab: LabLike, training: TrainingLike): Grid | null {
  return training.settings.targetKind === 'output' && training.targetOutput !== null
    ? training.targetOutput
    : lab.output;
}

/** The learnable kernel's [height, width]: the setting, or the lab's kernel size. */
export function learnableSize(lab: LabLike, training: TrainingLike): [number, number] {
  return training.settings.kernelSize ?? [lab.kernel.height, lab.kernel.width];
}
