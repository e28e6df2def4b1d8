// The input image inside its padding ring: ring cells are named "padding ...", are never painted, and
// hover as positions outside the input; the input's own cells keep their names and paint as before.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import GridView from '../../../renderer/src/components/GridView.svelte';
import { createGrid, gridFromRows } from '../../../renderer/src/lib/grid.ts';
import { paddedInput } from '../../../renderer/src/lib/paddedInput.ts';

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

const input = gridFromRows([
  [1, 2, 3],
  [4, 5, 6],
]);

function renderPadded(mode: 'zeros' | 'replicate' = 'zeros') {
  const onpaint = vi.fn();
  const onpaintstart = vi.fn();
  const onhover = vi.fn();
  const padded = paddedInput(input, { padding: [1, 1], paddingMode: mode })!;
  render(GridView, {
    props: {
      grid: input,
      padded,
      label: 'Input image',
      colors: 'gray',
      paintable: true,
      onpaint,
      onpaintstart,
      onhover,
    },
  });
  const cells = within(screen.getByRole('grid', { name: 'Input image' })).getAllByRole('gridcell');
  return { onpaint, onpaintstart, onhover, cells };
}

describe('GridView with a padding ring', () => {
  it('shows the 4 x 5 padded plane: 14 ring cells named "padding", the 6 input cells named by their values', () => {
    const { cells } = renderPadded();
    expect(cells).toHaveLength(4 * 5);
    const ring = cells.filter((c) => /padding/.test(c.getAttribute('aria-label') ?? ''));
    expect(ring).toHaveLength(4 * 5 - 2 * 3);
    expect(ring.every((c) => c.getAttribute('aria-label') === 'padding 0')).toBe(true);
    const own = cells.filter((c) => !ring.includes(c));
    expect(own.map((c) => c.textContent?.trim())).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(own.every((c) => !c.hasAttribute('aria-label'))).toBe(true);
    // The one tab stop starts on the input's first cell, not on the ring's corner.
    expect(cells.filter((c) => c.tabIndex === 0)).toEqual([cells[1 * 5 + 1]]);
  });

  it('names a repeated cell after the input cell it reads (replicate: the corner repeats X[0, 0])', () => {
    const { cells } = renderPadded('replicate');
    expect(cells[0]).toHaveAccessibleName('padding, reads X[0, 0]: 1');
    expect(cells[4 * 5 - 1]).toHaveAccessibleName('padding, reads X[1, 2]: 6');
  });

  it('paints input cells in input coordinates and never a ring cell, by pointer or by Space', async () => {
    const { onpaint, onpaintstart, cells } = renderPadded();
    await fireEvent.pointerDown(cells[0], { button: 0 });
    await fireEvent.pointerDown(cells[2 * 5 + 4], { button: 0 });
    expect(onpaint).not.toHaveBeenCalled();
    // No stroke opens (no empty undo step) for a press that paints nothing.
    expect(onpaintstart).not.toHaveBeenCalled();
    await fireEvent.pointerDown(cells[1 * 5 + 1], { button: 0 });
    expect(onpaint).toHaveBeenLastCalledWith(0, 0);
    const user = userEvent.setup();
    cells[1 * 5 + 1].focus();
    await user.keyboard('{ArrowUp} ');
    expect(onpaint).toHaveBeenCalledTimes(1);
    expect(onpaintstart).toHaveBeenCalledTimes(1);
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowRight} ');
    expect(onpaint).toHaveBeenLastCalledWith(1, 1);
  });

  it('reports a hovered ring cell as a position outside the input', async () => {
    const { onhover, cells } = renderPadded();
    await fireEvent.pointerOver(cells[0]);
    expect(onhover).toHaveBeenLastCalledWith({ row: -1, col: -1 });
    await fireEvent.pointerOver(cells[3 * 5 + 4]);
    expect(onhover).toHaveBeenLastCalledWith({ row: 2, col: 3 });
    await fireEvent.pointerOver(cells[1 * 5 + 2]);
    expect(onhover).toHaveBeenLastCalledWith({ row: 0, col: 1 });
  });

  it('on a canvas, the active cell says "padding" when the user moves onto the ring', async () => {
    const big = createGrid(40, 40, 1);
    const padded = paddedInput(big, { padding: [2, 2], paddingMode: 'zeros' })!;
    render(GridView, { props: { grid: big, padded, label: 'Input image', colors: 'gray' } });
    const grid = screen.getByRole('grid', { name: 'Input image' });
    expect(grid).toHaveAttribute('aria-rowcount', '44');
    const active = () => document.getElementById(grid.getAttribute('aria-activedescendant') ?? '');
    const user = userEvent.setup();
    grid.focus();
    expect(active()).toHaveTextContent('Row 3, column 3: 1');
    await user.keyboard('{ArrowUp}');
    expect(active()).toHaveTextContent('Row 2, column 3, padding 0');
  });
});
