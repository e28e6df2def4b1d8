import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  layerStackShapes,
  receptiveFieldSize,
  traceReceptiveField,
  type LayerShape,
  type LayerSpec,
} from '../../../core/src/explain/layerStack.ts';
import { leaf, randomValues, avgPool2d, conv2d, maxPool2d, noGrad, type Tensor } from './reference.ts';

/** The stack run by the core's ops, one channel, with positive weights so any change in an input propagates. */
function forward(
  shapes: readonly LayerShape[],
  input: Float64Array,
  height: number,
  width: number,
  seed: number,
): Float32Array {
  return noGrad(() => {
    let x: Tensor = leaf(input, [1, 1, height, width]);
    shapes.forEach((layer, i) => {
      const g = layer.geometry;
      const spec = layer.spec;
      if (spec.kind === 'conv') {
        const weight = leaf(randomValues(g.kernelHeight * g.kernelWidth, seed + i, 0.5, 1), [
          1,
          1,
          g.kernelHeight,
          g.kernelWidth,
        ]);
        x = conv2d(x, weight, null, {
          padding: [g.padTop, g.padLeft],
          stride: [g.strideHeight, g.strideWidth],
          dilation: [g.dilationHeight, g.dilationWidth],
        });
      } else {
        const pool = spec.kind === 'maxPool' ? maxPool2d : avgPool2d;
        x = pool(x, [g.kernelHeight, g.kernelWidth], {
          padding: [g.padTop, g.padLeft],
          stride: [g.strideHeight, g.strideWidth],
        });
      }
    });
    return x.data;
  });
}

/** For every output cell, the input cells whose perturbation changes it: the receptive field by brute force. */
function bruteForceFields(
  shapes: readonly LayerShape[],
  height: number,
  width: number,
  seed: number,
): Set<string>[] {
  const input = randomValues(height * width, seed, 0, 1);
  const base = forward(shapes, input, height, width, seed);
  const fields = Array.from({ length: base.length }, () => new Set<string>());
  for (let i = 0; i < input.length; i++) {
    const bumped = Float64Array.from(input);
    bumped[i] += 1e6; // large enough to become the max of any pooling window it enters
    const out = forward(shapes, bumped, height, width, seed);
    for (let o = 0; o < out.length; o++)
      if (out[o] !== base[o]) fields[o].add(`${Math.floor(i / width)},${i % width}`);
  }
  return fields;
}

const layerArb: fc.Arbitrary<LayerSpec> = fc.oneof(
  fc.record({
    kind: fc.constant('conv' as const),
    kernel: fc.integer({ min: 1, max: 3 }),
    padding: fc.integer({ min: 0, max: 1 }),
    stride: fc.integer({ min: 1, max: 2 }),
    dilation: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({
    kind: fc.constantFrom('maxPool' as const, 'avgPool' as const),
    window: fc.integer({ min: 2, max: 3 }),
    padding: fc.integer({ min: 0, max: 1 }),
    stride: fc.integer({ min: 1, max: 2 }),
  }),
);

describe('layer stack shapes and receptive fields', () => {
  it('the traced field at every level equals the brute-force field (perturb one cell, see which outputs change) for random stacks', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        fc.array(layerArb, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 6, max: 10 }),
        fc.integer({ min: 1, max: 1000 }),
        (layers, size, seed) => {
          let shapes: LayerShape[];
          try {
            shapes = layerStackShapes(size, size + 1, layers);
          } catch {
            return; // this stack does not fit the input; counted below
          }
          compared++;
          const last = shapes.length - 1;
          // Compare every level: level k is the input of the sub-stack k..last.
          for (let k = 0; k <= last; k++) {
            const sub = shapes.slice(k);
            const { inHeight, inWidth } = shapes[k].geometry;
            const fields = bruteForceFields(sub, inHeight, inWidth, seed);
            const { outHeight, outWidth } = shapes[last].geometry;
            for (let o = 0; o < fields.length; o++) {
              const row = Math.floor(o / outWidth);
              const col = o % outWidth;
              const level = traceReceptiveField(shapes, last, row, col)[k];
              const traced = new Set(level.cells.filter((c) => !c.isPadding).map((c) => `${c.row},${c.col}`));
              expect(
                [...traced].sort(),
                `level ${k}, output (${row}, ${col}) of ${outHeight}x${outWidth}`,
              ).toEqual([...fields[o]].sort());
            }
          }
        },
      ),
      { numRuns: 30 },
    );
    expect(compared, 'most random stacks fit').toBeGreaterThan(10);
  });

  it('x=[5,5] conv 3x3 padding 1: the corner output covers four real cells and five padding cells, marked', () => {
    const shapes = layerStackShapes(5, 5, [{ kind: 'conv', kernel: 3, padding: 1 }]);
    const [input, output] = traceReceptiveField(shapes, 0, 0, 0);
    expect(output.cells).toEqual([{ row: 0, col: 0, isPadding: false }]);
    const padding = input.cells.filter((c) => c.isPadding).map((c) => [c.row, c.col]);
    expect(padding).toEqual([
      [-1, -1],
      [-1, 0],
      [-1, 1],
      [0, -1],
      [1, -1],
    ]);
    expect(input.bounds).toEqual({ top: 0, left: 0, bottom: 1, right: 1 });
  });

  it('conv 3x3, maxPool 2x2, conv 3x3 on 32x32: an interior field spans the textbook size 1 + 2 + 1·1 + 2·2 = 8', () => {
    const shapes = layerStackShapes(32, 32, [
      { kind: 'conv', kernel: 3 },
      { kind: 'maxPool', window: 2 },
      { kind: 'conv', kernel: 3 },
    ]);
    expect(shapes.map((s) => [s.geometry.outHeight, s.geometry.outWidth])).toEqual([
      [30, 30],
      [15, 15],
      [13, 13],
    ]);
    expect(receptiveFieldSize(shapes)).toEqual([8, 8]);
    const [input] = traceReceptiveField(shapes, 2, 6, 6);
    const b = input.bounds!;
    expect([b.bottom - b.top + 1, b.right - b.left + 1]).toEqual([8, 8]);
  });

  it('conv 3x3 dilation 2: the field has holes (9 cells in a 5x5 box)', () => {
    const shapes = layerStackShapes(7, 7, [{ kind: 'conv', kernel: 3, dilation: 2 }]);
    const [input] = traceReceptiveField(shapes, 0, 1, 1);
    expect(input.cells).toHaveLength(9);
    expect(input.bounds).toEqual({ top: 1, left: 1, bottom: 5, right: 5 });
  });

  it('throws when a layer does not fit, naming the layer and the sizes', () => {
    expect(() =>
      layerStackShapes(8, 8, [
        { kind: 'conv', kernel: 3 },
        { kind: 'maxPool', window: 2 },
        { kind: 'conv', kernel: 3, name: 'conv2' },
      ]),
    ).not.toThrow();
    expect(() =>
      layerStackShapes(6, 6, [
        { kind: 'conv', kernel: 5 },
        { kind: 'maxPool', window: 2 },
        { kind: 'conv', kernel: 3, name: 'conv2' },
      ]),
    ).toThrow(
      'layerStackShapes: conv2 (conv 3x3) on a 1x1 input: kernel 3x3 is larger than the padded input 1x1',
    );
  });

  it('throws when pooling padding exceeds half the window, a kind is unknown, or the stack is empty', () => {
    expect(() => layerStackShapes(8, 8, [{ kind: 'maxPool', window: 2, padding: 2 }])).toThrow(
      'layerStackShapes: layer 0 (maxPool 2x2 padding 2x2) on a 8x8 input: padding 2x2 must be at most half the window 2x2',
    );
    expect(() => layerStackShapes(8, 8, [{ kind: 'dense' } as never])).toThrow(
      'layerStackShapes: layer 0 has kind "dense"; expected conv, maxPool or avgPool',
    );
    expect(() => layerStackShapes(8, 8, [])).toThrow('layerStackShapes: the stack needs at least one layer');
    expect(() => layerStackShapes(0, 8, [{ kind: 'conv', kernel: 1 }])).toThrow(
      'layerStackShapes: the input must be at least 1x1 with integer sizes, got 0x8',
    );
    expect(() => layerStackShapes(8, 8, [{ kind: 'conv', kernel: 0 }])).toThrow(
      'layerStackShapes: layer 0 (conv 0x0) on a 8x8 input: kernel must be a positive integer, got 0',
    );
  });

  it('throws when the traced cell or layer is out of range', () => {
    const shapes = layerStackShapes(4, 4, [{ kind: 'conv', kernel: 3 }]);
    expect(() => traceReceptiveField(shapes, 0, 2, 0)).toThrow(
      'traceReceptiveField: cell (2, 0) is outside the 2x2 output of layer 0 (conv 3x3)',
    );
    expect(() => traceReceptiveField(shapes, 1, 0, 0)).toThrow(
      'traceReceptiveField: layer must be an integer in [0, 0], got 1',
    );
    expect(() => receptiveFieldSize(shapes, 2)).toThrow(
      'receptiveFieldSize: count must be an integer in [0, 1], got 2',
    );
  });
});
