// Every numeric option is bounded by the limits table (core/src/limits.ts): a value over it is
// refused at once with exit 2 and one line naming the option, the value and the limit, as
// `overLimit` words it; numbers float32 cannot hold are refused as written.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labFile, serializeLab } from '../../core/src/formats/index.ts';
import { formatCount, LIMITS, overLimit } from '../../core/src/limits.ts';
import { notebookExperiment } from '../../core/src/train/experiment.ts';
import { kernelWeightsText, runCli, writePng } from './helpers.ts';
import { tempDir } from './tempDir.ts';

const temp = tempDir();
const { at } = temp;

/**
 * A weights file with a side x side kernel of ones. Past the kernel-side limit the writer refuses, so
 * the file is written as a hand-made one would be: the 64 x 64 file's text with the sizes changed.
 */
function squareKernel(side: number): string {
  if (side > LIMITS.kernelSide.max) {
    const doc = JSON.parse(squareKernel(LIMITS.kernelSide.max)) as {
      layer: { kernelSize: number[] };
      weight: { shape: number[]; data: number[][][][] };
    };
    doc.layer.kernelSize = [side, side];
    doc.weight = {
      shape: [1, 1, side, side],
      data: [[Array.from({ length: side }, () => new Array<number>(side).fill(1))]],
    };
    return JSON.stringify(doc);
  }
  return kernelWeightsText(new Array<number>(side * side).fill(1), { kernelSize: [side, side] });
}

writePng(at('small.png'), 16, 12, (x) => (x * 16) % 256);
writeFileSync(at('lab.convlab.json'), serializeLab(labFile(notebookExperiment(), null)));
// Before: trained "forever".
writeFileSync(
  at('endless.convlab.json'),
  serializeLab(labFile({ ...notebookExperiment(), epochs: 1e15 }, null)),
);
writeFileSync(
  at('no-epochs.convlab.json'),
  serializeLab(labFile({ ...notebookExperiment(), epochs: 0 }, null)),
);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const train = (...options: string[]) => [
  'train',
  '--input',
  'small.png',
  '--kernel',
  'edge',
  ...options,
  '--out',
  'w.json',
];

const cases: Array<[string, string[], RegExp]> = [
  // Before: exit 1 with "Invalid typed array length: 40005400180".
  [
    'train --padding 100000',
    train('--padding', '100000'),
    new RegExp(`^convlab train: ${escape(overLimit('padding', '--padding', 100_000) ?? '')}$`),
  ],
  [
    'train --padding 1,65 (the width over)',
    train('--padding', '1,65'),
    new RegExp(`^convlab train: ${escape(overLimit('padding', '--padding', 65) ?? '')}$`),
  ],
  [
    'train --stride 65',
    train('--stride', '65'),
    new RegExp(`^convlab train: ${escape(overLimit('stride', '--stride', 65) ?? '')}$`),
  ],
  [
    'train --dilation 17',
    train('--dilation', '17'),
    new RegExp(`^convlab train: ${escape(overLimit('dilation', '--dilation', 17) ?? '')}$`),
  ],
  [
    'train --epochs 10000000',
    train('--epochs', '10000000'),
    new RegExp(`^convlab train: ${escape(overLimit('epochs', '--epochs', 10_000_000) ?? '')}$`),
  ],
  // Before: trained nothing and printed "loss NaN".
  ['train --epochs 0', train('--epochs', '0'), /^convlab train: --epochs must be a positive integer, got 0$/],
  [
    'train --input a lab whose epochs is 1e15',
    ['train', '--input', 'endless.convlab.json', '--out', 'w.json'],
    /^convlab train: endless\.convlab\.json: .*epochs is 1,000,000,000,000,000, over the limit of 1,000,000$/,
  ],
  [
    'train --input a lab whose epochs is 0',
    ['train', '--input', 'no-epochs.convlab.json', '--out', 'w.json'],
    // Loose on purpose: the lab reader may refuse it first, in its own words.
    /^convlab train: .*epochs\b.*\b0\b/,
  ],
  [
    'train --lr 1e39',
    train('--lr', '1e39'),
    /^convlab train: --lr 1e39 is beyond the range of 32-bit floats \(at most 3\.4028235e\+38 in size\)$/,
  ],
  [
    'replay --lr 1e39',
    ['replay', '--lr', '1e39'],
    /^convlab replay: --lr 1e39 is beyond the range of 32-bit floats/,
  ],
  [
    'replay --init 1e39,0 (a kernel value)',
    ['replay', '--init', '1e39,0'],
    /^convlab replay: --init 1e39 is beyond the range of 32-bit floats/,
  ],
  [
    'replay --epochs 10000000',
    ['replay', '--epochs', '10000000'],
    new RegExp(`^convlab replay: ${escape(overLimit('epochs', '--epochs', 10_000_000) ?? '')}$`),
  ],
];

describe('options over the limits table', () => {
  for (const [what, args, message] of cases) {
    it(`${what}: exit 2, one line naming the option, the value and the limit, nothing written`, async () => {
      const before = temp.files();
      const { code, stdout, stderr } = await runCli(args, temp.dir);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr.trimEnd()).toMatch(message);
      expect(temp.files()).toEqual(before);
    });
  }
});

describe('the multiply-add bounds', () => {
  it(`train: 1,000,000 epochs of a 3 x 3 kernel on 512 x 512 are over LIMITS.runWork, refused before the run`, async () => {
    writePng(at('square.png'), 512, 512, (x, y) => (x ^ y) & 255);
    const perPass = 510 * 510 * 3 * 3; // one output channel of 510 x 510, each 1 x 3 x 3 multiply-adds
    expect(perPass * 1_000_000).toBeGreaterThan(LIMITS.runWork.max);
    const { code, stdout, stderr } = await runCli(
      ['train', '--input', 'square.png', '--kernel', 'sobel-x', '--epochs', '1000000', '--out', 'w.json'],
      temp.dir,
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd()).toBe(
      `convlab train: experiment: ${overLimit('runWork', `the run's multiply-adds (${formatCount(1_000_000)} x ${formatCount(perPass)})`, perPass * 1_000_000)}`,
    );
  });

  describe('apply with a large kernel from a weights file on a 2048 x 2048 image (before: minutes of work)', () => {
    const side = LIMITS.inputSide.max;
    writePng(at('large.png'), side, side, (x, y) => (x + y) & 255);

    it('a 64 x 64 kernel: one forward pass is over LIMITS.epochWork, refused at once', async () => {
      writeFileSync(at('k64.json'), squareKernel(64));
      const out = side - 64 + 1;
      const work = out * out * 64 * 64; // 1 output channel, each output 1 x 64 x 64 multiply-adds
      expect(work).toBeGreaterThan(LIMITS.epochWork.max);
      const started = Date.now();
      const { code, stderr } = await runCli(
        ['apply', '--input', 'large.png', '--weights', 'k64.json', '--out', 'map.png'],
        temp.dir,
      );
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(code).toBe(2);
      expect(stderr.trimEnd()).toBe(
        `convlab apply: ${overLimit('epochWork', `one forward pass's multiply-adds (${[out * out, 1, 64, 64].map(formatCount).join(' x ')})`, work)}`,
      );
      expect(temp.files()).not.toContain('map.png');
    });

    it('a 256 x 256 kernel is refused at once too (by the kernel size or the work)', async () => {
      writeFileSync(at('k256.json'), squareKernel(256));
      const { code, stderr } = await runCli(
        ['apply', '--input', 'large.png', '--weights', 'k256.json', '--out', 'map.png'],
        temp.dir,
      );
      expect(code).toBe(2);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^convlab apply: .* over the limit of [\d,]+/);
      expect(temp.files()).not.toContain('map.png');
    });
  });
});

it('train that diverges: exit 1, one line on stderr, nothing written (as replay, see replay.test.ts)', async () => {
  const before = temp.files();
  const { code, stdout, stderr } = await runCli(
    ['train', '--input', 'lab.convlab.json', '--lr', '1000', '--out', 'diverged.json'],
    temp.dir,
  );
  expect(code).toBe(1);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(/^convlab train: .+; nothing written\n$/);
  expect(stdout).not.toMatch(/trained|wrote/);
  expect(temp.files()).toEqual(before);
});
