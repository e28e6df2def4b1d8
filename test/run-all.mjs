// `npm test`: every check the project has, in order, with one closing line `N passed, M failed`.
// Test runners contribute their own counts (read from their JSON reports); a whole-tree check such as
// lint or type-checking counts as one test. Every stage runs even when an earlier one fails, so one run
// shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

// Not Playwright's own `test-results/`, which it empties at start.
const reports = 'test-reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

/** A stage is a command; `count` turns its finished run into [passed, failed, skipped]. */
const checkOnly = (ok) => (ok ? [1, 0] : [0, 1]);
const stages = [
  { name: 'eslint', cmd: ['npx', 'eslint', '.'] },
  { name: 'prettier', cmd: ['npx', 'prettier', '--check', '.'] },
  { name: 'typecheck', cmd: ['npm', 'run', '--silent', 'typecheck'] },
  {
    name: 'golden (shared/golden/check.ts)',
    cmd: ['npx', 'tsx', '../shared/golden/check.ts', 'test/fixtures/golden'],
    skipUnless: [
      '../shared/golden/check.ts',
      'the shared PyTorch checker is not beside this clone; the same cases run in vitest',
    ],
  },
  {
    name: 'vitest',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${reports}/vitest.json`,
    ],
    count: () => {
      const r = JSON.parse(readFileSync(`${reports}/vitest.json`, 'utf8'));
      return [
        r.numPassedTests,
        r.numFailedTests + (r.numTotalTestSuites > 0 && !r.success && r.numFailedTests === 0 ? 1 : 0),
        r.numPendingTests + r.numTodoTests,
      ];
    },
  },
  { name: 'build (renderer)', cmd: ['npm', 'run', '--silent', 'build'] },
  {
    name: 'playwright (end to end in Chromium)',
    cmd: ['npx', 'playwright', 'test', '--reporter=list,json,html'],
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: `${reports}/playwright.json`, PLAYWRIGHT_HTML_OPEN: 'never' },
    count: () => {
      const { stats } = JSON.parse(readFileSync(`${reports}/playwright.json`, 'utf8'));
      return [stats.expected + stats.flaky, stats.unexpected, stats.skipped];
    },
  },
];

let passed = 0;
let failed = 0;
let skipped = 0;
const summary = [];
for (const stage of stages) {
  if (stage.skipUnless && !existsSync(stage.skipUnless[0])) {
    console.log(`\n=== ${stage.name}: skipped: ${stage.skipUnless[1]}`);
    summary.push(`${stage.name}: skipped (${stage.skipUnless[1]})`);
    continue;
  }
  console.log(`\n=== ${stage.name}: ${stage.cmd.join(' ')}`);
  const run = spawnSync(stage.cmd[0], stage.cmd.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0', ...stage.env },
  });
  const ok = run.status === 0;
  let counts;
  try {
    counts = stage.count ? stage.count(ok) : checkOnly(ok);
  } catch (error) {
    console.error(`${stage.name}: could not read its report (${error.message})`);
    counts = [0, 1];
  }
  if (!ok && counts[1] === 0) counts = [counts[0], 1]; // a runner that crashed without a failing test still failed
  passed += counts[0];
  failed += counts[1];
  skipped += counts[2] ?? 0;
  summary.push(
    `${stage.name}: ${counts[0]} passed, ${counts[1]} failed${counts[2] ? `, ${counts[2]} skipped` : ''}`,
  );
}

console.log('\n=== summary');
for (const line of summary) console.log(`  ${line}`);
// Skipped tests print their reason where they run (the Electron smoke test needs an Electron binary).
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
