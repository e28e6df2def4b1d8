import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import SlidingWindow from '../../../../renderer/src/chapter/sliding/SlidingWindow.svelte';
import { nextStep, stepDelay } from '../../../../renderer/src/chapter/sliding/slidingWindowViewModel.ts';
import { formatNumber } from '../../../../renderer/src/lib/format.ts';

const X = { height: 3, width: 3, data: Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]) };
const K = { height: 2, width: 2, data: Float32Array.from([0, 1, 2, 3]) };

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('SlidingWindow panel', () => {
  it("x=[3,3] k=[2,2]: steps through the textbook's 19, 25, 37, 43 with the products written out", async () => {
    render(SlidingWindow, { input: X, kernel: K });
    const formula = () => document.querySelector('.formula')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(formula()).toBe('Output (0, 0) = 0×0 + 1×1 + 3×2 + 4×3 = 19');
    const next = screen.getByRole('button', { name: 'Next' });
    await fireEvent.click(next);
    expect(formula()).toBe('Output (0, 1) = 1×0 + 2×1 + 4×2 + 5×3 = 25');
    await fireEvent.click(next);
    await fireEvent.click(next);
    expect(formula()).toMatch(/= 43$/);
    expect((next as HTMLButtonElement).disabled).toBe(true);
    const output = screen.getByRole('table', { name: 'Output so far' });
    expect(Array.from(output.querySelectorAll('td'), (td) => td.textContent)).toEqual([
      '19',
      '25',
      '37',
      '43',
    ]);
  });

  it('highlights the window cells and marks padding cells (padding 1)', () => {
    render(SlidingWindow, { input: X, kernel: K, options: { padding: 1 } });
    const padded = screen.getByRole('table', { name: 'Padded input' });
    const cells = padded.querySelectorAll('td');
    expect(cells).toHaveLength(25);
    expect(padded.querySelectorAll('td.padding')).toHaveLength(16);
    // Step 0 covers padded (0,0), (0,1), (1,0), (1,1).
    expect(
      Array.from(padded.querySelectorAll('td.lit'), (td) => Array.from<Element>(cells).indexOf(td)),
    ).toEqual([0, 1, 5, 6]);
  });

  it('scrubbing jumps to a step; the slider is bounded by the step count', async () => {
    render(SlidingWindow, { input: X, kernel: K });
    const slider = screen.getByRole('slider') as HTMLInputElement;
    expect(slider.max).toBe('3');
    await fireEvent.input(slider, { target: { value: '2' } });
    expect(document.querySelector('.formula')!.textContent).toContain('= 37');
    expect(screen.getByText('3 / 4')).toBeTruthy();
  });

  it('plays at the chosen speed and stops after the last step', async () => {
    vi.useFakeTimers();
    render(SlidingWindow, { input: X, kernel: K, speed: 10 });
    const play = screen.getByRole('button', { name: 'Play' });
    await fireEvent.click(play);
    expect(play.getAttribute('aria-pressed')).toBe('true');
    await vi.advanceTimersByTimeAsync(450); // three steps at 10 per second, then the tick that finds no next step
    expect(document.querySelector('.formula')!.textContent).toContain('= 43');
    expect(screen.getByRole('button', { name: 'Play' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('shows the geometry error instead of the grids when the kernel does not fit', () => {
    render(SlidingWindow, {
      input: { height: 2, width: 2, data: new Float32Array(4) },
      kernel: { height: 3, width: 3, data: new Float32Array(9) },
    });
    expect(screen.getByRole('alert').textContent).toMatch(
      /^planSlidingWindow: kernel 3x3 is larger than the padded input/,
    );
  });

  it('nextStep stops at the end; stepDelay clamps the speed; formatNumber writes a real minus', () => {
    expect(nextStep(2, 4)).toBe(3);
    expect(nextStep(3, 4)).toBeNull();
    expect(stepDelay(2)).toBe(500);
    expect(stepDelay(1000)).toBe(33);
    expect(stepDelay(NaN)).toBe(1000);
    expect(formatNumber(-0.5)).toBe('−0.5');
    expect(formatNumber(1 / 3)).toBe('0.333');
  });
});

describe('allSums', () => {
  it('is every step’s sum as windowStep writes it: padded, strided, dilated, reflect-padded', async () => {
    const { allSums } = await import('../../../../renderer/src/chapter/sliding/slidingWindowViewModel.ts');
    const { planSlidingWindow, windowStep } = await import('../../../../core/src/explain/index.ts');
    const input = {
      shape: [5, 6] as [number, number],
      data: Array.from({ length: 30 }, (_, i) => Math.sin(i) * 3),
    };
    const kernel = { shape: [2, 3] as [number, number], data: [0.5, -1, 2, 1.5, -0.25, 3] };
    for (const [options, mode] of [
      [{ padding: [1, 2], stride: [2, 1], dilation: [2, 1] }, 'zeros'],
      [{ padding: [1, 1] }, 'reflect'],
    ] as const) {
      const plan = planSlidingWindow(input, kernel, options, mode);
      const sums = allSums(plan);
      expect(sums).toHaveLength(plan.stepCount);
      for (let s = 0; s < plan.stepCount; s++) expect(sums[s]).toBe(windowStep(plan, s).sum);
    }
  });
});
