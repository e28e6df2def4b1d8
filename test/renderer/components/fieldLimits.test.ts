// The whole lab in jsdom: an absurd value typed into any number field is not applied (nothing in the
// lab changes) and the field says why, next to it.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import App from '../../../renderer/src/App.svelte';
import { fakePlatform, inProcessClient } from '../fakes/clients.ts';
import { LIMITS } from '../../../core/src/limits.ts';
import { REFUSED, REFUSED_APART } from '../../helpers/fieldRefusals.ts';

vi.mock(
  '../../../renderer/src/components/LossChart.svelte',
  async () => await import('../fakes/LossChartStub.svelte'),
);

/** Everything the lab shows that a typed value could change: every field, the shape, every grid. */
function labState(): string {
  const fields = screen.getAllByRole('spinbutton').map((f) => `${f.id}=${(f as HTMLInputElement).value}`);
  const grids = screen.getAllByRole('grid').map((g) =>
    within(g)
      .queryAllByRole('gridcell')
      .map((c) => c.textContent?.trim()),
  );
  return JSON.stringify({ fields, shape: screen.getByLabelText('Output shape').textContent, grids });
}

async function expectAllRefused(fields: Record<string, string[]>): Promise<void> {
  const before = labState();
  for (const [label, values] of Object.entries(fields)) {
    const field = screen.getByLabelText(label, { exact: true }) as HTMLInputElement;
    const kept = field.value;
    for (const value of values) {
      await fireEvent.input(field, { target: { value } });
      const message = document.getElementById(field.getAttribute('aria-describedby') ?? '');
      expect(message, `${label} ${value}`).toHaveAttribute('role', 'alert');
      expect(message?.textContent, `${label} ${value}`).toMatch(new RegExp(`^${label} `));
      await fireEvent.blur(field);
      expect(field.value, `${label} ${value}`).toBe(kept);
    }
    expect(labState(), label).toBe(before);
  }
}

describe('number fields in the lab', () => {
  it('every field refuses absurd values: nothing changes, and the field says why', async () => {
    render(App, {
      props: { platform: fakePlatform(), trainerClient: inProcessClient(), storage: localStorage },
    });
    await waitFor(() => expect(screen.getByRole('grid', { name: 'Learned kernel' })).toBeInTheDocument());
    await expectAllRefused(REFUSED);
    await fireEvent.click(screen.getByLabelText('Height and width apart'));
    await expectAllRefused(REFUSED_APART);
  });

  it('typing Padding 1000 says the limit and keeps the feature map; Epochs 0 is refused, not turned into 1', async () => {
    render(App, {
      props: { platform: fakePlatform(), trainerClient: inProcessClient(), storage: localStorage },
    });
    const padding = screen.getByLabelText('Padding', { exact: true });
    await fireEvent.input(padding, { target: { value: '1000' } });
    expect(screen.getByRole('alert')).toHaveTextContent(
      `Padding is 1,000, over the limit of ${LIMITS.padding.max}`,
    );
    expect(screen.getByLabelText('Output shape')).toHaveTextContent('6 × 7');
    const epochs = screen.getByLabelText('Epochs', { exact: true });
    await fireEvent.input(epochs, { target: { value: '0' } });
    expect(screen.getByText('Epochs is 0, under the minimum of 1')).toBeInTheDocument();
    await fireEvent.blur(epochs);
    expect(epochs).toHaveValue(10);
    expect(epochs).toHaveAttribute('max', String(LIMITS.epochs.max));
  });
});
