// Files and storage: image import, malformed imports, and the autosave across a reload.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { expect, test } from '@playwright/test';
import { grid, gridValues, numberField, openFreshLab } from './helpers.ts';

async function tempFile(name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'convlab-e2e-')), name);
  await writeFile(path, bytes);
  return path;
}

test('importing a PNG makes it a grayscale input fitted to the grid with its aspect ratio', async ({
  page,
}) => {
  await openFreshLab(page);
  // 16 x 16: left half black, right half white. Fitted into the 6 x 8 grid it becomes 6 x 6.
  const png = new PNG({ width: 16, height: 16 });
  for (let i = 0; i < 16 * 16; i++) {
    const v = i % 16 < 8 ? 0 : 255;
    png.data.set([v, v, v, 255], 4 * i);
  }
  const path = await tempFile('halves.png', PNG.sync.write(png));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import image…' }).click();
  await (await chooser).setFiles(path);
  await expect(page.getByLabel('Input height', { exact: true })).toHaveValue('6');
  await expect(page.getByLabel('Input width', { exact: true })).toHaveValue('6');
  const x = await gridValues(grid(page, 'Input image'));
  expect(x).toEqual(Array.from({ length: 6 }, () => [0, 0, 0, 1, 1, 1]));

  // The same image transposed (top half black), dropped onto the editor.
  const transposed = new PNG({ width: 16, height: 16 });
  for (let i = 0; i < 16 * 16; i++) {
    const v = i < 8 * 16 ? 0 : 255;
    transposed.data.set([v, v, v, 255], 4 * i);
  }
  const bytes = Array.from(PNG.sync.write(transposed));
  const dataTransfer = await page.evaluateHandle((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'top.png', { type: 'image/png' }));
    return transfer;
  }, bytes);
  await page.getByRole('region', { name: /drop an image file here/ }).dispatchEvent('drop', { dataTransfer });
  await expect(grid(page, 'Input image').getByRole('gridcell').first()).toHaveText('0');
  expect(await gridValues(grid(page, 'Input image'))).toEqual([
    ...Array.from({ length: 3 }, () => [0, 0, 0, 0, 0, 0]),
    ...Array.from({ length: 3 }, () => [1, 1, 1, 1, 1, 1]),
  ]);
});

test('a malformed weights file or lab file shows an alert and leaves the lab as it was', async ({ page }) => {
  await openFreshLab(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByLabel('Training summary')).toContainText('after 10 epochs');
  const learned = await gridValues(grid(page, 'Learned kernel'));
  const input = await gridValues(grid(page, 'Input image'));

  const badFiles = [
    [
      'Import weights',
      await tempFile('broken.json', '{"format": "convlab-weights", "version": 1, "weight": '),
    ],
    [
      'Import weights',
      await tempFile(
        'wrong.json',
        JSON.stringify({ format: 'convlab-weights', version: 1, weight: { shape: [1, 1, 1, 2], data: 'x' } }),
      ),
    ],
    ['Open lab', await tempFile('lab.json', JSON.stringify({ format: 'convlab-lab', version: 99 }))],
  ];
  for (const [button, path] of badFiles) {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: button, exact: true }).click();
    await (await chooser).setFiles(path);
    await expect(page.getByRole('alert')).toBeVisible();
    expect(await gridValues(grid(page, 'Learned kernel'))).toEqual(learned);
    expect(await gridValues(grid(page, 'Input image'))).toEqual(input);
    await expect(page.getByLabel('Output shape')).toHaveText('6 × 7');
  }
});

test('a reload restores the lab, learned weights included', async ({ page }) => {
  await openFreshLab(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByLabel('Training summary')).toContainText('after 10 epochs');
  const learned = await gridValues(grid(page, 'Learned kernel'));
  await numberField(page, 'Padding').fill('1');
  await expect(page.getByLabel('Output shape')).toHaveText('8 × 9');
  await page.waitForTimeout(600); // the autosave runs 300 ms after the last edit
  await page.reload();
  await expect(page.getByLabel('Output shape')).toHaveText('8 × 9');
  expect(await gridValues(grid(page, 'Learned kernel'))).toEqual(learned);
  await expect(page.getByLabel('Training summary')).toContainText('after 10 epochs');
  await page.getByRole('button', { name: 'Reset lab' }).click();
  await expect(page.getByLabel('Output shape')).toHaveText('6 × 7');
});

test('Save lab writes a lab file that Open lab brings back', async ({ page }) => {
  await openFreshLab(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByLabel('Training summary')).toContainText('after 10 epochs');
  const learned = await gridValues(grid(page, 'Learned kernel'));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save lab' }).click(),
  ]);
  const path = await download.path();
  await numberField(page, 'Padding').fill('2');
  await expect(page.getByLabel('Output shape')).toHaveText('10 × 11');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open lab' }).click();
  await (await chooser).setFiles(path);
  await expect(page.getByLabel('Output shape')).toHaveText('6 × 7');
  expect(await gridValues(grid(page, 'Learned kernel'))).toEqual(learned);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('Export feature map writes a PNG of the map, one pixel per value', async ({ page }) => {
  await openFreshLab(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export feature map (PNG)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('feature-map.png');
  const png = PNG.sync.read(await readFile(await download.path()));
  expect([png.width, png.height]).toEqual([7, 6]);
  // Column 1 holds +1 (red end of the scale), column 5 holds -1 (blue end).
  const pixel = (x: number, y: number) =>
    Array.from(png.data.subarray(4 * (y * png.width + x), 4 * (y * png.width + x) + 3));
  const [red, , blue] = pixel(1, 0);
  expect(red).toBeGreaterThan(blue);
  const [red5, , blue5] = pixel(5, 0);
  expect(blue5).toBeGreaterThan(red5);
});
