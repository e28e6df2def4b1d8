// A 2-D image of numbers: the input the user draws, a kernel, a feature map. Values are row-major in a
// Float32Array (`data[row * width + col]`). Every edit returns a new Grid so that undo can keep the old
// one and Svelte can replace (not deep-track) the array.

export interface Grid {
  readonly height: number;
  readonly width: number;
  readonly data: Float32Array;
}

export function createGrid(height: number, width: number, fill = 0): Grid {
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) {
    throw new Error(`createGrid: size must be positive integers, got ${height} x ${width}`);
  }
  return { height, width, data: new Float32Array(height * width).fill(fill) };
}

export function gridFromRows(rows: readonly (readonly number[])[]): Grid {
  const height = rows.length;
  const width = height === 0 ? 0 : rows[0].length;
  if (height === 0 || width === 0 || rows.some((r) => r.length !== width)) {
    throw new Error(
      `gridFromRows: rows must be non-empty and of equal length, got ${rows.map((r) => r.length).join(', ')}`,
    );
  }
  const grid = createGrid(height, width);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) grid.data[r * width + c] = rows[r][c];
  return grid;
}

export function gridToRows(grid: Grid): number[][] {
  const rows: number[][] = [];
  for (let r = 0; r < grid.height; r++)
    rows.push(Array.from(grid.data.subarray(r * grid.width, (r + 1) * grid.width)));
  return rows;
}

export function setCell(grid: Grid, row: number, col: number, value: number): Grid {
  if (row < 0 || col < 0 || row >= grid.height || col >= grid.width) return grid;
  if (grid.data[row * grid.width + col] === Math.fround(value)) return grid;
  const data = Float32Array.from(grid.data);
  data[row * grid.width + col] = value;
  return { height: grid.height, width: grid.width, data };
}

export const clearGrid = (grid: Grid): Grid => createGrid(grid.height, grid.width);

/** 1 - v for images in [0, 1], so black strokes on white become white on black. */
export function invertGrid(grid: Grid): Grid {
  const data = new Float32Array(grid.data.length);
  for (let i = 0; i < data.length; i++) data[i] = 1 - grid.data[i];
  return { height: grid.height, width: grid.width, data };
}

export function transposeGrid(grid: Grid): Grid {
  const out = createGrid(grid.width, grid.height);
  for (let r = 0; r < grid.height; r++) {
    for (let c = 0; c < grid.width; c++) out.data[c * grid.height + r] = grid.data[r * grid.width + c];
  }
  return out;
}

/** Moves the image by (dRow, dCol) with wrap-around, so nothing the user drew is lost. */
export function shiftGrid(grid: Grid, dRow: number, dCol: number): Grid {
  const { height, width } = grid;
  const out = createGrid(height, width);
  for (let r = 0; r < height; r++) {
    const toRow = (((r + dRow) % height) + height) % height;
    for (let c = 0; c < width; c++) {
      const toCol = (((c + dCol) % width) + width) % width;
      out.data[toRow * width + toCol] = grid.data[r * width + c];
    }
  }
  return out;
}

/** The flipped kernel of a true convolution: rotated by 180 degrees. */
export function rotate180(grid: Grid): Grid {
  const data = Float32Array.from(grid.data).reverse();
  return { height: grid.height, width: grid.width, data };
}

/** Keeps the top-left corner, crops or pads with zeros to the new size. */
export function resizeGrid(grid: Grid, height: number, width: number): Grid {
  const out = createGrid(height, width);
  for (let r = 0; r < Math.min(height, grid.height); r++) {
    for (let c = 0; c < Math.min(width, grid.width); c++)
      out.data[r * width + c] = grid.data[r * grid.width + c];
  }
  return out;
}

export function gridsEqual(a: Grid, b: Grid): boolean {
  if (a.height !== b.height || a.width !== b.width) return false;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return true;
}
