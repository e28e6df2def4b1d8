// Accessibility: axe finds no serious or critical violation, in both themes, before and after training.
import { expect, test } from '@playwright/test';
import { openFreshLab, seriousViolations } from './helpers.ts';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation (${colorScheme} theme)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openFreshLab(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByLabel('Training summary')).toContainText('after 10 epochs');
    await page.getByRole('grid', { name: 'Feature map' }).getByRole('gridcell').nth(1).hover();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
