// A 100,000-epoch run with each chapter tab open: the page records no long task over 50 ms while it goes
// (the tab redraws at most once per animation frame, and what it redraws is cheap). While measuring, the
// test reaches elements by CSS selectors only: Playwright's role queries run in the page's main thread.
import { expect, test, type Page } from '@playwright/test';
import { numberField, openFreshLab } from '../helpers.ts';
import { CHAPTER_TAB_NAMES as TABS, openTab } from './chapterHelpers.ts';

declare global {
  interface Window {
    longTasks: number[];
  }
}

// Playwright's trace recorder snapshots the DOM in the page's main thread at every action: those would
// be the harness's long tasks, not the lab's.
test.use({ trace: 'off' });

/** How long each tab is watched while the run goes. */
const WATCH_MS = 4000;

/** Picks the fastest pace when the training panel has a Speed control (runs are fast without one). */
async function chooseFastestSpeed(page: Page): Promise<void> {
  const speed = page.getByLabel('Speed', { exact: true }).and(page.locator('select'));
  if ((await speed.count()) === 1) {
    const fast = await speed
      .locator('option')
      .evaluateAll((options) =>
        options.map((o) => (o as HTMLOptionElement).label).find((label) => /fast/i.test(label)),
      );
    if (fast) await speed.selectOption({ label: fast });
    return;
  }
  const radio = page.getByRole('radio', { name: /fast/i });
  if ((await radio.count()) > 0) await radio.first().check();
}

for (const name of TABS) {
  test(`${name}: a 100,000-epoch run records no long task over 50 ms`, async ({ page }) => {
    test.setTimeout(90_000);
    await openFreshLab(page);
    await numberField(page, 'Epochs').fill('100000');
    await chooseFastestSpeed(page);
    await openTab(page, name);
    await page.waitForTimeout(300); // let the tab's first render settle before measuring

    // Observed from the Train press while the run goes: until it reaches its last epoch, or WATCH_MS.
    const watching = page.evaluate(
      (ms) =>
        new Promise<{ longTasks: number[]; epoch: number; finished: boolean }>((resolve) => {
          const longTasks: number[] = [];
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) longTasks.push(entry.duration);
          });
          observer.observe({ type: 'longtask' });
          const started = performance.now();
          // The strip's "epoch N of M" line (a CSS query: no role query runs in the page while measuring).
          const where = () => document.querySelector('[data-testid="run-epoch"]')?.textContent ?? '';
          const check = () => {
            const match = /epoch (\d[\d,]*) of (\d[\d,]*)/.exec(where());
            const epoch = match ? Number(match[1].replace(/,/g, '')) : 0;
            const total = match ? Number(match[2].replace(/,/g, '')) : 0;
            const finished = total > 1 && epoch >= total;
            if (finished || performance.now() - started >= ms) {
              for (const entry of observer.takeRecords()) longTasks.push(entry.duration);
              observer.disconnect();
              resolve({ longTasks, epoch, finished });
            } else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }),
      WATCH_MS,
    );
    await page.locator('#train-button').click();
    const { longTasks, epoch, finished } = await watching;
    test.info().annotations.push({
      type: 'measurement',
      description: `${name}: ${finished ? 'finished' : `epoch ${epoch} after ${WATCH_MS} ms`}; long tasks ${JSON.stringify(longTasks.map(Math.round))}`,
    });
    expect(epoch, 'the run got going while the tab was open').toBeGreaterThan(0);
    expect(longTasks.filter((d) => d > 50)).toEqual([]);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
}
