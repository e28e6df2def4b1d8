// Editing the input, the kernel and the geometry changes what the lab computes.
import { expect, test } from '@playwright/test';
import { grid, gridValues, numberField, openFreshLab, openMoreSettings } from './helpers.ts';

test('drawing on the input changes the feature map, and Ctrl+Z / Ctrl+Shift+Z undo and redo it', async ({
  page,
}) => {
  await openFreshLab(page);
  const before = await gridValues(grid(page, 'Feature map'));
  // Row 0, column 3 is black (0); painting it white (brush value 1) makes new edges around it.
  const cell = grid(page, 'Input image').getByRole('row').nth(0).getByRole('gridcell').nth(3);
  await cell.click();
  await expect(cell).toHaveText('1');
  const after = await gridValues(grid(page, 'Feature map'));
  expect(after).not.toEqual(before);
  expect(after[0].slice(2, 4)).toEqual([-1, 1]);

  await page.keyboard.press('Control+z');
  expect(await gridValues(grid(page, 'Feature map'))).toEqual(before);
  await page.keyboard.press('Control+Shift+Z');
  expect(await gridValues(grid(page, 'Feature map'))).toEqual(after);
});

test('a kernel value typed from the keyboard changes the feature map', async ({ page }) => {
  await openFreshLab(page);
  const kernelCell = grid(page, 'Kernel').getByRole('gridcell').nth(1);
  await kernelCell.focus();
  await page.keyboard.type('-2');
  await page.keyboard.press('Enter');
  await expect(kernelCell).toHaveText('-2');
  // Y = X[:, j] - 2 X[:, j + 1]: at the white-to-black edge 1 - 0 = 1, inside white 1 - 2 = -1.
  expect((await gridValues(grid(page, 'Feature map')))[0]).toEqual([-1, 1, 0, 0, 0, -2, -1]);
});

test('padding, stride and dilation change the output shape; an impossible stride is explained and disables Train', async ({
  page,
}) => {
  await openFreshLab(page);
  const shape = page.getByLabel('Output shape');
  await numberField(page, 'Padding').fill('1');
  await expect(shape).toHaveText('8 × 9');
  await expect(page.getByText('floor((6 + 2*1 - 1*(1 - 1) - 1) / 1) + 1 = 8')).toBeVisible();
  await numberField(page, 'Stride').fill('2');
  await expect(shape).toHaveText('4 × 5');
  await numberField(page, 'Padding').fill('0');
  await numberField(page, 'Stride').fill('1');
  await openMoreSettings(page);
  await numberField(page, 'Dilation').fill('3');
  // Width: floor((8 - 3*(2 - 1) - 1) / 1) + 1 = 5.
  await expect(shape).toHaveText('6 × 5');
  await numberField(page, 'Dilation').fill('1');
  await numberField(page, 'Stride').fill('0');
  await expect(page.getByRole('alert')).toContainText('stride height must be a whole number of at least 1');
  await expect(shape).toHaveText('none');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await numberField(page, 'Stride').fill('1');
  await expect(shape).toHaveText('6 × 7');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
});

test('works from the keyboard: paint with arrows and Space, undo with Ctrl+Z, train with Enter', async ({
  page,
}) => {
  await openFreshLab(page);
  const input = grid(page, 'Input image');
  await input.getByRole('gridcell').first().focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(input.getByRole('gridcell').nth(2)).toHaveText('1');
  await expect(page.locator(':focus')).toHaveAttribute('data-col', '2');
  await page.keyboard.press('Control+z');
  await expect(input.getByRole('gridcell').nth(2)).toHaveText('0');

  await page.getByRole('button', { name: 'Train', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Training summary')).toContainText('after 10 epochs');
});
