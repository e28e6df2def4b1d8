// The layer-stack panel's model: every layer's shape, and the receptive field of the selected output
// cell at every level, laid out with each level's padding ring.
import {
  layerStackShapes,
  receptiveFieldSize,
  traceReceptiveField,
  type LayerShape,
  type LayerSpec,
  type TraceLevel,
} from '../../../../core/src/explain/index.ts';
import { errorMessage } from '../shared/data.ts';

export interface LevelView {
  readonly title: string;
  readonly height: number;
  readonly width: number;
  /** Padding drawn around the level (that of the layer reading it). */
  readonly padTop: number;
  readonly padLeft: number;
  readonly padBottom: number;
  readonly padRight: number;
  /** Row-major over the padded extent: 0 outside the field, 1 in it, 2 a padding cell in it. */
  readonly marks: Uint8Array;
  readonly summary: string;
}

export interface LayerStackModel {
  readonly shapes: LayerShape[];
  readonly levels: LevelView[];
  readonly selected: { row: number; col: number };
  readonly fieldSize: [number, number];
}

function levelView(trace: TraceLevel, title: string, shape: LayerShape | null): LevelView {
  const g = shape?.geometry;
  const padTop = g?.padTop ?? 0;
  const padLeft = g?.padLeft ?? 0;
  const padBottom = g?.padBottom ?? 0;
  const padRight = g?.padRight ?? 0;
  const width = trace.width + padLeft + padRight;
  const marks = new Uint8Array((trace.height + padTop + padBottom) * width);
  let padding = 0;
  for (const cell of trace.cells) {
    marks[(cell.row + padTop) * width + cell.col + padLeft] = cell.isPadding ? 2 : 1;
    if (cell.isPadding) padding++;
  }
  const real = trace.cells.length - padding;
  const b = trace.bounds;
  const where = b ? ` (rows ${b.top}–${b.bottom}, columns ${b.left}–${b.right})` : '';
  const summary = `${title}, ${trace.height}×${trace.width}: ${real} cell${real === 1 ? '' : 's'} in the field${where}${padding > 0 ? `, and ${padding} padding cell${padding === 1 ? '' : 's'}` : ''}.`;
  return {
    title,
    height: trace.height,
    width: trace.width,
    padTop,
    padLeft,
    padBottom,
    padRight,
    marks,
    summary,
  };
}

/** The model for a stack over an input, tracing output cell `selected` of the last layer (clamped into range). */
export function layerStackModel(
  inputHeight: number,
  inputWidth: number,
  layers: readonly LayerSpec[],
  selected: { row: number; col: number } = { row: 0, col: 0 },
): { model: LayerStackModel; error: null } | { model: null; error: string } {
  try {
    const shapes = layerStackShapes(inputHeight, inputWidth, layers);
    const last = shapes[shapes.length - 1].geometry;
    const row = Math.max(0, Math.min(last.outHeight - 1, Math.floor(selected.row)));
    const col = Math.max(0, Math.min(last.outWidth - 1, Math.floor(selected.col)));
    const trace = traceReceptiveField(shapes, shapes.length - 1, row, col);
    const levels = trace.map((level, k) =>
      levelView(
        level,
        k === 0 ? 'Input' : `After ${shapes[k - 1].label}`,
        k < shapes.length ? shapes[k] : null,
      ),
    );
    return {
      model: { shapes, levels, selected: { row, col }, fieldSize: receptiveFieldSize(shapes) },
      error: null,
    };
  } catch (error) {
    return { model: null, error: errorMessage(error) };
  }
}
