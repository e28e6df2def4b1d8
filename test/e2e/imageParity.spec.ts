// The app and the CLI read and write images by the same rules (core/src/image/): the same PNG gives the
// same X in Import image as in `convlab`, and the app's Export feature map writes the pixels
// `convlab apply` writes for the same lab.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { expect, test, type Page } from '@playwright/test';
import { decodePng } from '../../core/cli/png.ts';
import type { Experiment } from '../../core/src/train/experiment.ts';
import { kernelWeightsText, runCli } from '../cli/helpers.ts';
import { openFreshLab } from './helpers.ts';

/** An 8 x 6 PNG (the lab's grid size, so nothing is resized) of mixed colours with the given alphas. */
function rgbaPng(alphas: readonly number[]): Buffer {
  const png = new PNG({ width: 8, height: 6 });
  for (let i = 0; i < 48; i++) {
    png.data.set([(i * 37) % 256, (i * 91) % 256, (i * 53) % 256, alphas[i % alphas.length]], 4 * i);
  }
  return PNG.sync.write(png);
}

async function importImage(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import image…' }).click();
  await (await chooser).setFiles(path);
}

async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return await file.path();
}

/** The lab's experiment, as its saved lab file records it. */
async function savedExperiment(page: Page): Promise<Experiment> {
  return JSON.parse(await readFile(await download(page, 'Save lab'), 'utf8')).experiment;
}

test('a PNG with transparency gives the same X in the app as in convlab', async ({ page }) => {
  await openFreshLab(page);
  const dir = await mkdtemp(join(tmpdir(), 'convlab-parity-'));
  const bytes = rgbaPng([0, 64, 128, 255]);
  await writeFile(join(dir, 'x.png'), bytes);
  await importImage(page, join(dir, 'x.png'));
  await expect(page.getByRole('alert')).toHaveCount(0);
  const app = (await savedExperiment(page)).input.data.map(Math.fround);
  const cli = decodePng('train', 'x.png', bytes, 1).data.map(Math.fround);
  expect(app).toHaveLength(48);
  for (let i = 0; i < 48; i++) {
    const alpha = [0, 64, 128, 255][i % 4];
    // Opaque and fully transparent pixels agree exactly. A browser canvas stores pixels premultiplied
    // by alpha in 8 bits, so a half-transparent pixel's colour comes back within one 8-bit step: after
    // compositing over white that is at most alpha/255 of 1/255.
    if (alpha === 0 || alpha === 255) expect(app[i], `pixel ${i}, alpha ${alpha}`).toBe(cli[i]);
    else expect(Math.abs(app[i] - cli[i]), `pixel ${i}, alpha ${alpha}`).toBeLessThanOrEqual(1 / 255 + 1e-6);
  }
});

test('Export feature map writes the pixels convlab apply writes for the same lab', async ({ page }) => {
  await openFreshLab(page);
  const dir = await mkdtemp(join(tmpdir(), 'convlab-parity-'));
  await writeFile(join(dir, 'x.png'), rgbaPng([255, 0, 255]));
  await importImage(page, join(dir, 'x.png'));
  await expect(page.getByRole('alert')).toHaveCount(0);
  const appMap = PNG.sync.read(await readFile(await download(page, 'Export feature map (PNG)')));
  // The lab's own layer and kernel (the feature map's), as a weights file for the CLI.
  const { layer, target } = await savedExperiment(page);
  if (target.kind !== 'kernel') throw new Error('the fresh lab trains towards a kernel');
  await writeFile(join(dir, 'weights.json'), kernelWeightsText(target.kernel.data, layer, target.bias));
  const { code, stderr } = await runCli(
    ['apply', '--input', 'x.png', '--weights', 'weights.json', '--out', 'map.png'],
    dir,
  );
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const cliMap = PNG.sync.read(await readFile(join(dir, 'map.png')));
  expect([appMap.width, appMap.height]).toEqual([7, 6]);
  expect([cliMap.width, cliMap.height]).toEqual([7, 6]);
  expect(Array.from(appMap.data)).toEqual(Array.from(cliMap.data));
});
