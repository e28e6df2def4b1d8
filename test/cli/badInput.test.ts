// Bad input: one line on stderr naming the problem, exit code 2, and no file written.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kernelWeightsText, runCli, stripes, writePng } from './helpers.ts';
import { tempDirs } from './tempDir.ts';

const newTempDir = tempDirs();

/** A folder with a 16 x 12 stripes PNG, a text file posing as a PNG, a 2 x 2 PNG and two JSON files. */
function workspace() {
  const temp = newTempDir();
  writePng(join(temp.dir, 'stripes.png'), 16, 12, stripes(16));
  writePng(join(temp.dir, 'tiny.png'), 2, 2, () => 255);
  writeFileSync(join(temp.dir, 'text.png'), 'this is not an image\n');
  writeFileSync(join(temp.dir, 'two\nlines.png'), 'this is not an image either\n');
  writeFileSync(join(temp.dir, 'broken.json'), '{"format": "convlab-weights", ');
  writeFileSync(
    join(temp.dir, 'sobel.json'),
    kernelWeightsText([-1, 0, 1, -2, 0, 2, -1, 0, 1], { kernelSize: [3, 3] }),
  );
  return temp;
}

const cases: Array<[string, string[], RegExp]> = [
  [
    'a missing input file',
    ['apply', '--input', 'missing.png', '--weights', 'sobel.json', '--out', 'out.png'],
    /^convlab apply: cannot read --input missing\.png: no such file or folder$/,
  ],
  [
    'a missing weights file',
    ['apply', '--input', 'stripes.png', '--weights', 'nope.json', '--out', 'out.png'],
    /^convlab apply: cannot read --weights nope\.json: no such file or folder$/,
  ],
  [
    'the input is not a PNG',
    ['apply', '--input', 'text.png', '--weights', 'sobel.json', '--out', 'out.png'],
    /^convlab apply: text\.png is not a PNG image$/,
  ],
  [
    'the weights JSON is malformed',
    ['apply', '--input', 'stripes.png', '--weights', 'broken.json', '--out', 'out.png'],
    /^convlab apply: broken\.json: weights file: not valid JSON \(.+\)$/,
  ],
  [
    'the output would have size zero (3x3 kernel on a 2x2 image)',
    ['apply', '--input', 'tiny.png', '--weights', 'sobel.json', '--out', 'out.png'],
    /^convlab apply: the output height would be 0: the dilated kernel spans 3 but the padded input height is only 2 \(a 2 x 2 image\)$/,
  ],
  [
    'train: the output would have size zero',
    ['train', '--input', 'tiny.png', '--kernel', 'sobel-x', '--out', 'out.json'],
    /^convlab train: experiment: layer: the output height would be 0/,
  ],
  [
    'the stride is 0',
    ['train', '--input', 'stripes.png', '--kernel', 'edge', '--stride', '0', '--out', 'out.json'],
    /^convlab train: --stride must be a positive integer, got 0$/,
  ],
  [
    'the number of epochs is negative',
    ['train', '--input', 'stripes.png', '--kernel', 'edge', '--epochs', '-5', '--out', 'out.json'],
    /^convlab train: --epochs must be a positive integer, got -5$/,
  ],
  [
    'the learning rate is not a number',
    ['train', '--input', 'stripes.png', '--kernel', 'edge', '--lr', 'fast', '--out', 'out.json'],
    /^convlab train: --lr must be a number, got "fast"$/,
  ],
  [
    'the kernel preset is unknown',
    ['train', '--input', 'stripes.png', '--kernel', 'blurry', '--out', 'out.json'],
    /^convlab train: --kernel must be a preset \(edge, .*\) or a weights \.json file, got "blurry"$/,
  ],
  [
    '--out is missing',
    ['train', '--input', 'stripes.png', '--kernel', 'edge'],
    /^convlab train: --out is required/,
  ],
  [
    'the output folder does not exist',
    ['train', '--input', 'stripes.png', '--kernel', 'edge', '--out', 'no/such/dir/w.json'],
    /^convlab train: cannot write --out no\/such\/dir\/w\.json: the folder no\/such\/dir does not exist$/,
  ],
  [
    'an option is unknown',
    ['replay', '--learning-rate', '1'],
    /^convlab replay: Unknown option '--learning-rate'/,
  ],
  [
    'the command is unknown',
    ['fit'],
    /^convlab: unknown command "fit" \(commands: replay, train, apply, lenet\)$/,
  ],
  [
    'the lab JSON is malformed',
    ['train', '--input', 'broken.json', '--out', 'out.json'],
    /^convlab train: broken\.json: lab file: format must be "convlab-lab", got "convlab-weights"$|^convlab train: broken\.json: lab file: not valid JSON/,
  ],
  // A path holding a newline is shown quoted with the newline escaped: the message stays one line.
  [
    'a missing input whose name holds a newline',
    ['apply', '--input', 'bad\nname.png', '--weights', 'sobel.json', '--out', 'out.png'],
    /^convlab apply: cannot read --input "bad\\nname\.png": no such file or folder$/,
  ],
  [
    'an input whose name holds a newline is not a PNG',
    ['apply', '--input', 'two\nlines.png', '--weights', 'sobel.json', '--out', 'out.png'],
    /^convlab apply: "two\\nlines\.png" is not a PNG image$/,
  ],
  [
    'an output folder whose name holds a newline does not exist',
    ['train', '--input', 'stripes.png', '--kernel', 'edge', '--out', 'no\ndir/w.json'],
    /^convlab train: cannot write --out "no\\ndir\/w\.json": the folder "no\\ndir" does not exist$/,
  ],
  [
    '--init has one number',
    ['replay', '--init', '0.5'],
    /^convlab replay: --init must be two numbers W0,W1, got "0\.5"$/,
  ],
];

describe.concurrent('convlab with bad input', () => {
  for (const [what, args, message] of cases) {
    it(`${what}: exit 2, one line naming it, nothing written`, async () => {
      const temp = workspace();
      const before = temp.files();
      const { code, stdout, stderr } = await runCli(args, temp.dir);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.endsWith('\n')).toBe(true);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr.trimEnd()).toMatch(message);
      expect(temp.files()).toEqual(before);
    });
  }
});
