// The canvas grid's geometry (where each cell lies, which cell a point is on) and its colours: the
// pixels it paints are the DOM cells' colours from the one colour scale.
import { describe, expect, it, vi } from 'vitest';
import {
  canvasLayout,
  cellAtPoint,
  cellOrigin,
  paintCells,
  paintRing,
} from '../../../renderer/src/lib/gridCanvas.ts';
import {
  divergingColor,
  grayColor,
  writeDivergingColor,
  writeGrayColor,
} from '../../../renderer/src/lib/colorScale.ts';
import { LIMITS } from '../../../core/src/limits.ts';

describe('canvasLayout', () => {
  it('fits the largest output the lab allows (64 + 2 x 64 padding, 1 x 1 kernel) with cells of 2 pixels', () => {
    const side = LIMITS.labInputSide.max + 2 * LIMITS.padding.max;
    const layout = canvasLayout(side, side, 44, 340);
    expect(layout.cell).toBe(2);
    expect(layout.width).toBe(side * (layout.cell + layout.gap) + layout.gap);
  });

  it('keeps a line between cells while they are large enough to spare a pixel', () => {
    const layout = canvasLayout(40, 40, 44, 330);
    expect(layout.gap).toBe(1);
    expect(layout.width).toBeLessThanOrEqual(330);
  });
});

describe('cellAtPoint', () => {
  it('finds every cell from any point inside it, and none on the lines or outside', () => {
    for (const layout of [canvasLayout(40, 33, 44, 330), canvasLayout(192, 192, 44, 340)]) {
      for (let row = 0; row < layout.rows; row += 7) {
        for (let col = 0; col < layout.cols; col += 5) {
          const { x, y } = cellOrigin(layout, row, col);
          expect(cellAtPoint(layout, x, y)).toEqual({ row, col });
          expect(cellAtPoint(layout, x + layout.cell - 0.5, y + layout.cell - 0.5)).toEqual({ row, col });
        }
      }
      expect(cellAtPoint(layout, -1, 5)).toBeNull();
      expect(cellAtPoint(layout, layout.width + 1, 5)).toBeNull();
    }
  });
});

describe('colours', () => {
  it('the canvas writers give the DOM cells’ colours', () => {
    const out = new Uint8ClampedArray(4);
    for (const v of [-3, -1, -0.37, 0, 0.5, 0.999, 1, 2.5, NaN, Infinity]) {
      writeDivergingColor(v, 2, out, 1);
      expect(Array.from(out.subarray(1, 4))).toEqual(divergingColor(v, 2));
      writeGrayColor(v, out, 0);
      expect(Array.from(out.subarray(0, 3))).toEqual(grayColor(v));
    }
  });

  it('paintCells puts cell i’s colour at pixel i of the image it scales up', () => {
    // jsdom has no canvas: a recording stand-in for the two contexts paintCells uses.
    class FakeImageData {
      data: Uint8ClampedArray;
      constructor(
        readonly width: number,
        readonly height: number,
      ) {
        this.data = new Uint8ClampedArray(width * height * 4);
      }
    }
    vi.stubGlobal('ImageData', FakeImageData);
    let painted: FakeImageData | null = null;
    const source = {
      width: 0,
      height: 0,
      getContext: () => ({ putImageData: (image: FakeImageData) => (painted = image) }),
    };
    // One signature for the spy: document.createElement's overloads end with Electron's <webview>.
    const factory = document as unknown as { createElement: (tag: string) => unknown };
    const create = vi.spyOn(factory, 'createElement').mockImplementation(() => source);
    const target = { fillRect: vi.fn(), drawImage: vi.fn(), fillStyle: '', imageSmoothingEnabled: true };
    try {
      const values = [-1, -0.5, 0, 0.25, 0.5, 1];
      const layout = canvasLayout(2, 3, 44, 330);
      paintCells(
        target as unknown as CanvasRenderingContext2D,
        layout,
        (i, pixels, offset) => {
          writeDivergingColor(values[i], 1, pixels, offset);
          return i !== 2; // cell 2 left transparent
        },
        '#ccc',
      );
      const image = painted as unknown as FakeImageData;
      for (let i = 0; i < values.length; i++) {
        const pixel = Array.from(image.data.subarray(4 * i, 4 * i + 4));
        if (i === 2) expect(pixel[3], 'cell 2 is transparent').toBe(0);
        else expect(pixel, `cell ${i}`).toEqual([...divergingColor(values[i], 1), 255]);
      }
      expect(target.imageSmoothingEnabled).toBe(false);
      expect(target.drawImage).toHaveBeenCalledOnce();
    } finally {
      create.mockRestore();
      vi.unstubAllGlobals();
    }
  });
});

describe('paintRing', () => {
  it('veils exactly the ring cells of a padded plane and dashes the input’s edge', () => {
    // A 6 x 8 input with padding 2 x 3: a 10 x 14 plane.
    const layout = canvasLayout(10, 14, 44, 330);
    const veil: [number, number, number, number][] = [];
    let edge: [number, number, number, number] | null = null;
    let dashed = false;
    const context = {
      globalAlpha: 1,
      fillStyle: '',
      strokeStyle: '',
      lineWidth: 1,
      fillRect: (x: number, y: number, w: number, h: number) => veil.push([x, y, w, h]),
      strokeRect: (x: number, y: number, w: number, h: number) => {
        edge = [x, y, w, h];
        dashed = true;
      },
      setLineDash: vi.fn(),
    } as unknown as CanvasRenderingContext2D;
    paintRing(context, layout, { top: 2, left: 3, height: 6, width: 8 }, '#fff', '#00f');
    // Every cell's centre is veiled once when it is in the ring, never when it is on the input.
    const pitch = layout.cell + layout.gap;
    for (let r = 0; r < 10; r++)
      for (let c = 0; c < 14; c++) {
        const x = layout.gap + c * pitch + layout.cell / 2;
        const y = layout.gap + r * pitch + layout.cell / 2;
        const covers = veil.filter(([vx, vy, w, h]) => x >= vx && x < vx + w && y >= vy && y < vy + h).length;
        const ring = r < 2 || r >= 8 || c < 3 || c >= 11;
        expect(covers, `cell ${r}, ${c}`).toBe(ring ? 1 : 0);
      }
    expect(dashed).toBe(true);
    const from = cellOrigin(layout, 2, 3);
    const to = cellOrigin(layout, 8, 11);
    expect(edge).toEqual([from.x - layout.gap / 2, from.y - layout.gap / 2, to.x - from.x, to.y - from.y]);
  });
});
