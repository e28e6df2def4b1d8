// The LeNet view in the production build: a short training run (kernels change, the chart fills, no
// long task), drawing changes the class probabilities, the model exports, refuses a bad file, imports
// back and survives a reload; axe in both themes; screenshots at three sizes.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { parseLenetModel } from '../../core/src/formats/lenetModel.ts';
import { seriousViolations } from './helpers.ts';

declare global {
  interface Window {
    longTasks: number[];
  }
}

// The trace recorder snapshots the DOM at every action in the page's main thread: its long tasks would
// be the harness's, not the view's (see longRun.spec.ts).
test.use({ trace: 'off' });

const view = (page: Page): Locator => page.getByRole('region', { name: 'LeNet', exact: true });

async function openLenet(page: Page): Promise<Locator> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByRole('tab', { name: 'LeNet' }).click();
  const lenet = view(page);
  await expect(lenet.getByRole('heading', { name: 'LeNet', exact: true })).toBeVisible();
  await expect(lenet.getByText('Ready', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(lenet.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem')).toHaveCount(
    10,
  );
  return lenet;
}

/** A short run's settings: ReLU on 300 images for one epoch takes a few seconds. */
async function quickSettings(lenet: Locator): Promise<void> {
  await lenet.getByLabel('Epochs', { exact: true }).fill('1');
  await lenet.getByLabel('Learning rate', { exact: true }).fill('0.1');
  await lenet.getByLabel('Batch size', { exact: true }).fill('32');
  await lenet.getByLabel('Training images', { exact: true }).fill('300');
  await lenet.getByLabel('Activation', { exact: true }).selectOption('relu');
}

async function trainToEnd(lenet: Locator): Promise<void> {
  await lenet.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(lenet.getByText('Finished', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(lenet.getByRole('table', { name: 'Confusion matrix' })).toBeVisible({ timeout: 30_000 });
}

/** The canvas's pixels as a data URL (compares two moments of the same canvas). */
const pixels = (canvas: Locator): Promise<string> =>
  canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());

const probabilities = (lenet: Locator): Promise<string[]> =>
  lenet.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem').allInnerTexts();

async function drawStroke(page: Page, pad: Locator, from: [number, number], to: [number, number]) {
  const box = await pad.boundingBox();
  if (box === null) throw new Error('the drawing pad is not on screen');
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(from));
  await page.mouse.down();
  await page.mouse.move(...at(to), { steps: 12 });
  await page.mouse.up();
}

test('train briefly: the kernels change, the chart fills, no long task; drawing changes the probabilities; export, a refused file, import and reload', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const lenet = await openLenet(page);
  await quickSettings(lenet);
  const conv1 = lenet.getByRole('img', { name: 'conv1: six 5 × 5 kernels' });
  const conv2 = lenet.getByRole('img', { name: /^conv2: 16 × 6 kernels/ });
  const chart = lenet.getByRole('img', { name: 'LeNet training chart' }).locator('canvas');
  const before = { conv1: await pixels(conv1), conv2: await pixels(conv2), chart: await pixels(chart) };

  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  await trainToEnd(lenet);
  const longTasks = await page.evaluate(() => window.longTasks);
  testInfo.annotations.push({
    type: 'measurement',
    description: `long tasks while training: ${JSON.stringify(longTasks.map(Math.round))}`,
  });
  expect(longTasks.filter((d) => d > 50)).toEqual([]);

  expect(await pixels(conv1)).not.toBe(before.conv1);
  expect(await pixels(conv2)).not.toBe(before.conv2);
  await expect(lenet.getByRole('table', { name: /^Training per epoch/ }).getByRole('row')).toHaveCount(2);
  await expect.poll(() => pixels(chart)).not.toBe(before.chart);
  await expect(lenet.getByRole('table', { name: 'Confusion matrix' }).getByRole('row')).toHaveCount(11);
  await expect(
    lenet.getByRole('list', { name: 'Most confident mistakes' }).getByRole('listitem'),
  ).not.toHaveCount(0);

  // Draw: the pad becomes "Your drawing" and the ten probabilities change.
  await lenet.getByRole('button', { name: 'Clear' }).click();
  await expect(lenet.getByText('Your drawing')).toBeVisible();
  const blank = await probabilities(lenet);
  expect(blank[0]).toMatch(/^t-shirt\s+\d+\.\d%$/);
  const pad = lenet.getByRole('img', { name: 'Draw an item' });
  await drawStroke(page, pad, [0.3, 0.15], [0.3, 0.9]);
  await drawStroke(page, pad, [0.7, 0.15], [0.7, 0.9]);
  await drawStroke(page, pad, [0.3, 0.15], [0.7, 0.15]);
  await expect.poll(() => probabilities(lenet)).not.toEqual(blank);
  const drawn = await probabilities(lenet);

  // Export: the download is a model the core's reader takes.
  const downloading = page.waitForEvent('download');
  await lenet.getByRole('button', { name: 'Export model' }).click();
  const download = await downloading;
  const saved = join(testInfo.outputDir, 'lenet-model.json');
  await download.saveAs(saved);
  const model = parseLenetModel(readFileSync(saved, 'utf8'));
  expect(model.activation).toBe('relu');
  expect(model.training?.trainSize).toBe(300);
  expect(model.training?.history).toHaveLength(1);

  // A refused file says why in one line and changes nothing.
  const bad = join(testInfo.outputDir, 'not-a-model.json');
  writeFileSync(bad, JSON.stringify({ format: 'convlab-lenet', version: 1 }));
  let chooser = page.waitForEvent('filechooser');
  await lenet.getByRole('button', { name: 'Import model' }).click();
  await (await chooser).setFiles(bad);
  const alert = lenet.getByRole('alert');
  await expect(alert).toContainText('Import model: lenet model:');
  expect((await alert.innerText()).split('\n')).toHaveLength(1);
  expect(await probabilities(lenet)).toEqual(drawn);

  // Reset forgets the weights; importing the export brings back the same answers for the drawing.
  await lenet.getByRole('button', { name: 'Reset' }).click();
  await expect(lenet.getByText('Ready', { exact: true })).toBeVisible();
  await expect.poll(() => probabilities(lenet)).not.toEqual(drawn);
  chooser = page.waitForEvent('filechooser');
  await lenet.getByRole('button', { name: 'Import model' }).click();
  await (await chooser).setFiles(saved);
  await expect(lenet.getByRole('status').filter({ hasText: 'Imported lenet-model.json' })).toBeVisible();
  await expect(lenet.getByRole('alert')).toHaveCount(0);
  await expect.poll(() => probabilities(lenet)).toEqual(drawn);

  // The trained (imported) LeNet is kept with the lab: a reload brings it back, in the LeNet view.
  await page.reload();
  const again = view(page);
  await expect(
    again.getByRole('status').filter({ hasText: 'Restored the LeNet you trained before' }),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(again.getByRole('table', { name: /^Training per epoch/ }).getByRole('row')).toHaveCount(2);
  await expect(again.getByLabel('Training images', { exact: true })).toHaveValue('300');
});

test('the kernel lab stays the default view, and the tabs answer the arrow keys', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('tab', { name: 'Kernel lab' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Output shape')).toHaveText('6 × 7');
  await expect(view(page)).toHaveCount(0);
  await page.getByRole('tab', { name: 'Kernel lab' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'LeNet' })).toBeFocused();
  await expect(view(page)).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#lenet');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByLabel('Output shape')).toBeVisible();
  expect(new URL(page.url()).hash).toBe('');
  // Hidden, not gone: a LeNet run goes on while the kernel lab is shown.
  await expect(view(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toHaveCount(1);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation in the LeNet view, before and after a run (${colorScheme}); screenshots`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    const lenet = await openLenet(page);
    expect(await seriousViolations(page)).toEqual([]);
    await quickSettings(lenet);
    await trainToEnd(lenet);
    expect(await seriousViolations(page)).toEqual([]);
    const dir = join('test-results', 'lenet-screens');
    mkdirSync(dir, { recursive: true });
    for (const [width, height] of [
      [1440, 900],
      [1024, 768],
      [400, 800],
    ]) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300);
      await page.screenshot({
        path: join(dir, `lenet-${width}x${height}-${colorScheme}.png`),
        fullPage: true,
      });
    }
  });
}
