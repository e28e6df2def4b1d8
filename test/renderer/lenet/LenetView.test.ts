// The LeNet view's components in jsdom with the real trainer in-process: the accessible names the
// e2e tests and screen readers rely on, inline refusals of out-of-bounds fields, the probability bars,
// picking and drawing an input, and the end-of-run confusion matrix and mistakes.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { FASHION_MNIST_CLASSES } from '../../../core/src/data/fashionMnist.ts';
import { LIMITS, formatCount } from '../../../core/src/limits.ts';
import LenetView from '../../../renderer/src/lenet/LenetView.svelte';
import { fakePlatform } from '../fakes/clients.ts';
import { inProcessHost, smallData, withoutCanvas } from './fakes.ts';

vi.mock('../../../renderer/src/lenet/LenetChart.svelte', async () => await import('./LenetChartStub.svelte'));

let data: ReturnType<typeof smallData>;
beforeAll(() => {
  withoutCanvas();
  data = smallData(200, 30);
});

async function renderView() {
  const host = inProcessHost();
  render(LenetView, {
    props: { platform: fakePlatform(), host, loadData: async () => data.bytes, storage: localStorage },
  });
  await screen.findByText('Ready', {}, { timeout: 10_000 });
  await waitFor(() => expect(screen.getAllByRole('listitem', { name: undefined }).length).toBeGreaterThan(0));
  return host;
}

const bars = () => within(screen.getByRole('list', { name: 'Class probabilities' })).getAllByRole('listitem');
const barTexts = () => bars().map((li) => li.textContent?.replace(/\s+/g, ' ').trim());

describe('LenetView', () => {
  it('names every control, the chart, the drawing pad and the probability bars', async () => {
    await renderView();
    expect(screen.getByRole('heading', { name: 'LeNet', level: 2 })).toBeInTheDocument();
    for (const name of ['Train', 'Pause', 'Reset', 'Export model', 'Import model'])
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    for (const label of ['Epochs', 'Learning rate', 'Batch size', 'Training images'])
      expect(screen.getByRole('spinbutton', { name: label })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Activation' })).toHaveValue('relu');
    await userEvent.click(screen.getByRole('button', { name: "The book's settings" }));
    expect(screen.getByRole('combobox', { name: 'Activation' })).toHaveValue('sigmoid');
    expect(screen.getByRole('spinbutton', { name: 'Learning rate' })).toHaveValue(0.9);
    expect(screen.getByRole('spinbutton', { name: 'Batch size' })).toHaveValue(256);
    expect(screen.getByRole('spinbutton', { name: 'Epochs' })).toHaveValue(10);
    expect(screen.getByRole('img', { name: 'LeNet training chart' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Draw an item' })).toBeInTheDocument();
    await waitFor(() => expect(bars()).toHaveLength(10));
    const texts = barTexts();
    texts.forEach((text, c) => expect(text).toMatch(new RegExp(`^${FASHION_MNIST_CLASSES[c]} \\d+\\.\\d%$`)));
    const total = texts.reduce((sum, t) => sum + Number(/([\d.]+)%$/.exec(t ?? '')?.[1]), 0);
    expect(total).toBeGreaterThan(99.5);
    expect(total).toBeLessThan(100.5);
    expect(screen.getByText(/Test image 1 of 30:/)).toHaveTextContent(
      `Test image 1 of 30: ${FASHION_MNIST_CLASSES[data.test.labels[0]]}`,
    );
  });

  it('an epoch count over LIMITS says so beside the field, is not applied, and disables Train', async () => {
    await renderView();
    const epochs = screen.getByRole('spinbutton', { name: 'Epochs' });
    await fireEvent.input(epochs, { target: { value: String(LIMITS.lenetEpochs.max + 1) } });
    expect(epochs).toHaveAttribute('aria-invalid', 'true');
    expect(epochs).toHaveAccessibleDescription(
      `Epochs must be a whole number from 1 to ${formatCount(LIMITS.lenetEpochs.max)}, got ${LIMITS.lenetEpochs.max + 1} (not applied)`,
    );
    expect(screen.getByRole('button', { name: 'Train' })).toBeDisabled();
    await fireEvent.input(epochs, { target: { value: '1' } });
    expect(epochs).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('button', { name: 'Train' })).toBeEnabled();
  });

  it('picking a test image and drawing change the input and its probabilities', async () => {
    await renderView();
    // The sigmoid network at its initial weights answers about 10% to anything; ReLU's does not.
    await fireEvent.change(screen.getByRole('combobox', { name: 'Activation' }), {
      target: { value: 'relu' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    await screen.findByText('conv1 + ReLU');
    await waitFor(() => expect(bars()).toHaveLength(10));
    const first = barTexts();
    await userEvent.click(
      screen.getByRole('button', { name: `Test image 2: ${FASHION_MNIST_CLASSES[data.test.labels[1]]}` }),
    );
    expect(screen.getByText(/Test image 2 of 30:/)).toBeInTheDocument();
    await waitFor(() => expect(barTexts()).not.toEqual(first));
    await userEvent.click(screen.getByRole('button', { name: 'Previous test image' }));
    expect(screen.getByText(/Test image 1 of 30:/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Previous test image' }));
    expect(screen.getByText(/Test image 30 of 30:/)).toBeInTheDocument();

    const shown = barTexts();
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await screen.findByText('Your drawing');
    await waitFor(() => expect(barTexts()).not.toEqual(shown));
    const blank = barTexts();
    const surface = screen.getByRole('img', { name: 'Draw an item' }).parentElement as HTMLElement;
    surface.getBoundingClientRect = () => ({
      left: 0,
      top: 0,
      width: 196,
      height: 196,
      right: 196,
      bottom: 196,
      x: 0,
      y: 0,
      toJSON: () => ({}),
    });
    await fireEvent.pointerDown(surface, { button: 0, clientX: 60, clientY: 20 });
    for (let y = 20; y <= 180; y += 10) await fireEvent.pointerMove(surface, { clientX: 60, clientY: y });
    await fireEvent.pointerUp(surface);
    await waitFor(() => expect(barTexts()).not.toEqual(blank));
  });

  it('after a run: the epoch table, the confusion matrix with the class names, and the confident mistakes', async () => {
    await renderView();
    const field = (name: string) => screen.getByRole('spinbutton', { name });
    await fireEvent.input(field('Epochs'), { target: { value: '1' } });
    await fireEvent.input(field('Learning rate'), { target: { value: '0.1' } });
    await fireEvent.input(field('Batch size'), { target: { value: '50' } });
    await fireEvent.change(screen.getByRole('combobox', { name: 'Activation' }), {
      target: { value: 'relu' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Train' }));
    await screen.findByText('Finished', {}, { timeout: 20_000 });
    const matrix = await screen.findByRole('table', { name: 'Confusion matrix' });
    const rows = within(matrix).getAllByRole('row');
    expect(rows).toHaveLength(11);
    expect(
      within(rows[0])
        .getAllByRole('columnheader')
        .slice(1)
        .map((h) => h.textContent),
    ).toEqual([...FASHION_MNIST_CLASSES]);
    const counts = rows.slice(1).flatMap((r) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => Number(c.textContent)),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
    const epochs = within(screen.getByRole('table', { name: /^Training per epoch/ })).getAllByRole('row');
    expect(epochs).toHaveLength(2);
    expect(screen.getByRole('img', { name: 'LeNet training chart' })).toHaveAttribute(
      'data-test-points',
      '1',
    );
    const accuracy = Number(within(epochs[1]).getAllByRole('cell')[2].textContent);
    const wrong = Math.round(30 * (1 - accuracy));
    const mistakes = screen.queryByRole('list', { name: 'Most confident mistakes' });
    if (wrong > 0) {
      const items = within(mistakes as HTMLElement).getAllByRole('listitem');
      expect(items.length).toBe(Math.min(wrong, 8));
      expect(items[0]).toHaveTextContent(/^an? .+ taken for an? .+ \d+\.\d% · test image \d+$/);
      // Pressing a mistake shows that test image in the layers' view.
      const index = Number(/test image (\d+)$/.exec(items[0].textContent ?? '')?.[1]);
      await userEvent.click(within(items[0]).getByRole('button'));
      expect(screen.getByText(new RegExp(`^Test image ${index} of 30:`))).toBeInTheDocument();
    }
    expect(screen.getByRole('button', { name: 'Export model' })).toBeEnabled();
  });

  it('a dead worker: the message is an alert, and Train is offered again', async () => {
    const host = await renderView();
    host.crash('it crashed');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The LeNet worker stopped unexpectedly (it crashed). Train starts a fresh one.',
    );
    expect(screen.getByRole('button', { name: 'Train' })).toBeEnabled();
  });
});
