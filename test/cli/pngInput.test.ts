// PNG input: the size comes from the header and is checked before pixels are decoded, and a file
// that is not a readable PNG is named with what is wrong with it, never with pngjs's own words.
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LIMITS, overLimit } from '../../core/src/limits.ts';
import {
  PNG_SIGNATURE,
  ihdr,
  kernelWeightsText,
  pngChunk,
  runCli,
  runCliMeasured,
  stripes,
  writePng,
} from './helpers.ts';
import { tempDir } from './tempDir.ts';

const temp = tempDir();
const { at } = temp;

writeFileSync(at('edge.json'), kernelWeightsText([1, -1]));
writePng(at('stripes.png'), 16, 12, stripes(16));
const valid = readFileSync(at('stripes.png'));

/** A PNG whose header claims `width` x `height` and whose pixel data is a few compressed zeros. */
function headerBomb(width: number, height: number): Buffer {
  return Buffer.concat([
    PNG_SIGNATURE,
    ihdr(width, height),
    pngChunk('IDAT', deflateSync(Buffer.alloc(64))),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** The valid 16 x 12 stripes PNG with its chunks replaced after the header. */
function withChunks(...chunks: Buffer[]): Buffer {
  return Buffer.concat([valid.subarray(0, 33), ...chunks, pngChunk('IEND', new Uint8Array(0))]);
}

const apply = (input: string) => ['apply', '--input', input, '--weights', 'edge.json', '--out', 'map.png'];

function expectOneLineRefusal(result: { code: number; stdout: string; stderr: string }, message: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr.trimEnd()).toMatch(message);
  expect(result.stderr).not.toMatch(/waitng|waiting on finished stream|Crc error|Unsupported|Error:/);
  expect(temp.files()).not.toContain('map.png');
}

describe('a PNG whose header claims 32000 x 32000 (a header bomb)', () => {
  const bomb = headerBomb(32_000, 32_000);
  writeFileSync(at('bomb.png'), bomb);

  it(`is ${bomb.length} bytes, and apply refuses it from the header in under a second and 200 MiB`, async () => {
    // What starting the CLI costs where the test runs (Node, tsx): a refusal that reads no image.
    writeFileSync(at('text.png'), 'not an image');
    const start = await runCliMeasured(apply('text.png'), temp.dir);
    expect(start.code).toBe(2);
    const result = await runCliMeasured(apply('bomb.png'), temp.dir);
    expectOneLineRefusal(
      result,
      new RegExp(`^convlab apply: ${overLimit('inputSide', 'the width of bomb.png', 32_000)}$`),
    );
    // Before the header was read, pngjs allocated 32000 x 32000 x 4 bytes and ran for 15 s.
    expect(result.maxRssMiB).toBeLessThan(200);
    expect(result.ms - start.ms).toBeLessThan(1000);
  });

  it('train --input refuses it the same way, before any epoch', async () => {
    const result = await runCliMeasured(
      ['train', '--input', 'bomb.png', '--kernel', 'edge', '--out', 'w.json'],
      temp.dir,
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^convlab train: the width of bomb\.png is 32,000, over the limit of 2,048\n$/,
    );
    expect(result.maxRssMiB).toBeLessThan(200);
    expect(temp.files()).not.toContain('w.json');
  });

  it('an image within each side but over the values limit (2048 x 2048 with 3 channels) is refused too', async () => {
    const side = LIMITS.inputSide.max;
    writeFileSync(at('wide.png'), headerBomb(side, side));
    writeFileSync(at('rgb.json'), kernelWeightsText([1, -1, 1, -1, 1, -1], { inChannels: 3 }));
    const result = await runCli(
      ['apply', '--input', 'wide.png', '--weights', 'rgb.json', '--out', 'map.png'],
      temp.dir,
    );
    expectOneLineRefusal(
      result,
      /^convlab apply: the values in wide\.png \(3 x 2048 x 2048\) is 12,582,912, over the limit of 4,194,304$/,
    );
  });
});

describe('a file that is not a readable PNG is named with what is wrong', () => {
  const idat = valid.subarray(33, valid.length - 12);
  const cases: Array<[string, Buffer, RegExp]> = [
    [
      'cut short inside its header',
      valid.subarray(0, 20),
      /is a truncated PNG image: 20 bytes end inside its header$/,
    ],
    [
      'cut short in its pixel data',
      valid.subarray(0, valid.length - 20),
      /is a truncated PNG image: its IDAT chunk is cut short$/,
    ],
    [
      'missing its IEND chunk',
      valid.subarray(0, valid.length - 12),
      /is a truncated PNG image: it ends before its IEND chunk$/,
    ],
    [
      'a flipped byte in the pixel data (the checksum does not match)',
      Buffer.from(valid).fill(0x55, 45, 46),
      /is a damaged PNG image: its IDAT chunk does not match its checksum$/,
    ],
    [
      'pixel data that is not zlib (correct checksum)',
      withChunks(pngChunk('IDAT', Buffer.from('not compressed at all'))),
      /is a damaged PNG image: its pixel data is corrupt or incomplete$/,
    ],
    [
      // pngjs reports this one as "There are some read requests waitng on finished stream".
      'too little pixel data for its size (correct checksum)',
      withChunks(pngChunk('IDAT', deflateSync(Buffer.alloc(10)))),
      /is a damaged PNG image: its pixel data is corrupt or incomplete$/,
    ],
    [
      'a header with a colour type PNG does not define',
      Buffer.concat([valid.subarray(0, 25), Buffer.from([7]), valid.subarray(26)]),
      /is a damaged PNG image: its header gives colour type 7, bit depth 8, .*which PNG does not define$/,
    ],
    [
      'a header that is not IHDR',
      Buffer.concat([PNG_SIGNATURE, pngChunk('IDAT', idat), pngChunk('IEND', new Uint8Array(0))]),
      /is a damaged PNG image: it does not start with an IHDR header$/,
    ],
  ];
  for (const [what, bytes, message] of cases) {
    it(`${what}: exit 2, one line naming the file, nothing written`, async () => {
      const name = `${what.replace(/\W+/g, '-')}.png`;
      writeFileSync(at(name), bytes);
      const result = await runCli(apply(name), temp.dir);
      expectOneLineRefusal(
        result,
        new RegExp(`^convlab apply: ${name.replace(/[.()]/g, '\\$&')} ${message.source}`),
      );
    });
  }

  it(`a file over LIMITS.imageFileBytes is refused by its size before it is read`, async () => {
    writeFileSync(at('huge.png'), valid);
    truncateSync(at('huge.png'), LIMITS.imageFileBytes.max + 1); // sparse: nothing is written
    const result = await runCliMeasured(apply('huge.png'), temp.dir);
    expectOneLineRefusal(
      result,
      new RegExp(
        `^convlab apply: ${overLimit('imageFileBytes', 'the size in bytes of --input huge.png', LIMITS.imageFileBytes.max + 1)}$`,
      ),
    );
    expect(result.maxRssMiB).toBeLessThan(200);
  });
});
