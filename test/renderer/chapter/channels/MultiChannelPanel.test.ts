import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import MultiChannelPanel from '../../../../renderer/src/chapter/channels/MultiChannelPanel.svelte';
import { textbookKernelStack, TEXTBOOK_MULTI_IN_X } from '../../../../core/src/explain/index.ts';

afterEach(cleanup);
const cells = (name: string) =>
  Array.from(screen.getByRole('table', { name }).querySelectorAll('td'), (td) => td.textContent);

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
