import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import ExercisesPanel from '../../../../renderer/src/chapter/exercises/ExercisesPanel.svelte';
import {
  chapterExercises,
  type LabState,
} from '../../../../renderer/src/chapter/exercises/chapterExercises.ts';
import { textbookStripes } from '../../../../core/src/explain/index.ts';

afterEach(cleanup);

const grid = (height: number, width: number, values: number[]) => ({
  height,
  width,
  data: Float32Array.from(values),
});
const stripes = textbookStripes();
const transposedStripes = (() => {
  const data = new Float32Array(48);
  for (let r = 0; r < 6; r++) for (let c = 0; c < 8; c++) data[c * 6 + r] = stripes.data[r * 8 + c];
  return { height: 8, width: 6, data };
})();

function triangle(n = 6) {
  const data = new Float32Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) data[r * n + c] = c >= r ? 1 : 0;
  return { height: n, width: n, data };
}

/** Runs one exercise of the chapter list against a lab state. */
function check(id: string, lab: LabState, answers: number[] = []) {
  const item = chapterExercises(() => lab).find((e) => e.id === id)!;
  return item.check(answers);
}

const base: LabState = {
  input: triangle(),
  kernel: grid(1, 2, [1, -1]),
  padding: [0, 0],
  stride: [1, 1],
  dilation: [1, 1],
};

describe('the chapter exercises, each passing and failing', () => {
  it('diagonal edges: a triangle passes, the stripes fail', () => {
    expect(check('diagonal-edges', base).passed).toBe(true);
    expect(
      check('diagonal-edges', { ...base, input: { height: 6, width: 8, data: stripes.data } }).passed,
    ).toBe(false);
  });

  it('edge detector: [1, −1] passes at 0° and fails at 90°', () => {
    expect(check('edge-detector', base, [0]).passed).toBe(true);
    expect(check('edge-detector', base, [90]).passed).toBe(false);
  });

  it('second derivative: [1, −2, 1] and its transpose pass, [1, −1] fails with the minimum size', () => {
    expect(check('second-derivative', { ...base, kernel: grid(1, 3, [1, -2, 1]) }).passed).toBe(true);
    expect(check('second-derivative', { ...base, kernel: grid(3, 1, [1, -2, 1]) }).passed).toBe(true);
    const short = check('second-derivative', base);
    expect(short.passed).toBe(false);
    expect(short.message).toContain('needs at least 3');
  });

  it('blur: a 2x2 of 1/4 passes, [1, −1] fails', () => {
    expect(check('blur', { ...base, kernel: grid(2, 2, [0.25, 0.25, 0.25, 0.25]) }).passed).toBe(true);
    expect(check('blur', base).passed).toBe(false);
  });

  it("padding and stride: the book's answers pass, others fail, empty answers are asked for", () => {
    expect(
      [1, 2, 3, 4].map(
        (i, k) =>
          check(
            `shape-${i}`,
            base,
            [
              [8, 8],
              [8, 8],
              [4, 4],
              [2, 2],
            ][k],
          ).passed,
      ),
    ).toEqual([true, true, true, true]);
    expect(check('shape-3', base, [8, 8]).passed).toBe(false);
    expect(check('shape-1', base, [NaN, 8]).message).toBe(
      'Type the output height and width as whole numbers.',
    );
  });

  it('average pooling as a convolution: a uniform 2x2 with stride 2 passes, stride 1 fails', () => {
    const lab = { ...base, kernel: grid(2, 2, [0.25, 0.25, 0.25, 0.25]), stride: [2, 2] as const };
    expect(check('avg-pool-as-conv', lab).passed).toBe(true);
    expect(check('avg-pool-as-conv', { ...lab, stride: [1, 1] }).passed).toBe(false);
  });

  it('layer cost: 6x5 outputs of a 1x2 kernel on the 6x6 triangle is 60 multiply-adds', () => {
    expect(check('layer-cost', base, [60]).passed).toBe(true);
    expect(check('layer-cost', base, [61]).message).toBe('Not 61: 6×5 outputs × 1×2 weights = 60.');
  });

  it('pooling shift: the stripes pass with [1, −1]; an all-zero input fails', () => {
    const stripesLab = { ...base, input: { height: 6, width: 8, data: stripes.data } };
    expect(check('pooling-shift', stripesLab).passed).toBe(true);
    expect(check('pooling-shift', { ...base, input: grid(3, 3, [0, 0, 0, 0, 0, 0, 0, 0, 0]) }).passed).toBe(
      false,
    );
  });

  it('unlearnable: the transposed stripes pass with the reason; the stripes themselves fail', () => {
    const result = check('unlearnable', { ...base, input: transposedStripes });
    expect(result.passed).toBe(true);
    expect(result.message).toContain("no change along the kernel's horizontal direction");
    expect(check('unlearnable', { ...base, input: { height: 6, width: 8, data: stripes.data } }).passed).toBe(
      false,
    );
  });
});

describe('ExercisesPanel', () => {
  it('checks an exercise on click and shows the pass message; the count follows', async () => {
    render(ExercisesPanel, {
      exercises: chapterExercises(() => ({ ...base, kernel: grid(2, 2, [0.25, 0.25, 0.25, 0.25]) })),
    });
    expect(screen.getByText('0 of 12 passed')).toBeTruthy();
    const item = screen.getByRole('heading', { name: 'A blur' }).closest('li')!;
    await fireEvent.click(within(item).getByRole('button', { name: 'Check A blur' }));
    expect(within(item).getByRole('status').textContent).toMatch(/Passed: A blur/);
    expect(item.classList.contains('passed')).toBe(true);
    expect(screen.getByText('1 of 12 passed')).toBeTruthy();
  });

  it('passes typed answers to the check; an empty field is asked for, a wrong one fails', async () => {
    render(ExercisesPanel, { exercises: chapterExercises(() => base) });
    const item = screen.getByRole('heading', { name: 'Padding and stride, example 3' }).closest('li')!;
    const button = within(item).getByRole('button', { name: /Check/ });
    await fireEvent.click(button);
    expect(within(item).getByRole('status').textContent).toContain('Type the output height and width');
    await fireEvent.input(within(item).getByLabelText('Height'), { target: { value: '4' } });
    await fireEvent.input(within(item).getByLabelText('Width'), { target: { value: '4' } });
    await fireEvent.click(button);
    expect(within(item).getByRole('status').textContent).toMatch(/Passed: Right: 4x4/);
    await fireEvent.input(within(item).getByLabelText('Width'), { target: { value: '5' } });
    await fireEvent.click(button);
    expect(within(item).getByRole('status').textContent).toMatch(/Not yet: Not 4x5/);
    expect(item.classList.contains('failed')).toBe(true);
  });

  it('shows a check that throws as an error, not a crash', async () => {
    render(ExercisesPanel, {
      exercises: [
        {
          id: 'x',
          title: 'Broken',
          prompt: 'p',
          check: () => {
            throw new Error('checkX: bad input');
          },
        },
      ],
    });
    await fireEvent.click(screen.getByRole('button', { name: /Check/ }));
    expect(screen.getByRole('status').textContent).toMatch(/Error: checkX: bad input/);
  });
});
