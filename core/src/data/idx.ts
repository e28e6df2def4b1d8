// The idx file format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/): a big-endian
// header (magic, then one 32-bit count per dimension) followed by the values, row-major. Only the
// two kinds those data sets use are read: idx3-ubyte images (magic 0x00000803: count, rows, cols,
// then count x rows x cols bytes) and idx1-ubyte labels (magic 0x00000801: count, then count bytes).
// Bytes in, typed arrays out: gzip is undone by the caller (node:zlib in the CLI, DecompressionStream
// in the renderer), so this file needs neither Node nor the DOM.
import { FormatError } from '../formats/json.ts';

export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;

const IMAGES_HEADER_BYTES = 16;
const LABELS_HEADER_BYTES = 8;

/** Images as stored: `pixels` is count x rows x cols bytes (0 to 255), row-major, one image after another. */
export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  pixels: Uint8Array;
}

/** Labels as stored: one byte per example. */
export interface IdxLabels {
  count: number;
  labels: Uint8Array;
}

/** True for bytes that start with gzip's magic (1f 8b): the caller must decompress them first. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Reads an idx3-ubyte images file. `pixels` is a view into `bytes` (no copy). Throws FormatError
 * (`idx images: ...`) for another magic, a zero dimension, or a length that is not exactly header +
 * count x rows x cols bytes.
 */
export function parseIdxImages(bytes: Uint8Array): IdxImages {
  const label = 'idx images';
  checkHeader(label, bytes, IMAGES_HEADER_BYTES, IDX_IMAGES_MAGIC, 'idx3-ubyte');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4);
  const rows = view.getUint32(8);
  const cols = view.getUint32(12);
  if (rows === 0 || cols === 0) {
    throw new FormatError(`${label}: images of ${rows} x ${cols} pixels have no pixels`);
  }
  // In doubles: exact below 2^53, and a product beyond that can never equal a real length anyway.
  const expected = IMAGES_HEADER_BYTES + count * rows * cols;
  if (bytes.length !== expected) {
    throw new FormatError(
      `${label}: expected ${expected} bytes for ${count} images of ${rows} x ${cols}, got ${bytes.length}`,
    );
  }
  return { count, rows, cols, pixels: bytes.subarray(IMAGES_HEADER_BYTES) };
}

/** Reads an idx1-ubyte labels file; `labels` is a view into `bytes`. Throws FormatError (`idx labels: ...`). */
export function parseIdxLabels(bytes: Uint8Array): IdxLabels {
  const label = 'idx labels';
  checkHeader(label, bytes, LABELS_HEADER_BYTES, IDX_LABELS_MAGIC, 'idx1-ubyte');
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4);
  const expected = LABELS_HEADER_BYTES + count;
  if (bytes.length !== expected) {
    throw new FormatError(`${label}: expected ${expected} bytes for ${count} labels, got ${bytes.length}`);
  }
  return { count, labels: bytes.subarray(LABELS_HEADER_BYTES) };
}

/** An idx3-ubyte file of `count` images of rows x cols (`pixels` row-major, one byte each). */
export function encodeIdxImages(images: IdxImages): Uint8Array {
  const { count, rows, cols, pixels } = images;
  if (pixels.length !== count * rows * cols) {
    throw new FormatError(
      `idx images: ${pixels.length} pixels do not fill ${count} images of ${rows} x ${cols}`,
    );
  }
  const out = new Uint8Array(IMAGES_HEADER_BYTES + pixels.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, IDX_IMAGES_MAGIC);
  view.setUint32(4, count);
  view.setUint32(8, rows);
  view.setUint32(12, cols);
  out.set(pixels, IMAGES_HEADER_BYTES);
  return out;
}

/** An idx1-ubyte file holding `labels`. */
export function encodeIdxLabels(labels: Uint8Array): Uint8Array {
  const out = new Uint8Array(LABELS_HEADER_BYTES + labels.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, IDX_LABELS_MAGIC);
  view.setUint32(4, labels.length);
  out.set(labels, LABELS_HEADER_BYTES);
  return out;
}

function checkHeader(label: string, bytes: Uint8Array, headerBytes: number, magic: number, kind: string) {
  if (!(bytes instanceof Uint8Array)) {
    throw new FormatError(`${label}: expected bytes (a Uint8Array), got ${typeof bytes}`);
  }
  if (isGzip(bytes)) {
    throw new FormatError(`${label}: the bytes are gzip-compressed; decompress them before reading`);
  }
  if (bytes.length < headerBytes) {
    throw new FormatError(
      `${label}: expected at least ${headerBytes} bytes for the ${kind} header, got ${bytes.length}`,
    );
  }
  const found = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  if (found !== magic) {
    throw new FormatError(`${label}: magic number is ${hex(found)}, expected ${hex(magic)} (${kind})`);
  }
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
