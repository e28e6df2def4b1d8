// The lab's grids and the chapter's tables draw a value in the same colour, with a legend beside them:
// the lab's feature map drew positive values red while the chapter's tables drew them blue.
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import GridView from '../../../renderer/src/components/GridView.svelte';
import MatrixTable from '../../../renderer/src/chapter/shared/MatrixTable.svelte';

afterEach(cleanup);

const values = [2, -2, 0, 1];

describe('one diverging scale', () => {
  it('a cell of the lab and a cell of the chapter with the same value have the same colour', () => {
    render(GridView, { grid: { height: 1, width: 4, data: Float32Array.from(values) }, label: 'Lab grid' });
    render(MatrixTable, { rows: 1, cols: 4, data: values, label: 'Chapter table' });
    const lab = screen.getAllByRole('gridcell').map((td) => td.style.backgroundColor);
    const chapter = Array.from(
      screen.getByRole('table', { name: 'Chapter table' }).querySelectorAll('td'),
      (td) => td.style.backgroundColor,
    );
    expect(lab.every((c) => c !== '')).toBe(true);
    expect(chapter).toEqual(lab);
    // Positive red, negative blue, as the legends state.
    const rgb = (css: string) => css.match(/\d+/g)!.map(Number);
    const [r, , b] = rgb(chapter[0]);
    expect(r).toBeGreaterThan(b);
    const [r1, , b1] = rgb(chapter[1]);
    expect(b1).toBeGreaterThan(r1);
  });

  it('the chapter table shows its legend, from -limit to limit', () => {
    const { container } = render(MatrixTable, { rows: 1, cols: 4, data: values, label: 'Chapter table' });
    const legend = container.querySelector('figure.legend');
    expect(legend?.textContent).toContain('-2');
    expect(legend?.textContent).toContain('value: 0');
  });
});
