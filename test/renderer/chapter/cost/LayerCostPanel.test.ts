import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import LayerCostPanel from '../../../../renderer/src/chapter/cost/LayerCostPanel.svelte';

afterEach(cleanup);

describe('LayerCostPanel', () => {
  it('8x8 input, 3x3 kernel, padding 1: 576 multiply-adds forward, 1,152 backward', () => {
    render(LayerCostPanel, {
      spec: { kind: 'conv', inChannels: 1, outChannels: 1, height: 8, width: 8, kernel: 3, padding: 1 },
    });
    const rows = Array.from(screen.getByRole('table').querySelectorAll('tbody tr'), (tr) =>
      Array.from(tr.children, (c) => c.textContent),
    );
    // 8·8 outputs × 9 weights; backward: the input's and the weight's gradients, each as much again.
    expect(rows[0]).toEqual(['Multiply-adds', '576', '1,152']);
    expect(screen.getByText(/Output 1×1×8×8, 10 parameters/)).toBeTruthy();
  });

  it('shows an alert when the kernel does not fit', () => {
    render(LayerCostPanel, {
      spec: { kind: 'conv', inChannels: 1, outChannels: 1, height: 2, width: 2, kernel: 3 },
    });
    expect(screen.getByRole('alert').textContent).toMatch(
      /^layerCost: kernel 3x3 is larger than the padded input/,
    );
  });
});
