// The padded input the lab draws against the core's own pad kernel on the same input: every ring cell
// must show the value the convolution reads there, for every padding mode.
import { describe, expect, it } from 'vitest';
import { pad } from '../../../core/src/conv/pad.ts';
import { tensor } from '../../../core/src/index.ts';
import { PAD_MODES, type PadMode } from '../../../core/src/conv/geometry.ts';
import { createGrid, type Grid } from '../../../renderer/src/lib/grid.ts';
import {
  isPaddingCell,
  paddedInput,
  paddingCellName,
  toInputCoordinates,
} from '../../../renderer/src/lib/paddedInput.ts';
import { textbookInput } from '../../../renderer/src/state/Lab.svelte.ts';

/** A 3 x 4 input whose every value is different, so a value names the cell it came from. */
function distinctInput(): Grid {
  const g = createGrid(3, 4);
  for (let i = 0; i < g.data.length; i++) g.data[i] = (i + 1) / 8;
  return g;
}

const corePad = (input: Grid, ph: number, pw: number, mode: PadMode): Float32Array =>
  pad(tensor(input.data, { shape: [1, 1, input.height, input.width] }), [pw, pw, ph, ph], mode).data;

describe('paddedInput', () => {
  for (const mode of PAD_MODES) {
    it(`x=[1,1,3,4] p=[2,1] mode=${mode}: every padded cell holds the core pad kernel's value`, () => {
      const input = distinctInput();
      const padded = paddedInput(input, { padding: [2, 1], paddingMode: mode })!;
      expect([padded.grid.height, padded.grid.width]).toEqual([3 + 4, 4 + 2]);
      expect(Array.from(padded.grid.data)).toEqual(Array.from(corePad(input, 2, 1, mode)));
    });

    it(`mode=${mode}: a ring cell's name says the input cell it reads, and that cell holds its value`, () => {
      const input = distinctInput();
      const padded = paddedInput(input, { padding: [2, 1], paddingMode: mode })!;
      const expected = corePad(input, 2, 1, mode);
      for (let i = 0; i < padded.grid.data.length; i++) {
        if (!isPaddingCell(padded, i)) continue;
        const name = paddingCellName(padded, i);
        const read = /^padding, reads X\[(\d+), (\d+)\]: (.+)$/.exec(name);
        if (read === null) {
          // Only a zero of zero padding reads no input cell.
          expect(mode).toBe('zeros');
          expect(name).toBe('padding 0');
          expect(expected[i]).toBe(0);
          continue;
        }
        const [, r, c, text] = read;
        expect(input.data[Number(r) * input.width + Number(c)]).toBe(expected[i]);
        expect(Number(text)).toBeCloseTo(expected[i], 4);
      }
    });
  }

  it('rings the 6 x 8 opening input with 32 cells at padding 1 (8 x 10 − 6 x 8), the input cells unchanged', () => {
    const input = textbookInput();
    const padded = paddedInput(input, { padding: [1, 1], paddingMode: 'zeros' })!;
    const ring = Array.from(padded.grid.data, (_, i) => i).filter((i) => isPaddingCell(padded, i));
    expect(ring).toHaveLength(8 * 10 - 6 * 8);
    for (let r = 0; r < input.height; r++)
      for (let c = 0; c < input.width; c++)
        expect(padded.grid.data[(r + 1) * padded.grid.width + c + 1]).toBe(input.data[r * input.width + c]);
    expect(toInputCoordinates(padded, 0, 0)).toEqual({ row: -1, col: -1 });
  });

  it('draws no ring for a padding the layer refuses (reflect as wide as the input), nor for padding 0', () => {
    const input = distinctInput();
    expect(paddedInput(input, { padding: [3, 1], paddingMode: 'reflect' })).toBeNull();
    expect(paddedInput(input, { padding: [0, 0], paddingMode: 'circular' })).toBeNull();
    expect(paddedInput(input, { padding: [0, 1], paddingMode: 'zeros' })?.grid.height).toBe(3);
  });
});
