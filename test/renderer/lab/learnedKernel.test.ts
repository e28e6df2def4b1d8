// After a run the training panel and the chapter's Backward pass show the same loss and gradient of the
// learned kernel, and the panel labels the worker's epoch-N values as taken before that epoch's update.
// Expected numbers: the core trainer run by hand (epoch N's values are taken before its update; the
// learned kernel's are epoch N+1's, the values at the weights after it).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import TrainingPanel from '../../../renderer/src/components/TrainingPanel.svelte';
import ChapterSection from '../../../renderer/src/chapter/ChapterSection.svelte';
import { Lab } from '../../../renderer/src/state/Lab.svelte.ts';
import { Training } from '../../../renderer/src/state/Training.svelte.ts';
import { notebookExperiment } from '../../../core/src/train/experiment.ts';
import { Trainer } from '../../../core/src/train/trainer.ts';
import { inProcessClient } from '../fakes/clients.ts';

vi.mock(
  '../../../renderer/src/components/LossChart.svelte',
  async () => await import('../fakes/LossChartStub.svelte'),
);
afterEach(cleanup);

/** The notebook's 10 epochs, then one more step: its loss and gradient are the learned kernel's. */
function reference() {
  const trainer = new Trainer(notebookExperiment());
  for (let i = 0; i < 10; i++) trainer.step();
  const epoch10 = { loss: trainer.lossHistory[9], gradient: Array.from(trainer.weightGrad) };
  trainer.step();
  return { epoch10, learned: { loss: trainer.lossHistory[10], gradient: Array.from(trainer.weightGrad) } };
}

const numbers = (text: string | null | undefined): number[] =>
  (text ?? '').match(/[-−]?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g)?.map((t) => Number(t.replace('−', '-'))) ?? [];

describe('the learned kernel in the training panel and the Backward pass', () => {
  it('after the notebook run both show the learned kernel’s gradient and loss, and the epoch’s are labelled as before the update', async () => {
    const lab = new Lab();
    const training = new Training(inProcessClient(), lab);
    render(TrainingPanel, { props: { lab, training } });
    render(ChapterSection, { props: { lab, training, initialTab: 'backward', draw: vi.fn() } });
    await training.train();
    flushSync();
    const { epoch10, learned } = reference();
    // The one source both views read.
    expect(training.learnedKernel?.loss).toBe(learned.loss);
    expect(Array.from(training.learnedKernel!.gradient.data)).toEqual(learned.gradient);
    expect(training.loss).toBe(epoch10.loss);

    // The panel: epoch 10's loss, labelled; the learned kernel's loss and gradient beside it.
    await waitFor(() =>
      expect(screen.getByText(/epoch 10 of 10, loss \S+ before its update/)).toBeInTheDocument(),
    );
    const epochLoss = numbers(
      /loss (\S+) before its update/.exec(screen.getByText(/before its update/).textContent!)![1],
    );
    expect(epochLoss[0]).toBeCloseTo(epoch10.loss, 4);
    const panelLoss = numbers(screen.getByLabelText('Loss of the learned kernel').textContent)[0];
    expect(panelLoss).toBeCloseTo(learned.loss, 4);
    expect(screen.getByText('Gradient ∂loss/∂w of the learned kernel')).toBeInTheDocument();
    const panelGradient = Array.from(
      screen.getByRole('grid', { name: 'Weight gradient' }).querySelectorAll('[role="gridcell"]'),
      (cell) => numbers(cell.textContent)[0],
    );

    // The Backward pass: autograd's K.grad at the learned kernel, and the same loss.
    const backwardGradient = Array.from(
      screen.getByRole('table', { name: 'Kernel gradient from autograd' }).querySelectorAll('td'),
      (td) => numbers(td.textContent)[0],
    );
    const note = screen.getByText(/At the learned kernel/).textContent!;
    expect(note).toMatch(/after epoch 10’s update/);
    const backwardLoss = numbers(/whose loss is (\S+);/.exec(note)![1])[0];

    expect(panelGradient).toHaveLength(2);
    expect(backwardGradient).toHaveLength(2);
    for (let i = 0; i < 2; i++) {
      expect(panelGradient[i]).toBeCloseTo(learned.gradient[i], 2);
      expect(backwardGradient[i]).toBeCloseTo(learned.gradient[i], 2);
      // Not the worker's epoch-10 gradient, which the two views used to disagree with each other about.
      expect(Math.abs(panelGradient[i] - epoch10.gradient[i])).toBeGreaterThan(0.5);
    }
    expect(backwardLoss).toBeCloseTo(panelLoss, 3);
    // Shown to 4 decimals: a different number from epoch 10's loss, not a rounding of it.
    expect(Math.abs(panelLoss - epoch10.loss)).toBeGreaterThan(0.001);
  });
});
