// The guided tour in the built lab: every step drives the lab, "Learning K" trains the book's run, and
// the tour can be left mid-way (Leave, and Escape) with the lab as that step made it.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import book from '../fixtures/torch/book_run.json' with { type: 'json' };
import { grid, gridValues, openFreshLab } from './helpers.ts';

const tour = (page: Page) => page.getByRole('dialog');
const next = (page: Page) => tour(page).getByRole('button', { name: 'Next' }).click();

test('walks every step of the notebook tour, each driving the lab', async ({ page }) => {
  await openFreshLab(page);
  await page.getByRole('button', { name: 'Tour the notebook' }).click();
  await expect(tour(page)).toHaveAccessibleName('The input X');
  await expect(page.getByRole('heading', { name: 'The input X' })).toBeFocused();
  expect(await gridValues(grid(page, 'Input image'))).toHaveLength(6);

  await next(page);
  await expect(tour(page)).toHaveAccessibleName('The kernel K');
  expect(await gridValues(grid(page, 'Kernel'))).toEqual([[1, -1]]);

  await next(page);
  await expect(tour(page)).toHaveAccessibleName('Y = X ⋆ K');
  expect(await gridValues(grid(page, 'Feature map'))).toEqual(
    Array.from({ length: 6 }, () => [0, 1, 0, 0, 0, -1, 0]),
  );

  await next(page);
  await expect(tour(page)).toHaveAccessibleName('X transposed');
  await expect(page.getByLabel('Output shape')).toHaveText('8 × 5');
  expect((await gridValues(grid(page, 'Feature map'))).flat().every((v) => v === 0)).toBe(true);

  await next(page);
  await expect(tour(page)).toHaveAccessibleName('Learning K');
  const [f0, f1] = book.final_weight;
  await expect(page.getByLabel('Training summary')).toHaveText(
    `learned [${f0.toFixed(3)}, ${f1.toFixed(3)}] after 10 epochs, loss ${book.loss_per_epoch[9].toFixed(3)}`,
    { timeout: 30_000 },
  );

  await next(page);
  await expect(tour(page)).toHaveAccessibleName('Padding that keeps 8 × 8');
  await expect(page.getByLabel('Output shape')).toHaveText('8 × 8');
  await page.screenshot({ path: test.info().outputPath('tour-last-step.png') });
  await tour(page).getByRole('button', { name: 'Finish' }).click();
  await expect(tour(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Tour the notebook' })).toBeFocused();
});

test('leaves the tour mid-way with Leave and with Escape, keeping that step’s lab', async ({ page }) => {
  await openFreshLab(page);
  await page.getByRole('button', { name: 'Tour the notebook' }).click();
  await next(page);
  await next(page);
  await next(page);
  await expect(tour(page)).toHaveAccessibleName('X transposed');
  await tour(page).getByRole('button', { name: 'Leave' }).click();
  await expect(tour(page)).toHaveCount(0);
  await expect(page.getByLabel('Output shape')).toHaveText('8 × 5');

  await page.getByRole('button', { name: 'Tour the notebook' }).click();
  await expect(tour(page)).toHaveAccessibleName('The input X');
  await next(page);
  await page.keyboard.press('Escape');
  await expect(tour(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Tour the notebook' })).toBeFocused();
  await expect(page.getByLabel('Output shape')).toHaveText('6 × 7');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the open tour panel has no serious or critical axe violation (${colorScheme} theme)`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await openFreshLab(page);
    await page.getByRole('button', { name: 'Tour the notebook' }).click();
    await expect(tour(page)).toBeVisible();
    const results = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
}
