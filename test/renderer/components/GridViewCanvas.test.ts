// A grid too large for one element per cell: drawn on a canvas, one focusable grid whose one active
// cell (its aria-activedescendant) says where the user is, with the DOM grid's keys, hover and paint.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import GridView from '../../../renderer/src/components/GridView.svelte';
import { tick } from 'svelte';
import App from '../../../renderer/src/App.svelte';
import { fakePlatform, inProcessClient } from '../fakes/clients.ts';
import { createGrid } from '../../../renderer/src/lib/grid.ts';
import { CANVAS_CELL_THRESHOLD, canvasLayout, cellOrigin } from '../../../renderer/src/lib/gridCanvas.ts';

// 40 x 40 = 1,600 cells, over the threshold; each cell holds row * 100 + col so a value names its cell.
const SIDE = 40;
const big = createGrid(SIDE, SIDE);
for (let r = 0; r < SIDE; r++) for (let c = 0; c < SIDE; c++) big.data[r * SIDE + c] = r * 100 + c;

function active(): HTMLElement {
  const grid = screen.getByRole('grid', { name: 'Input image' });
  const cell = document.getElementById(grid.getAttribute('aria-activedescendant') ?? '');
  if (!cell) throw new Error('no active cell');
  return cell;
}
vi.mock(
  '../../../renderer/src/components/LossChart.svelte',
  async () => await import('../fakes/LossChartStub.svelte'),
);
// jsdom has no canvas (and says so on every getContext): the grid must work without drawing.
beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

const position = (cell: HTMLElement) => [
  Number(cell.closest('[role="row"]')?.getAttribute('aria-rowindex')),
  Number(cell.getAttribute('aria-colindex')),
];

describe('GridView on a canvas', () => {
  it('draws over the threshold as one focusable grid with one cell element, not one per cell', () => {
    expect(SIDE * SIDE).toBeGreaterThan(CANVAS_CELL_THRESHOLD);
    const { container } = render(GridView, { props: { grid: big, label: 'Input image', colors: 'gray' } });
    const grid = screen.getByRole('grid', { name: 'Input image' });
    expect(grid.tabIndex).toBe(0);
    expect(grid).toHaveAttribute('aria-rowcount', String(SIDE));
    expect(grid).toHaveAttribute('aria-colcount', String(SIDE));
    expect(screen.getAllByRole('gridcell')).toHaveLength(1);
    expect(container.querySelectorAll('canvas')).toHaveLength(2);
    expect(container.querySelectorAll('*').length).toBeLessThan(20);
    expect(active()).toHaveTextContent('Row 1, column 1: 0');
  });

  it('moves the active cell with the arrow keys, Home and End, clamped at the edges, and reports it as hovered', async () => {
    const onhover = vi.fn();
    render(GridView, { props: { grid: big, label: 'Input image', onhover } });
    const user = userEvent.setup();
    screen.getByRole('grid').focus();
    expect(onhover).toHaveBeenLastCalledWith({ row: 0, col: 0 });
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowDown}');
    expect(position(active())).toEqual([2, 3]);
    expect(active()).toHaveTextContent('Row 2, column 3: 102');
    expect(onhover).toHaveBeenLastCalledWith({ row: 1, col: 2 });
    await user.keyboard('{End}');
    expect(position(active())).toEqual([2, SIDE]);
    await user.keyboard('{ArrowRight}{Home}{ArrowUp}{ArrowUp}');
    expect(position(active())).toEqual([1, 1]);
    expect(document.activeElement).toBe(screen.getByRole('grid'));
    screen.getByRole('grid').blur();
    expect(onhover).toHaveBeenLastCalledWith(null);
  });

  it('reports the cell under the pointer from its position on the canvas, and paints it on press', async () => {
    const onhover = vi.fn();
    const onpaint = vi.fn();
    const onpaintstart = vi.fn();
    render(GridView, {
      props: {
        grid: big,
        label: 'Input image',
        paintable: true,
        maxExtent: 330,
        onhover,
        onpaint,
        onpaintstart,
      },
    });
    // jsdom lays nothing out (every box is at 0, 0), so client coordinates are canvas coordinates.
    const layout = canvasLayout(SIDE, SIDE, 44, 330);
    const at = cellOrigin(layout, 7, 12);
    const canvas = screen.getByRole('grid').querySelector('canvas')!;
    await fireEvent.pointerMove(canvas, { clientX: at.x + layout.cell / 2, clientY: at.y + layout.cell / 2 });
    expect(onhover).toHaveBeenLastCalledWith({ row: 7, col: 12 });
    expect(active()).toHaveTextContent('Row 8, column 13: 712');
    await fireEvent.pointerDown(canvas, { button: 0, clientX: at.x + 1, clientY: at.y + 1 });
    expect(onpaintstart).toHaveBeenCalledOnce();
    expect(onpaint).toHaveBeenLastCalledWith(7, 12);
    await fireEvent.pointerLeave(screen.getByRole('grid'));
    expect(onhover).toHaveBeenLastCalledWith(null);
  });

  it('paints the active cell with Space from the keyboard', async () => {
    const onpaint = vi.fn();
    render(GridView, { props: { grid: big, label: 'Input image', paintable: true, onpaint } });
    const user = userEvent.setup();
    screen.getByRole('grid').focus();
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowRight} ');
    expect(onpaint).toHaveBeenCalledExactlyOnceWith(2, 1);
  });

  it('types a value into the active cell when typeable', async () => {
    const oncellvalue = vi.fn();
    render(GridView, { props: { grid: big, label: 'Input image', typeable: true, oncellvalue } });
    const user = userEvent.setup();
    screen.getByRole('grid').focus();
    await user.keyboard('{ArrowRight}{Enter}');
    const editor = screen.getByRole('textbox', { name: 'Input image row 1 column 2' });
    expect(editor).toHaveValue('1');
    await user.keyboard('{Control>}a{/Control}0.5{Enter}');
    expect(oncellvalue).toHaveBeenCalledExactlyOnceWith(0, 1, 0.5);
  });

  it('keeps one element per cell at the threshold', () => {
    const small = createGrid(32, 32);
    expect(small.data.length).toBe(CANVAS_CELL_THRESHOLD);
    render(GridView, { props: { grid: small, label: 'Input image' } });
    expect(screen.getAllByRole('gridcell')).toHaveLength(CANVAS_CELL_THRESHOLD);
  });
});

describe('canvas grids in the lab', () => {
  it('a 40 x 40 input: focusing the feature map and moving with the keys writes each cell’s weighted sum', async () => {
    render(App, {
      props: { platform: fakePlatform(), trainerClient: inProcessClient(), storage: localStorage },
    });
    await fireEvent.input(screen.getByLabelText('Input height'), { target: { value: '40' } });
    await fireEvent.input(screen.getByLabelText('Input width'), { target: { value: '40' } });
    expect(screen.getByLabelText('Output shape')).toHaveTextContent('40 × 39');
    const map = screen.getByRole('grid', { name: 'Feature map' });
    expect(map.querySelectorAll('[role="gridcell"]')).toHaveLength(1);
    const user = userEvent.setup();
    map.focus();
    await tick();
    expect(screen.getByText('Y[0, 0]')).toBeInTheDocument();
    await user.keyboard('{ArrowRight}{ArrowDown}');
    expect(screen.getByText('Y[1, 1]')).toBeInTheDocument();
    // The textbook kernel [1, -1] at (1, 1) reads input (1, 1) and (1, 2).
    expect(screen.getByText(/^1×\S+ \+ −1×\S+ = \S+$/)).toBeInTheDocument();
    expect(document.querySelectorAll('[role="gridcell"]').length).toBeLessThan(50);
  });
});
