import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import KernelGradientPanel from '../../../../renderer/src/chapter/backward/KernelGradientPanel.svelte';
import { conv2d } from '../../../../core/src/conv/index.ts';
import { Tensor } from '../../../../core/src/tensor.ts';

afterEach(cleanup);
const cells = (name: string) =>
  Array.from(screen.getByRole('table', { name }).querySelectorAll('td'), (td) => td.textContent);
const X = { height: 3, width: 3, data: Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]) };

describe('KernelGradientPanel', () => {
  it("x=[3,3] k=[2,2]: corr(X, dY) beside autograd's K.grad, equal", () => {
    const dy = Float32Array.from([1, 0, 0, 1]);
    const x = Tensor.internal(Float32Array.from(X.data), [1, 1, 3, 3], false);
    const k = Tensor.internal(new Float32Array(4), [1, 1, 2, 2], true);
    conv2d(x, k).backward(Tensor.internal(dy, [1, 1, 2, 2], false));
    render(KernelGradientPanel, {
      input: X,
      outputGradient: { height: 2, width: 2, data: dy },
      kernelHeight: 2,
      kernelWidth: 2,
      autogradGradient: { height: 2, width: 2, data: k.grad!.data },
    });
    // dK[a, b] = X[a, b] + X[a + 1, b + 1].
    expect(cells('Kernel gradient by correlation')).toEqual(['4', '6', '10', '12']);
    expect(cells('Kernel gradient from autograd')).toEqual(['4', '6', '10', '12']);
    expect(screen.getByText(/Largest difference: 0/)).toBeTruthy();
    expect(screen.getByText(/dL\/db \(the summed output error\): 2/)).toBeTruthy();
  });

  it('shows an alert when dL/dY has the wrong shape', () => {
    render(KernelGradientPanel, {
      input: X,
      outputGradient: { height: 3, width: 3, data: new Float32Array(9) },
      kernelHeight: 2,
      kernelWidth: 2,
    });
    expect(screen.getByRole('alert').textContent).toBe(
      'kernelGradientByCorrelation: the output gradient is 3x3 but the output is 2x2',
    );
  });
});
