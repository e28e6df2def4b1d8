import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import KernelGradientPanel from '../../../renderer/src/lib/chapter/KernelGradientPanel.svelte';
import KernelCompositionPanel from '../../../renderer/src/lib/chapter/KernelCompositionPanel.svelte';
import PoolingShiftPanel from '../../../renderer/src/lib/chapter/PoolingShiftPanel.svelte';
import Conv1x1Panel from '../../../renderer/src/lib/chapter/Conv1x1Panel.svelte';
import LearnabilityPanel from '../../../renderer/src/lib/chapter/LearnabilityPanel.svelte';
import LayerCostPanel from '../../../renderer/src/lib/chapter/LayerCostPanel.svelte';
import MultiChannelPanel from '../../../renderer/src/lib/chapter/MultiChannelPanel.svelte';
import { conv2d } from '../../../core/src/conv/index.ts';
import { Tensor } from '../../../core/src/tensor.ts';
import {
  textbookKernelStack,
  textbookStripes,
  TEXTBOOK_MULTI_IN_X,
} from '../../../core/src/explain/index.ts';

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

describe('KernelCompositionPanel', () => {
  it('[1, −1] then [1, −1] is one [1, −2, 1] kernel of size 3', () => {
    const d = { height: 1, width: 2, data: Float32Array.from([1, -1]) };
    render(KernelCompositionPanel, { first: d, second: d });
    expect(cells('Composed kernel')).toEqual(['1', '-2', '1']); // cells write the minus as the lab's do
    expect(screen.getByText('1x2 then 1x2 = one 1x3 kernel (1 + 1 - 1 = 1, 2 + 2 - 1 = 3).')).toBeTruthy();
  });

  it('shows an alert for an invalid stride', () => {
    const d = { height: 1, width: 2, data: Float32Array.from([1, -1]) };
    render(KernelCompositionPanel, { first: d, second: d, firstOptions: { stride: 0 } });
    expect(screen.getByRole('alert').textContent).toMatch(/^composeKernels: first stride must be/);
  });
});

describe('PoolingShiftPanel', () => {
  it("defaults to the chapter's stripes and K and says the pooled edge survives a one-pixel shift", () => {
    render(PoolingShiftPanel, {});
    expect(cells('Edge response').slice(0, 7)).toEqual(['0', '1', '0', '0', '0', '-1', '0']);
    expect(screen.getByRole('status').textContent).toContain('column 1 still fires in both');
  });

  it('reports a two-pixel shift as too much for a 2x2 window', () => {
    const stripes = textbookStripes();
    render(PoolingShiftPanel, { input: { height: 6, width: 8, data: stripes.data }, shift: 2 });
    expect(screen.getByRole('status').textContent).toMatch(/no cell fires in both/);
  });
});

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

describe('LearnabilityPanel', () => {
  it('the transposed stripes with a 1x2 kernel: rank 1 of 2, the reason, and the null direction [1, −1]/√2', () => {
    const s = textbookStripes();
    const t = new Float32Array(48);
    for (let r = 0; r < 6; r++) for (let c = 0; c < 8; c++) t[c * 6 + r] = s.data[r * 8 + c];
    render(LearnabilityPanel, { input: { height: 8, width: 6, data: t }, kernelHeight: 1, kernelWidth: 2 });
    expect(screen.getByRole('status').textContent).toMatch(
      /^The input has no change along the kernel's horizontal direction/,
    );
    expect(screen.getByText(/tell apart 1 of 2 weight directions/)).toBeTruthy();
    const [a, b] = cells('Null direction 1');
    expect(Number(a!.replace('−', '-'))).toBeCloseTo(-Number(b!.replace('−', '-')), 3);
    expect(Math.abs(Number(a!.replace('−', '-')))).toBeCloseTo(Math.SQRT1_2, 3);
  });

  it('the stripes themselves: learnable, no null direction', () => {
    render(LearnabilityPanel, {
      input: { height: 6, width: 8, data: textbookStripes().data },
      kernelHeight: 1,
      kernelWidth: 2,
    });
    expect(screen.getByRole('status').textContent).toMatch(/^The kernel can be learned/);
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('LayerCostPanel', () => {
  it('8x8 input, 3x3 kernel, padding 1: 576 multiply-adds forward, 1,152 backward', () => {
    render(LayerCostPanel, {
      spec: { kind: 'conv', inChannels: 1, outChannels: 1, height: 8, width: 8, kernel: 3, padding: 1 },
    });
    const rows = Array.from(screen.getByRole('table').querySelectorAll('tbody tr'), (tr) =>
      Array.from(tr.children, (c) => c.textContent),
    );
    // 8·8 outputs × 9 weights; backward: the input's and the weight's gradients, each as much again.
    expect(rows[0]).toEqual(['Multiply-adds', '576', '1,152']);
    expect(screen.getByText(/Output 1×1×8×8, 10 parameters/)).toBeTruthy();
  });

  it('shows an alert when the kernel does not fit', () => {
    render(LayerCostPanel, {
      spec: { kind: 'conv', inChannels: 1, outChannels: 1, height: 2, width: 2, kernel: 3 },
    });
    expect(screen.getByRole('alert').textContent).toMatch(
      /^layerCost: kernel 3x3 is larger than the padded input/,
    );
  });
});

describe('MultiChannelPanel', () => {
  it("the chapter's K, K+1, K+2: three rows of two parts and their sum; output 0 is [[56, 72], [104, 120]]", () => {
    render(MultiChannelPanel, { input: TEXTBOOK_MULTI_IN_X, kernel: textbookKernelStack() });
    expect(cells('Output 0, input channel 0')).toEqual(['19', '25', '37', '43']);
    expect(cells('Output channel 0')).toEqual(['56', '72', '104', '120']);
    expect(screen.getAllByRole('table', { name: /^Output channel/ })).toHaveLength(3);
  });

  it('shows an alert when the kernel expects other channels', () => {
    render(MultiChannelPanel, {
      input: TEXTBOOK_MULTI_IN_X,
      kernel: { shape: [1, 3, 1, 1], data: [1, 2, 3] },
    });
    expect(screen.getByRole('alert').textContent).toBe(
      'multiChannelParts: input has 2 channels but kernel expects 3',
    );
  });
});
