import { readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { labFile, parseWeights, serializeLab, serializeWeights } from '../../core/src/formats/index.ts';
import { LIGHT_ZERO_RGB, NEGATIVE_RGB, POSITIVE_RGB } from '../../core/src/image/divergingScale.ts';
import { notebookExperiment } from '../../core/src/train/experiment.ts';
import { Trainer } from '../../core/src/train/trainer.ts';
import { namedKernelNames } from '../../core/src/presets/kernels.ts';
import { kernelWeights, kernelWeightsText, runCli, stripes, writePng } from './helpers.ts';
import { tempDir } from './tempDir.ts';

const temp = tempDir();
const { at } = temp;

describe('convlab train', () => {
  it('--input lab.json (the notebook): writes weights whose loss history equals the in-process trainer, bit for bit', async () => {
    writeFileSync(at('notebook-lab.json'), serializeLab(labFile(notebookExperiment(), null)));
    const { code, stdout, stderr } = await runCli(
      ['train', '--input', 'notebook-lab.json', '--out', 'notebook-weights.json'],
      temp.dir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^trained 10 epochs, loss \d+\.\d{4}; wrote notebook-weights\.json$/m);
    // Not a TTY: plain progress lines, the last one at the last epoch.
    expect(stdout).toMatch(/^epoch 10\/10, loss \d+\.\d{4}$/m);
    const file = parseWeights(readFileSync(at('notebook-weights.json'), 'utf8'));
    const reference = new Trainer(notebookExperiment());
    for (let i = 0; i < 10; i++) reference.step();
    expect(file.training.lossHistory).toEqual(reference.lossHistory);
    expect(file.weight.data[0][0][0]).toEqual(Array.from(reference.weight));
    expect(file.training).toMatchObject({
      optimizer: 'sgd',
      lr: 0.03,
      epochs: 10,
      // The notebook starts from the book's start (given weights), not a seeded draw.
      seed: null,
      loss: 'sum-squared',
    });
    expect(file.training.targetKernel?.data).toEqual([[[[1, -1]]]]);
  });

  it('--input image.png --kernel edge --epochs 200: learns [1, -1] from a 16 x 12 stripes PNG', async () => {
    writePng(at('stripes.png'), 16, 12, stripes(16));
    const { code, stderr } = await runCli(
      [
        'train',
        '--input',
        'stripes.png',
        '--kernel',
        'edge',
        '--epochs',
        '200',
        '--lr',
        '0.5',
        '--out',
        'edge.json',
      ],
      temp.dir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const file = parseWeights(readFileSync(at('edge.json'), 'utf8'));
    const [w0, w1] = file.weight.data[0][0][0];
    expect(w0).toBeCloseTo(1, 2);
    expect(w1).toBeCloseTo(-1, 2);
    expect(file.layer).toMatchObject({ kernelSize: [1, 2], padding: [0, 0], stride: [1, 1] });
  });

  it("--kernel weights.json: the target is that file's kernel (sobel-x read back from JSON, 3x3 learned)", async () => {
    writePng(at('checker.png'), 12, 12, (x, y) => (((x >> 1) + (y >> 2)) % 2 === 0 ? 255 : 40));
    const sobel = kernelWeights([-1, 0, 1, -2, 0, 2, -1, 0, 1], { kernelSize: [3, 3] });
    writeFileSync(at('sobel-target.json'), serializeWeights(sobel));
    const { code, stderr } = await runCli(
      [
        'train',
        '--input',
        'checker.png',
        '--kernel',
        'sobel-target.json',
        '--epochs',
        '5',
        '--out',
        'learned.json',
      ],
      temp.dir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const file = parseWeights(readFileSync(at('learned.json'), 'utf8'));
    expect(file.weight.shape).toEqual([1, 1, 3, 3]);
    expect(file.training.targetKernel?.data).toEqual(sobel.weight.data);
    expect(file.training.lossHistory).toHaveLength(5);
  });

  it('--help lists the options and the kernel presets', async () => {
    const { code, stdout } = await runCli(['train', '--help'], temp.dir);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Usage: convlab train --input image.png|lab.json --kernel NAME|weights.json --out weights.json',
    );
    // Every preset the core has (its own test checks the names the CLI documents are among them).
    for (const name of namedKernelNames()) expect(stdout).toContain(name);
  });
});

describe('convlab apply', () => {
  it("[1, -1] on the stripes: +1 red, -1 blue, 0 the light neutral (the lab's scale), output 12 x 15", async () => {
    writePng(at('stripes-apply.png'), 16, 12, stripes(16));
    writeFileSync(at('edge-weights.json'), kernelWeightsText([1, -1]));
    const { code, stdout, stderr } = await runCli(
      ['apply', '--input', 'stripes-apply.png', '--weights', 'edge-weights.json', '--out', 'feature.png'],
      temp.dir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^wrote feature\.png: 12 x 15 feature map/);
    const png = PNG.sync.read(readFileSync(at('feature.png')));
    expect([png.width, png.height]).toEqual([15, 12]);
    // Reference: corr2d of the stripes row with [1, -1], by hand: +1 where white meets black (x = 3),
    // -1 where black meets white (x = 11), 0 elsewhere; the largest magnitude, 1, is the scale's end.
    const row = Array.from({ length: 15 }, (_, x) => Array.from(png.data.subarray(4 * x, 4 * x + 4)));
    const expected = Array.from({ length: 15 }, (_, x) => [
      ...(x === 3 ? POSITIVE_RGB : x === 11 ? NEGATIVE_RGB : LIGHT_ZERO_RGB),
      255,
    ]);
    expect(row).toEqual(expected);
  });

  it('--help explains the colours', async () => {
    const { code, stdout } = await runCli(['apply', '--help'], temp.dir);
    expect(code).toBe(0);
    expect(stdout).toContain('blue for negative values, near white for zero, red for positive ones');
  });
});
