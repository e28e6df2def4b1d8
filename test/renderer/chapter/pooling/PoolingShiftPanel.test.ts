import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import PoolingShiftPanel from '../../../../renderer/src/chapter/pooling/PoolingShiftPanel.svelte';
import { textbookStripes } from '../../../../core/src/explain/index.ts';

afterEach(cleanup);
const cells = (name: string) =>
  Array.from(screen.getByRole('table', { name }).querySelectorAll('td'), (td) => td.textContent);

describe('PoolingShiftPanel', () => {
  it("defaults to the chapter's stripes and K and says the pooled edge survives a one-pixel shift", () => {
    render(PoolingShiftPanel, {});
    expect(cells('Edge response').slice(0, 7)).toEqual(['0', '1', '0', '0', '0', '-1', '0']);
    expect(screen.getByRole('status').textContent).toContain('column 1 still fires in both');
  });

  it('reports a two-pixel shift as too much for a 2x2 window', () => {
    const stripes = textbookStripes();
    render(PoolingShiftPanel, { input: { height: 6, width: 8, data: stripes.data }, shift: 2 });
    expect(screen.getByRole('status').textContent).toMatch(/no cell fires in both/);
  });
});
