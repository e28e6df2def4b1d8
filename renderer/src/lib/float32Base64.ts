// Float32 values as base64 of their little-endian bytes: the autosave's form of a loss history, 5.3
// characters a value instead of ~20 for a float64 decimal, and exact for the float32 losses the
// trainer reports. Uses btoa/atob only (present in browsers and Node), in chunks so that a long
// history never builds one huge argument list.

const CHUNK = 0x8000;

export function encodeFloat32(values: ArrayLike<number>): string {
  const floats = Float32Array.from(values as ArrayLike<number>);
  // Little-endian explicitly: the stored text must read back the same on any machine.
  const bytes = new Uint8Array(floats.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < floats.length; i++) view.setFloat32(4 * i, floats[i], true);
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** The values in `text`, or null when it is not base64 of a whole number of float32 values. */
export function decodeFloat32(text: string): number[] | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  if (binary.length % 4 !== 0) return null;
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Array<number>(binary.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}
