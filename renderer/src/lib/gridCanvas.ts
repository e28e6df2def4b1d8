// Grids too large for one element per cell are drawn on a canvas (as setosa.io's image kernels do):
// the cells' colours go into one ImageData at one pixel per cell, scaled up without smoothing, and the
// lines between cells are drawn on top. The page keeps only the few elements that explain one cell.

/** More cells than this and a grid is drawn on a canvas instead of as one element per cell. */
export const CANVAS_CELL_THRESHOLD = 1024;

export const drawsOnCanvas = (height: number, width: number): boolean =>
  height * width > CANVAS_CELL_THRESHOLD;

/** Where the cells of a canvas grid lie, in CSS pixels. */
export interface CanvasLayout {
  readonly rows: number;
  readonly cols: number;
  /** Edge of one cell. */
  readonly cell: number;
  /** Line between cells (and around the grid): 1, or 0 once cells are too small to spare a pixel. */
  readonly gap: number;
  readonly width: number;
  readonly height: number;
}

/** Cells of at least `minCell` pixels (2 keeps a 192 x 192 map readable), at most `maxCell`, the grid within `maxExtent`. */
export function canvasLayout(
  rows: number,
  cols: number,
  maxCell: number,
  maxExtent: number,
  minCell = 2,
): CanvasLayout {
  const longest = Math.max(rows, cols);
  const withGap = Math.floor((maxExtent - 1) / longest) - 1;
  const gap = withGap >= 5 ? 1 : 0;
  const cell = Math.max(minCell, Math.min(maxCell, gap ? withGap : Math.floor(maxExtent / longest)));
  return { rows, cols, cell, gap, width: cols * (cell + gap) + gap, height: rows * (cell + gap) + gap };
}

/** The cell under a point (CSS pixels from the canvas's top-left corner), or null on a line or outside. */
export function cellAtPoint(layout: CanvasLayout, x: number, y: number): { row: number; col: number } | null {
  const pitch = layout.cell + layout.gap;
  const col = Math.floor((x - layout.gap) / pitch);
  const row = Math.floor((y - layout.gap) / pitch);
  if (row < 0 || col < 0 || row >= layout.rows || col >= layout.cols) return null;
  return { row, col };
}

/** The top-left corner of a cell, in CSS pixels. */
export function cellOrigin(layout: CanvasLayout, row: number, col: number): { x: number; y: number } {
  const pitch = layout.cell + layout.gap;
  return { x: layout.gap + col * pitch, y: layout.gap + row * pitch };
}

/**
 * Sizes the canvas for the layout at the screen's pixel ratio and returns its 2-D context with CSS
 * pixels as units, or null where there is no canvas (jsdom).
 */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  layout: CanvasLayout,
): CanvasRenderingContext2D | null {
  const ratio = Math.max(1, Math.round(globalThis.devicePixelRatio || 1));
  if (canvas.width !== layout.width * ratio) canvas.width = layout.width * ratio;
  if (canvas.height !== layout.height * ratio) canvas.height = layout.height * ratio;
  let context: CanvasRenderingContext2D | null;
  try {
    context = canvas.getContext('2d');
  } catch {
    return null; // jsdom without the canvas package throws "not implemented"
  }
  if (!context) return null;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, layout.width, layout.height);
  return context;
}

/** Clears a canvas at whatever size it has (nothing where there is no canvas, as in jsdom). */
export function clearCanvas(canvas: HTMLCanvasElement): void {
  let context: CanvasRenderingContext2D | null;
  try {
    context = canvas.getContext('2d');
  } catch {
    return;
  }
  context?.setTransform(1, 0, 0, 1, 0, 0);
  context?.clearRect(0, 0, canvas.width, canvas.height);
}

/** One off-screen canvas, reused: creating a canvas and its context per paint costs more than the paint. */
let scratch: { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D | null } | null = null;

function scratchCanvas(
  width: number,
  height: number,
): { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D | null } {
  if (scratch === null) {
    const canvas = document.createElement('canvas');
    scratch = { canvas, context: canvas.getContext('2d') };
  }
  // Growing only: the paint reads back just its top-left `width` x `height` pixels.
  if (scratch.canvas.width < width || scratch.canvas.height < height) {
    scratch.canvas.width = Math.max(width, scratch.canvas.width);
    scratch.canvas.height = Math.max(height, scratch.canvas.height);
    scratch.context = scratch.canvas.getContext('2d');
  }
  return scratch;
}

/**
 * Paints every cell and the lines between them in `lineColor`. `writeColor(index, pixels, offset)`
 * writes cell `index`'s RGB (row-major index) at `pixels[offset..offset + 2]`, or returns false to leave
 * it transparent. One pass over the cells into an RGBA ImageData (4 bytes per cell, row-major like the
 * grid, nothing allocated per cell), then one scaled draw: 36,864 cells take about a millisecond.
 */
export function paintCells(
  context: CanvasRenderingContext2D,
  layout: CanvasLayout,
  writeColor: (index: number, pixels: Uint8ClampedArray, offset: number) => boolean,
  lineColor: string,
): void {
  const { rows, cols, cell, gap, width, height } = layout;
  const image = new ImageData(cols, rows);
  const pixels = image.data;
  for (let i = 0, n = rows * cols; i < n; i++) {
    if (writeColor(i, pixels, 4 * i)) pixels[4 * i + 3] = 255;
  }
  const source = scratchCanvas(cols, rows);
  source.context?.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = false;
  const pitch = cell + gap;
  // Each cell scaled to a whole pitch, then the lines drawn over the first pixel row and column of
  // each: the cells keep `cell` pixels and no per-cell call is made.
  context.drawImage(source.canvas, 0, 0, cols, rows, gap, gap, cols * pitch, rows * pitch);
  if (gap > 0) {
    context.fillStyle = lineColor;
    for (let c = 0; c <= cols; c++) context.fillRect(c * pitch, 0, gap, height);
    for (let r = 0; r <= rows; r++) context.fillRect(0, r * pitch, width, gap);
  }
}

/** Outlines and tints the cells in `indices` as the DOM grid's `.lit` cells are. */
export function paintHighlight(
  context: CanvasRenderingContext2D,
  layout: CanvasLayout,
  indices: Iterable<number>,
  color: string,
): void {
  const { cell } = layout;
  context.fillStyle = color;
  context.strokeStyle = color;
  const line = Math.min(2, Math.max(1, Math.floor(cell / 4)));
  context.lineWidth = line;
  for (const index of indices) {
    const row = Math.floor(index / layout.cols);
    const col = index % layout.cols;
    if (row >= layout.rows) continue;
    const { x, y } = cellOrigin(layout, row, col);
    context.globalAlpha = 0.3;
    context.fillRect(x, y, cell, cell);
    context.globalAlpha = 1;
    if (cell >= 4) context.strokeRect(x + line / 2, y + line / 2, cell - line, cell - line);
  }
}

/** Theme colours read so far, by property name; emptied when the system theme changes. */
const themeColors = new Map<string, string>();
let watchingTheme = false;

/** A theme colour (a CSS custom property of the root, where app.css defines them), or `fallback`. */
export function readThemeColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/**
 * `readThemeColor`, cached: reading a computed style in the middle of an update forces a style recalculation, which on a
 * page this size costs more than painting the whole canvas.
 */
export function themeColor(name: string, fallback: string): string {
  const known = themeColors.get(name);
  if (known !== undefined) return known;
  if (!watchingTheme) {
    watchingTheme = true;
    globalThis
      .matchMedia?.('(prefers-color-scheme: dark)')
      .addEventListener?.('change', () => themeColors.clear());
  }
  const value = readThemeColor(name, fallback);
  themeColors.set(name, value);
  return value;
}

/** Where the input lies in a padded plane, in cells: `height` x `width` cells from (`top`, `left`). */
export interface InputBounds {
  readonly top: number;
  readonly left: number;
  readonly height: number;
  readonly width: number;
}

/**
 * Marks the padding ring of a padded plane as the DOM grid's hatched cells are: a veil of `surface` over
 * every ring cell (four bands around the input), then a dashed line in `edge` along the input's border.
 */
export function paintRing(
  context: CanvasRenderingContext2D,
  layout: CanvasLayout,
  input: InputBounds,
  surface: string,
  edge: string,
): void {
  const from = cellOrigin(layout, input.top, input.left);
  const to = cellOrigin(layout, input.top + input.height, input.left + input.width);
  context.globalAlpha = 0.45;
  context.fillStyle = surface;
  context.fillRect(0, 0, layout.width, from.y);
  context.fillRect(0, to.y, layout.width, layout.height - to.y);
  context.fillRect(0, from.y, from.x, to.y - from.y);
  context.fillRect(to.x, from.y, layout.width - to.x, to.y - from.y);
  context.globalAlpha = 1;
  context.strokeStyle = edge;
  context.lineWidth = layout.cell >= 4 ? 2 : 1;
  context.setLineDash([4, 3]);
  context.strokeRect(from.x - layout.gap / 2, from.y - layout.gap / 2, to.x - from.x, to.y - from.y);
  context.setLineDash([]);
}
