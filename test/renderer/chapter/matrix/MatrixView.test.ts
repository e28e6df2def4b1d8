import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import MatrixView from '../../../../renderer/src/chapter/matrix/MatrixView.svelte';
import { matrixViewModel } from '../../../../renderer/src/chapter/matrix/matrixViewModel.ts';
import { correlate2d, transposedMatrixVector } from '../../../../core/src/explain/index.ts';

const X = { height: 3, width: 3, data: Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]) };
const K = { height: 2, width: 2, data: Float32Array.from([0, 1, 2, 3]) };

afterEach(cleanup);

describe('MatrixView model', () => {
  it('x=[3,3] k=[2,2]: the output is the textbook [19, 25, 37, 43]; W·X agrees with im2col·K', () => {
    const { model } = matrixViewModel(X, K);
    expect(Array.from(model!.output)).toEqual([19, 25, 37, 43]);
    expect(model!.matrixShape).toEqual([4, 9]);
    expect(model!.agreement).toBe(0);
  });

  it('with an output gradient, dL/dX is Wᵀ·dY (the transpose applied explicitly)', () => {
    const dy = { height: 2, width: 2, data: Float32Array.from([1, -1, 0.5, 2]) };
    const { model } = matrixViewModel(X, K, { padding: 1, stride: 2 }, 'zeros', {
      height: 2,
      width: 2,
      data: dy.data,
    });
    expect(Array.from(model!.inputGradient!.data)).toEqual(
      Array.from(transposedMatrixVector(model!.matrix!, dy.data)),
    );
    const direct = correlate2d(
      { shape: [3, 3], data: X.data },
      { shape: [2, 2], data: K.data },
      { padding: 1, stride: 2 },
    );
    expect(Array.from(model!.output)).toEqual(Array.from(direct.data));
  });

  it('leaves W out when it has more entries than allowed, and reports geometry errors', () => {
    const big = { height: 8, width: 8, data: new Float32Array(64) };
    expect(matrixViewModel(big, K, {}, 'zeros', null, 100).model!.matrix).toBeNull();
    expect(matrixViewModel(X, { height: 4, width: 4, data: new Float32Array(16) }).error).toMatch(
      /^im2col: kernel 4x4 is larger than the padded input/,
    );
  });
});

describe('MatrixView panel', () => {
  it('draws the im2col matrix, W and the output vector, and states the agreement', () => {
    render(MatrixView, { input: X, kernel: K });
    expect(screen.getByRole('table', { name: 'im2col patches' }).querySelectorAll('tr')).toHaveLength(4);
    const w = screen.getByRole('table', { name: 'Convolution matrix W' });
    expect(w.querySelectorAll('tr')).toHaveLength(4);
    expect(w.querySelectorAll('tr')[0].querySelectorAll('td')).toHaveLength(9);
    expect(
      Array.from(
        screen.getByRole('table', { name: 'Output vector' }).querySelectorAll('td'),
        (td) => td.textContent,
      ),
    ).toEqual(['19', '25', '37', '43']);
    expect(screen.getByText(/Largest difference between patches/).textContent).toContain(': 0');
  });

  it('shows the input gradient when an output gradient is given, and a note instead of a too-large W', () => {
    render(MatrixView, {
      input: X,
      kernel: K,
      outputGradient: { height: 2, width: 2, data: Float32Array.from([1, 0, 0, 0]) },
      maxDrawn: 20,
    });
    expect(screen.getByText(/W would be 4×9: too large to draw/)).toBeTruthy();
    const grad = screen.getByRole('table', { name: 'Input gradient' });
    // dY = 1 at output (0, 0): the gradient is the kernel placed over the first window.
    expect(Array.from(grad.querySelectorAll('td'), (td) => td.textContent)).toEqual([
      '0',
      '1',
      '0',
      '2',
      '3',
      '0',
      '0',
      '0',
      '0',
    ]);
  });

  it('shows an alert when the kernel does not fit', () => {
    render(MatrixView, { input: X, kernel: { height: 4, width: 4, data: new Float32Array(16) } });
    expect(screen.getByRole('alert').textContent).toMatch(/^im2col:/);
  });
});
