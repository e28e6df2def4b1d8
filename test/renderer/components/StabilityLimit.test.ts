// The stability limit beside the Learning rate field, in the whole lab (jsdom): the opening scene's
// limit is 2 / 60 (the notebook's AᵀA has λmax 30; the summed loss's Hessian is 2AᵀA), the warning names
// it once the learning rate reaches it, and momentum and Adam say they have no such limit.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import App from '../../../renderer/src/App.svelte';
import { fakePlatform, inProcessClient } from '../fakes/clients.ts';
import fixture from '../../fixtures/torch/stability.json' with { type: 'json' };

vi.mock(
  '../../../renderer/src/components/LossChart.svelte',
  async () => await import('../fakes/LossChartStub.svelte'),
);

const notebook = fixture.cases.find((c) => c.id === 'notebook, sum')!;

describe('Stability limit', () => {
  it("shows PyTorch's limit for the opening scene, warns at and over it, and has no number for Adam", async () => {
    localStorage.clear();
    render(App, {
      props: { platform: fakePlatform(), trainerClient: inProcessClient(), storage: localStorage },
    });
    const limit = screen.getByLabelText('Stability limit');
    expect(limit).toHaveTextContent(notebook.limit.toFixed(4));
    expect(limit).toHaveAccessibleDescription(/the book's 0\.03 is 90% of it/);
    expect(screen.queryByText(/over the stability limit/)).toBeNull();

    const rate = screen.getByLabelText('Learning rate');
    await fireEvent.input(rate, { target: { value: '0.04' } });
    expect(screen.getByText(/over the stability limit/)).toHaveTextContent(
      `Learning rate 0.04 is over the stability limit ${notebook.limit.toFixed(4)}`,
    );
    expect(screen.getByText(/over the stability limit/)).toHaveAttribute('role', 'status');
    expect(limit).toHaveAccessibleDescription(/the learning rate 0\.04 is 120% of it/);

    await fireEvent.input(rate, { target: { value: '0.03' } });
    expect(screen.queryByText(/over the stability limit/)).toBeNull();

    await fireEvent.change(screen.getByLabelText('Optimiser'), { target: { value: 'adam' } });
    expect(screen.getByLabelText('Stability limit')).toHaveTextContent('none for this optimiser');
    expect(screen.getByLabelText('Stability limit')).toHaveAccessibleDescription(/^Adam /);
  });
});
