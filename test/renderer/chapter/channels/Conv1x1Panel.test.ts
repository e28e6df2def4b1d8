import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import Conv1x1Panel from '../../../../renderer/src/chapter/channels/Conv1x1Panel.svelte';
import { conv2d } from '../../../../core/src/conv/index.ts';
import { Tensor } from '../../../../core/src/tensor.ts';

afterEach(cleanup);
const cells = (name: string) =>
  Array.from(screen.getByRole('table', { name }).querySelectorAll('td'), (td) => td.textContent);

describe('Conv1x1Panel', () => {
  it('shows each output channel from conv2d and from K·X, and their difference', () => {
    const input = { shape: [2, 2, 2], data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]) };
    const kernel = { shape: [1, 2, 1, 1], data: Float32Array.from([1, -1]) };
    const y = conv2d(
      Tensor.internal(input.data, [1, 2, 2, 2], false),
      Tensor.internal(kernel.data, [1, 2, 1, 1], false),
    );
    render(Conv1x1Panel, { input, kernel, convolutionOutput: y });
    expect(cells('conv2d output channel 0')).toEqual(['-4', '-4', '-4', '-4']);
    expect(cells('Matrix product output channel 0')).toEqual(['-4', '-4', '-4', '-4']);
    expect(screen.getByRole('status').textContent).toMatch(/^The 1x1 convolution is a matrix product/);
  });

  it('shows an alert when the output has another shape', () => {
    render(Conv1x1Panel, {
      input: { shape: [2, 2, 2], data: new Float32Array(8) },
      kernel: { shape: [1, 2], data: [1, 1] },
      convolutionOutput: { shape: [2, 2, 2], data: new Float32Array(8) },
    });
    expect(screen.getByRole('alert').textContent).toMatch(
      /^compareConv1x1: the convolution output has shape \[2, 2, 2\]/,
    );
  });
});
