import { describe, expect, it } from 'vitest';
import { notebookInput } from '../../../core/src/train/experiment.ts';
import { NAMED_KERNELS as CORE_PRESETS } from '../../../core/src/presets/kernels.ts';
import {
  INPUT_PRESETS,
  inputPreset,
  matchingInputPreset,
  stripes,
} from '../../../renderer/src/lib/inputPresets.ts';
import {
  KERNEL_PRESETS,
  kernelPreset,
  matchingKernelPreset,
} from '../../../renderer/src/lib/kernelPresets.ts';
import { gridToRows, gridsEqual, setCell } from '../../../renderer/src/lib/grid.ts';

describe('input presets', () => {
  it("make the textbook's X at 6 × 8, exactly as the core's notebook experiment", () => {
    expect(Array.from(stripes(6, 8).data)).toEqual(notebookInput().data);
  });

  it('fill every size from 1 × 1 to 64 × 64 with values in [0, 1]', () => {
    for (const preset of INPUT_PRESETS)
      for (const [h, w] of [
        [1, 1],
        [6, 8],
        [64, 17],
        [64, 64],
      ]) {
        const g = preset.make(h, w, 3);
        expect([g.height, g.width, g.data.length], preset.id).toEqual([h, w, h * w]);
        expect(
          g.data.every((v) => v >= 0 && v <= 1),
          preset.id,
        ).toBe(true);
      }
  });

  it('seeded noise repeats for the same seed and changes with it', () => {
    const noise = inputPreset('noise');
    expect(noise.make(8, 8, 5).data).toEqual(noise.make(8, 8, 5).data);
    expect(noise.make(8, 8, 5).data).not.toEqual(noise.make(8, 8, 6).data);
  });

  it('throws when a preset does not exist', () => {
    expect(() => inputPreset('nope')).toThrow('inputPreset: no preset "nope"');
  });
});

describe('kernel presets', () => {
  it("offer the core's presets with the same values", () => {
    for (const core of CORE_PRESETS)
      expect(gridToRows(kernelPreset(core.name).make(0))).toEqual(core.rows.map((r) => r.map(Math.fround)));
  });

  it('make the directional derivative Sobel x at 0 degrees and Sobel y at 90 degrees', () => {
    const directional = kernelPreset('directional');
    expect(gridToRows(directional.make(0))).toEqual(CORE_PRESETS.find((p) => p.name === 'sobel-x')!.rows);
    expect(
      gridToRows(directional.make(90))
        .flat()
        .map((v) => v + 0),
    ).toEqual(CORE_PRESETS.find((p) => p.name === 'sobel-y')!.rows.flat());
  });

  it('every preset fits the 7 × 7 editor', () => {
    for (const p of KERNEL_PRESETS) {
      const g = p.make(30);
      expect(g.height <= 7 && g.width <= 7, p.id).toBe(true);
    }
  });
});

describe('the preset a grid holds (what the preset list shows)', () => {
  it("the opening scene is the textbook's stripes and edge; an edited grid is no preset", () => {
    const x = stripes(6, 8);
    expect(matchingInputPreset(x, 7)).toBe('stripes');
    expect(matchingInputPreset(setCell(x, 0, 0, 0.5), 7)).toBeNull();
    const k = kernelPreset('edge').make(0);
    expect(matchingKernelPreset(k, 45)).toBe('edge');
    expect(matchingKernelPreset(setCell(k, 0, 0, 2), 45)).toBeNull();
  });

  it('finds each preset it made, the angle-dependent one at its angle and noise at its seed', () => {
    // Two presets can hold the same kernel: the list names the first.
    const first = (id: string) =>
      KERNEL_PRESETS.find((p) => gridsEqual(p.make(30), kernelPreset(id).make(30)))!.id;
    for (const preset of KERNEL_PRESETS)
      expect(matchingKernelPreset(preset.make(30), 30), preset.id).toBe(first(preset.id));
    expect(matchingKernelPreset(kernelPreset('directional').make(30), 60)).not.toBe('directional');
    expect(matchingInputPreset(inputPreset('noise').make(9, 9, 3), 3)).toBe('noise');
    expect(matchingInputPreset(inputPreset('noise').make(9, 9, 3), 4)).toBeNull();
  });
});
