// The notebook's experiment end to end: open, train, export the weights, import them back.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { parseWeights } from '../../core/src/formats/index.ts';
import book from '../fixtures/torch/book_run.json' with { type: 'json' };
import { closeMoreSettings, grid, gridValues, openFreshLab, openMoreSettings } from './helpers.ts';

test('the textbook flow: 6 × 7 output, Train learns a kernel near [1, -1], export and import the weights', async ({
  page,
}) => {
  await openFreshLab(page);
  await expect(page.getByText('floor((8 + 2*0 - 1*(2 - 1) - 1) / 1) + 1 = 7')).toBeVisible();
  // The textbook's Y: 1 where white meets black, -1 where black meets white (columns 1 and 5).
  const y = await gridValues(grid(page, 'Feature map'));
  expect(y).toEqual(Array.from({ length: 6 }, () => [0, 1, 0, 0, 0, -1, 0]));

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const summary = page.getByLabel('Training summary');
  await expect(summary).toContainText('after 10 epochs');
  const [[w0, w1]] = await gridValues(grid(page, 'Learned kernel'));
  expect(Math.abs(w0 - 1)).toBeLessThan(0.2);
  expect(Math.abs(w1 + 1)).toBeLessThan(0.2);
  // The book's run: PyTorch's final kernel and epoch 10's loss (the book prints 0.010) from its start.
  const [f0, f1] = book.final_weight;
  await expect(summary).toHaveText(
    `learned [${f0.toFixed(3)}, ${f1.toFixed(3)}] after 10 epochs, loss ${book.loss_per_epoch[9].toFixed(3)}`,
  );

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export weights' }).click(),
  ]);
  const path = await download.path();
  const text = await readFile(path, 'utf8');
  expect(() => parseWeights(text)).not.toThrow();
  const doc = JSON.parse(text);
  expect(doc.format).toBe('convlab-weights');
  expect(doc.version).toBe(1);
  expect(doc.weight.shape).toEqual([1, 1, 1, 2]);
  // PyTorch's [out][in][kh][kw] nesting, so torch.tensor(doc["weight"]["data"]) loads it.
  expect(doc.weight.data).toHaveLength(1);
  expect(doc.weight.data[0][0][0]).toHaveLength(2);
  const [e0, e1] = doc.weight.data[0][0][0] as number[];
  expect(e0).toBeCloseTo(w0, 2);
  expect(e1).toBeCloseTo(w1, 2);
  expect(doc.training.lossHistory).toHaveLength(10);

  // Back to the opening weights, then import the exported file.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(summary).toHaveCount(0);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import weights' }).click();
  await (await chooser).setFiles(path);
  await expect(page.getByText('Weights imported from')).toBeVisible();
  expect(await gridValues(grid(page, 'Learned kernel'))).toEqual([[w0, w1]]);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a drawn target output (here the feature map itself) trains to the same kernel; hovering an input cell lights the outputs it feeds', async ({
  page,
}) => {
  await openFreshLab(page);
  await openMoreSettings(page);
  await page.getByLabel('A drawn target output').check();
  await closeMoreSettings(page);
  expect(await gridValues(grid(page, 'Target output'))).toEqual(await gridValues(grid(page, 'Feature map')));
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByLabel('Training summary')).toContainText('after 10 epochs');
  const [[w0, w1]] = await gridValues(grid(page, 'Learned kernel'));
  expect(Math.abs(w0 - 1)).toBeLessThan(0.2);
  expect(Math.abs(w1 + 1)).toBeLessThan(0.2);

  // Input (0, 2) is read by the windows at columns 1 and 2 of output row 0.
  await grid(page, 'Input image').getByRole('row').nth(0).getByRole('gridcell').nth(2).hover();
  const lit = grid(page, 'Feature map').locator('.lit');
  await expect(lit).toHaveCount(2);
  expect(await lit.evaluateAll((cells) => cells.map((c) => `${c.dataset.row},${c.dataset.col}`))).toEqual([
    '0,1',
    '0,2',
  ]);
});
