// The largest allowed run, end to end: `convlab train` runs LIMITS.epochs epochs of the notebook's
// experiment (a few seconds) and the files it leads to, the weights it writes and a lab saved from the
// same run, are read back by `convlab apply`, `convlab train --kernel` and `convlab train --input`.
// Before the decimated history, 400,000 epochs already wrote a weights file its reader refused.
import { execFile } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  historyEpochs,
  labFile,
  parseLab,
  parseWeights,
  serializeLab,
  storedHistory,
} from '../../core/src/formats/index.ts';
import { LIMITS } from '../../core/src/limits.ts';
import { notebookExperiment } from '../../core/src/train/experiment.ts';
import { Trainer } from '../../core/src/train/trainer.ts';
import { stripes, writePng, type CliResult } from './helpers.ts';
import { tempDir } from './tempDir.ts';

const BIN = fileURLToPath(new URL('../../core/cli/bin.mjs', import.meta.url));

/** As helpers.ts runCli, with room for a million epochs on a busy machine. */
function runCliLong(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 180_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

const temp = tempDir();
const { at } = temp;
const epochs = LIMITS.epochs.max;
const experiment = { ...notebookExperiment(), epochs };

describe(`the largest allowed run: ${epochs.toLocaleString('en-US')} epochs of the notebook`, () => {
  it(
    'convlab train writes weights and a lab that apply, train --kernel and train --input read back',
    { timeout: 300_000 },
    async () => {
      writeFileSync(at('largest.convlab.json'), serializeLab(labFile(experiment, null)));
      const trained = await runCliLong(
        ['train', '--input', 'largest.convlab.json', '--out', 'largest-weights.json'],
        temp.dir,
      );
      expect(trained.stderr).toBe('');
      expect(trained.code).toBe(0);
      expect(trained.stdout).toMatch(/^trained 1000000 epochs, loss .*; wrote largest-weights\.json$/m);

      // The weights file: within the size limit, its history decimated and saying so.
      expect(statSync(at('largest-weights.json')).size).toBeLessThan(LIMITS.fileBytes.max);
      const weights = parseWeights(readFileSync(at('largest-weights.json'), 'utf8'));
      expect(weights.training.epochs).toBe(epochs);
      expect(weights.training.lossHistory.length).toBeLessThanOrEqual(LIMITS.historyPoints.max);
      expect(weights.training.lossHistoryEpochs?.at(-1)).toBe(epochs);

      // The same run in process, saved as a lab with its full history: the CLI's worker trained the
      // lab's experiment to the same weights and the same (decimated) history, bit for bit.
      const trainer = new Trainer(experiment);
      for (let i = 0; i < epochs; i++) trainer.step();
      expect(trainer.divergence).toBeNull();
      expect(weights.weight.data.flat(3)).toEqual(Array.from(trainer.weight));
      expect(weights.training.lossHistory).toEqual(storedHistory(trainer.lossHistory).lossHistory);
      const lab = labFile(experiment, {
        lossHistory: trainer.lossHistory,
        weight: { shape: [1, 1, 1, 2], data: Array.from(trainer.weight) },
        bias: null,
      });
      const labText = serializeLab(lab);
      writeFileSync(at('largest-trained.convlab.json'), labText);
      expect(labText.length).toBeLessThan(LIMITS.fileBytes.max);
      const reopened = parseLab(labText);
      expect(reopened.results === null ? 0 : historyEpochs(reopened.results)).toBe(epochs);
      expect(reopened.results?.lossHistoryEpochs).toEqual(weights.training.lossHistoryEpochs);

      // Each CLI reader takes them.
      writePng(at('stripes.png'), 16, 12, stripes(16));
      const applied = await runCliLong(
        ['apply', '--input', 'stripes.png', '--weights', 'largest-weights.json', '--out', 'map.png'],
        temp.dir,
      );
      expect([applied.code, applied.stderr]).toEqual([0, '']);
      const asKernel = await runCliLong(
        [
          'train',
          '--input',
          'stripes.png',
          '--kernel',
          'largest-weights.json',
          '--epochs',
          '10',
          '--out',
          'from-kernel.json',
        ],
        temp.dir,
      );
      expect([asKernel.code, asKernel.stderr]).toEqual([0, '']);
      const fromLab = await runCliLong(
        ['train', '--input', 'largest-trained.convlab.json', '--epochs', '10', '--out', 'from-lab.json'],
        temp.dir,
      );
      expect([fromLab.code, fromLab.stderr]).toEqual([0, '']);
      expect(parseWeights(readFileSync(at('from-lab.json'), 'utf8')).training.epochs).toBe(10);
    },
  );
});
