// The chapter tabs' number fields take their bounds from the limits table too: a value over a limit is
// refused inline and changes nothing, and the pooling shift demo crops a large input.
import { describe, expect, it, vi } from 'vitest';
import { tick } from 'svelte';
import { fireEvent, render, screen } from '@testing-library/svelte';
import ChapterSection from '../../../renderer/src/chapter/ChapterSection.svelte';
import { Lab } from '../../../renderer/src/state/Lab.svelte.ts';
import { Training } from '../../../renderer/src/state/Training.svelte.ts';
import { inProcessClient } from '../fakes/clients.ts';
import { LIMITS } from '../../../core/src/limits.ts';

function setup(initialTab: 'pooling' | 'stack') {
  const lab = new Lab();
  render(ChapterSection, {
    props: { lab, training: new Training(inProcessClient(), lab), initialTab, draw: vi.fn() },
  });
  return lab;
}

describe('chapter fields', () => {
  it('pooling: a window, padding or stride over its limit is refused with the limit, and the pooled map stays', async () => {
    setup('pooling');
    const pooled = screen.getByRole('table', { name: 'Pooled feature map' }).innerHTML;
    for (const [label, limit] of [
      ['Pool window', LIMITS.kernelSide.max],
      ['Pool padding', LIMITS.padding.max],
      ['Pool stride', LIMITS.stride.max],
    ] as const) {
      const field = screen.getByLabelText(label);
      expect(field).toHaveAttribute('max', String(limit));
      await fireEvent.input(field, { target: { value: String(limit + 1) } });
      const message = document.getElementById(field.getAttribute('aria-describedby') ?? '');
      expect(message).toHaveAttribute('role', 'alert');
      expect(message).toHaveTextContent(`${label} is ${limit + 1}, over the limit of ${limit}`);
    }
    expect(screen.getByRole('table', { name: 'Pooled feature map' }).innerHTML).toBe(pooled);
  });

  it('layer stack: padding 1000 in a layer is refused and the stack keeps its shapes', async () => {
    setup('stack');
    const shapes = screen
      .getByRole('region', { name: 'Layer stack and receptive field' })
      .querySelector('ol')!.textContent;
    await fireEvent.input(screen.getByLabelText('Layer 1 padding'), { target: { value: '1000' } });
    expect(screen.getByRole('alert')).toHaveTextContent(
      `Layer 1 padding is 1,000, over the limit of ${LIMITS.padding.max}`,
    );
    expect(
      screen.getByRole('region', { name: 'Layer stack and receptive field' }).querySelector('ol')!
        .textContent,
    ).toBe(shapes);
  });

  it('pooling: the shift demonstration crops a 64 × 64 input to 16 × 16 and says so', async () => {
    const lab = setup('pooling');
    lab.resizeInput(64, 64);
    await tick();
    expect(screen.getByText(/cropped to its top-left 16×16 cells/)).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Edge response' }).querySelectorAll('tr')).toHaveLength(16);
  });
});
