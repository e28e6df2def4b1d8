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

/** What one undo step puts back: the equation's operands and the layer's geometry. */
interface LabState {
  readonly input: Grid;
  readonly kernel: Grid;
  readonly flip: boolean;
  readonly geometry: LayerGeometry;
  /**
   * What lives outside the lab (the training's settings and results) as it was at this step, for steps
   * that changed it too (Reset lab); read and put back through `outside`.
   */
  readonly outside?: unknown;
}

/** How undo reaches the state the lab does not own, set by whoever owns it (the app's documents). */
export interface OutsideState {
  capture(): unknown;
  restore(state: unknown): void;
}

const copyGeometry = (g: LayerGeometry): LayerGeometry => ({
  padding: [g.padding[0], g.padding[1]],
  paddingMode: g.paddingMode,
  stride: [g.stride[0], g.stride[1]],
  dilation: [g.dilation[0], g.dilation[1]],
});

export class Lab {
  input = $state.raw<Grid>(textbookInput());
  kernel = $state.raw<Grid>(textbookKernel());
  /** True convolution (kernel rotated 180 degrees) instead of cross-correlation. */
  flip = $state(false);
  geometry = $state<LayerGeometry>(defaultLayerGeometry());
  tool = $state<Tool>('brush');
  brushValue = $state(1);
  hover = $state<Hover>(null);
  /** Padding, stride and dilation set for height and width apart (a view setting, not part of the lab). */
  geometryApart = $state(false);
  /** Reset lab's undo reaches the training through this; without it, undo puts back the lab alone. */
  outside: OutsideState | null = null;
  /** Bumped on every undoable edit so that canUndo/canRedo re-read the plain History object. */
  private historyVersion = $state(0);
  private readonly history = new History<LabState>();

  shape = $derived(layerShape(this.input, this.kernel, this.geometry));
  output = $derived(featureMap(this.input, this.kernel, this.geometry, this.flip));
  /** A pair whose height and width differ, which only two fields can show. */
  pairsUnequal = $derived(
    (['padding', 'stride', 'dilation'] as const).some(
      (key) => this.geometry[key][0] !== this.geometry[key][1],
    ),
  );
  /** Padding, stride and dilation shown as height and width fields: asked for, or needed. */
  pairsApart = $derived(this.geometryApart || this.pairsUnequal);

  canUndo = $derived.by(() => {
    void this.historyVersion;
    return this.history.canUndo;
  });
  canRedo = $derived.by(() => {
    void this.historyVersion;
    return this.history.canRedo;
  });

  /** Whether the next undo puts back the lab as it was before Reset lab. */
  canUndoReset = $derived.by(() => {
    void this.historyVersion;
    return this.history.peek()?.outside !== undefined;
  });

  private current(withOutside = false): LabState {
    const state = {
      input: this.input,
      kernel: this.kernel,
      flip: this.flip,
      geometry: copyGeometry(this.geometry),
    };
    return withOutside && this.outside !== null ? { ...state, outside: this.outside.capture() } : state;
  }

  private put(state: LabState): void {
    // The outside state is a whole lab (it holds the operands too), so it goes first and the lab's own
    // fields, the step's record, win.
    if (state.outside !== undefined) this.outside?.restore(state.outside);
    this.input = state.input;
    this.kernel = state.kernel;
    this.flip = state.flip;
    this.geometry = copyGeometry(state.geometry);
    this.historyVersion++;
  }

  /** Records the lab as it is now as the state one undo returns to. */
  private record(withOutside = false): void {
    this.history.record(this.current(withOutside));
    this.historyVersion++;
  }

  /** Replaces the input as one undoable step. */
  editInput(next: Grid): void {
    if (next === this.input) return;
    this.record();
    this.input = next;
  }

  /** Replaces the kernel as one undoable step (a preset, a typed cell, a new size). */
  editKernel(next: Grid): void {
    if (next === this.kernel) return;
    this.record();
    this.kernel = next;
  }

  /** Changes the geometry as one undoable step. */
  editGeometry(change: Partial<LayerGeometry>): void {
    this.record();
    // Only the fields that change are assigned, so views reading the others do not recompute.
    const g = this.geometry;
    if (change.padding) g.padding = [change.padding[0], change.padding[1]];
    if (change.stride) g.stride = [change.stride[0], change.stride[1]];
    if (change.dilation) g.dilation = [change.dilation[0], change.dilation[1]];
    if (change.paddingMode) g.paddingMode = change.paddingMode;
  }

  setFlip(flip: boolean): void {
    if (flip === this.flip) return;
    this.record();
    this.flip = flip;
  }

  /** Starts a brush stroke: the state before it is what one undo returns to. */
  beginStroke(): void {
    this.record();
  }

  /** Paints one cell within the current stroke (not itself undoable). */
  paint(row: number, col: number): void {
    const value = this.tool === 'eraser' ? 0 : this.brushValue;
    this.input = setCell(this.input, row, col, value);
  }

  undo(): void {
    const top = this.history.peek();
    if (top === null) return;
    const previous = this.history.undo(this.current(top.outside !== undefined));
    if (previous !== null) this.put(previous);
  }

  redo(): void {
    const next = this.history.peekFuture();
    if (next === null) return;
    const state = this.history.redo(this.current(next.outside !== undefined));
    if (state !== null) this.put(state);
  }

  resizeInput(height: number, width: number): void {
    this.editInput(resizeGrid(this.input, height, width));
  }

  setKernelCell(row: number, col: number, value: number): void {
    this.editKernel(setCell(this.kernel, row, col, value));
  }

  resizeKernel(height: number, width: number): void {
    this.editKernel(resizeGrid(this.kernel, height, width));
  }

  /**
   * Back to the textbook's opening scene, as one undoable step: Ctrl+Z brings the lab back, with the
   * training's settings and results when `outside` is set.
   */
  reset(): void {
    this.record(true);
    this.input = textbookInput();
    this.kernel = textbookKernel();
    this.flip = false;
    this.geometry = defaultLayerGeometry();
    this.geometryApart = false;
    this.tool = 'brush';
    this.brushValue = 1;
    this.hover = null;
  }
}
