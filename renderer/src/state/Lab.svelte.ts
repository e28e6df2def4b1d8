// The lab's editable state: the input image, the kernel, the geometry, and what is derived from them
// (the output shape and the live feature map). Grids are replaced, never mutated, and live in
// `$state.raw` so that Svelte tracks one reference instead of proxying thousands of numbers.
import { resizeGrid, setCell, type Grid } from '../lib/grid.ts';
import { History } from '../lib/history.ts';
import { defaultLayerGeometry, layerShape, type LayerGeometry } from '../../../core/src/conv/geometry.ts';
import { featureMap } from '../lib/liveConv.ts';
import { notebookExperiment } from '../../../core/src/train/experiment.ts';

export type Tool = 'brush' | 'eraser';
export type Hover = { kind: 'input' | 'output'; row: number; col: number } | null;

/** The textbook's opening scene, the core's notebook experiment: X 6 x 8 with columns 2 to 5 zero, K = [1, -1]. */
export function textbookInput(): Grid {
  const { height, width, data } = notebookExperiment().input;
  return { height, width, data: Float32Array.from(data) };
}
export function textbookKernel(): Grid {
  const target = notebookExperiment().target;
  if (target.kind !== 'kernel') throw new Error('textbookKernel: the notebook experiment has no true kernel');
  const [, , height, width] = target.kernel.shape;
  return { height, width, data: Float32Array.from(target.kernel.data) };
}

export class Lab {
  input = $state.raw<Grid>(textbookInput());
  kernel = $state.raw<Grid>(textbookKernel());
  /** True convolution (kernel rotated 180 degrees) instead of cross-correlation. */
  flip = $state(false);
  geometry = $state<LayerGeometry>(defaultLayerGeometry());
  tool = $state<Tool>('brush');
  brushValue = $state(1);
  hover = $state<Hover>(null);
  /** Bumped on every undoable edit so that canUndo/canRedo re-read the plain History object. */
  private historyVersion = $state(0);
  private readonly history = new History<Grid>();

  shape = $derived(layerShape(this.input, this.kernel, this.geometry));
  output = $derived(featureMap(this.input, this.kernel, this.geometry, this.flip));

  canUndo = $derived.by(() => {
    void this.historyVersion;
    return this.history.canUndo;
  });
  canRedo = $derived.by(() => {
    void this.historyVersion;
    return this.history.canRedo;
  });

  /** Replaces the input as one undoable step. */
  editInput(next: Grid): void {
    if (next === this.input) return;
    this.history.record(this.input);
    this.input = next;
    this.historyVersion++;
  }

  /** Starts a brush stroke: the state before it is what one undo returns to. */
  beginStroke(): void {
    this.history.record(this.input);
    this.historyVersion++;
  }

  /** Paints one cell within the current stroke (not itself undoable). */
  paint(row: number, col: number): void {
    const value = this.tool === 'eraser' ? 0 : this.brushValue;
    this.input = setCell(this.input, row, col, value);
  }

  undo(): void {
    const previous = this.history.undo(this.input);
    if (previous !== null) {
      this.input = previous;
      this.historyVersion++;
    }
  }

  redo(): void {
    const next = this.history.redo(this.input);
    if (next !== null) {
      this.input = next;
      this.historyVersion++;
    }
  }

  resizeInput(height: number, width: number): void {
    this.editInput(resizeGrid(this.input, height, width));
  }

  setKernelCell(row: number, col: number, value: number): void {
    this.kernel = setCell(this.kernel, row, col, value);
  }

  resizeKernel(height: number, width: number): void {
    this.kernel = resizeGrid(this.kernel, height, width);
  }

  /** Back to the textbook's opening scene. */
  reset(): void {
    this.history.clear();
    this.input = textbookInput();
    this.kernel = textbookKernel();
    this.flip = false;
    this.geometry = defaultLayerGeometry();
    this.tool = 'brush';
    this.brushValue = 1;
    this.hover = null;
    this.historyVersion++;
  }
}
