// Accessibility: axe finds no serious or critical violation, in both themes, before and after training.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openFreshLab } from './helpers.ts';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
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
