// `convlab lenet` as a user runs it: the epoch lines in d2l's form, --out then --eval agreeing on the
// test accuracy, and every kind of bad input refused in one line with exit code 2 and nothing written.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFashionMnistFiles, SHIPPED_FASHION_MNIST_DIR } from '../../core/node/fashionMnist.ts';
import { FASHION_MNIST_FILES } from '../../core/src/data/fashionMnist.ts';
import { encodeIdxImages, encodeIdxLabels, parseIdxImages, parseIdxLabels } from '../../core/src/data/idx.ts';
import { parseLenetModel } from '../../core/src/formats/lenetModel.ts';
import { LIMITS } from '../../core/src/limits.ts';
import { runCli, type CliResult } from './helpers.ts';
import { tempDir } from './tempDir.ts';

const EPOCH_LINE =
  /^epoch (\d+)\/(\d+): loss (\d+\.\d{3}), train acc ([01]\.\d{3}), test acc ([01]\.\d{3}), (\d+) examples\/sec$/;

const temp = tempDir();
const { at } = temp;

/** The first `train` and `test` images of the shipped subset, written uncompressed to `folder`. */
function writeSmallSet(folder: string, train: number, test: number): void {
  const { bytes } = readFashionMnistFiles(SHIPPED_FASHION_MNIST_DIR);
  const images = (file: Uint8Array, count: number) => {
    const parsed = parseIdxImages(file);
    return encodeIdxImages({ ...parsed, count, pixels: parsed.pixels.subarray(0, count * 784) });
  };
  const labels = (file: Uint8Array, count: number) =>
    encodeIdxLabels(parseIdxLabels(file).labels.subarray(0, count));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, FASHION_MNIST_FILES.trainImages), images(bytes.trainImages, train));
  writeFileSync(join(folder, FASHION_MNIST_FILES.trainLabels), labels(bytes.trainLabels, train));
  writeFileSync(join(folder, FASHION_MNIST_FILES.testImages), images(bytes.testImages, test));
  writeFileSync(join(folder, FASHION_MNIST_FILES.testLabels), labels(bytes.testLabels, test));
}

let trained: CliResult;
let evaluated: CliResult;
beforeAll(async () => {
  writeSmallSet(at('small'), 300, 200);
  trained = await runCli(
    [
      'lenet',
      '--data',
      'small',
      '--epochs',
      '2',
      '--batch-size',
      '16',
      '--activation',
      'relu',
      '--lr',
      '0.1',
      '--train-size',
      '200',
      '--seed',
      '1',
      '--out',
      'model.json',
    ],
    temp.dir,
  );
  evaluated = await runCli(['lenet', '--eval', 'model.json', '--data', 'small'], temp.dir);
}, 120_000);

describe('convlab lenet', () => {
  it('trains and prints a header, one line per epoch in d2l’s form, then the file it wrote', () => {
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    const lines = trained.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'lenet (relu): 200 training and 200 test images from small; lr 0.1, batch size 16, 2 epochs, seed 1',
    );
    expect(lines.slice(1, 3).map((line) => EPOCH_LINE.exec(line)?.slice(1, 3))).toEqual([
      ['1', '2'],
      ['2', '2'],
    ]);
    expect(lines[3]).toBe('wrote model.json');
    expect(lines).toHaveLength(4);
  });

  it('--out writes a model file whose history is what the epoch lines said', () => {
    const file = parseLenetModel(readFileSync(at('model.json'), 'utf8'));
    expect(file.activation).toBe('relu');
    expect(file.training).toMatchObject({ epochs: 2, lr: 0.1, batchSize: 16, seed: 1, trainSize: 200 });
    const printed = trained.stdout
      .split('\n')
      .map((line) => EPOCH_LINE.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[3], match[4], match[5]]);
    expect(
      file.training?.history.map((e) => [e.loss, e.trainAcc, e.testAcc].map((v) => v.toFixed(3))),
    ).toEqual(printed);
    expect(temp.files().filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('--eval on the model it wrote prints the test accuracy of the last epoch line', () => {
    expect(evaluated.stderr).toBe('');
    expect(evaluated.code).toBe(0);
    const last =
      trained.stdout
        .split('\n')
        .filter((line) => EPOCH_LINE.test(line))
        .at(-1) ?? '';
    const testAcc = EPOCH_LINE.exec(last)?.[5];
    expect(evaluated.stdout).toBe(`test acc ${testAcc} on 200 images\n`);
  });

  it('--help shows the usage and exit code 0', async () => {
    const { code, stdout } = await runCli(['lenet', '--help'], temp.dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Usage: convlab lenet \[--data DIR\] \[--epochs 10\] \[--lr 0\.9\] \[--batch-size 256\]/,
    );
  });
});

/** The small set in `folder` with `name` replaced by `contents`, or removed when it is null. */
function brokenSet(folder: string, name: string, contents: Uint8Array | string | null): void {
  writeSmallSet(at(folder), 40, 20);
  if (contents === null) rmSync(at(folder, name));
  else writeFileSync(at(folder, name), contents);
}

describe('convlab lenet refuses bad input in one line, exit 2, nothing written', () => {
  beforeAll(() => {
    const { bytes } = readFashionMnistFiles(SHIPPED_FASHION_MNIST_DIR);
    mkdirSync(at('empty'));
    brokenSet('missing', FASHION_MNIST_FILES.testLabels, null);
    // Cut in the middle of an image: the header says 40 images, the file holds 20.5.
    const trainImages = readFileSync(at('missing', FASHION_MNIST_FILES.trainImages));
    brokenSet('truncated', FASHION_MNIST_FILES.trainImages, trainImages.subarray(0, 16 + 20 * 784 + 392));
    brokenSet(
      'mismatched',
      FASHION_MNIST_FILES.trainLabels,
      encodeIdxLabels(parseIdxLabels(bytes.trainLabels).labels.subarray(0, 39)),
    );
    brokenSet('bad-label', FASHION_MNIST_FILES.testLabels, encodeIdxLabels(new Uint8Array(20).fill(10)));
    brokenSet('bad-gzip', `${FASHION_MNIST_FILES.testImages}`, null);
    writeFileSync(
      at('bad-gzip', `${FASHION_MNIST_FILES.testImages}.gz`),
      Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2, 3]),
    );
    writeFileSync(at('not-json.json'), '{"format": "convlab-lenet", ');
    writeFileSync(at('weights.json'), JSON.stringify({ format: 'convlab-weights', version: 1 }));
    const model = JSON.parse(readFileSync(at('model.json'), 'utf8')) as {
      stateDict: Record<string, { shape: number[] }>;
    };
    model.stateDict['3.weight'].shape = [16, 6, 3, 3];
    writeFileSync(at('wrong-shape.json'), JSON.stringify(model));
  });

  const train = ['lenet', '--data', 'small', '--out', 'refused.json'];
  const cases: Array<[string, string[], RegExp]> = [
    [
      'a folder without the idx files',
      ['lenet', '--data', 'empty', '--out', 'refused.json'],
      /^convlab lenet: fashion-mnist: empty has no train-images-idx3-ubyte or train-images-idx3-ubyte\.gz$/,
    ],
    [
      'a folder missing the test labels',
      ['lenet', '--data', 'missing', '--out', 'refused.json'],
      /^convlab lenet: fashion-mnist: missing has no t10k-labels-idx1-ubyte or t10k-labels-idx1-ubyte\.gz$/,
    ],
    [
      'a folder that does not exist',
      ['lenet', '--data', 'nowhere'],
      /^convlab lenet: fashion-mnist: nowhere is not a folder$/,
    ],
    [
      'a truncated images file',
      ['lenet', '--data', 'truncated', '--out', 'refused.json'],
      /^convlab lenet: truncated\/train-images-idx3-ubyte: idx images: expected 31376 bytes for 40 images of 28 x 28, got 16088$/,
    ],
    [
      'fewer labels than images',
      ['lenet', '--data', 'mismatched', '--out', 'refused.json'],
      /^convlab lenet: mismatched\/train-labels-idx1-ubyte: labels file has 39 labels but the images file has 40 images$/,
    ],
    [
      'a label that is not a class',
      ['lenet', '--data', 'bad-label'],
      /^convlab lenet: bad-label\/t10k-labels-idx1-ubyte: idx labels: label 10 at index 0 is not a class \(0 to 9\)$/,
    ],
    [
      'a broken gzip file',
      ['lenet', '--data', 'bad-gzip'],
      /^convlab lenet: bad-gzip\/t10k-images-idx3-ubyte\.gz: not a complete gzip file/,
    ],
    [
      '--epochs 0',
      [...train, '--epochs', '0'],
      /^convlab lenet: --epochs must be a positive integer, got 0$/,
    ],
    [
      '--epochs over the limit',
      [...train, '--epochs', String(LIMITS.lenetEpochs.max + 1)],
      /^convlab lenet: --epochs is 1,001, over the limit of 1,000$/,
    ],
    [
      '--batch-size over the limit',
      [...train, '--batch-size', '5000'],
      /^convlab lenet: --batch-size is 5,000, over the limit of 1,024$/,
    ],
    ['--lr -1', [...train, '--lr', '-1'], /^convlab lenet: --lr must be a positive number, got -1$/],
    ['--lr abc', [...train, '--lr', 'abc'], /^convlab lenet: --lr must be a number, got "abc"$/],
    [
      '--seed 1.5',
      [...train, '--seed', '1.5'],
      /^convlab lenet: --seed must be a non-negative integer, got 1\.5$/,
    ],
    [
      '--activation tanh',
      [...train, '--activation', 'tanh'],
      /^convlab lenet: --activation must be one of sigmoid, relu, got "tanh"$/,
    ],
    [
      '--train-size 0',
      [...train, '--train-size', '0'],
      /^convlab lenet: --train-size must be a positive integer, got 0$/,
    ],
    [
      '--train-size over the images in the folder',
      [...train, '--train-size', '301'],
      /^convlab lenet: --train-size is 301 but small has 300 training images$/,
    ],
    ['an unknown option', [...train, '--momentum', '0.9'], /^convlab lenet: Unknown option '--momentum'/],
    [
      '--out into a folder that does not exist',
      ['lenet', '--data', 'small', '--out', 'nowhere/model.json'],
      /^convlab lenet: cannot write --out nowhere\/model\.json: the folder nowhere does not exist$/,
    ],
    [
      '--out over an input file',
      ['lenet', '--data', 'small', '--out', 'small/train-labels-idx1-ubyte'],
      /^convlab lenet: --out small\/train-labels-idx1-ubyte is the same file as --data small\/train-labels-idx1-ubyte; writing it would destroy the input, choose another --out$/,
    ],
    [
      '--eval of a missing file',
      ['lenet', '--eval', 'nope.json', '--data', 'small'],
      /^convlab lenet: cannot read --eval nope\.json: no such file or folder$/,
    ],
    [
      '--eval of malformed JSON',
      ['lenet', '--eval', 'not-json.json', '--data', 'small'],
      /^convlab lenet: not-json\.json: lenet model: not valid JSON/,
    ],
    [
      '--eval of another kind of file',
      ['lenet', '--eval', 'weights.json', '--data', 'small'],
      /^convlab lenet: weights\.json: lenet model: format/,
    ],
    [
      '--eval of a model with a wrong shape',
      ['lenet', '--eval', 'wrong-shape.json', '--data', 'small'],
      /^convlab lenet: wrong-shape\.json: lenet model: stateDict\["3\.weight"\]\.shape/,
    ],
    [
      '--eval with a training option',
      ['lenet', '--eval', 'model.json', '--epochs', '3'],
      /^convlab lenet: --eval takes only --data, not --epochs$/,
    ],
  ];

  it.each(cases)('%s', async (_, args, message) => {
    const before = temp.files();
    const labelsBefore = readFileSync(at('small', FASHION_MNIST_FILES.trainLabels));
    const { code, stdout, stderr } = await runCli(args, temp.dir);
    expect(stderr.trimEnd()).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(temp.files()).toEqual(before);
    expect(readFileSync(at('small', FASHION_MNIST_FILES.trainLabels))).toEqual(labelsBefore);
  });
});
