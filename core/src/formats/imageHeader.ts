// An image's width and height read from its header, before anything decodes it: a 99-byte PNG can
// claim 32000 x 32000 pixels, and a decoder would allocate 4 GB to find out. Pure (bytes in, numbers
// out, no DOM or Node APIs), so the lab and the CLI check images the same way.
//   PNG:  8-byte signature, then the IHDR chunk: length, "IHDR", width and height as big-endian u32.
//   JPEG: FF D8, then segments FF xx [u16 length] until a start-of-frame (SOF0-15 except DHT C4,
//         JPG C8, DAC CC): precision u8, height u16, width u16 (big-endian).
//   WebP: "RIFF" size "WEBP", then the first chunk: "VP8 " (key frame: 3-byte tag, 9D 01 2A, width and
//         height as little-endian u16 with 14 significant bits), "VP8L" (0x2F, then width-1 and
//         height-1 in 14 bits each, little-endian), or "VP8X" (canvas width-1 and height-1 as
//         little-endian u24 at offsets 24 and 27).

export type ImageFormat = 'png' | 'jpeg' | 'webp';

export interface ImageSize {
  format: ImageFormat;
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const ascii = (bytes: Uint8Array, at: number, text: string): boolean => {
  if (at + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

const u16be = (b: Uint8Array, at: number): number => (b[at] << 8) | b[at + 1];
const u16le = (b: Uint8Array, at: number): number => b[at] | (b[at + 1] << 8);
const u24le = (b: Uint8Array, at: number): number => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
// `>>> 0` keeps the top bit of a u32 from making the number negative.
const u32be = (b: Uint8Array, at: number): number =>
  ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;

/**
 * The size a PNG, JPEG or WebP header states, or null when `bytes` (the file's start) is none of
 * them, is cut short before the size, or states a zero size.
 */
export function readImageSize(bytes: Uint8Array): ImageSize | null {
  const size = pngSize(bytes) ?? jpegSize(bytes) ?? webpSize(bytes);
  return size !== null && size.width > 0 && size.height > 0 ? size : null;
}

function pngSize(b: Uint8Array): ImageSize | null {
  if (b.length < 24 || PNG_SIGNATURE.some((v, i) => b[i] !== v) || !ascii(b, 12, 'IHDR')) return null;
  return { format: 'png', width: u32be(b, 16), height: u32be(b, 20) };
}

/** Start-of-frame markers: C0-CF except C4 (Huffman tables), C8 (reserved) and CC (arithmetic tables). */
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpegSize(b: Uint8Array): ImageSize | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1];
    if (marker === 0xff) {
      at++; // a fill byte before the marker
      continue;
    }
    // Markers without a length: TEM, RST0-7, SOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image, or scan data before any frame
    const length = u16be(b, at + 2);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      if (at + 9 > b.length) return null;
      return { format: 'jpeg', height: u16be(b, at + 5), width: u16be(b, at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

function webpSize(b: Uint8Array): ImageSize | null {
  if (!ascii(b, 0, 'RIFF') || !ascii(b, 8, 'WEBP')) return null;
  if (ascii(b, 12, 'VP8 ')) {
    if (b.length < 30 || b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    return { format: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (ascii(b, 12, 'VP8L')) {
    if (b.length < 25 || b[20] !== 0x2f) return null;
    const bits = (b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24)) >>> 0;
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (ascii(b, 12, 'VP8X')) {
    if (b.length < 30) return null;
    return { format: 'webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  }
  return null;
}
