// The "Start from" control in the whole lab (jsdom, the real trainer in-process): the book's run and the
// learned kernel are disabled with their reasons while they do not fit the learnable kernel (no kernel yet: startFrom.test.ts),
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
  it("opens on the book's run, offers the seeded draw, and the book's run and the learned kernel only while they fit the learnable kernel; Reset returns to it", async () => {
    localStorage.clear();
    const user = userEvent.setup();
    render(App, {
      props: { platform: fakePlatform(), trainerClient: inProcessClient(), storage: localStorage },
    });
    const select = screen.getByRole('combobox', { name: 'Start from' });
    const learnedOption = within(select).getByRole('option', { name: 'the learned kernel' });
    const bookOption = within(select).getByRole('option', { name: "the book's run" });
    expect(select).toHaveValue('book');
    expect(select).toHaveAccessibleDescription(
      "Solved from the losses and kernel the book prints, so this run prints the book's numbers. " +
        'Train or Step first: there is no learned kernel yet.',
    );
    expect(within(select).getByRole('option', { name: 'a seeded draw (seed 7)' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Train' }));
    await waitFor(
      () => expect(screen.getByLabelText('Training summary')).toHaveTextContent('after 10 epochs'),
      { timeout: 15_000 },
    );
    expect(learnedOption).toBeEnabled();

    const width = screen.getByLabelText('Learnable kernel width');
    await fireEvent.input(width, { target: { value: '3' } });
    expect(learnedOption).toBeDisabled();
    expect(bookOption).toBeDisabled();
    expect(select).toHaveValue('seed');
    expect(select).toHaveAccessibleDescription(
      "The book's run learns a 1 × 2 kernel; the learnable kernel is 1 × 3. " +
        'The learned kernel is 1 × 2 but the learnable kernel is 1 × 3.',
    );
    await user.click(screen.getByRole('button', { name: "Match the target's size" }));
    expect(learnedOption).toBeEnabled();
    expect(select).toHaveValue('book');

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
