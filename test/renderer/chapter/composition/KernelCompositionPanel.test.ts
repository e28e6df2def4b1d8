import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import KernelCompositionPanel from '../../../../renderer/src/chapter/composition/KernelCompositionPanel.svelte';

afterEach(cleanup);
const cells = (name: string) =>
  Array.from(screen.getByRole('table', { name }).querySelectorAll('td'), (td) => td.textContent);

describe('KernelCompositionPanel', () => {
  it('[1, −1] then [1, −1] is one [1, −2, 1] kernel of size 3', () => {
    const d = { height: 1, width: 2, data: Float32Array.from([1, -1]) };
    render(KernelCompositionPanel, { first: d, second: d });
    expect(cells('Composed kernel')).toEqual(['1', '-2', '1']); // cells write the minus as the lab's do
    expect(screen.getByText('1x2 then 1x2 = one 1x3 kernel (1 + 1 - 1 = 1, 2 + 2 - 1 = 3).')).toBeTruthy();
  });

  it('shows an alert for an invalid stride', () => {
    const d = { height: 1, width: 2, data: Float32Array.from([1, -1]) };
    render(KernelCompositionPanel, { first: d, second: d, firstOptions: { stride: 0 } });
    expect(screen.getByRole('alert').textContent).toMatch(/^composeKernels: first stride must be/);
  });
});
