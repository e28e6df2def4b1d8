// The pure idx reader: headers, exact lengths, and the one-line refusals for everything else.
import { describe, expect, it } from 'vitest';
import {
  encodeIdxImages,
  encodeIdxLabels,
  parseIdxImages,
  parseIdxLabels,
} from '../../../core/src/data/idx.ts';
import { FormatError } from '../../../core/src/formats/json.ts';

/** Big-endian header words then payload bytes, written out by hand so the test does not trust the encoder. */
function idxBytes(words: number[], payload: number[]): Uint8Array {
  const out = new Uint8Array(4 * words.length + payload.length);
  words.forEach((w, i) => {
    out[4 * i] = (w >>> 24) & 0xff;
    out[4 * i + 1] = (w >>> 16) & 0xff;
    out[4 * i + 2] = (w >>> 8) & 0xff;
    out[4 * i + 3] = w & 0xff;
  });
  out.set(payload, 4 * words.length);
  return out;
}

describe('parseIdxImages', () => {
  it('reads count, rows, cols and the pixels row-major after a 16-byte header', () => {
    const pixels = Array.from({ length: 2 * 3 * 2 }, (_, i) => i * 20);
    const images = parseIdxImages(idxBytes([0x803, 2, 3, 2], pixels));
    expect(images).toMatchObject({ count: 2, rows: 3, cols: 2 });
    expect(Array.from(images.pixels)).toEqual(pixels);
  });

  it('reads a header that is not at the start of its buffer (a subarray)', () => {
    const file = idxBytes([0x803, 1, 1, 2], [7, 9]);
    const padded = new Uint8Array(file.length + 5);
    padded.set(file, 5);
    expect(Array.from(parseIdxImages(padded.subarray(5)).pixels)).toEqual([7, 9]);
  });

  it('throws when the file is truncated, naming the bytes expected for the header counts', () => {
    const truncated = idxBytes([0x803, 60000, 28, 28], new Array(1000 - 16).fill(0));
    expect(() => parseIdxImages(truncated)).toThrow(
      new FormatError('idx images: expected 47040016 bytes for 60000 images of 28 x 28, got 1000'),
    );
  });

  it('throws when there are bytes after the last image', () => {
    expect(() => parseIdxImages(idxBytes([0x803, 1, 2, 2], [1, 2, 3, 4, 5]))).toThrow(
      'idx images: expected 20 bytes for 1 images of 2 x 2, got 21',
    );
  });

  it('throws when the magic is that of a labels file', () => {
    expect(() => parseIdxImages(idxBytes([0x801, 1], [3]))).toThrow(
      'idx images: expected at least 16 bytes for the idx3-ubyte header, got 9',
    );
    expect(() => parseIdxImages(idxBytes([0x801, 1, 1, 1], [3]))).toThrow(
      'idx images: magic number is 0x00000801, expected 0x00000803 (idx3-ubyte)',
    );
  });

  it('throws when the header is shorter than 16 bytes', () => {
    expect(() => parseIdxImages(new Uint8Array([0, 0, 8, 3, 0]))).toThrow(
      'idx images: expected at least 16 bytes for the idx3-ubyte header, got 5',
    );
  });

  it('throws when rows or cols is zero', () => {
    expect(() => parseIdxImages(idxBytes([0x803, 5, 0, 28], []))).toThrow(
      'idx images: images of 0 x 28 pixels have no pixels',
    );
  });

  it('throws for gzip-compressed bytes, which the caller must decompress', () => {
    expect(() => parseIdxImages(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]))).toThrow(
      'idx images: the bytes are gzip-compressed; decompress them before reading',
    );
  });

  it('accepts zero images when the file is exactly the header', () => {
    expect(parseIdxImages(idxBytes([0x803, 0, 28, 28], [])).count).toBe(0);
  });
});

describe('parseIdxLabels', () => {
  it('reads the count and one byte per label after an 8-byte header', () => {
    const labels = parseIdxLabels(idxBytes([0x801, 4], [9, 0, 0, 3]));
    expect(labels.count).toBe(4);
    expect(Array.from(labels.labels)).toEqual([9, 0, 0, 3]);
  });

  it('throws when the file is truncated', () => {
    expect(() => parseIdxLabels(idxBytes([0x801, 10000], [1, 2, 3]))).toThrow(
      new FormatError('idx labels: expected 10008 bytes for 10000 labels, got 11'),
    );
  });

  it('throws when the magic is that of an images file', () => {
    expect(() => parseIdxLabels(idxBytes([0x803, 0], []))).toThrow(
      'idx labels: magic number is 0x00000803, expected 0x00000801 (idx1-ubyte)',
    );
  });
});

describe('encodeIdxImages / encodeIdxLabels', () => {
  it('write the bytes the format specifies, which the readers read back', () => {
    const pixels = Uint8Array.from([0, 128, 255, 1, 2, 3]);
    const file = encodeIdxImages({ count: 3, rows: 1, cols: 2, pixels });
    expect(file).toEqual(idxBytes([0x803, 3, 1, 2], Array.from(pixels)));
    expect(encodeIdxLabels(Uint8Array.from([5, 6]))).toEqual(idxBytes([0x801, 2], [5, 6]));
  });

  it('throws when the pixels do not fill count x rows x cols', () => {
    expect(() => encodeIdxImages({ count: 2, rows: 2, cols: 2, pixels: new Uint8Array(7) })).toThrow(
      'idx images: 7 pixels do not fill 2 images of 2 x 2',
    );
  });
});
