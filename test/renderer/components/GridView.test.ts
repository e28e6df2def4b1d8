import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import GridView from '../../../renderer/src/components/GridView.svelte';
import { gridFromRows } from '../../../renderer/src/lib/grid.ts';

const grid = gridFromRows([
  [1, 2, 3],
  [4, 5, 6],
]);

describe('GridView', () => {
  it('is a labelled grid of rows whose cells show their values, with one tab stop', () => {
    render(GridView, { props: { grid, label: 'Kernel' } });
    const g = screen.getByRole('grid', { name: 'Kernel' });
    expect(within(g).getAllByRole('row')).toHaveLength(2);
    const cells = within(g).getAllByRole('gridcell');
    expect(cells.map((c) => c.textContent?.trim())).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(cells.filter((c) => c.tabIndex === 0)).toHaveLength(1);
  });

  it('moves focus with the arrow keys, Home and End, and stays inside the grid', async () => {
    render(GridView, { props: { grid, label: 'Kernel' } });
    const user = userEvent.setup();
    const cells = within(screen.getByRole('grid')).getAllByRole('gridcell');
    cells[0].focus();
    await user.keyboard('{ArrowRight}{ArrowDown}');
    expect(document.activeElement).toBe(cells[4]);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(cells[5]);
    await user.keyboard('{ArrowDown}{ArrowRight}');
    expect(document.activeElement).toBe(cells[5]);
    await user.keyboard('{Home}{ArrowUp}');
    expect(document.activeElement).toBe(cells[0]);
  });

  it('paints the focused cell with Space when paintable', async () => {
    const onpaint = vi.fn();
    const onpaintstart = vi.fn();
    render(GridView, { props: { grid, label: 'Input image', paintable: true, onpaint, onpaintstart } });
    const user = userEvent.setup();
    within(screen.getByRole('grid')).getAllByRole('gridcell')[2].focus();
    await user.keyboard(' ');
    expect(onpaintstart).toHaveBeenCalledOnce();
    expect(onpaint).toHaveBeenCalledWith(0, 2);
  });

  it('edits a value with Enter, and Escape cancels without a change', async () => {
    const oncellvalue = vi.fn();
    render(GridView, { props: { grid, label: 'Kernel', typeable: true, oncellvalue } });
    const user = userEvent.setup();
    within(screen.getByRole('grid')).getAllByRole('gridcell')[1].focus();
    await user.keyboard('{Enter}');
    const editor = screen.getByRole('textbox', { name: 'Kernel row 1 column 2' });
    expect(editor).toHaveValue('2');
    await user.keyboard('0.5{Enter}');
    expect(oncellvalue).toHaveBeenCalledWith(0, 1, 0.5);
    within(screen.getByRole('grid')).getAllByRole('gridcell')[3].focus();
    await user.keyboard('7{Escape}');
    expect(oncellvalue).toHaveBeenCalledTimes(1);
  });

  it('ignores text that is not a number', async () => {
    const oncellvalue = vi.fn();
    render(GridView, { props: { grid, label: 'Kernel', typeable: true, oncellvalue } });
    const user = userEvent.setup();
    within(screen.getByRole('grid')).getAllByRole('gridcell')[0].focus();
    await user.keyboard('-{Enter}');
    expect(oncellvalue).not.toHaveBeenCalled();
  });

  it('refuses a typed value that is not a number or too large for float32, and says why below the grid', async () => {
    const oncellvalue = vi.fn();
    render(GridView, { props: { grid, label: 'Kernel', typeable: true, oncellvalue } });
    const user = userEvent.setup();
    within(screen.getByRole('grid')).getAllByRole('gridcell')[1].focus();
    await user.keyboard('{Enter}{Control>}a{/Control}abc{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Kernel row 1 column 2 "abc" is not a number');
    within(screen.getByRole('grid')).getAllByRole('gridcell')[1].focus();
    await user.keyboard('1e39{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent(
      "Kernel row 1 column 2 1e39 is too large for the lab's 32-bit numbers",
    );
    expect(oncellvalue).not.toHaveBeenCalled();
    within(screen.getByRole('grid')).getAllByRole('gridcell')[1].focus();
    await user.keyboard('4{Enter}');
    expect(oncellvalue).toHaveBeenCalledExactlyOnceWith(0, 1, 4);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
