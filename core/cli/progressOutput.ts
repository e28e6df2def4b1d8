// Training progress for the terminal: a redrawn bar on a TTY, a plain line every 10% otherwise
// (logs and pipes stay short and readable).
import type { Progress } from '../src/worker/api.ts';

export interface ProgressOutput {
  update(progress: Progress): void;
  finish(): void;
}

const BAR_WIDTH = 30;

export function progressOutput(
  stream: NodeJS.WriteStream,
  out: (line: string) => void,
  totalEpochs: number,
): ProgressOutput {
  if (stream.isTTY) {
    let drawn = false;
    return {
      update(p) {
        const fraction = totalEpochs === 0 ? 1 : p.epoch / totalEpochs;
        stream.write(`\r${formatBar(fraction)}  epoch ${p.epoch}/${totalEpochs}  loss ${formatLoss(p.loss)}`);
        drawn = true;
      },
      finish() {
        if (drawn) stream.write('\n');
      },
    };
  }
  let nextTenth = 1;
  return {
    update(p) {
      const tenth = totalEpochs === 0 ? 10 : Math.floor((p.epoch / totalEpochs) * 10);
      if (tenth < nextTenth && p.epoch !== totalEpochs) return;
      nextTenth = tenth + 1;
      out(`epoch ${p.epoch}/${totalEpochs}, loss ${formatLoss(p.loss)}`);
    },
    finish() {},
  };
}

/** `[###...]  42%`: the bar both the kernel trainer's and LeNet's progress draw (`fraction` in [0, 1]). */
export function formatBar(fraction: number): string {
  const filled = Math.round(fraction * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`;
}

export function formatLoss(loss: number): string {
  const size = Math.abs(loss);
  return loss === 0 || (size >= 1e-3 && size < 1e6) ? loss.toFixed(4) : loss.toExponential(3);
}
