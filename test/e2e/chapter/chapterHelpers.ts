// Steps shared by the chapter's end-to-end tests: opening a tab, driving the lab's presets, reading
// the chapter's tables back as numbers (a minus sign read as "-" or "−").
import { expect, type Locator, type Page } from '@playwright/test';

/** The chapter's tabs, in their order on screen. */
export const CHAPTER_TAB_NAMES = [
  'Sliding window',
  'Matrix view',
  'Backward pass',
  'Channels',
  'Pooling',
  'Layer stack',
  'Kernel composition',
  'Cost',
  'Exercises',
];

export async function openTab(page: Page, name: string): Promise<Locator> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  return page.getByRole('tabpanel');
}

export async function applyInputPreset(page: Page, label: string): Promise<void> {
  await page.getByLabel('Input preset').selectOption({ label }); // applies on selection
}

export async function useKernelPreset(page: Page, label: string): Promise<void> {
  await page.getByLabel('Kernel preset').selectOption({ label }); // applies on selection
}

export const parseCell = (text: string): number => Number(text.trim().replace('−', '-'));

/** A chapter table's values, row by row. */
export async function tableValues(page: Page, name: string): Promise<number[][]> {
  const table = page.getByRole('table', { name, exact: true });
  await expect(table).toBeVisible();
  const rows = await table.locator('tr').all();
  const values: number[][] = [];
  for (const row of rows) values.push((await row.locator('td').allTextContents()).map(parseCell));
  return values;
}
