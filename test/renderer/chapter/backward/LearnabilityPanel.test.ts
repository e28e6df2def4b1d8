import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import LearnabilityPanel from '../../../../renderer/src/chapter/backward/LearnabilityPanel.svelte';
import { textbookStripes } from '../../../../core/src/explain/index.ts';

afterEach(cleanup);
const cells = (name: string) =>
  Array.from(screen.getByRole('table', { name }).querySelectorAll('td'), (td) => td.textContent);

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
