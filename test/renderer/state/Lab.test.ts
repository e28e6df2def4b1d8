// The lab's undo history: kernel and geometry edits are undone like drawing on the input, and Reset lab
// is one undoable step that also puts back what the lab does not own (the training's settings).
import { describe, expect, it } from 'vitest';
import { Lab, textbookInput, textbookKernel } from '../../../renderer/src/state/Lab.svelte.ts';
import { gridFromRows, gridToRows } from '../../../renderer/src/lib/grid.ts';
import { defaultLayerGeometry } from '../../../core/src/conv/geometry.ts';

describe('Lab undo', () => {
  it('Ctrl+Z undoes a typed kernel cell, and redo puts it back', () => {
    const lab = new Lab();
    lab.setKernelCell(0, 1, -2);
    expect(gridToRows(lab.kernel)).toEqual([[1, -2]]);
    expect(lab.canUndo).toBe(true);
    lab.undo();
    expect(gridToRows(lab.kernel)).toEqual(gridToRows(textbookKernel()));
    lab.redo();
    expect(gridToRows(lab.kernel)).toEqual([[1, -2]]);
  });

  it('undoes a kernel preset, a kernel resize, the flip and a geometry edit one step at a time', () => {
    const lab = new Lab();
    lab.editKernel(gridFromRows([[1], [-1]]));
    lab.resizeKernel(3, 3);
    lab.setFlip(true);
    lab.editGeometry({ padding: [1, 2] });
    expect(lab.shape.outHeight).toBe(6 - 3 + 2 + 1);
    lab.undo();
    expect(lab.geometry.padding).toEqual([0, 0]);
    lab.undo();
    expect(lab.flip).toBe(false);
    lab.undo();
    expect([lab.kernel.height, lab.kernel.width]).toEqual([2, 1]);
    lab.undo();
    expect(gridToRows(lab.kernel)).toEqual(gridToRows(textbookKernel()));
    expect(lab.canUndo).toBe(false);
  });

  it('an input edit and a kernel edit share one history, undone in the order they were made', () => {
    const lab = new Lab();
    lab.beginStroke();
    lab.paint(0, 2);
    lab.setKernelCell(0, 0, 3);
    lab.undo();
    expect(gridToRows(lab.kernel)).toEqual(gridToRows(textbookKernel()));
    expect(lab.input.data[2]).toBe(1);
    lab.undo();
    expect(Array.from(lab.input.data)).toEqual(Array.from(textbookInput().data));
  });

  it('Reset lab is undone as one step: the lab and, through `outside`, the training settings come back', () => {
    const lab = new Lab();
    let settings = { epochs: 4 };
    lab.outside = { capture: () => ({ ...settings }), restore: (s) => (settings = s as typeof settings) };
    lab.setKernelCell(0, 0, 5);
    lab.editGeometry({ stride: [2, 2] });
    lab.reset();
    settings = { epochs: 10 }; // what Reset lab does to the training after the lab's own reset
    expect(lab.geometry).toEqual(defaultLayerGeometry());
    expect(lab.canUndoReset).toBe(true);

    lab.undo();
    expect(lab.geometry.stride).toEqual([2, 2]);
    expect(gridToRows(lab.kernel)).toEqual([[5, -1]]);
    expect(settings).toEqual({ epochs: 4 });
    expect(lab.canUndoReset).toBe(false);

    lab.redo();
    expect(lab.geometry).toEqual(defaultLayerGeometry());
    expect(settings).toEqual({ epochs: 10 });
    expect(lab.canUndoReset).toBe(true);
  });

  it('a pair that differs shows as height and width fields whatever the toggle says', () => {
    const lab = new Lab();
    expect(lab.pairsApart).toBe(false);
    lab.editGeometry({ dilation: [1, 2] });
    expect(lab.pairsUnequal).toBe(true);
    expect(lab.pairsApart).toBe(true);
    lab.undo();
    expect(lab.pairsApart).toBe(false);
    lab.geometryApart = true;
    expect(lab.pairsApart).toBe(true);
  });
});
