// Draws the app icon, build/icon.png (512×512 RGBA), with pngjs: a navy rounded square holding a
// 5×5 grid of grey input pixels (a diagonal edge) with an orange 3×3 kernel window over its top-left
// corner: convolution at a glance. electron-builder derives the .ico and .icns from this one PNG.
// Usage: node build/make-icon.mjs [output.png]   (deterministic: same bytes on every run)
import { PNG } from 'pngjs';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const size = 512;
const radius = 96;
const background = [30, 42, 68];
const kernelColour = [245, 158, 11];
const cells = 5;
const cell = 72;
const gap = 8;
const grid = cells * cell + (cells - 1) * gap;
const origin = (size - grid) / 2;
const border = 10;

const png = new PNG({ width: size, height: size });

/** Row-major RGBA: pixel (x, y) starts at byte 4 * (y * size + x). */
function set(x, y, [r, g, b], alpha = 255) {
  const i = 4 * (y * size + x);
  png.data[i] = r;
  png.data[i + 1] = g;
  png.data[i + 2] = b;
  png.data[i + 3] = alpha;
}

function insideRoundedSquare(x, y) {
  const cx = Math.min(Math.max(x, radius), size - 1 - radius);
  const cy = Math.min(Math.max(y, radius), size - 1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    if (!insideRoundedSquare(x, y)) {
      set(x, y, [0, 0, 0], 0);
      continue;
    }
    set(x, y, background);
    const gx = x - origin;
    const gy = y - origin;
    // The kernel window: a frame of width `border` just outside the top-left 3×3 cells.
    const window = 3 * cell + 2 * gap;
    const inOuter = gx >= -border && gy >= -border && gx < window + border && gy < window + border;
    const inInner = gx >= 0 && gy >= 0 && gx < window && gy < window;
    if (inOuter && !inInner) {
      set(x, y, kernelColour);
      continue;
    }
    if (gx < 0 || gy < 0 || gx >= grid || gy >= grid) continue;
    const column = Math.floor(gx / (cell + gap));
    const row = Math.floor(gy / (cell + gap));
    if (gx % (cell + gap) < cell && gy % (cell + gap) < cell) {
      // A diagonal edge: light above the anti-diagonal, dark below.
      const level = column + row < cells - 1 ? 232 : column + row === cells - 1 ? 150 : 70;
      set(x, y, [level, level, level]);
    }
  }
}

const output = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(output, PNG.sync.write(png, { colorType: 6 }));
