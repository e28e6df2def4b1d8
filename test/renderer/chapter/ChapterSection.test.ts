// The chapter section wired to a real Lab and Training (the trainer in-process): every tab reads the
// lab's current state. Expected values come from the core's conv2d (the lab's feature map), autograd,
// and the chapter's own numbers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import ChapterSection from '../../../renderer/src/chapter/ChapterSection.svelte';
import LearnabilityNote from '../../../renderer/src/chapter/backward/LearnabilityNote.svelte';
import { CHAPTER_TABS } from '../../../renderer/src/chapter/tabs.ts';
import { Lab } from '../../../renderer/src/state/Lab.svelte.ts';
import { Training } from '../../../renderer/src/state/Training.svelte.ts';
import { INPUT_PRESETS } from '../../../renderer/src/lib/inputPresets.ts';
import {
  corr2dMultiInOut,
  textbookKernelStack,
  TEXTBOOK_MULTI_IN_X,
} from '../../../core/src/explain/index.ts';
import { inProcessClient } from '../fakes/clients.ts';

afterEach(cleanup);

function setup(initialTab?: (typeof CHAPTER_TABS)[number]['id']) {
  const lab = new Lab();
  const training = new Training(inProcessClient(), lab);
  const draw = vi.fn();
  render(ChapterSection, { props: { lab, training, initialTab, draw } });
  return { lab, training, draw };
}

const tableCells = (name: string) =>
  Array.from(screen.getByRole('table', { name }).querySelectorAll('td'), (td) => td.textContent?.trim());

const transposedStripes = () => INPUT_PRESETS.find((p) => p.id === 'stripes-t')!.make(6, 8, 0);

describe('ChapterSection', () => {
  it('lists the nine views as tabs; arrows, Home and End move the selection and the focus', async () => {
    setup();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(CHAPTER_TABS.map((t) => t.label));
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
    expect(tabs.filter((t) => t.tabIndex === 0)).toHaveLength(1);
    await fireEvent.keyDown(tabs[0], { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Matrix view' })).toHaveAttribute('aria-selected', 'true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Matrix view' }));
    await fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(screen.getByRole('tab', { name: 'Exercises' })).toHaveAttribute('aria-selected', 'true');
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Sliding window' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', 'chapter-tab-sliding');
  });

  it("sliding window, opening scene: step 1 writes the first window's products, summing to the lab's first output", () => {
    const { lab } = setup('sliding');
    // X[0, 0..1] = 1, 1 under K = [1, -1].
    expect(screen.getByText(/Output \(0, 0\) = 1×1 \+ 1×-1 = 0/)).toBeInTheDocument();
    expect(lab.output!.data[0]).toBe(0);
    expect(screen.getByText('1 / 42')).toBeInTheDocument();
  });

  it('sliding window follows the lab: padding 1 pads the input to 8 × 10', () => {
    const { lab } = setup('sliding');
    lab.geometry.padding = [1, 1];
    flushSync();
    expect(screen.getByText(/Padded input \(8×10, zeros\)/)).toBeInTheDocument();
  });

  it('sliding window on a 64 × 64 input draws the 20 × 20 neighbourhood of the window, not 4,096 cells', () => {
    const { lab } = setup('sliding');
    lab.resizeInput(64, 64);
    flushSync();
    const padded = screen.getByRole('table', { name: 'Padded input' });
    expect(padded.querySelectorAll('tr')).toHaveLength(20);
    expect(padded.querySelectorAll('td')).toHaveLength(400);
    expect(
      screen.getByText(/Padded input \(64×64, zeros; showing rows 0–19, columns 0–19\)/),
    ).toBeInTheDocument();
  });

  it('matrix view, opening scene: W is 42 × 48 and the padding-mode note appears for reflect', () => {
    const { lab } = setup('matrix');
    expect(screen.getByText(/\(42×48\); vec\(Y\) = W · vec\(X\)/)).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Convolution matrix W' }).querySelectorAll('tr')).toHaveLength(
      42,
    );
    // Training's target is the lab's own output, so the loss's dY is 2·(Y − Y) = 0.
    expect(screen.getByText(/the squared loss against the training target is zero here/)).toBeInTheDocument();
    lab.geometry.paddingMode = 'reflect';
    flushSync();
    expect(screen.getByText(/The lab pads with “reflect”/)).toBeInTheDocument();
  });

  it("backward pass: the correlation equals autograd's K.grad at the initial weights", async () => {
    const { training, draw } = setup('backward');
    await training.reset();
    flushSync();
    const byCorrelation = tableCells('Kernel gradient by correlation');
    expect(byCorrelation).toHaveLength(2);
    expect(tableCells('Kernel gradient from autograd')).toEqual(byCorrelation);
    // float32 autograd against the float64 correlation: rounding only.
    const difference = Number(
      /Largest difference: (\S+)/.exec(screen.getByText(/Largest difference/).textContent!)![1],
    );
    expect(difference).toBeLessThan(1e-5);
    // The predicted path is drawn before training; the trained one only after.
    expect(screen.getByText(/Predicted: 10 steps of SGD, learning rate 0.03/)).toBeInTheDocument();
    expect(draw).toHaveBeenCalled();
    expect(screen.getByText(/Press Train/)).toBeInTheDocument();
  });

  it('backward pass: after training, the path of the run is on the surface', async () => {
    const { training } = setup('backward');
    await training.train();
    flushSync();
    await waitFor(() =>
      expect(screen.getByLabelText('Path of training')).toHaveTextContent(/Path of \d+ steps? ending at/),
    );
    expect(screen.queryByText(/Press Train/)).toBeNull();
  });

  it('backward pass: the transposed stripes make the 1x2 kernel unlearnable, and the panel says why', () => {
    const { lab } = setup('backward');
    lab.editInput(transposedStripes());
    flushSync();
    expect(
      within(screen.getByRole('region', { name: 'Can the kernel be learned from this input?' })).getByText(
        /The input has no change along the kernel's horizontal direction/,
      ),
    ).toBeInTheDocument();
  });

  it("channels: the chapter's X with K, K+1, K+2 gives corr2d_multi_in_out's three output channels", () => {
    setup('channels');
    const expected = corr2dMultiInOut(TEXTBOOK_MULTI_IN_X, textbookKernelStack());
    for (let o = 0; o < 3; o++) {
      expect(tableCells(`Output channel ${o}`)).toEqual(
        Array.from(expected.data.slice(o * 4, o * 4 + 4), (v) => String(v)),
      );
    }
    // The book's first output channel: [[56, 72], [104, 120]].
    expect(tableCells('Output channel 0')).toEqual(['56', '72', '104', '120']);
    expect(screen.getByText(/The 1x1 convolution is a matrix product/)).toBeInTheDocument();
  });

  it("channels: the lab's input stacked with its negative and a shifted copy, 3 channels", async () => {
    setup('channels');
    await fireEvent.click(screen.getByLabelText(/Lab input, stacked/));
    expect(
      screen.getByText(/kernel on every channel, as K, K \+ 1 and K \+ 2: shape 3×3×1×2/),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('table', { name: /^Output \d, input channel \d$/ })).toHaveLength(9);
  });

  it('pooling: 2x2 max pooling of the feature map, an inline alert for an impossible window', async () => {
    setup('pooling');
    // The 6 × 7 feature map pooled 2 × 2 with stride 2 is 3 × 3.
    expect(screen.getByText(/Max pooled \(3×3\)/)).toBeInTheDocument();
    await fireEvent.input(screen.getByLabelText('Pool window'), { target: { value: '9' } });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'does not fit in the padded feature map height (6 + 2×0 = 6)',
    );
    const shift = screen.getByRole('region', { name: 'Max pooling and a one-pixel shift' });
    expect(within(shift).getByRole('status')).toHaveTextContent(
      /still fires? in both: pooling tolerates the shift/,
    );
  });

  it('layer stack: focusing an output cell selects it for tracing', async () => {
    setup('stack');
    // 6x8 -> conv 3 pad 1 -> 6x8 -> pool 2 -> 3x4 -> conv 3 -> 1x2.
    expect(screen.getByText(/→ 1×2$/)).toBeInTheDocument();
    const second = screen.getByRole('button', { name: 'Output row 0 column 1' });
    await fireEvent.focus(second);
    expect(second).toHaveAttribute('aria-pressed', 'true');
  });

  it("kernel composition: [1, -1] then a 3x3 box blur is one 3x4 kernel, equal to both on the lab's input", () => {
    setup('composition');
    expect(screen.getByRole('table', { name: 'Composed kernel' }).querySelectorAll('tr')).toHaveLength(3);
    expect(screen.getByLabelText('Composition check')).toHaveTextContent(/one 3×4 kernel gives 4×5/);
    expect(screen.getByLabelText('Composition check')).toHaveTextContent(/largest difference 0\.?/);
  });

  it('cost: the forward multiply-adds follow the stride (42 outputs x 2 weights, then 4 x 2)', () => {
    const { lab } = setup('cost');
    const forward = () =>
      screen.getByRole('row', { name: /Multiply-adds/ }).querySelectorAll('td')[0].textContent;
    expect(forward()).toBe('84');
    lab.geometry.stride = [2, 2];
    flushSync();
    // floor((6 - 1) / 2) + 1 = 3 rows, floor((8 - 2) / 2) + 1 = 4 columns.
    expect(forward()).toBe(String(3 * 4 * 2));
  });

  it('exercises: the pooling-shift check passes on the opening scene and fails on the transposed stripes', async () => {
    const { lab } = setup('exercises');
    await fireEvent.click(screen.getByRole('button', { name: 'Check Max pooling tolerates a shift' }));
    expect(screen.getByText(/^Passed:/)).toBeInTheDocument();
    lab.editInput(transposedStripes());
    flushSync();
    await fireEvent.click(screen.getByRole('button', { name: 'Check A kernel that cannot be learned' }));
    expect(screen.getAllByText(/^Passed:/)).toHaveLength(2);
  });
});

describe('LearnabilityNote', () => {
  it('says nothing on the opening scene and explains the transposed stripes', () => {
    const lab = new Lab();
    const training = new Training(inProcessClient(), lab);
    render(LearnabilityNote, { props: { lab, training } });
    expect(screen.queryByRole('status')).toBeNull();
    lab.editInput(transposedStripes());
    flushSync();
    expect(screen.getByRole('status', { name: 'Why the kernel cannot be learned' })).toHaveTextContent(
      "The input has no change along the kernel's horizontal direction",
    );
  });
});

describe('ChapterSection while the lab cannot run', () => {
  it('stride 0: the layer views wait with a note (no second alert), the channels view still works', async () => {
    const { lab } = setup('sliding');
    lab.geometry.stride = [0, 0];
    flushSync();
    expect(screen.getByText(/The lab’s layer cannot run with the current geometry/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    await fireEvent.click(screen.getByRole('tab', { name: 'Channels' }));
    expect(screen.getByRole('table', { name: 'Output channel 0' })).toBeInTheDocument();
  });

  it('matrix view with a drawn target output: dY is the squared loss of the lab’s kernel against it', () => {
    const { lab, training } = setup('matrix');
    training.settings.targetKind = 'output';
    training.targetOutput = { height: 6, width: 7, data: new Float32Array(42) };
    flushSync();
    expect(screen.getByText(/dL\/dY = 2·\(Y − target\): the squared loss/)).toBeInTheDocument();
    // dL/dX = Wᵀ·2Y: non-zero where the edges are.
    expect(lab.output).not.toBeNull();
    expect(tableCells('Input gradient').some((v) => v !== '0')).toBe(true);
  });
});
