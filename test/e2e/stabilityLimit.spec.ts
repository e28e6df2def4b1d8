// The learning rate's stability limit in the built lab: 0.0333 on the opening scene (PyTorch's 2 / λmax
// of the summed loss's Hessian, 60), and a status naming it once the learning rate is 0.04, before Train.
import { expect, test } from '@playwright/test';
import fixture from '../fixtures/torch/stability.json' with { type: 'json' };
import { numberField, openFreshLab } from './helpers.ts';

const notebook = fixture.cases.find((c) => c.id === 'notebook, sum')!;

test('the stability limit shows 0.0333 on the opening scene and the warning appears at learning rate 0.04', async ({
  page,
}) => {
  await openFreshLab(page);
  const limit = page.getByLabel('Stability limit');
  await expect(limit).toHaveText(notebook.limit.toFixed(4));
  await expect(limit).toHaveText('0.0333');
  await expect(page.getByText("the book's 0.03 is 90% of it")).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'stability limit' })).toHaveCount(0);

  await numberField(page, 'Learning rate').fill('0.04');
  const warning = page.getByRole('status').filter({ hasText: 'stability limit' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Learning rate 0.04 is over the stability limit 0.0333');
});
