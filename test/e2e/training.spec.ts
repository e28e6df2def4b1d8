// Training you can watch: the Speed, Step, Continue, the Epoch slider and stale results, end to end in
// the production build. Expected numbers come from the core's trainer run here, in the test.
import { expect, test, type Page } from '@playwright/test';
import { notebookExperiment } from '../../core/src/train/experiment.ts';
import { Trainer } from '../../core/src/train/trainer.ts';
import { trainingSummary } from '../../renderer/src/lib/format.ts';
import { grid, gridValues, numberField, openFreshLab } from './helpers.ts';
import book from '../fixtures/torch/book_run.json' with { type: 'json' };

const train = (page: Page) => page.getByRole('button', { name: 'Train', exact: true });
const runEpoch = (page: Page) => page.getByTestId('run-epoch');
// The training strip's Speed (the chapter's Sliding window has an "Animation speed" of its own).
const speedControl = (page: Page) =>
  page
    .getByRole('region', { name: 'Learn the kernel by gradient descent' })
    .getByRole('combobox', { name: 'Speed', exact: true });
const slider = (page: Page) => page.getByRole('slider', { name: 'Epoch' });

/** The notebook's run in the core: the trainer after `epochs` epochs. */
function coreRun(epochs: number): Trainer {
  const trainer = new Trainer(notebookExperiment());
  for (let i = 0; i < epochs; i++) trainer.step();
  return trainer;
}

/** Opens the lab and trains the opening run at Fast. */
async function trainedAtFast(page: Page): Promise<void> {
  await openFreshLab(page);
  await speedControl(page).selectOption('fast');
  await train(page).click();
  await expect(page.getByLabel('Training summary')).toContainText('after 10 epochs');
}

async function setEpochs(page: Page, epochs: number): Promise<void> {
  const field = numberField(page, 'Epochs');
  await field.fill(String(epochs));
  await field.press('Tab');
}

test('the opening run at the watchable speed shows intermediate epochs and ends on the core trainer’s numbers', async ({
  page,
}) => {
  await openFreshLab(page);
  await expect(speedControl(page)).toHaveValue('watch');
  await train(page).click();
  const seen = new Set<string>();
  const started = Date.now();
  while (Date.now() - started < 20_000) {
    const text = (await runEpoch(page).textContent()) ?? '';
    const epoch = /epoch (\d+) of 10/.exec(text)?.[1];
    if (epoch !== undefined) seen.add(epoch);
    if (epoch === '10') break;
    await page.waitForTimeout(50);
  }
  // Every epoch is on screen for ~300 ms: sampling every 50 ms sees most of them.
  expect(seen.size).toBeGreaterThanOrEqual(5);
  expect(Date.now() - started).toBeGreaterThan(2000);
  const trainer = coreRun(10);
  await expect(page.getByLabel('Training summary')).toHaveText(
    trainingSummary(trainer.weight, 10, trainer.lossHistory[9]),
  );
});

test('the Epoch slider at epoch 2 shows the loss, kernel, prediction and error the core computes for epoch 2', async ({
  page,
}) => {
  await trainedAtFast(page);
  await slider(page).fill('2');
  const core = coreRun(2);
  const loss = core.lossHistory[1];
  await expect(page.locator('output[for="epoch-slider"]')).toHaveText(`epoch 2, loss ${loss.toPrecision(4)}`);
  // The opening run is the book's: its epoch 2 prints as the notebook's line (7.047, from PyTorch's fixture).
  expect(`epoch 2, loss ${loss.toFixed(3)}`).toBe(book.printed[0]);
  await expect(page.locator('output[for="epoch-slider"]')).toContainText(book.printed[0].split('loss ')[1]);
  const [[w0, w1]] = await gridValues(grid(page, 'Learned kernel'));
  expect(w0).toBeCloseTo(core.weight[0], 2);
  expect(w1).toBeCloseTo(core.weight[1], 2);
  const prediction = core.predict();
  const shown = (await gridValues(grid(page, 'Prediction'))).flat();
  expect(shown).toHaveLength(prediction.data.length);
  shown.forEach((v, i) => expect(v).toBeCloseTo(prediction.data[i], 1));
  const target = core.targetValues();
  const error = (await gridValues(grid(page, 'Error'))).flat();
  error.forEach((v, i) => expect(v).toBeCloseTo(prediction.data[i] - target[i], 1));
  await expect(grid(page, 'Weight gradient')).toBeVisible();
});

test('Fast finishes 20,000 epochs in a few seconds, and the slider reaches every recorded epoch', async ({
  page,
}) => {
  await openFreshLab(page);
  await setEpochs(page, 20_000);
  // Long runs default to Fast.
  await expect(speedControl(page)).toHaveValue('fast');
  const started = Date.now();
  await train(page).click();
  await expect(runEpoch(page)).toContainText('epoch 20000 of 20000', { timeout: 30_000 });
  await expect(page.getByText('Finished', { exact: true })).toBeVisible();
  const elapsed = Date.now() - started;
  console.info(`20,000 epochs at Fast: ${elapsed} ms`);
  expect(elapsed).toBeLessThan(15_000);
  await expect(slider(page)).toHaveAttribute('max', '20000');
  const trainer = coreRun(12_345);
  for (const epoch of [1, 2, 12_345, 19_999, 20_000]) {
    await slider(page).fill(String(epoch));
    await expect(page.locator('output[for="epoch-slider"]')).toContainText(`epoch ${epoch},`);
  }
  await slider(page).fill('12345');
  await expect(page.locator('output[for="epoch-slider"]')).toHaveText(
    `epoch 12345, loss ${trainer.lossHistory[12_344].toPrecision(4)}`,
  );
});

for (const speed of ['watch', 'fast'] as const) {
  test(`Pause, Step and Reset at ${speed} speed`, async ({ page }) => {
    await openFreshLab(page);
    // A run long enough to pause in the middle at either speed.
    await setEpochs(page, speed === 'fast' ? 500_000 : 10);
    await speedControl(page).selectOption(speed);
    await train(page).click();
    await expect(page.getByText('Training…')).toBeVisible();
    await page.waitForTimeout(700);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(page.getByText('Paused', { exact: true })).toBeVisible();
    const at = Number(/epoch (\d+) of/.exec((await runEpoch(page).textContent()) ?? '')?.[1]);
    expect(at).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(runEpoch(page)).toContainText(`epoch ${at + 1} of`);
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(runEpoch(page)).toContainText('epoch 0 of');
    await expect(page.locator('output[for="epoch-slider"]')).toHaveText('epoch 0: the start');
  });
}

test('Step says which epoch of the run it ran; Train after Finished starts again; Continue extends the run', async ({
  page,
}) => {
  await openFreshLab(page);
  await speedControl(page).selectOption('fast');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(runEpoch(page)).toContainText('epoch 2 of 10');
  await train(page).click();
  const summary = page.getByLabel('Training summary');
  await expect(summary).toContainText('after 10 epochs');
  const first = await summary.textContent();
  await train(page).click();
  await expect(page.getByText('Finished', { exact: true })).toBeVisible();
  await expect(summary).toHaveText(first!);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(summary).toContainText('after 20 epochs');
  const trainer = coreRun(20);
  await expect(summary).toHaveText(trainingSummary(trainer.weight, 20, trainer.lossHistory[19]));
});

test('results are marked stale after editing X, with what to do; Train makes them fresh again', async ({
  page,
}) => {
  await trainedAtFast(page);
  await expect(page.getByText(/press Train to learn/)).toHaveCount(0);
  await grid(page, 'Input image').getByRole('row').nth(0).getByRole('gridcell').nth(3).click();
  await expect(page.getByRole('status').filter({ hasText: 'press Train to learn' })).toBeVisible();
  await train(page).click();
  await expect(page.getByLabel('Training summary')).toContainText('after 10 epochs');
  await expect(page.getByText(/press Train to learn/)).toHaveCount(0);
});
