// Nothing typed into a number field can freeze the lab: values over the limits table are refused
// inline and change nothing, and the largest output the limits allow draws on a canvas in a few
// milliseconds with the page holding a few hundred grid elements, not tens of thousands.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { numberField, openFreshLab, openMoreSettings, setPairsApart } from './helpers.ts';
import { LIMITS } from '../../core/src/limits.ts';
import { REFUSED, REFUSED_APART } from '../helpers/fieldRefusals.ts';

/** The largest output the lab allows: the largest input, the largest padding, a 1 x 1 kernel. */
const LARGEST = LIMITS.labInputSide.max + 2 * LIMITS.padding.max;
/** "A few thousand": the page may hold no more elements than this, whatever the grids' size. */
const MAX_ELEMENTS = 3000;

const elementCount = (page: Page): Promise<number> =>
  page.evaluate(() => document.querySelectorAll('*').length);
const gridElementCount = (page: Page): Promise<number> =>
  page.evaluate(() => document.querySelectorAll('[role="gridcell"], td, .cell').length);

/** Sets a field in one input event and returns the time until the lab has updated and laid out. */
async function timedInput(field: Locator, value: string): Promise<number> {
  return field.evaluate(async (element, text) => {
    const input = element as HTMLInputElement;
    const start = performance.now();
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 0)); // Svelte's update and effects (the canvas)
    void document.body.offsetHeight; // style and layout
    return performance.now() - start;
  }, value);
}

/** What a typed value could change: every number field, the output shape, every element grid's values. */
function labState(page: Page): Promise<string> {
  return page.evaluate(() =>
    JSON.stringify({
      fields: [...document.querySelectorAll<HTMLInputElement>('input[type="number"]')].map((f) => f.value),
      shape: document.querySelector('[aria-label="Output shape"]')?.textContent,
      cells: [...document.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent?.trim()),
    }),
  );
}

async function largestOutput(page: Page): Promise<void> {
  await numberField(page, 'Input height').fill(String(LIMITS.labInputSide.max));
  await numberField(page, 'Input width').fill(String(LIMITS.labInputSide.max));
  await page.getByLabel('Input preset').selectOption('noise'); // applies on selection
  await numberField(page, 'Kernel height').fill('1');
  await numberField(page, 'Kernel width').fill('1');
}

test('typing Padding 1000 shows the limit, changes nothing, and the page answers a click within 200 ms', async ({
  page,
}) => {
  await openFreshLab(page);
  const padding = numberField(page, 'Padding');
  await padding.fill('1000');
  await expect(page.getByRole('alert')).toHaveText(
    `Padding is 1,000, over the limit of ${LIMITS.padding.max}`,
  );
  await expect(page.getByLabel('Output shape')).toHaveText('6 × 7');
  // Typed key by key ("1", "10" apply; "100", "1000" are refused), then a click elsewhere.
  await padding.fill('0');
  await padding.pressSequentially('1000');
  await expect(page.getByRole('alert')).toContainText('over the limit of');
  const box = (await page.getByLabel('Log scale').boundingBox())!;
  await page.evaluate(() => {
    document.addEventListener(
      'click',
      () => ((window as unknown as { clickedAt: number }).clickedAt = Date.now()),
      {
        once: true,
      },
    );
  });
  const sent = Date.now();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const clickedAt = await page.evaluate(() => (window as unknown as { clickedAt: number }).clickedAt);
  expect(clickedAt - sent).toBeLessThan(200);
  await expect(page.getByLabel('Log scale')).toBeChecked();
  // Leaving the field shows the padding the lab kept, and still says why.
  await expect(padding).toHaveValue('10');
  await expect(page.getByRole('alert')).toContainText('Padding is 1,000');
});

test(`the largest output the limits allow (${LARGEST} × ${LARGEST}) renders in well under 50 ms on a canvas, and the page stays under ${MAX_ELEMENTS} elements in every view`, async ({
  page,
}) => {
  await openFreshLab(page);
  await largestOutput(page);
  // The fastest of five: this machine runs several test suites at once, and a busy core only adds time.
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    await timedInput(numberField(page, 'Padding'), '0');
    times.push(await timedInput(numberField(page, 'Padding'), String(LIMITS.padding.max)));
  }
  await expect(page.getByLabel('Output shape')).toHaveText(`${LARGEST} × ${LARGEST}`);
  console.log(
    `padding ${LIMITS.padding.max} on ${LIMITS.labInputSide.max} x ${LIMITS.labInputSide.max}: ${times.map((t) => t.toFixed(1)).join(', ')} ms`,
  );
  expect(Math.min(...times)).toBeLessThan(50);
  const map = page.getByRole('grid', { name: 'Feature map', exact: true });
  await expect(map.locator('canvas').first()).toBeVisible();
  expect(await gridElementCount(page)).toBeLessThan(MAX_ELEMENTS);
  expect(await elementCount(page)).toBeLessThan(MAX_ELEMENTS);
  // The chapter's tabs (the app's own Kernel lab / LeNet tabs would leave the lab).
  const chapter = page.locator('section[aria-labelledby="chapter-title"]');
  for (const tab of await chapter.getByRole('tab').all()) {
    await tab.click();
    await page.waitForTimeout(100);
    const name = await tab.textContent();
    expect(await elementCount(page), `${name} tab`).toBeLessThan(MAX_ELEMENTS);
  }
});

/** Types each field's absurd values: each is refused inline, and nothing in the lab changes. */
async function expectAllRefused(page: Page, fields: Record<string, string[]>): Promise<void> {
  const before = await labState(page);
  const labels = await page
    .locator('input[type="number"]')
    .evaluateAll((inputs) =>
      inputs.map((i) => (i as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? ''),
    );
  // Every number field the lab shows is in the table.
  expect(labels.filter((l) => !(l in REFUSED) && !(l in fields))).toEqual([]);
  for (const [label, values] of Object.entries(fields)) {
    const field = numberField(page, label);
    const kept = await field.inputValue();
    for (const value of values) {
      if (value === 'abc') {
        // Chromium refuses letters in a number input without an input event: typed, not filled.
        await field.fill('');
        await field.fill(kept);
        await field.pressSequentially('abc');
      } else {
        await field.fill(value);
      }
      const message = page.locator(`#${await field.getAttribute('aria-describedby')}`);
      await expect(message, `${label} ${value}`).toHaveAttribute('role', 'alert');
      await expect(message, `${label} ${value}`).toHaveText(new RegExp(`^${label} `));
      await field.blur();
      await expect(field, `${label} ${value}`).toHaveValue(kept);
    }
    expect(await labState(page), label).toBe(before);
  }
}

test('absurd values in every number field (1e999, -5, 1e9, abc, 0.5) leave the lab unchanged and say why', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openFreshLab(page);
  await expect(page.getByRole('grid', { name: 'Learned kernel' })).toBeVisible();
  await openMoreSettings(page);
  await expectAllRefused(page, REFUSED);
  await setPairsApart(page);
  await openMoreSettings(page); // the click on the toggle, outside it, closed it
  await expectAllRefused(page, REFUSED_APART);
});

test('a canvas grid keeps the DOM grid’s colours, keys, hover sum and receptive-field highlight', async ({
  page,
}) => {
  await openFreshLab(page);
  await largestOutput(page);
  await page.getByLabel('Kernel preset').selectOption('sobel-x'); // applies on selection
  await expect(page.getByLabel('Output shape')).toHaveText('62 × 62');
  const map = page.getByRole('grid', { name: 'Feature map', exact: true });
  await map.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByText('Y[1, 2]')).toBeVisible();
  const active = page.locator(`#${await map.getAttribute('aria-activedescendant')}`);
  await expect(active).toHaveAttribute('aria-colindex', '3');
  await expect(active).toContainText('Row 2, column 3: ');

  // The canvas pixel at the active cell's centre is the colour the DOM grid gives that value.
  const colours = await page.evaluate(() => {
    const grid = document.querySelector('[role="grid"][aria-label="Feature map"]')!;
    const cell = document.getElementById(grid.getAttribute('aria-activedescendant')!)!;
    const canvas = grid.querySelector('canvas')!;
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const x = (cell.offsetLeft + cell.offsetWidth / 2) * ratio;
    const y = (cell.offsetTop + cell.offsetHeight / 2) * ratio;
    const pixel = canvas.getContext('2d')!.getImageData(Math.floor(x), Math.floor(y), 1, 1).data;
    return {
      dom: getComputedStyle(cell).backgroundColor,
      canvas: `rgb(${pixel[0]}, ${pixel[1]}, ${pixel[2]})`,
    };
  });
  expect(colours.canvas).toBe(colours.dom);

  // Output (1, 2) of a 3 x 3 kernel reads input rows 1-3, columns 2-4: lit on the input's canvas.
  const lit = await page.evaluate(() => {
    const grid = document.querySelector('[role="grid"][aria-label="Input image"]')!;
    const [, highlight] = grid.querySelectorAll('canvas');
    const cellPitch = highlight.getBoundingClientRect().width / 64;
    const ratio = highlight.width / highlight.getBoundingClientRect().width;
    const alphaAt = (row: number, col: number) =>
      highlight
        .getContext('2d')!
        .getImageData(
          Math.floor((col + 0.5) * cellPitch * ratio),
          Math.floor((row + 0.5) * cellPitch * ratio),
          1,
          1,
        ).data[3];
    return {
      inside: [alphaAt(1, 2), alphaAt(3, 4)],
      outside: [alphaAt(0, 2), alphaAt(1, 1), alphaAt(4, 2), alphaAt(1, 5)],
    };
  });
  expect(lit.inside.every((a) => a > 0)).toBe(true);
  expect(lit.outside).toEqual([0, 0, 0, 0]);

  // The canvas grids (focused, one active cell each) pass axe as the element grids do.
  const axe = await new AxeBuilder({ page }).include('[role="grid"]').analyze();
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([]);

  // The pointer over the map explains the cell under it.
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width - 2, box.y + box.height - 2);
  await expect(page.getByText('Y[61, 61]')).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshot: the lab with a ${LARGEST} × ${LARGEST} canvas feature map at 1440 × 900 (${colorScheme})`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.emulateMedia({ colorScheme });
    await openFreshLab(page);
    await largestOutput(page);
    await numberField(page, 'Padding').fill(String(LIMITS.padding.max));
    await expect(page.getByLabel('Output shape')).toHaveText(`${LARGEST} × ${LARGEST}`);
    const map = page.getByRole('grid', { name: 'Feature map', exact: true });
    const box = (await map.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByText(`Y[${LARGEST / 2}, ${LARGEST / 2}]`)).toBeVisible();
    const file = testInfo.outputPath(`largest-canvas-${colorScheme}.png`);
    await page.screenshot({ path: file });
    await testInfo.attach(`largest canvas (${colorScheme})`, { path: file, contentType: 'image/png' });
  });
}
