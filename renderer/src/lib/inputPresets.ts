// Ready-made inputs. "Stripes" is the textbook's X: 6 x 8 ones with columns 2 to 5 zero.
import { createGrid, gridsEqual, transposeGrid, type Grid } from './grid.ts';

export interface InputPreset {
  id: string;
  label: string;
  make: (height: number, width: number, seed: number) => Grid;
}

function fromFunction(height: number, width: number, f: (r: number, c: number) => number): Grid {
  const g = createGrid(height, width);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) g.data[r * width + c] = f(r, c);
  return g;
}

/** The textbook's X scaled to any width: a dark band in the middle half. */
export function stripes(height: number, width: number): Grid {
  const start = Math.round(width / 4);
  const end = Math.round((3 * width) / 4);
  return fromFunction(height, width, (_r, c) => (c >= start && c < end ? 0 : 1));
}

/** Mulberry32: a tiny seeded generator so that "noise, seed 7" is the same image every time. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// 5 x 7 bitmaps, scaled to the grid by nearest neighbour.
const DIGITS: Record<string, string[]> = {
  '0': ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  '1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  '3': ['11110', '00001', '00001', '01110', '00001', '00001', '11110'],
  '7': ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
};

function digit(name: string, height: number, width: number): Grid {
  const bitmap = DIGITS[name];
  // A one-cell margin around the glyph when the grid has room for it.
  const margin = height >= 9 && width >= 7 ? 1 : 0;
  const h = height - 2 * margin;
  const w = width - 2 * margin;
  return fromFunction(height, width, (r, c) => {
    const y = r - margin;
    const x = c - margin;
    if (y < 0 || x < 0 || y >= h || x >= w) return 0;
    return bitmap[Math.floor((y * 7) / h)][Math.floor((x * 5) / w)] === '1' ? 1 : 0;
  });
}

export const INPUT_PRESETS: readonly InputPreset[] = [
  { id: 'stripes', label: 'Textbook stripes', make: (h, w) => stripes(h, w) },
  { id: 'stripes-t', label: 'Stripes, transposed', make: (h, w) => transposeGrid(stripes(w, h)) },
  {
    id: 'diagonal',
    label: 'Diagonal edge',
    make: (h, w) => fromFunction(h, w, (r, c) => (c / Math.max(1, w - 1) >= r / Math.max(1, h - 1) ? 1 : 0)),
  },
  {
    id: 'checkerboard',
    label: 'Checkerboard',
    make: (h, w) => {
      const cell = Math.max(1, Math.round(Math.min(h, w) / 8));
      return fromFunction(h, w, (r, c) => (Math.floor(r / cell) + Math.floor(c / cell)) % 2);
    },
  },
  {
    id: 'circle',
    label: 'Circle',
    make: (h, w) => {
      const radius = Math.min(h, w) * 0.35;
      return fromFunction(h, w, (r, c) => (Math.hypot(r + 0.5 - h / 2, c + 0.5 - w / 2) <= radius ? 1 : 0));
    },
  },
  {
    id: 'gradient',
    label: 'Gradient',
    make: (h, w) => fromFunction(h, w, (_r, c) => (w === 1 ? 0 : c / (w - 1))),
  },
  {
    id: 'noise',
    label: 'Seeded noise',
    make: (h, w, seed) => {
      const next = mulberry32(seed);
      return fromFunction(h, w, () => Math.round(next() * 100) / 100);
    },
  },
  ...Object.keys(DIGITS).map((d) => ({
    id: `digit-${d}`,
    label: `Digit ${d}`,
    make: (h: number, w: number) => digit(d, h, w),
  })),
];

export function inputPreset(id: string): InputPreset {
  const preset = INPUT_PRESETS.find((p) => p.id === id);
  if (preset === undefined) throw new Error(`inputPreset: no preset "${id}"`);
  return preset;
}

/** The preset `input` equals at its own size (noise drawn from `seed`), or null for an edited image. */
export function matchingInputPreset(input: Grid, seed: number): string | null {
  const match = INPUT_PRESETS.find((p) => gridsEqual(p.make(input.height, input.width, seed), input));
  return match?.id ?? null;
}
