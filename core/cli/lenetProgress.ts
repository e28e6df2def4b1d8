// What `convlab lenet` prints while it trains: d2l's line per epoch, and on a terminal a progress bar
// (the kernel trainer's bar, progressOutput.ts) with the epoch, batch, loss so far and speed.
import type { LenetEpochRecord } from '../src/lenet/trainer.ts';
import type { LenetProgress } from '../src/worker/lenetApi.ts';
import { formatBar } from './progressOutput.ts';

/** `epoch 3/10: loss 0.812, train acc 0.681, test acc 0.700, 7310 examples/sec` (d2l's figures). */
export function formatEpochLine(record: LenetEpochRecord, epochs: number): string {
  return `epoch ${record.epoch}/${epochs}: loss ${record.loss.toFixed(3)}, train acc ${record.trainAcc.toFixed(3)}, test acc ${record.testAcc.toFixed(3)}, ${Math.round(record.examplesPerSec)} examples/sec`;
}

export interface LenetProgressBar {
  update(progress: LenetProgress): void;
  /** Prints a line (through `print`) above the bar, which is redrawn below it. */
  above(print: () => void): void;
  finish(): void;
}

/**
 * On a TTY, one bar redrawn in place with the epoch, batch, speed and the epoch's loss so far; off a
 * TTY nothing (the epoch lines are the log), so pipes and logs stay short.
 */
export function lenetProgressBar(stream: NodeJS.WriteStream): LenetProgressBar {
  if (!stream.isTTY) return { update() {}, above: (print) => print(), finish() {} };
  let line = '';
  const clear = () => {
    if (line !== '') stream.write('\r\x1b[2K');
  };
  return {
    update(p) {
      const where =
        p.epoch >= p.totalEpochs
          ? `epoch ${p.epoch}/${p.totalEpochs}  done`
          : p.phase === 'test'
            ? `epoch ${p.epoch + 1}/${p.totalEpochs}  testing`
            : `epoch ${p.epoch + 1}/${p.totalEpochs}  batch ${p.batch}/${p.batches}`;
      const speed = p.examplesPerSec > 0 ? `  ${Math.round(p.examplesPerSec)} examples/sec` : '';
      const loss = p.batch > 0 ? `  loss ${p.loss.toFixed(3)}` : '';
      line = `${formatBar(p.fraction)}  ${where}${loss}${speed}`;
      stream.write(`\r\x1b[2K${line}`);
    },
    above(print) {
      clear();
      print();
      if (line !== '') stream.write(line);
    },
    finish() {
      clear();
      line = '';
    },
  };
}
