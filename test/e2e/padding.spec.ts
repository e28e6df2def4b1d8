// Padding and stride you can see: the padded ring on the Input image (its values the core's), the window
// of a hovered output with its ring cells and its sum, Slide the kernel jumping by the stride, and the
// lab's grids in the dark theme.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { pad } from '../../core/src/conv/pad.ts';
import { tensor } from '../../core/src/index.ts';
import { closeMoreSettings, grid, numberField, openFreshLab, openMoreSettings } from './helpers.ts';

const input = (page: Page): Locator => grid(page, 'Input image');
const ringCells = (page: Page): Locator => input(page).getByRole('gridcell', { name: /padding/ });
const litCells = async (page: Page): Promise<[number, number][]> =>
  input(page)
    .locator('.lit')
    .evaluateAll((cells) =>
      cells.map((c) => [Number(c.dataset.row), Number(c.dataset.col)] as [number, number]),
    );

/** The slide plays on its own: pause it, then Home brings the window back to the first position. */
async function pauseAtFirstWindow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pause slide' }).click();
  await expect(page.getByRole('button', { name: 'Play slide' })).toBeVisible();
  await page.keyboard.press('Home');
}

test('padding 1 rings the 6 x 8 input with 32 cells named "padding"; painting one does nothing', async ({
  page,
}) => {
  await openFreshLab(page);
  await expect(ringCells(page)).toHaveCount(0);
  await numberField(page, 'Padding').fill('1');
  await expect(page.getByLabel('Output shape')).toHaveText('8 × 9');
  await expect(input(page).getByRole('gridcell')).toHaveCount(8 * 10);
  await expect(ringCells(page)).toHaveCount(8 * 10 - 6 * 8);
  await expect(ringCells(page).first()).toHaveAccessibleName('padding 0');
  const featureMap = await grid(page, 'Feature map').getByRole('gridcell').allTextContents();
  // The ring's corner, then the top ring cell above the black column 3: neither is the input.
  await ringCells(page).first().click();
  await input(page).getByRole('row').nth(0).getByRole('gridcell').nth(4).click();
  await expect(input(page).getByRole('row').nth(0).getByRole('gridcell').nth(4)).toHaveText('0');
  expect(await grid(page, 'Feature map').getByRole('gridcell').allTextContents()).toEqual(featureMap);
  // The input's own cells keep their names (their values) and still paint: X[0, 3] is black, now white.
  const x03 = input(page).getByRole('row').nth(1).getByRole('gridcell').nth(4);
  await expect(x03).toHaveAccessibleName('0');
  await x03.click();
  await expect(x03).toHaveText('1');
});

test('reflect, replicate and circular rings on a 2 x 3 input show the values the core pad kernel gives', async ({
  page,
}) => {
  await openFreshLab(page);
  await numberField(page, 'Input height').fill('2');
  await numberField(page, 'Input width').fill('3');
  // Distinct values that print whole in a small cell, so each ring cell's value says which input cell it repeats.
  const values = [0.25, 0.5, 0.75, 1, 1.5, 2];
  for (let i = 0; i < values.length; i++) {
    await numberField(page, 'Brush value').fill(String(values[i]));
    await input(page)
      .getByRole('row')
      .nth(Math.floor(i / 3))
      .getByRole('gridcell')
      .nth(i % 3)
      .click();
  }
  const x = tensor(Float32Array.from(values), { shape: [1, 1, 2, 3] });
  await numberField(page, 'Padding').fill('1');
  await openMoreSettings(page);
  for (const mode of ['reflect', 'replicate', 'circular'] as const) {
    await page.getByLabel('Padding mode').selectOption(mode);
    const expected = Array.from(pad(x, [1, 1, 1, 1], mode).data);
    const cells = input(page).getByRole('gridcell');
    await expect(cells).toHaveCount(4 * 5);
    const shown = (await cells.allTextContents()).map((t) => Number(t.trim()));
    expect(shown, mode).toEqual(expected);
    // Each ring cell names the input cell it reads, and that cell holds the value it shows.
    const names = await ringCells(page).evaluateAll((els) =>
      els.map((e) => e.getAttribute('aria-label') ?? ''),
    );
    expect(names).toHaveLength(4 * 5 - 2 * 3);
    for (const name of names) {
      const [, r, c, v] = /^padding, reads X\[(\d), (\d)\]: (.+)$/.exec(name) ?? [];
      expect(values[Number(r) * 3 + Number(c)], name).toBe(Number(v));
    }
  }
  await page.screenshot({ path: 'test-results/e2e/padding-circular.png' });
});

test('hovering Y[0, 1] with padding 1 lights its window in the ring and says it reads only padding', async ({
  page,
}) => {
  await openFreshLab(page);
  await numberField(page, 'Padding').fill('1');
  await grid(page, 'Feature map').getByRole('row').nth(0).getByRole('gridcell').nth(1).hover();
  await expect(page.getByText('Y[0, 1] reads only padding')).toBeVisible();
  const lit = input(page).locator('.lit');
  await expect(lit).toHaveCount(2);
  for (const cell of await lit.all()) await expect(cell).toHaveAccessibleName(/padding/);
  expect(await litCells(page)).toEqual([
    [0, 1],
    [0, 2],
  ]);
  // A window inside the input reads no padding and lights input cells.
  await grid(page, 'Feature map').getByRole('row').nth(2).getByRole('gridcell').nth(3).hover();
  await expect(page.getByText(/reads only padding/)).toHaveCount(0);
  expect(await litCells(page)).toEqual([
    [2, 3],
    [2, 4],
  ]);
  // A ring cell lights the outputs whose window covers it: the padded cell (0, 3) is tap 2 of Y[0, 2]
  // and tap 1 of Y[0, 3].
  await input(page).getByRole('row').nth(0).getByRole('gridcell').nth(3).hover();
  const fed = grid(page, 'Feature map').locator('.lit');
  expect(await fed.evaluateAll((cells) => cells.map((c) => `${c.dataset.row},${c.dataset.col}`))).toEqual([
    '0,2',
    '0,3',
  ]);
  await page.screenshot({ path: 'test-results/e2e/padding-hover.png' });
});

test('Slide the kernel with stride 2 jumps the window by 2 over the padded input, from the keyboard too, and stops when the geometry changes', async ({
  page,
}) => {
  await openFreshLab(page);
  await numberField(page, 'Padding').fill('1');
  await numberField(page, 'Stride').fill('2');
  await expect(page.getByLabel('Output shape')).toHaveText('4 × 5');
  const slide = page.getByRole('button', { name: 'Slide the kernel' });
  await slide.click();
  await expect(slide).toHaveAttribute('aria-pressed', 'true');
  await pauseAtFirstWindow(page);
  await expect(page.getByRole('status').filter({ hasText: 'Window 1 of 20' })).toBeVisible();
  expect(await litCells(page)).toEqual([
    [0, 0],
    [0, 1],
  ]);
  await page.getByRole('button', { name: 'Next window' }).click();
  await expect(page.getByText('Window 2 of 20')).toBeVisible();
  expect(await litCells(page)).toEqual([
    [0, 2],
    [0, 3],
  ]);
  await expect(page.getByText('Y[0, 1] reads only padding')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByText('Window 3 of 20')).toBeVisible();
  expect(await litCells(page)).toEqual([
    [0, 4],
    [0, 5],
  ]);
  // The next row of windows is 2 rows down: row 2 of the padded input is input row 1.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByText('Window 6 of 20')).toBeVisible();
  expect(await litCells(page)).toEqual([
    [2, 0],
    [2, 1],
  ]);
  await expect(page.getByText(/^Y\[1, 0\]$/)).toBeVisible();

  await numberField(page, 'Stride').fill('1');
  await expect(slide).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('button', { name: 'Next window' })).toHaveCount(0);
  await expect(input(page).locator('.lit')).toHaveCount(0);
});

test('dilation 2 lights the window’s taps two apart, not the cell between them', async ({ page }) => {
  await openFreshLab(page);
  await openMoreSettings(page);
  await numberField(page, 'Dilation').fill('2');
  await closeMoreSettings(page);
  await page.getByRole('button', { name: 'Slide the kernel' }).click();
  await pauseAtFirstWindow(page);
  await page.getByRole('button', { name: 'Next window' }).click();
  await expect(page.getByText('Window 2 of 36: Y[0, 1] reads row 0, columns 1–3 (every 2nd)')).toBeVisible();
  expect(await litCells(page)).toEqual([
    [0, 1],
    [0, 3],
  ]);
});

test('in the dark theme a zero cell of the feature map is the theme’s neutral, and no lab cell clips its number', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openFreshLab(page);
  const zeroCell = grid(page, 'Feature map').getByRole('gridcell').first();
  await expect(zeroCell).toHaveText('0');
  const [cellColour, neutral] = await zeroCell.evaluate((cell) => {
    // The theme's neutral as the browser resolves it, through the same computed-colour path as the cell.
    const probe = document.createElement('div');
    probe.style.backgroundColor = 'var(--surface-2)';
    document.body.append(probe);
    const resolved = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return [getComputedStyle(cell).backgroundColor, resolved];
  });
  expect(cellColour).toBe(neutral);
  expect(neutral).not.toBe('rgb(247, 247, 247)');

  // A kernel weight of -219.33 makes feature-map values of -219.33 and -220.33: each fits its cell.
  const kernelCell = grid(page, 'Kernel').getByRole('gridcell').first();
  await kernelCell.focus();
  await page.keyboard.type('-219.33');
  await page.keyboard.press('Enter');
  await expect(grid(page, 'Feature map').getByRole('gridcell').first()).toHaveText(/^-2(19|20)/);
  const clipped = await page
    .locator('main:not([hidden]) .panel [role="grid"] .cell > span')
    .evaluateAll((spans) =>
      spans
        .filter((s) => s.getBoundingClientRect().width > (s.parentElement as HTMLElement).clientWidth)
        .map((s) => s.textContent),
    );
  expect(clipped).toEqual([]);
  await page.screenshot({ path: 'test-results/e2e/padding-dark.png', fullPage: true });
});

test('axe finds no serious or critical violation with the padded ring drawn and a window lit', async ({
  page,
}) => {
  await openFreshLab(page);
  await numberField(page, 'Padding').fill('2');
  await openMoreSettings(page);
  await page.getByLabel('Padding mode').selectOption('reflect');
  await closeMoreSettings(page);
  await grid(page, 'Feature map').getByRole('row').nth(0).getByRole('gridcell').nth(0).hover();
  const results = await new AxeBuilder({ page }).include('main:not([hidden]) .equation').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
});

test('a canvas grid (40 x 40 input, padding 2) draws the ring, names it for screen readers, and paints zero as the dark theme’s neutral', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openFreshLab(page);
  await numberField(page, 'Input height').fill('40');
  await numberField(page, 'Input width').fill('40');
  await numberField(page, 'Padding').fill('2');
  const image = input(page);
  await expect(image).toHaveAttribute('aria-rowcount', '44');
  await image.focus();
  const active = image.locator('.active-cell');
  await expect(active).toHaveText('Row 3, column 3: 1');
  await page.keyboard.press('ArrowUp');
  await expect(active).toHaveText('Row 2, column 3, padding 0');

  // The resized input is zero past its top-left 6 x 8, so the feature map's middle cell is 0.
  const map = grid(page, 'Feature map');
  await expect(map).toHaveAttribute('aria-rowcount', '44');
  const [pixel, neutral] = await map.evaluate((root) => {
    const canvas = root.querySelector('canvas') as HTMLCanvasElement;
    const rows = Number(root.getAttribute('aria-rowcount'));
    const cols = Number(root.getAttribute('aria-colcount'));
    // The centre of cell (rows / 2, cols / 2), in the canvas's backing pixels.
    const x = Math.floor(((Math.floor(cols / 2) + 0.5) / cols) * canvas.width);
    const y = Math.floor(((Math.floor(rows / 2) + 0.5) / rows) * canvas.height);
    const [r, g, b] = canvas.getContext('2d')!.getImageData(x, y, 1, 1).data;
    const probe = document.createElement('div');
    probe.style.backgroundColor = 'var(--surface-2)';
    document.body.append(probe);
    const resolved = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return [`rgb(${r}, ${g}, ${b})`, resolved];
  });
  expect(pixel).toBe(neutral);
  await page.screenshot({ path: 'test-results/e2e/padding-canvas-dark.png' });
});
