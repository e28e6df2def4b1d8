// Shared steps of the end-to-end tests: a fresh lab, reading grids back as numbers, the axe scan.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** Opens the lab on the opening scene, with no autosave from an earlier test. */
export async function openFreshLab(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByLabel('Output shape')).toHaveText('6 × 7');
}

/** A grid's values, row by row, as the cells show them. */
export async function gridValues(grid: Locator): Promise<number[][]> {
  const rows = await grid.getByRole('row').all();
  const values: number[][] = [];
  for (const row of rows) {
    const texts = await row.getByRole('gridcell').allTextContents();
    values.push(texts.map((t) => Number(t.trim())));
  }
  return values;
}

export const grid = (page: Page, name: string): Locator => page.getByRole('grid', { name, exact: true });

/** Opens the More settings disclosure (padding mode, dilation, the run's target, seed, start, optimiser, loss). */
export async function openMoreSettings(page: Page): Promise<void> {
  const details = page.locator('details.more-settings');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator('summary').click();
  await expect(page.getByLabel('Padding mode')).toBeVisible();
}

/** Closes More settings (Escape), which floats over the training strip while it is open. */
export async function closeMoreSettings(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Padding mode')).toBeHidden();
}

/** Shows padding, stride and dilation as height and width fields ("Padding height", ...). */
export async function setPairsApart(page: Page): Promise<void> {
  await page.getByLabel('Height and width apart').check();
}

/** A number input by its exact label ("Padding" must not match "Padding height"). */
export const numberField = (page: Page, label: string): Locator => page.getByLabel(label, { exact: true });

/**
 * axe's serious and critical violations on the page (or inside the elements `include` selects), each
 * as one line with its rule, its help text and up to three of the elements it found.
 */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const results = await (include === undefined ? builder : builder.include(include)).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join('; ')})`,
    );
}
