// The "Start from" control in the whole lab (jsdom, the real trainer in-process): the learned kernel is
// disabled with its reason while it does not fit the learnable kernel (no kernel yet: startFrom.test.ts),
// and a run chosen to start from it starts, and resets, to exactly that kernel.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../../../renderer/src/App.svelte';
import { fakePlatform, inProcessClient } from '../fakes/clients.ts';

vi.mock(
  '../../../renderer/src/components/LossChart.svelte',
  async () => await import('../fakes/LossChartStub.svelte'),
);

const learnedCells = () =>
  within(screen.getByRole('grid', { name: 'Learned kernel' }))
    .getAllByRole('gridcell')
    .map((c) => c.textContent?.trim());

describe('Start from', () => {
  it('offers the seeded draw, and the learned kernel only while it fits the learnable kernel; Reset returns to it', async () => {
    localStorage.clear();
    const user = userEvent.setup();
    render(App, {
      props: { platform: fakePlatform(), trainerClient: inProcessClient(), storage: localStorage },
    });
    const select = screen.getByRole('combobox', { name: 'Start from' });
    const learnedOption = within(select).getByRole('option', { name: 'the learned kernel' });
    expect(select).toHaveValue('seed');
    expect(within(select).getByRole('option', { name: 'a seeded draw (seed 7)' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Train' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Training summary')).toHaveTextContent('after 10 epochs'),
    );
    expect(learnedOption).toBeEnabled();
    expect(select).not.toHaveAccessibleDescription();

    const width = screen.getByLabelText('Learnable kernel width');
    await fireEvent.input(width, { target: { value: '3' } });
    expect(learnedOption).toBeDisabled();
    expect(select).toHaveAccessibleDescription(
      'The learned kernel is 1 × 2 but the learnable kernel is 1 × 3.',
    );
    await user.click(screen.getByRole('button', { name: "Match the target's size" }));
    expect(learnedOption).toBeEnabled();

    const learned = learnedCells();
    await user.selectOptions(select, 'the learned kernel');
    expect(select).toHaveValue('learned');
    await user.click(screen.getByRole('button', { name: 'Train' }));
    await waitFor(() => expect(learnedCells()).not.toEqual(learned));
    await user.click(screen.getByRole('button', { name: 'Reset' }));
    await waitFor(() => expect(learnedCells()).toEqual(learned));
    expect(select).toHaveValue('learned');
  });
});
