// Accessibility of the chapter section: axe finds no serious or critical violation in any tab, in both
// themes. Each tab's screenshot is attached to the report (test-results/e2e/...) for a visual check.
import { expect, test } from '@playwright/test';
import { openFreshLab, seriousViolations } from '../helpers.ts';
import { CHAPTER_TAB_NAMES as TABS, openTab } from './chapterHelpers.ts';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`chapter section: axe finds no serious or critical violation in any tab (${colorScheme} theme)`, async ({
    page,
  }, testInfo) => {
    // Nine axe scans of a section with canvases and large tables: about 45 s on two cores.
    test.setTimeout(150_000);
    await page.emulateMedia({ colorScheme });
    await openFreshLab(page);
    // Trained, so the backward pass shows the path of the run.
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByLabel('Training summary')).toContainText('after 10 epochs');
    const section = page.locator('section[aria-labelledby="chapter-title"]');
    for (const name of TABS) {
      await openTab(page, name);
      if (name === 'Exercises') {
        // One passed and one failed result, so their colours are scanned too.
        await page.getByRole('button', { name: 'Check Max pooling tolerates a shift' }).click();
        await page.getByRole('button', { name: 'Check A blur' }).click();
        await expect(page.getByText('1 of 12 passed')).toBeVisible();
      }
      expect(
        await seriousViolations(page, 'section[aria-labelledby="chapter-title"]'),
        `${name} tab`,
      ).toEqual([]);
      const file = testInfo.outputPath(`${name.toLowerCase().replace(/ /g, '-')}-${colorScheme}.png`);
      await section.screenshot({ path: file });
      await testInfo.attach(`${name} (${colorScheme})`, { path: file, contentType: 'image/png' });
    }
  });
}
