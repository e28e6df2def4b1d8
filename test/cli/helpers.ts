// Running the real `convlab` binary (node core/cli/bin.mjs) in a temporary folder, and making PNGs.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import { serializeWeights, weightsFile, type WeightsFile } from '../../core/src/formats/index.ts';
import { notebookExperiment, type Layer } from '../../core/src/train/experiment.ts';

const BIN = fileURLToPath(new URL('../../core/cli/bin.mjs', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

export interface MeasuredCliResult extends CliResult {
  /** Peak resident memory of the CLI's process in MiB (its worker threads included). */
  maxRssMiB: number;
  /** Milliseconds from the process's start to its exit. */
  ms: number;
}

const MEASURE = fileURLToPath(new URL('./reportMaxRss.mjs', import.meta.url));

/** runCli, with the process's peak memory and run time as it measured them itself (reportMaxRss.mjs). */
export function runCliMeasured(args: string[], cwd: string): Promise<MeasuredCliResult> {
  const measureFile = join(mkdtempSync(join(tmpdir(), 'convlab-measure-')), 'measure.json');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', MEASURE, BIN, ...args],
      { cwd, timeout: 60_000, env: { ...process.env, CONVLAB_MEASURE_FILE: measureFile } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        let measure = { maxRssKiB: Number.NaN, ms: Number.NaN };
        try {
          measure = JSON.parse(readFileSync(measureFile, 'utf8')) as typeof measure;
        } catch {
          // Killed before exiting normally: the measure stays NaN and the test's bounds fail.
        }
        rmSync(dirname(measureFile), { recursive: true, force: true });
        resolve({ code, stdout, stderr, maxRssMiB: measure.maxRssKiB / 1024, ms: measure.ms });
      },
    );
  });
}

export interface TempDir {
  dir: string;
  /** A path inside the folder. */
  at: (...parts: string[]) => string;
  files: () => string[];
  remove: () => void;
}

export function makeTempDir(): TempDir {
  const dir = mkdtempSync(join(tmpdir(), 'convlab-cli-'));
  return {
    dir,
    at: (...parts) => join(dir, ...parts),
    files: () => readdirSync(dir).sort(),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A grayscale PNG whose pixel (x, y) has level `level(x, y)` in 0..255. */
export function writePng(
  path: string,
  width: number,
  height: number,
  level: (x: number, y: number) => number,
): void {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 4 * (y * width + x);
      png.data[i] = png.data[i + 1] = png.data[i + 2] = level(x, y);
      png.data[i + 3] = 255;
    }
  }
  writeFileSync(path, PNG.sync.write(png));
}

/** The textbook's stripes, scaled up: white (255) except columns [width/4, 3width/4) black. */
export const stripes = (width: number) => (x: number) => (x >= width / 4 && x < (3 * width) / 4 ? 0 : 255);

/** One PNG chunk: length, type, data, CRC-32 of type and data (PNG spec, 5.3). */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An IHDR chunk for an 8-bit grayscale (colour type 0), non-interlaced image. */
export function ihdr(width: number, height: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = 8; // bit depth
  data[9] = 0; // colour type: grayscale
  return pngChunk('IHDR', data);
}

/**
 * A weights file holding `weight` (row-major) for the notebook's layer with `layer` changed, as if
 * trained for 0 epochs: what `apply --weights` and `train --kernel weights.json` read.
 */
export function kernelWeights(
  weight: number[],
  layer: Partial<Layer> = {},
  bias: number[] | null = null,
): WeightsFile {
  return weightsFile({
    layer: { ...notebookExperiment().layer, ...layer },
    weight,
    bias,
    optimizer: { kind: 'sgd', lr: 0.03 },
    loss: 'sum-squared',
    epochs: 0,
    seed: null,
    lossHistory: [],
    targetKernel: null,
    app: { name: 'ConvLab', version: 'test' },
  });
}

/** `kernelWeights` as the file's text. */
export const kernelWeightsText = (...args: Parameters<typeof kernelWeights>): string =>
  serializeWeights(kernelWeights(...args));
