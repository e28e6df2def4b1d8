// Which run a set of results belongs to: a 64-bit hash of the experiment with its epoch count left out
// (more epochs continue a run, anything else restarts it). Walked without building a string, so a
// Train press on a large input costs one pass over its numbers instead of a JSON text of them.

// FNV-1a twice over the same stream with different offsets: 64 bits, so two labs a user makes do not
// collide in practice; Math.imul keeps each hash a 32-bit integer.
const FNV_PRIME = 0x01000193;
const bits = new DataView(new ArrayBuffer(8));

class Hash {
  private a = 0x811c9dc5;
  private b = 0x050c5d1f;

  word(w: number): void {
    this.a = Math.imul(this.a ^ w, FNV_PRIME);
    this.b = Math.imul(this.b ^ (w >>> 16) ^ (w << 16), FNV_PRIME);
  }

  number(v: number): void {
    bits.setFloat64(0, v);
    this.word(bits.getUint32(0));
    this.word(bits.getUint32(4));
  }

  text(s: string): void {
    this.word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
  }

  hex(): string {
    return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
  }
}

// A tag per kind of value, so [1, 2] and {"1": 2} or "1" and 1 hash apart.
const TAG = { null: 1, boolean: 2, number: 3, string: 4, array: 5, object: 6, end: 7 } as const;

/** The run key of an experiment (any plain JSON value works): equal for experiments equal up to `epochs`. */
export function experimentKey(experiment: object): string {
  const hash = new Hash();
  const stack: unknown[] = [{ ...experiment, epochs: 0 }];
  const END = Symbol('end');
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === END) hash.word(TAG.end);
    else if (value === null || value === undefined) hash.word(TAG.null);
    else if (typeof value === 'boolean') hash.word(TAG.boolean + (value ? 16 : 0));
    else if (typeof value === 'number') {
      hash.word(TAG.number);
      hash.number(value);
    } else if (typeof value === 'string') {
      hash.word(TAG.string);
      hash.text(value);
    } else if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const items = value as ArrayLike<unknown>;
      hash.word(TAG.array);
      hash.word(items.length);
      let numbers = true;
      for (let i = 0; i < items.length && numbers; i++) numbers = typeof items[i] === 'number';
      if (numbers) {
        // The images and kernels: hashed in place, without a stack entry per value.
        for (let i = 0; i < items.length; i++) {
          hash.word(TAG.number);
          hash.number(items[i] as number);
        }
        hash.word(TAG.end);
        continue;
      }
      stack.push(END);
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
    } else {
      // Sorted, so the same experiment built in another key order has the same key.
      const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
      hash.word(TAG.object);
      stack.push(END);
      for (let i = entries.length - 1; i >= 0; i--) {
        stack.push(entries[i][1]);
        stack.push(entries[i][0]);
      }
    }
  }
  return hash.hex();
}
