/**
 * The packaged-to-be app end to end, through Playwright's Electron driver: the window opens on
 * app://, a training run finishes, and weights export through a save dialog stubbed in the main
 * process. It needs a real Electron binary (and a display on Linux, e.g. `xvfb-run npm test`);
 * where there is none it says why and is reported as skipped, never silently passed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronRuntime } from '../../electron/scripts/electron-runtime.mjs';

const root = join(import.meta.dirname, '..', '..');
const runtime = findElectronRuntime();
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason =
  runtime.path === null
    ? `the Electron runtime is missing (${runtime.reason})`
    : needsDisplay
      ? 'no display on this Linux machine (run it under xvfb-run)'
      : null;
if (skipReason !== null) console.log(`electron smoke test skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('the desktop app (Playwright _electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    for (const script of ['build', 'build:electron']) {
      const run = spawnSync('npm', ['run', '--silent', script], { cwd: root, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`npm run ${script} failed: ${run.stderr}`);
    }
    dir = mkdtempSync(join(tmpdir(), 'convlab-smoke-'));
    app = await electron.launch({
      executablePath: runtime.path ?? undefined,
      args: [root, `--user-data-dir=${join(dir, 'user-data')}`],
      cwd: root,
    });
    page = await app.firstWindow();
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens one window on app:// with the bridge and without Node', async () => {
    expect(page.url()).toBe('app://convlab/index.html');
    expect(await page.title()).toMatch(/ConvLab/);
    expect(await page.evaluate(() => typeof (window as { convlab?: unknown }).convlab)).toBe('object');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(app.windows()).toHaveLength(1);
  });

  it('finishes a training run', async () => {
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect
      .poll(() => page.getByText('Finished', { exact: true }).isVisible(), { timeout: 60_000 })
      .toBe(true);
  }, 90_000);

  it('exports weights through the native save dialog (stubbed in the main process)', async () => {
    const target = join(dir, 'exported-weights.json');
    await app.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
    }, target);
    await page.getByRole('button', { name: 'Export weights' }).click();
    await expect.poll(() => existsSync(target), { timeout: 10_000 }).toBe(true);
    const weights = JSON.parse(readFileSync(target, 'utf8')) as {
      format: string;
      weight: { shape: number[]; data: unknown[] };
    };
    expect(weights.format).toBe('convlab-weights');
    expect(weights.weight.shape).toHaveLength(4);
    await expect.poll(() => page.getByText('Weights saved as exported-weights.json.').isVisible()).toBe(true);
  }, 30_000);
});
