// Image sizes read from headers before decoding. PNGs come from pngjs (a real encoder); JPEG and WebP
// headers are laid out byte by byte as their specifications give them (ITU T.81 B.2.2; RFC 9649).
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { readImageSize } from '../../../core/src/formats/imageHeader.ts';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const be16 = (v: number) => [v >> 8, v & 0xff];
const le16 = (v: number) => [v & 0xff, v >> 8];
const le24 = (v: number) => [v & 0xff, (v >> 8) & 0xff, v >> 16];

/** SOI, a JFIF APP0 segment, then a start-of-frame `marker` for `height` x `width`, one component. */
const jpeg = (marker: number, height: number, width: number, fill = false) =>
  bytes(
    [0xff, 0xd8],
    [0xff, 0xe0, ...be16(16)],
    'JFIF',
    [0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
    fill ? [0xff, 0xff] : [],
    [0xff, marker, ...be16(11), 8, ...be16(height), ...be16(width), 1, 1, 0x11, 0],
  );

/** The 99-byte bomb: a valid PNG header claiming 32000 x 32000. */
function pngBomb(): Uint8Array {
  const small = PNG.sync.write(new PNG({ width: 1, height: 1 }));
  const bomb = Uint8Array.from(small);
  new DataView(bomb.buffer).setUint32(16, 32000);
  new DataView(bomb.buffer).setUint32(20, 32000);
  return bomb;
}

describe('readImageSize', () => {
  it('PNG 37 x 19 from pngjs', () => {
    const png = PNG.sync.write(new PNG({ width: 37, height: 19 }));
    expect(readImageSize(png)).toEqual({ format: 'png', width: 37, height: 19 });
  });

  it('the PNG header bomb states 32000 x 32000 in under 100 bytes', () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(100);
    expect(readImageSize(bomb)).toEqual({ format: 'png', width: 32000, height: 32000 });
  });

  it('JPEG baseline (SOF0) and progressive (SOF2) frames, and fill bytes before a marker', () => {
    expect(readImageSize(jpeg(0xc0, 19, 37))).toEqual({ format: 'jpeg', width: 37, height: 19 });
    expect(readImageSize(jpeg(0xc2, 4000, 3000))).toEqual({ format: 'jpeg', width: 3000, height: 4000 });
    expect(readImageSize(jpeg(0xc0, 19, 37, true))).toEqual({ format: 'jpeg', width: 37, height: 19 });
  });

  it('JPEG: a Huffman table segment (C4) is skipped, not read as a frame', () => {
    const dht = [0xff, 0xc4, ...be16(4), 0, 0];
    const file = jpeg(0xc0, 5, 6);
    const withTable = bytes([...file.slice(0, 20)], dht, [...file.slice(20)]);
    expect(readImageSize(withTable)).toEqual({ format: 'jpeg', width: 6, height: 5 });
  });

  it('WebP lossy (VP8), lossless (VP8L) and extended (VP8X)', () => {
    const vp8 = bytes(
      'RIFF',
      [0, 0, 0, 0],
      'WEBP',
      'VP8 ',
      [0, 0, 0, 0],
      [0, 0, 0],
      [0x9d, 0x01, 0x2a],
      le16(37),
      le16(19),
    );
    expect(readImageSize(vp8)).toEqual({ format: 'webp', width: 37, height: 19 });
    // VP8L: 14 bits width-1, then 14 bits height-1, little-endian.
    const bits = (37 - 1) | ((19 - 1) << 14);
    const vp8l = bytes(
      'RIFF',
      [0, 0, 0, 0],
      'WEBP',
      'VP8L',
      [0, 0, 0, 0],
      [0x2f],
      [bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, bits >>> 24],
    );
    expect(readImageSize(vp8l)).toEqual({ format: 'webp', width: 37, height: 19 });
    const vp8x = bytes(
      'RIFF',
      [0, 0, 0, 0],
      'WEBP',
      'VP8X',
      [10, 0, 0, 0],
      [0, 0, 0, 0],
      le24(32000 - 1),
      le24(19 - 1),
    );
    expect(readImageSize(vp8x)).toEqual({ format: 'webp', width: 32000, height: 19 });
  });

  it('null for other bytes, a header cut short, or a zero size', () => {
    expect(readImageSize(bytes('GIF89a', [1, 0, 1, 0]))).toBeNull();
    expect(readImageSize(pngBomb().slice(0, 20))).toBeNull();
    expect(readImageSize(jpeg(0xc0, 19, 37).slice(0, 24))).toBeNull();
    expect(readImageSize(jpeg(0xc0, 0, 37))).toBeNull();
    expect(readImageSize(new Uint8Array(0))).toBeNull();
  });
});
