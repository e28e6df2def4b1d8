// Each chapter view, live on the lab's opening scene and on what the user changes.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { expect, test } from '@playwright/test';
import { grid, gridValues, numberField, openFreshLab, openMoreSettings } from '../helpers.ts';
import { applyInputPreset, openTab, parseCell, tableValues, useKernelPreset } from './chapterHelpers.ts';

test('sliding window: step 1 writes the first window’s products, summing to the lab’s first output; Next moves on', async ({
  page,
}) => {
  await openFreshLab(page);
  const panel = await openTab(page, 'Sliding window');
  const y = await gridValues(grid(page, 'Feature map'));
  const formula = panel.getByText(/^Output \(\d+, \d+\) =/);
  // X[0, 0..1] = 1, 1 under K = [1, -1].
  await expect(formula).toHaveText('Output (0, 0) = 1×1 + 1×-1 = 0');
  await expect(panel.getByText('1 / 42')).toBeVisible();
  expect(Number(/= (-?[\d.]+)$/.exec((await formula.textContent())!)![1])).toBe(y[0][0]);
  await panel.getByRole('button', { name: 'Next' }).click();
  await expect(formula).toHaveText(`Output (0, 1) = 1×1 + 0×-1 = ${y[0][1]}`);
  // Padding 1 in the lab pads the window's input too.
  await numberField(page, 'Padding').fill('1');
  await expect(panel.getByText('Padded input (8×10, zeros)')).toBeVisible();
});

test('matrix view: W is 42 × 48 for the 6 × 8 input and the 1 × 2 kernel; a padding-mode note for reflect', async ({
  page,
}) => {
  await openFreshLab(page);
  const panel = await openTab(page, 'Matrix view');
  await expect(panel.locator('figcaption', { hasText: 'one column per input cell (42×48)' })).toBeVisible();
  const w = page.getByRole('table', { name: 'Convolution matrix W' });
  await expect(w.locator('tr')).toHaveCount(42);
  await expect(w.locator('tr').first().locator('td')).toHaveCount(48);
  await expect(
    panel.getByText(/Largest difference between patches · vec\(K\) and W · vec\(X\): 0/),
  ).toBeVisible();
  await openMoreSettings(page);
  await page.getByLabel('Padding mode').selectOption('reflect');
  await numberField(page, 'Padding').fill('1');
  await expect(panel.getByText(/The lab pads with “reflect”/)).toBeVisible();
});

test('backward pass: the correlation equals autograd; the descent path appears after Train', async ({
  page,
}) => {
  await openFreshLab(page);
  const panel = await openTab(page, 'Backward pass');
  const byCorrelation = (await tableValues(page, 'Kernel gradient by correlation')).flat();
  const byAutograd = (await tableValues(page, 'Kernel gradient from autograd')).flat();
  expect(byCorrelation).toHaveLength(2);
  byCorrelation.forEach((v, i) => expect(v).toBeCloseTo(byAutograd[i], 3));
  const difference = parseCell(
    /Largest difference: (\S+)/.exec((await panel.getByText(/^Largest difference:/).textContent())!)![1],
  );
  expect(difference).toBeLessThan(1e-5);
  await expect(panel.getByText(/Predicted: 10 steps of SGD, learning rate 0.03\./)).toBeVisible();
  await expect(panel.getByText(/Press Train/)).toBeVisible();

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByLabel('Training summary')).toContainText('after 10 epochs');
  await expect(panel.getByLabel('Path of training')).toContainText(/Path of \d+ steps? ending at w0 = /);
  // Momentum changes the predicted path.
  await openMoreSettings(page);
  await page.getByLabel('Optimiser').selectOption('momentum');
  await expect(panel.getByText(/Predicted: 10 steps of SGD, learning rate 0.03, momentum 0.9/)).toBeVisible();
});

test('the transposed stripes + Train: w0 − w1 never moves, and the lab says why', async ({ page }) => {
  await openFreshLab(page);
  await applyInputPreset(page, 'Stripes, transposed');
  const [[b0, b1]] = await gridValues(grid(page, 'Learned kernel'));
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // Only w0 + w1 is learnable here and 0.03 is over its stability limit: the run stops as diverging.
  await expect(page.getByRole('alert')).toContainText('learning rate 0.03 is too high');
  await expect(page.getByLabel('Training summary')).toContainText(/after \d epochs/);
  // Every window sees [a, a]: only w0 + w1 reaches the output, so w0 − w1 never moves.
  const [[a0, a1]] = await gridValues(grid(page, 'Learned kernel'));
  expect(a0 - a1).toBeCloseTo(b0 - b1, 2);
  await expect(page.getByRole('status', { name: 'Why the kernel cannot be learned' })).toContainText(
    "The input has no change along the kernel's horizontal direction",
  );
  const panel = await openTab(page, 'Backward pass');
  await expect(
    panel.getByRole('region', { name: 'Can the kernel be learned from this input?' }),
  ).toContainText('no change along the kernel');
});

test('channels: the chapter’s K, K+1, K+2 gives the book’s output; a colour PNG becomes red, green and blue', async ({
  page,
}) => {
  await openFreshLab(page);
  const panel = await openTab(page, 'Channels');
  // d2l: corr2d_multi_in_out(X, K) for K = stack((K, K + 1, K + 2)).
  expect(await tableValues(page, 'Output channel 0')).toEqual([
    [56, 72],
    [104, 120],
  ]);
  expect(await tableValues(page, 'Output channel 1')).toEqual([
    [76, 100],
    [148, 172],
  ]);
  expect(await tableValues(page, 'Output channel 2')).toEqual([
    [96, 128],
    [192, 224],
  ]);
  await expect(panel.getByText(/The 1x1 convolution is a matrix product/)).toBeVisible();

  const png = new PNG({ width: 4, height: 4 });
  for (let i = 0; i < 16; i++) png.data.set([255, i < 8 ? 0 : 255, 0, 255], 4 * i);
  const path = join(await mkdtemp(join(tmpdir(), 'convlab-e2e-')), 'orange.png');
  await writeFile(path, PNG.sync.write(png));
  const chooser = page.waitForEvent('filechooser');
  await panel.getByRole('button', { name: 'Import colour image…' }).click();
  await (await chooser).setFiles(path);
  await expect(panel.getByText(/orange\.png, 4×4, as its red, green and blue channels/)).toBeVisible();
  // Red is 1 everywhere, green is 0 on the top half; the 1x1 comparison's first output averages them.
  expect((await tableValues(page, 'Matrix product output channel 0'))[0][0]).toBeCloseTo(1 / 3, 3);
  await expect(panel.getByRole('alert')).toHaveCount(0);
});

test('pooling: the feature map max-pooled 2 × 2, an alert for a window that does not fit, and the shift demo', async ({
  page,
}) => {
  await openFreshLab(page);
  const panel = await openTab(page, 'Pooling');
  await expect(panel.getByText('Max pooled (3×3)')).toBeVisible();
  await numberField(page, 'Pool window').fill('9');
  await expect(panel.getByRole('alert')).toContainText('does not fit in the padded feature map height');
  await numberField(page, 'Pool window').fill('2');
  await expect(panel.getByRole('alert')).toHaveCount(0);
  const demo = panel.getByRole('region', { name: 'Max pooling and a one-pixel shift' });
  await expect(demo.getByRole('status')).toContainText('pooling tolerates the shift');
});

test('layer stack: the shapes over the lab’s input, and a chosen output traced back to the input', async ({
  page,
}) => {
  await openFreshLab(page);
  const panel = await openTab(page, 'Layer stack');
  await expect(panel.getByText(/→ 1×2$/)).toBeVisible();
  const inputLevel = panel.locator('figcaption').first();
  // Output (0, 0) reads input columns 0-6 (conv 3 pad 1, pool 2, conv 3: 8 columns wide, clipped).
  await expect(inputLevel).toContainText('columns 0–6');
  const cell = panel.getByRole('button', { name: 'Output row 0 column 1' });
  await cell.focus();
  await expect(cell).toHaveAttribute('aria-pressed', 'true');
  // Output (0, 1) reads pooled columns 1-3, i.e. layer-1 columns 2-7, i.e. input columns 1-8 (8 is padding).
  await expect(inputLevel).toContainText('columns 1–7');
  await expect(panel.locator('.cell.in-field').first()).toBeVisible();
  await numberField(page, 'Layer 3 kernel').fill('5');
  await expect(panel.getByRole('alert')).toBeVisible();
});

test('kernel composition: [1, −1] then a 3 × 3 box blur is one 3 × 4 kernel, equal to both on the lab’s input', async ({
  page,
}) => {
  await openFreshLab(page);
  const panel = await openTab(page, 'Kernel composition');
  await page.getByLabel('Second kernel (applied after K)').selectOption({ label: 'Box blur' });
  await expect(page.getByRole('table', { name: 'Composed kernel' }).locator('tr')).toHaveCount(3);
  await expect(panel.getByLabel('Composition check')).toContainText('one 3×4 kernel gives 4×5');
  await expect(panel.getByLabel('Composition check')).toContainText(/largest difference 0/);
  await useKernelPreset(page, 'Sobel x');
  await expect(panel.getByLabel('Composition check')).toContainText('one 5×5 kernel');
});

test('cost: the counts change with the stride', async ({ page }) => {
  await openFreshLab(page);
  const panel = await openTab(page, 'Cost');
  const forward = panel
    .getByRole('row', { name: /Multiply-adds/ })
    .locator('td')
    .first();
  // 6 × 7 outputs × 2 weights.
  await expect(forward).toHaveText('84');
  await numberField(page, 'Stride').fill('2');
  // 3 × 4 outputs × 2 weights.
  await expect(forward).toHaveText('24');
});
