// Every exercise check of the chapter, failing and then passing, with the lab driven through its UI.
import { expect, test, type Page } from '@playwright/test';
import { PADDING_STRIDE_EXAMPLES, questionOutputShape } from '../../../core/src/explain/index.ts';
import { grid, numberField, openFreshLab } from '../helpers.ts';
import { applyInputPreset, openTab, useKernelPreset } from './chapterHelpers.ts';

const exercise = (page: Page, title: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

async function check(page: Page, title: string, expected: 'Passed' | 'Not yet', answers: string[] = []) {
  const item = exercise(page, title);
  const fields = item.getByRole('textbox');
  for (let i = 0; i < answers.length; i++) await fields.nth(i).fill(answers[i]);
  await item.getByRole('button', { name: `Check ${title}` }).click();
  await expect(item.getByRole('status')).toContainText(new RegExp(`^${expected}:`));
}

test('diagonal edges, second derivative, blur: each fails on the opening scene and passes once built', async ({
  page,
}) => {
  await openFreshLab(page);
  await openTab(page, 'Exercises');
  await check(page, 'Diagonal edges', 'Not yet');
  await check(page, 'A second derivative', 'Not yet');
  await check(page, 'A blur', 'Not yet');

  await numberField(page, 'Input height').fill('8');
  await applyInputPreset(page, 'Diagonal edge');
  await check(page, 'Diagonal edges', 'Passed');
  await useKernelPreset(page, 'Second derivative [1, -2, 1]');
  await check(page, 'A second derivative', 'Passed');
  await useKernelPreset(page, 'Box blur');
  await check(page, 'A blur', 'Passed');
});

test('an edge detector for a direction: [1, −1] passes for 0° and fails for 90°', async ({ page }) => {
  await openFreshLab(page);
  await openTab(page, 'Exercises');
  await check(page, 'An edge detector for a direction', 'Not yet', ['90']);
  await check(page, 'An edge detector for a direction', 'Passed', ['0']);
});

test('the padding and stride examples: a wrong shape fails, the formula’s shape passes', async ({ page }) => {
  await openFreshLab(page);
  await openTab(page, 'Exercises');
  for (let i = 0; i < PADDING_STRIDE_EXAMPLES.length; i++) {
    const [h, w] = questionOutputShape(PADDING_STRIDE_EXAMPLES[i]);
    const title = `Padding and stride, example ${i + 1}`;
    await check(page, title, 'Not yet', [String(h + 1), String(w)]);
    await check(page, title, 'Passed', [String(h), String(w)]);
  }
});

test('average pooling as a convolution: fails for [1, −1], passes for a 2 × 2 kernel of 1/4 with stride 2', async ({
  page,
}) => {
  await openFreshLab(page);
  await openTab(page, 'Exercises');
  const title = 'Average pooling is a convolution';
  await check(page, title, 'Not yet');
  await numberField(page, 'Kernel height').fill('2');
  const cells = grid(page, 'Kernel').getByRole('gridcell');
  await expect(cells).toHaveCount(4);
  for (let i = 0; i < 4; i++) {
    await cells.nth(i).focus();
    await page.keyboard.type('0.25');
    await page.keyboard.press('Enter');
    await expect(cells.nth(i)).toHaveText('0.25');
  }
  await check(page, title, 'Not yet');
  await numberField(page, 'Stride').fill('2');
  await check(page, title, 'Passed');
});

test('the cost of a layer: 84 multiply-adds pass on the opening scene, 85 fail, and stride 2 makes it 24', async ({
  page,
}) => {
  await openFreshLab(page);
  await openTab(page, 'Exercises');
  const title = 'The cost of a layer';
  await check(page, title, 'Not yet', ['85']);
  await check(page, title, 'Passed', ['84']);
  await numberField(page, 'Stride').fill('2');
  await check(page, title, 'Not yet', ['84']);
  await check(page, title, 'Passed', ['24']);
});

test('max pooling tolerates a shift (passes on the stripes) and the unlearnable kernel (passes on the transposed stripes)', async ({
  page,
}) => {
  await openFreshLab(page);
  await openTab(page, 'Exercises');
  await check(page, 'Max pooling tolerates a shift', 'Passed');
  await check(page, 'A kernel that cannot be learned', 'Not yet');
  await applyInputPreset(page, 'Stripes, transposed');
  await check(page, 'Max pooling tolerates a shift', 'Not yet');
  await check(page, 'A kernel that cannot be learned', 'Passed');
  await expect(page.getByText('1 of 12 passed')).toBeVisible();
});
