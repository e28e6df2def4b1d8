// The guided tour in the whole lab (jsdom, the real trainer in-process): each step sets the lab up as
// the notebook's cell does, "Learning K" trains the book's run to the numbers PyTorch prints for it,
// Back and Escape work, focus goes to each step's heading and back to the button on leaving.
import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../../../renderer/src/App.svelte';
import { TOUR_STEPS } from '../../../renderer/src/tour/tourSteps.ts';
import { fakePlatform, inProcessClient } from '../fakes/clients.ts';
import book from '../../fixtures/torch/book_run.json' with { type: 'json' };

vi.mock(
  '../../../renderer/src/components/LossChart.svelte',
  async () => await import('../fakes/LossChartStub.svelte'),
);

const values = (name: string): number[][] =>
  within(screen.getByRole('grid', { name }))
    .getAllByRole('row')
    .map((row) =>
      within(row)
        .queryAllByRole('gridcell')
        .map((cell) => Number(cell.textContent?.trim().replace('−', '-'))),
    )
    .filter((row) => row.length > 0);

describe('Tour the notebook', () => {
  it('walks X, K, Y, X transposed, learning K and padding, driving the lab at each step', async () => {
    localStorage.clear();
    const user = userEvent.setup();
    render(App, {
      props: { platform: fakePlatform(), trainerClient: inProcessClient(), storage: localStorage },
    });
    const start = screen.getByRole('button', { name: 'Tour the notebook' });
    await user.click(start);
    const tour = screen.getByRole('dialog', { name: 'The input X' });
    expect(within(tour).getByText(`Step 1 of ${TOUR_STEPS.length} · d2l 7.2.1`)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'The input X' })).toHaveFocus());
    expect(within(tour).getByRole('button', { name: 'Back' })).toBeDisabled();
    expect(values('Input image')).toHaveLength(6);

    const next = () => user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Next' }));
    await next();
    expect(screen.getByRole('dialog', { name: 'The kernel K' })).toBeInTheDocument();
    expect(values('Kernel')).toEqual([[1, -1]]);
    await next();
    expect(screen.getByRole('dialog', { name: 'Y = X ⋆ K' })).toBeInTheDocument();
    expect(values('Feature map')).toEqual(Array.from({ length: 6 }, () => [0, 1, 0, 0, 0, -1, 0]));

    await next();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'X transposed' })).toHaveFocus());
    expect(screen.getByLabelText('Output shape')).toHaveTextContent('8 × 5');
    expect(
      values('Feature map')
        .flat()
        .every((v) => v === 0),
    ).toBe(true);

    // Back returns to Y and puts the stripes back.
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('dialog', { name: 'Y = X ⋆ K' })).toBeInTheDocument();
    expect(screen.getByLabelText('Output shape')).toHaveTextContent('6 × 7');
    await next();

    await next();
    expect(screen.getByRole('dialog', { name: 'Learning K' })).toBeInTheDocument();
    const [f0, f1] = book.final_weight;
    await waitFor(
      () =>
        expect(screen.getByLabelText('Training summary')).toHaveTextContent(
          `learned [${f0.toFixed(3)}, ${f1.toFixed(3)}] after 10 epochs, loss ${book.loss_per_epoch[9].toFixed(3)}`,
        ),
      // The run may take a while on a loaded machine.
      { timeout: 15_000 },
    );

    await next();
    expect(screen.getByRole('dialog', { name: 'Padding that keeps 8 × 8' })).toBeInTheDocument();
    expect(screen.getByLabelText('Output shape')).toHaveTextContent('8 × 8');
    expect(values('Kernel')).toHaveLength(3);
    expect(within(screen.getByRole('dialog')).queryByRole('button', { name: 'Next' })).toBeNull();

    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Finish' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(start).toHaveFocus());
    // The lab stays as the last step made it.
    expect(screen.getByLabelText('Output shape')).toHaveTextContent('8 × 8');
  });

  it('Escape leaves mid-way, keeping that step’s lab, and focus returns to the button', async () => {
    localStorage.clear();
    const user = userEvent.setup();
    render(App, {
      props: { platform: fakePlatform(), trainerClient: inProcessClient(), storage: localStorage },
    });
    await user.click(screen.getByRole('button', { name: 'Tour the notebook' }));
    for (let i = 0; i < 3; i++) {
      await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Next' }));
    }
    expect(screen.getByRole('dialog', { name: 'X transposed' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Tour the notebook' })).toHaveFocus());
    expect(screen.getByLabelText('Output shape')).toHaveTextContent('8 × 5');
  });
});
