// Float32 values as text 15 bits a character: the autosave's form of a loss history. localStorage
// counts UTF-16 code units (Chromium holds 5,242,880 of them per origin), so a value costs 2.13
// characters here against 5.33 in base64 and ~20 as a float64 decimal: a run of the most epochs
// allowed (1,000,000: 2.1 million characters) fits, twice over while two windows keep their copies.
// Each character is 0x4000 plus 15 bits, so it is never a surrogate (0xD800-0xDFFF), a control
// character or a quote: JSON writes it as it is and storage keeps it exactly.
// Layout: the values' little-endian bytes as one bit stream, most significant bit of each byte first,
// cut into 15-bit groups; the last group is padded with zero bits. The count is floor(15 n / 32).

const BASE = 0x4000;
const BITS = 15;
const MASK = (1 << BITS) - 1;

export function encodeFloat32(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i], true);
  const codes = new Uint16Array(Math.ceil((bytes.length * 8) / BITS));
  let buffer = 0; // the bits not yet written: fewer than 15 before a byte is added
  let pending = 0;
  let out = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    pending += 8;
    if (pending >= BITS) {
      pending -= BITS;
      codes[out++] = BASE + ((buffer >>> pending) & MASK);
      buffer &= (1 << pending) - 1;
    }
  }
  if (pending > 0) codes[out] = BASE + ((buffer << (BITS - pending)) & MASK);
  // In chunks: one call per 32,768 characters keeps the argument list small.
  let text = '';
  for (let i = 0; i < codes.length; i += 0x8000)
    text += String.fromCharCode(...codes.subarray(i, i + 0x8000));
  return text;
}

/** The values in `text`, or null when it is not what encodeFloat32 writes (a character out of range, a length or padding that no count gives). */
export function decodeFloat32(text: string): number[] | null {
  const count = Math.floor((text.length * BITS) / 32);
  // Exactly as many characters as the encoder writes for `count` values.
  if (text.length !== Math.ceil((count * 32) / BITS)) return null;
  const bytes = new Uint8Array(count * 4);
  let buffer = 0;
  let pending = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i) - BASE;
    if (code < 0 || code > MASK) return null;
    buffer = ((buffer << BITS) | code) & 0x7fffff; // at most 7 + 15 = 22 bits are ever pending
    pending += BITS;
    while (pending >= 8 && at < bytes.length) {
      pending -= 8;
      bytes[at++] = (buffer >>> pending) & 0xff;
    }
  }
  // What is left is the last character's padding: fewer than 15 bits, all zero.
  if ((buffer & ((1 << pending) - 1)) !== 0) return null;
  const view = new DataView(bytes.buffer);
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}
