// The lab's first screen at the four window sizes of the redesign, in the light and the dark theme,
// attached to the Playwright report so a change to the layout can be looked at, not only asserted.
// SCREENSHOT_DIR=<folder> also writes the PNGs there (to open them beside another tool's).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from '@playwright/test';
import { openFreshLab } from './helpers.ts';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
  { width: 400, height: 800 },
] as const;
// theme.svelte.ts follows the system's prefers-color-scheme, so emulating it picks the theme.
const THEMES = ['light', 'dark'] as const;

for (const theme of THEMES) {
  for (const size of SIZES) {
    test(`screenshot ${size.width}x${size.height} ${theme}`, async ({ page }, testInfo) => {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: theme });
      await openFreshLab(page);
      const name = `lab-${size.width}x${size.height}-${theme}.png`;
      const firstScreen = await page.screenshot();
      await testInfo.attach(name, { body: firstScreen, contentType: 'image/png' });
      const fullName = name.replace('.png', '-full.png');
      const full = await page.screenshot({ fullPage: true });
      await testInfo.attach(fullName, { body: full, contentType: 'image/png' });
      // What a user sees on opening More settings.
      await page.locator('details.more-settings summary').click();
      await page.locator('details.more-settings').scrollIntoViewIfNeeded();
      const moreName = name.replace('.png', '-more-settings.png');
      const more = await page.screenshot();
      await testInfo.attach(moreName, { body: more, contentType: 'image/png' });
      const dir = process.env.SCREENSHOT_DIR;
      if (dir) {
        await mkdir(dir, { recursive: true });
        await writeFile(join(dir, name), firstScreen);
        await writeFile(join(dir, fullName), full);
        await writeFile(join(dir, moreName), more);
      }
    });
  }
}
