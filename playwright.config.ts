import { defineConfig } from '@playwright/test';

// E2E_PORT lets two checkouts run their end-to-end tests at once without one reusing the other's server.
const port = Number(process.env.E2E_PORT ?? 4173);

// End-to-end tests of the production renderer build (dist/renderer, built by `npm test` and
// `npm run test:e2e` before this runs) in the system Chromium: browsers cannot be downloaded here.
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    screenshot: 'on',
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 1000 },
    launchOptions: {
      // Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere on other systems.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --config renderer/vite.config.ts --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
