// The whole lab in jsdom, with the real trainer in-process and a fake platform for files.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../../../renderer/src/App.svelte';
import { fakePlatform, inProcessClient } from '../fakes/clients.ts';
import { AUTOSAVE_KEY, KEPT_PREFIX } from '../../../renderer/src/lib/autosaveStore.ts';

vi.mock(
  '../../../renderer/src/components/LossChart.svelte',
  async () => await import('../fakes/LossChartStub.svelte'),
);

const cells = (name: string) =>
  within(screen.getByRole('grid', { name }))
    .getAllByRole('gridcell')
    .map((c) => c.textContent?.trim());

function renderLab(platform = fakePlatform()) {
  render(App, { props: { platform, trainerClient: inProcessClient(), storage: localStorage } });
  return platform;
}

describe('App', () => {
  it('opens on the textbook scene: 6 × 7 output with its formula, value cells as text', () => {
    renderLab();
    expect(screen.getByLabelText('Output shape')).toHaveTextContent('6 × 7');
    expect(screen.getByText('floor((8 + 2*0 - 1*(2 - 1) - 1) / 1) + 1 = 7')).toBeInTheDocument();
    expect(cells('Kernel')).toEqual(['1', '-1']);
    expect(cells('Input image').slice(0, 8)).toEqual(['1', '1', '0', '0', '0', '0', '1', '1']);
    expect(cells('Feature map').slice(0, 7)).toEqual(['0', '1', '0', '0', '0', '-1', '0']);
    expect(screen.getByRole('img', { name: 'Loss chart' })).toBeInTheDocument();
  });

  it('"Padding" sets height and width; stride 0 is explained in an alert and disables Train and Step', async () => {
    renderLab();
    await fireEvent.input(screen.getByLabelText('Padding', { exact: true }), { target: { value: '1' } });
    expect(screen.getByLabelText('Output shape')).toHaveTextContent('8 × 9');
    await fireEvent.click(screen.getByLabelText('Height and width apart'));
    expect(screen.getByLabelText('Padding height')).toHaveValue(1);
    expect(screen.getByLabelText('Padding width')).toHaveValue(1);
    await fireEvent.click(screen.getByLabelText('Height and width apart'));
    await fireEvent.input(screen.getByLabelText('Stride', { exact: true }), { target: { value: '0' } });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'stride height must be a whole number of at least 1, got 0',
    );
    expect(screen.getByRole('button', { name: 'Train' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Step' })).toBeDisabled();
    expect(screen.queryByRole('grid', { name: 'Feature map' })).toBeNull();
  });

  it('painting a cell changes the feature map, and Ctrl+Z / Ctrl+Shift+Z undo and redo it', async () => {
    renderLab();
    const before = cells('Feature map');
    const cell = within(screen.getByRole('grid', { name: 'Input image' })).getAllByRole('gridcell')[3];
    await fireEvent.pointerDown(cell, { button: 0 });
    await fireEvent.pointerUp(window);
    const painted = cells('Feature map');
    expect(painted.slice(0, 7)).toEqual(['0', '1', '-1', '1', '0', '-1', '0']);
    await fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(cells('Feature map')).toEqual(before);
    await fireEvent.keyDown(window, { key: 'Z', ctrlKey: true, shiftKey: true });
    expect(cells('Feature map')).toEqual(painted);
  });

  it('hovering an output cell lights its receptive field and writes the weighted sum', async () => {
    renderLab();
    const out = within(screen.getByRole('grid', { name: 'Feature map' })).getAllByRole('gridcell')[1];
    await fireEvent.pointerOver(out);
    expect(screen.getByText('1×1 + −1×0 = 1')).toBeInTheDocument();
    const lit = within(screen.getByRole('grid', { name: 'Input image' }))
      .getAllByRole('gridcell')
      .filter((c) => c.classList.contains('lit'));
    expect(lit.map((c) => `${c.dataset.row},${c.dataset.col}`)).toEqual(['0,1', '0,2']);
  });

  it('"Slide the kernel" starts at Y[0, 0], plays on by itself, steps with Next / Previous and ends with Stop', async () => {
    vi.useFakeTimers();
    try {
      renderLab();
      const slide = screen.getByRole('button', { name: 'Slide the kernel' });
      await fireEvent.click(slide);
      expect(slide).toHaveAttribute('aria-pressed', 'true');
      expect(screen.getByText('Y[0, 0]')).toBeInTheDocument();
      await vi.advanceTimersByTimeAsync(900);
      expect(screen.getByText('Y[0, 1]')).toBeInTheDocument();
      await fireEvent.click(screen.getByRole('button', { name: 'Next window' }));
      expect(screen.getByText('Y[0, 2]')).toBeInTheDocument();
      // Stepping by hand pauses the play: the window stays where the user put it.
      await vi.advanceTimersByTimeAsync(2000);
      expect(screen.getByText('Y[0, 2]')).toBeInTheDocument();
      await fireEvent.click(screen.getByRole('button', { name: 'Previous window' }));
      expect(screen.getByText('Y[0, 1]')).toBeInTheDocument();
      await fireEvent.click(screen.getByRole('button', { name: 'Stop sliding' }));
      expect(slide).toHaveAttribute('aria-pressed', 'false');
      expect(screen.queryByText(/^Y\[/)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('types a kernel value from the keyboard', async () => {
    renderLab();
    const user = userEvent.setup();
    const cell = within(screen.getByRole('grid', { name: 'Kernel' })).getAllByRole('gridcell')[1];
    cell.focus();
    await user.keyboard('-2{Enter}');
    expect(cells('Kernel')).toEqual(['1', '-2']);
    expect(cells('Feature map').slice(0, 7)).toEqual(['-1', '1', '0', '0', '0', '-2', '-1']);
  });

  it('Train shows the learned kernel and the summary; Export weights saves a weights file', async () => {
    const platform = renderLab();
    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    // Ten epochs in-process take well under a second, but not always on a loaded machine.
    await waitFor(
      () => expect(screen.getByLabelText('Training summary')).toHaveTextContent('after 10 epochs'),
      { timeout: 5000 },
    );
    const learned = cells('Learned kernel').map(Number);
    expect(learned[0]).toBeCloseTo(1, 0);
    expect(learned[1]).toBeCloseTo(-1, 0);
    await fireEvent.click(screen.getByRole('button', { name: 'Export weights' }));
    await waitFor(() => expect(platform.saved).toHaveLength(1));
    const doc = JSON.parse(new TextDecoder().decode(platform.saved[0].bytes));
    expect([doc.format, doc.weight.shape]).toEqual(['convlab-weights', [1, 1, 1, 2]]);
  });

  it('a malformed weights file raises an alert and leaves the lab untouched', async () => {
    const platform = renderLab();
    await fireEvent.input(screen.getByLabelText('Padding', { exact: true }), { target: { value: '1' } });
    const input = cells('Input image');
    await waitFor(() => expect(screen.getByRole('grid', { name: 'Learned kernel' })).toBeInTheDocument());
    const learned = cells('Learned kernel');
    platform.nextOpen = { name: 'bad.json', bytes: new TextEncoder().encode('{"format": "convlab-weights"') };
    await fireEvent.click(screen.getByRole('button', { name: 'Import weights' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(/^Import weights: /));
    expect(cells('Input image')).toEqual(input);
    expect(screen.getByLabelText('Output shape')).toHaveTextContent('8 × 9');
    expect(cells('Learned kernel')).toEqual(learned);
  });

  it('autosaves, and a new mount restores the lab from storage', async () => {
    renderLab();
    await fireEvent.input(screen.getByLabelText('Stride', { exact: true }), { target: { value: '2' } });
    await waitFor(() => expect(localStorage.getItem(AUTOSAVE_KEY)).toContain('"stride": [2, 2]'));
    const saved = localStorage.getItem(AUTOSAVE_KEY);
    document.body.innerHTML = '';
    localStorage.setItem(AUTOSAVE_KEY, saved!);
    renderLab();
    expect(screen.getAllByLabelText('Output shape').at(-1)).toHaveTextContent('3 × 4');
  });

  it('a damaged autosave is kept aside with an alert naming the field, and the lab opens on the textbook scene', () => {
    const damaged = '{"format": "convlab-lab", "version": 1, "experiment": 3}';
    localStorage.setItem(AUTOSAVE_KEY, damaged);
    renderLab();
    expect(screen.getByLabelText('Output shape')).toHaveTextContent('6 × 7');
    expect(screen.getByRole('alert')).toHaveTextContent('The saved lab could not be read (lab state: ');
    const kept = Object.keys(localStorage).filter((key) => key.startsWith(KEPT_PREFIX));
    expect(kept.map((key) => localStorage.getItem(key))).toEqual([damaged]);
  });
});
