// Where the CLI writes: never over one of its inputs, checked to be writable before any work, and
// written through a symbolic link with the old file's mode kept.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { labFile, parseWeights, serializeLab } from '../../core/src/formats/index.ts';
import { notebookExperiment } from '../../core/src/train/experiment.ts';
import { kernelWeightsText, runCli, stripes, writePng, type CliResult } from './helpers.ts';
import { tempDirs } from './tempDir.ts';

const newTempDir = tempDirs();

/** A folder with the stripes PNG, a 1 x 2 weights file (edge.json) and the notebook's lab. */
function workspace() {
  const temp = newTempDir();
  writePng(join(temp.dir, 'stripes.png'), 16, 12, stripes(16));
  writeFileSync(join(temp.dir, 'edge.json'), kernelWeightsText([1, -1]));
  writeFileSync(join(temp.dir, 'lab.convlab.json'), serializeLab(labFile(notebookExperiment(), null)));
  return temp;
}

function expectRefusal(result: CliResult, message: RegExp): void {
  expect(result.code).toBe(2);
  // Nothing on stdout: in particular no progress line, so no epoch ran.
  expect(result.stdout).toBe('');
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr.trimEnd()).toMatch(message);
}

const applyArgs = (input: string, weights: string, out: string) => [
  'apply',
  '--input',
  input,
  '--weights',
  weights,
  '--out',
  out,
];

describe('an output that is one of the inputs is refused (exit 2), and the input is left as it was', () => {
  const cases: Array<[string, string[], string, string, (w: ReturnType<typeof workspace>) => void]> = [
    [
      'apply --input a.png --out a.png',
      applyArgs('stripes.png', 'edge.json', 'stripes.png'),
      'stripes.png',
      'input',
      () => {},
    ],
    [
      'apply --weights w.json --out w.json',
      applyArgs('stripes.png', 'edge.json', 'edge.json'),
      'edge.json',
      'weights',
      () => {},
    ],
    [
      'apply --input a.png --out ./a.png (the same file spelt differently)',
      applyArgs('stripes.png', 'edge.json', './stripes.png'),
      'stripes.png',
      'input',
      () => {},
    ],
    [
      'apply --out link.png, a symbolic link to --input',
      applyArgs('stripes.png', 'edge.json', 'link.png'),
      'stripes.png',
      'input',
      (w) => symlinkSync('stripes.png', w.at('link.png')),
    ],
    [
      'apply --out hard.png, a hard link to --input',
      applyArgs('stripes.png', 'edge.json', 'hard.png'),
      'stripes.png',
      'input',
      (w) => linkSync(w.at('stripes.png'), w.at('hard.png')),
    ],
    [
      'train --input lab.convlab.json --out lab.convlab.json',
      ['train', '--input', 'lab.convlab.json', '--out', 'lab.convlab.json'],
      'lab.convlab.json',
      'input',
      () => {},
    ],
    [
      'train --input a.png --out a.png',
      ['train', '--input', 'stripes.png', '--kernel', 'edge', '--out', 'stripes.png'],
      'stripes.png',
      'input',
      () => {},
    ],
    [
      'train --kernel w.json --out w.json',
      ['train', '--input', 'stripes.png', '--kernel', 'edge.json', '--out', 'edge.json'],
      'edge.json',
      'kernel',
      () => {},
    ],
    [
      'train --input lab.json --kernel w.json --out ./sub/../w.json',
      ['train', '--input', 'lab.convlab.json', '--kernel', 'edge.json', '--out', './sub/../edge.json'],
      'edge.json',
      'kernel',
      (w) => mkdirSync(w.at('sub')),
    ],
  ];
  for (const [what, args, victim, option, prepare] of cases) {
    it(what, async () => {
      const w = workspace();
      prepare(w);
      const before = readFileSync(w.at(victim));
      const files = w.files();
      const result = await runCli(args, w.dir);
      const out = args[args.indexOf('--out') + 1].replace(/[.]/g, '\\.');
      expectRefusal(
        result,
        new RegExp(
          `^convlab ${args[0]}: --out ${out} is the same file as --${option} \\S+; writing it would destroy the input, choose another --out$`,
        ),
      );
      expect(readFileSync(w.at(victim))).toEqual(before);
      expect(w.files()).toEqual(files);
    });
  }
});

describe('train checks that --out can be written before any epoch runs', () => {
  const cases: Array<[string, string, RegExp, (w: ReturnType<typeof workspace>) => void]> = [
    ['--out .', '.', /^convlab train: cannot write --out \.: it is a folder; give a file name$/, () => {}],
    [
      '--out naming a folder',
      'sub',
      /^convlab train: cannot write --out sub: it is a folder; give a file name$/,
      (w) => mkdirSync(w.at('sub')),
    ],
    [
      '--out ending in a slash (a folder that does not exist)',
      'new/',
      /^convlab train: cannot write --out new\/: it is a folder; give a file name$/,
      () => {},
    ],
    [
      '--out in a missing folder',
      'missing/w.json',
      /^convlab train: cannot write --out missing\/w\.json: the folder missing does not exist$/,
      () => {},
    ],
    [
      '--out a read-only file',
      'kept.json',
      /^convlab train: cannot write --out kept\.json: the file is read-only$/,
      (w) => {
        writeFileSync(w.at('kept.json'), 'keep me');
        chmodSync(w.at('kept.json'), 0o444);
      },
    ],
    [
      '--out a FIFO',
      'pipe.json',
      /^convlab train: cannot write --out pipe\.json: it is not a regular file$/,
      (w) => execFileSync('mkfifo', [w.at('pipe.json')]),
    ],
  ];
  for (const [what, out, message, prepare] of cases) {
    it(`${what}: exit 2, one line`, async () => {
      const w = workspace();
      prepare(w);
      const files = w.files();
      const result = await runCli(
        ['train', '--input', 'lab.convlab.json', '--epochs', '1000', '--out', out],
        w.dir,
      );
      expectRefusal(result, message);
      expect(w.files()).toEqual(files);
    });
  }

  // /sys is mounted read-only for writes on Linux, for root too (EACCES), unlike a chmod-ed folder.
  it.skipIf(process.platform !== 'linux')(
    '--out on a location that cannot be written (/sys): exit 2, one line',
    async () => {
      const w = workspace();
      const result = await runCli(
        ['train', '--input', 'lab.convlab.json', '--epochs', '1000', '--out', '/sys/convlab-weights.json'],
        w.dir,
      );
      expectRefusal(
        result,
        /^convlab train: cannot write --out \/sys\/convlab-weights\.json: (permission denied|the file system is read-only)$/,
      );
    },
  );

  it('apply checks --out the same way: --out . is refused', async () => {
    const w = workspace();
    const result = await runCli(applyArgs('stripes.png', 'edge.json', '.'), w.dir);
    expectRefusal(result, /^convlab apply: cannot write --out \.: it is a folder; give a file name$/);
  });
});

describe('the atomic write keeps what was at the output path', () => {
  it('train --out link.json, a symbolic link: the file it points at is replaced, the link stays', async () => {
    const w = workspace();
    mkdirSync(w.at('real'));
    writeFileSync(w.at('real/weights.json'), 'old weights');
    symlinkSync('real/weights.json', w.at('link.json'));
    const result = await runCli(['train', '--input', 'lab.convlab.json', '--out', 'link.json'], w.dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(lstatSync(w.at('link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(w.at('link.json'))).toBe('real/weights.json');
    expect(parseWeights(readFileSync(w.at('real/weights.json'), 'utf8')).training.epochs).toBe(10);
    // No temporary file left beside either.
    expect(w.files()).not.toContainEqual(expect.stringMatching(/\.tmp$/));
  });

  it('a symbolic link to a file that does not exist yet: that file is created, the link stays', async () => {
    const w = workspace();
    symlinkSync('target.json', w.at('dangling.json'));
    const result = await runCli(['train', '--input', 'lab.convlab.json', '--out', 'dangling.json'], w.dir);
    expect(result.code).toBe(0);
    expect(lstatSync(w.at('dangling.json')).isSymbolicLink()).toBe(true);
    expect(parseWeights(readFileSync(w.at('target.json'), 'utf8')).training.epochs).toBe(10);
  });

  it('apply --out over a file with mode 0640: the new PNG keeps mode 0640', async () => {
    const w = workspace();
    writeFileSync(w.at('map.png'), 'old map');
    chmodSync(w.at('map.png'), 0o640);
    const result = await runCli(applyArgs('stripes.png', 'edge.json', 'map.png'), w.dir);
    expect(result.code).toBe(0);
    expect(statSync(w.at('map.png')).mode & 0o777).toBe(0o640);
    expect(PNG.sync.read(readFileSync(w.at('map.png'))).width).toBe(15);
  });
});
