// The chapter's unlearnable kernel, staged as the textbook tells it: learn K = [1, -1] from the stripes,
// switch to the transposed stripes and train again from the learned kernel. The target corr(Xᵀ, K) is
// all zeros and every window sees [x, x], so the loss starts at sum over windows of (x (w0 + w1))²,
// nearly zero because the learned weights nearly cancel, and only w0 + w1 can move; the lab says why.
import { expect, test, type Page } from '@playwright/test';
import { closeMoreSettings, grid, gridValues, openFreshLab, openMoreSettings } from '../helpers.ts';
import { applyInputPreset } from './chapterHelpers.ts';

interface Saved {
  settings: { startWeights: { data: number[] } | null };
  results: { lossHistory: number[]; weight: { data: number[] } } | null;
}

/** The autosave (written when a run ends, as the lab file Save lab writes): the exact start weights and losses. */
async function saved(page: Page): Promise<Saved> {
  const text = await page.evaluate(() => localStorage.getItem('convlab.lab'));
  if (text === null) return null as unknown as Saved;
  const lab = (
    JSON.parse(text) as {
      lab: {
        experiment: { init: { kind: string; weight?: { data: number[] } } };
        results: Saved['results'];
      };
    }
  ).lab;
  const { init } = lab.experiment;
  return {
    settings: { startWeights: init.kind === 'weights' && init.weight ? { data: init.weight.data } : null },
    results: lab.results,
  };
}

/** The notebook's loss sum((corr(X, W) - corr(X, K))²) for a 1-row kernel, by the definition. */
function notebookLoss(x: number[][], w: number[], k: number[]): number {
  let total = 0;
  for (const row of x) {
    for (let c = 0; c + w.length <= row.length; c++) {
      let diff = 0;
      for (let j = 0; j < w.length; j++) diff += (w[j] - k[j]) * row[c + j];
      total += diff * diff;
    }
  }
  return total;
}

test('start from the learned kernel on the transposed stripes: the loss starts near zero, w0 − w1 never moves, and the lab says why', async ({
  page,
}) => {
  await openFreshLab(page);
  const train = page.getByRole('button', { name: 'Train', exact: true });
  const summary = page.getByLabel('Training summary');
  const startFrom = page.getByLabel('Start from');

  await train.click();
  await expect(summary).toContainText('after 10 epochs');
  const kernel = (await gridValues(grid(page, 'Kernel')))[0];
  await expect.poll(async () => (await saved(page)).results?.lossHistory.length).toBe(10);
  const learned = (await saved(page)).results!.weight.data;
  expect(Math.abs(learned[0] - 1)).toBeLessThan(0.2);
  expect(Math.abs(learned[1] + 1)).toBeLessThan(0.2);

  await applyInputPreset(page, 'Stripes, transposed');
  await openMoreSettings(page);
  await startFrom.selectOption({ label: 'the learned kernel' });
  await expect.poll(async () => (await saved(page)).settings.startWeights?.data).toEqual(learned);
  await closeMoreSettings(page);
  await train.click();
  // At the default learning rate 0.03 (over this input's stability limit 2 / (2 · 2 · 21) ≈ 0.024) the
  // residual w0 + w1 grows by 1.52 every epoch, so the run is stopped as diverging before epoch 10.
  await expect(page.getByRole('alert')).toContainText('learning rate 0.03 is too high');
  await expect(summary).toContainText(/after \d epochs/);

  // The first loss is the learned kernel's loss on the transposed stripes, from the preset's pixels.
  const x = await gridValues(grid(page, 'Input image'));
  const expectedFirst = notebookLoss(x, learned, kernel);
  const { results } = await saved(page);
  expect(results!.lossHistory[0]).toBeCloseTo(expectedFirst, 4);
  expect(results!.lossHistory[0]).toBeLessThan(0.05);
  // Every window sees [x, x]: the gradient is the same for both weights, so w0 − w1 stays as learned.
  // w0 + w1 is not asserted: with 21 windows of ones the loss is 21 (w0 + w1)², and SGD at the default
  // learning rate 0.03 > 2 / (2 · 2 · 21) multiplies its small residual by −1.52 every epoch (above).
  const after = results!.weight.data;
  expect(Math.abs(after[0] - after[1] - (learned[0] - learned[1]))).toBeLessThan(0.01);
  await expect(page.getByRole('status', { name: 'Why the kernel cannot be learned' })).toContainText(
    "The input has no change along the kernel's horizontal direction",
  );
});
