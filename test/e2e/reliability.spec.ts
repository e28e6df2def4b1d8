// What a bad file, a crashed start, a full storage or a second window must not do: break the next
// start, lose a lab silently, or drop either window's work.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { numberField, openFreshLab } from './helpers.ts';

async function tempFile(name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'convlab-e2e-')), name);
  await writeFile(path, bytes);
  return path;
}

const outputShape = (page: Page) => page.getByLabel('Output shape');

/** Every lab in storage (the autosave and the kept copies) as "stride x padding", sorted. */
async function storedLabs(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key === 'convlab.lab' || key.startsWith('convlab.kept.'))
      .map((key) => {
        // The autosave is the lab file Save lab writes: the geometry is its experiment's layer.
        const { lab } = JSON.parse(localStorage.getItem(key)!) as {
          lab: { experiment: { layer: { stride: number[]; padding: number[] } } };
        };
        const { layer } = lab.experiment;
        return `stride ${layer.stride[0]} padding ${layer.padding[0]}`;
      })
      .sort(),
  );
}

/** Waits until the autosave holds `text` (it is written 300 ms after the last edit). */
async function autosaved(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => localStorage.getItem('convlab.lab') ?? '')).toContain(text);
}

test('opening a lab with padding 600 is refused in one line, nothing changes, and the next reload is normal', async ({
  page,
}) => {
  await openFreshLab(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save lab' }).click(),
  ]);
  const doc = JSON.parse(await readFile(await download.path(), 'utf8'));
  doc.experiment.layer.padding = [600, 600];
  const path = await tempFile('huge.convlab.json', JSON.stringify(doc));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open lab' }).click();
  await (await chooser).setFiles(path);
  await expect(page.getByRole('alert')).toHaveText(
    /^Open lab: .*layer\.padding\[0\] is 600, over the limit of 64$/,
  );
  await expect(outputShape(page)).toHaveText('6 × 7');
  await expect(numberField(page, 'Padding')).toHaveValue('0');

  const started = Date.now();
  await page.reload();
  await expect(outputShape(page)).toHaveText('6 × 7');
  expect(Date.now() - started).toBeLessThan(5000);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Kept lab' })).toHaveCount(0);
});

test('a start that finds the last one unfinished opens the default lab; Restore and Discard both work', async ({
  page,
}) => {
  await openFreshLab(page);
  await numberField(page, 'Stride').fill('2');
  await expect(outputShape(page)).toHaveText('3 × 4');
  await autosaved(page, '"stride": [2, 2]');
  // What a start that crashed the tab leaves behind: the mark it sets until the lab has painted.
  await page.evaluate(() => localStorage.setItem('convlab.starting', 'start'));
  await page.reload();
  await expect(outputShape(page)).toHaveText('6 × 7');
  const kept = page.getByRole('status', { name: 'Kept lab' });
  await expect(kept).toContainText('The last session did not finish loading; the saved lab is kept aside.');
  await kept.getByRole('button', { name: 'Restore' }).click();
  await expect(outputShape(page)).toHaveText('3 × 4');
  await expect(kept).toHaveCount(0);
  await page.reload();
  await expect(outputShape(page)).toHaveText('3 × 4');
  await expect(kept).toHaveCount(0);

  await page.evaluate(() => localStorage.setItem('convlab.starting', 'start'));
  await page.reload();
  await expect(outputShape(page)).toHaveText('6 × 7');
  await kept.getByRole('button', { name: 'Discard' }).click();
  await expect(kept).toHaveCount(0);
  await page.reload();
  await expect(outputShape(page)).toHaveText('6 × 7');
  await expect(kept).toHaveCount(0);
});

test('when the storage is full the lab says the autosave failed, until a save succeeds again', async ({
  page,
}) => {
  await openFreshLab(page);
  await autosaved(page, '"stride": [1, 1]');
  const filled = await page.evaluate(() => {
    localStorage.removeItem('convlab.lab');
    let count = 0;
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          localStorage.setItem(`junk.${count}`, 'x'.repeat(size));
          count++;
        } catch {
          break;
        }
      }
    }
    return count;
  });
  expect(filled).toBeGreaterThan(0);
  await numberField(page, 'Padding').fill('1');
  await expect(page.getByRole('alert')).toHaveText(
    /^The lab could not be saved in this browser's storage: .*quota.*\. Save lab to keep your work\.$/,
  );
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('junk.')) localStorage.removeItem(key);
  });
  await numberField(page, 'Padding').fill('2');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await autosaved(page, '"padding": [2, 2]');
});

test("two windows: a change in one is offered in the other, and either choice keeps both windows' labs", async ({
  page,
}) => {
  await openFreshLab(page);
  await autosaved(page, '"stride": [1, 1]');
  const other = await page.context().newPage();
  await other.goto('/');
  await expect(outputShape(other)).toHaveText('6 × 7');

  // The first window changes its lab; the second is asked, and keeps its own until it answers.
  await numberField(page, 'Stride').fill('2');
  await autosaved(page, '"stride": [2, 2]');
  const offer = other.getByRole('status', { name: 'Change in another window' });
  await expect(offer).toContainText('This lab was changed in another window:');
  await expect(outputShape(other)).toHaveText('6 × 7');
  expect(await storedLabs(page)).toEqual(['stride 1 padding 0', 'stride 2 padding 0']);

  // Load it: the second window shows the first's lab; its own stays kept aside.
  await offer.getByRole('button', { name: 'Load it' }).click();
  await expect(outputShape(other)).toHaveText('3 × 4');
  await expect(other.getByRole('status', { name: 'Kept lab' })).toContainText('is kept aside');
  expect(await storedLabs(page)).toEqual(['stride 1 padding 0', 'stride 2 padding 0']);

  // The second window changes the lab; the first keeps its own: the second's is kept aside.
  await numberField(other, 'Padding').fill('1');
  await autosaved(other, '"padding": [1, 1]');
  const offerInFirst = page.getByRole('status', { name: 'Change in another window' });
  await offerInFirst.getByRole('button', { name: 'Keep mine' }).click();
  await expect(outputShape(page)).toHaveText('3 × 4');
  await autosaved(page, '"padding": [0, 0]');
  expect(await storedLabs(page)).toEqual(['stride 1 padding 0', 'stride 2 padding 0', 'stride 2 padding 1']);
  // ... and the second window is offered the first's lab in turn, its own work still on screen.
  await expect(other.getByRole('status', { name: 'Change in another window' })).toBeVisible();
  await expect(numberField(other, 'Padding')).toHaveValue('1');
  await other.close();
});

test('a 99-byte PNG claiming 32000 x 32000 pixels is refused from its header, at once', async ({ page }) => {
  await openFreshLab(page);
  const png = Uint8Array.from(PNG.sync.write(new PNG({ width: 1, height: 1 })));
  new DataView(png.buffer).setUint32(16, 32000);
  new DataView(png.buffer).setUint32(20, 32000);
  expect(png.length).toBeLessThan(100);
  const path = await tempFile('bomb.png', png);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import image…' }).click();
  const started = Date.now();
  await (await chooser).setFiles(path);
  await expect(page.getByRole('alert')).toHaveText(
    'Image import: bomb.png is 32,000 × 32,000 pixels, over the limit of 2,048 × 2,048',
  );
  expect(Date.now() - started).toBeLessThan(1000);
  await expect(page.getByLabel('Input height', { exact: true })).toHaveValue('6');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the kept-lab notices pass axe (${colorScheme} theme)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openFreshLab(page);
    await autosaved(page, '"stride": [1, 1]');
    const serious = async () =>
      (await new AxeBuilder({ page }).analyze()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help}`);
    // A crashed start's notice (status), then an unreadable autosave's (alert).
    await page.evaluate(() => localStorage.setItem('convlab.starting', 'start'));
    await page.reload();
    await expect(page.getByRole('status', { name: 'Kept lab' })).toBeVisible();
    expect(await serious()).toEqual([]);
    await page.getByRole('button', { name: 'Discard' }).click();
    await page.evaluate(() =>
      localStorage.setItem('convlab.lab', '{"rev":"x","lab":{"format":"convlab-lab","version":1}}'),
    );
    await page.reload();
    await expect(page.getByRole('alert', { name: 'Kept lab' })).toContainText('could not be read');
    expect(await serious()).toEqual([]);
  });
}
