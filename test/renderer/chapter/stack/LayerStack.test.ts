import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import LayerStack from '../../../../renderer/src/chapter/stack/LayerStack.svelte';
import { layerStackModel } from '../../../../renderer/src/chapter/stack/layerStackViewModel.ts';
import { layerStackShapes, traceReceptiveField, type LayerSpec } from '../../../../core/src/explain/index.ts';

afterEach(cleanup);

const stack: LayerSpec[] = [
  { kind: 'conv', kernel: 3, padding: 1 },
  { kind: 'maxPool', window: 2 },
  { kind: 'conv', kernel: 3 },
];

describe('layer stack model', () => {
  it('8x8 through conv 3x3 pad 1, maxPool 2x2, conv 3x3: levels 8x8, 8x8, 4x4, 2x2 with the traced marks', () => {
    const { model } = layerStackModel(8, 8, stack, { row: 0, col: 0 });
    expect(model!.levels.map((l) => [l.height, l.width])).toEqual([
      [8, 8],
      [8, 8],
      [4, 4],
      [2, 2],
    ]);
    // The marks agree with the explain tracer, including the input's padding ring (padding 1).
    const trace = traceReceptiveField(layerStackShapes(8, 8, stack), 2, 0, 0);
    const input = model!.levels[0];
    expect([input.padTop, input.padLeft]).toEqual([1, 1]);
    const marked = Array.from(input.marks).filter((v) => v !== 0).length;
    expect(marked).toBe(trace[0].cells.length);
    expect(input.marks[0]).toBe(2); // padded (−1, −1) is in the field of output (0, 0), as padding
    expect(model!.fieldSize).toEqual([8, 8]); // 1 + (3 - 1) + (2 - 1)·1 + (3 - 1)·2
    expect(input.summary).toBe(
      'Input, 8×8: 49 cells in the field (rows 0–6, columns 0–6), and 15 padding cells.',
    );
  });

  it('clamps the selection into the output and reports a stack that does not fit', () => {
    expect(layerStackModel(8, 8, stack, { row: 9, col: -3 }).model!.selected).toEqual({ row: 1, col: 0 });
    expect(layerStackModel(4, 4, stack).error).toMatch(
      /^layerStackShapes: layer 2 \(conv 3x3\) on a 2x2 input/,
    );
  });
});

describe('LayerStack panel', () => {
  it('lists the shapes and lets the user pick the traced output cell', async () => {
    render(LayerStack, { inputHeight: 8, inputWidth: 8, layers: stack });
    expect(screen.getByText('layer 1 (maxPool 2x2) → 4×4')).toBeTruthy();
    const buttons = screen.getAllByRole('button', { name: /^Output row/ });
    expect(buttons).toHaveLength(4);
    expect(screen.getByRole('button', { name: 'Output row 0 column 0' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Output row 1 column 1' }));
    expect(screen.getByRole('button', { name: 'Output row 1 column 1' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(
      screen.getByText(
        /^Input, 8×8: 49 cells in the field \(rows 1–7, columns 1–7\), and 15 padding cells\.$/,
      ),
    ).toBeTruthy();
  });

  it('shows an alert for a stack that does not fit the input', () => {
    render(LayerStack, { inputHeight: 4, inputWidth: 4, layers: stack });
    expect(screen.getByRole('alert').textContent).toMatch(/^layerStackShapes:/);
  });
});

describe('LayerStack panel on a large input', () => {
  it('draws levels over 1,024 cells on canvases and picks the traced output with two fields', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null); // jsdom draws nothing
    const one: LayerSpec[] = [{ kind: 'conv', kernel: 3, padding: 1 }];
    const { container } = render(LayerStack, { inputHeight: 64, inputWidth: 64, layers: one });
    // Input 66 x 66 with its padding ring, output 64 x 64: both canvases, no element per cell.
    expect(container.querySelectorAll('canvas')).toHaveLength(2);
    expect(container.querySelectorAll('.cell')).toHaveLength(0);
    expect(screen.queryAllByRole('button', { name: /^Output row/ })).toHaveLength(0);
    expect(container.querySelectorAll('*').length).toBeLessThan(100);
    const row = screen.getByLabelText('Traced output row');
    expect(row).toHaveAttribute('max', '63');
    await fireEvent.input(row, { target: { value: '10' } });
    await fireEvent.input(screen.getByLabelText('Traced output column'), { target: { value: '20' } });
    // Output (10, 20) of a 3 x 3 conv with padding 1 reads input rows 9-11, columns 19-21.
    expect(
      screen.getByText(/^Input, 64×64: 9 cells in the field \(rows 9–11, columns 19–21\)\.$/),
    ).toBeTruthy();
    await fireEvent.input(row, { target: { value: '64' } });
    expect(screen.getByRole('alert')).toHaveTextContent('Traced output row is 64, over the maximum of 63');
  });
});
