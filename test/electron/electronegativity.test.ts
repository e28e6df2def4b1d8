/**
 * Runs @doyensec/electronegativity on the shell's source and fails on any finding that is not
 * justified in the code. The tool exits 0 whatever it finds, so this reads its report.
 *
 * Convention: a finding is justified by a comment on its line or on one of the 3 lines above it:
 *   // electronegativity-justified: CHECK_ID: why this is safe here
 * The tool's own `eng-disable` comments are forbidden: they drop findings from the report unseen.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
}
interface Report {
  issues: Finding[];
  errors: { file: string; message: string; tolerable: boolean }[];
}
type Run = (options: Record<string, unknown>, forCli: boolean) => Promise<Report>;

const require = createRequire(import.meta.url);
const runElectronegativity = require('@doyensec/electronegativity') as Run;
const electronVersion = (require('electron/package.json') as { version: string }).version;
const shellDir = join(import.meta.dirname, '..', '..', 'electron');
const linesAbove = 3;

function scan(input: string): Promise<Report> {
  return runElectronegativity(
    {
      input,
      electronVersionOverride: electronVersion,
      // The one check that needs the network (it downloads Electron's release list from GitHub); the
      // Electron version is pinned in package-lock.json and upgraded deliberately.
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    },
    false,
  );
}

function justification(finding: Finding): string | undefined {
  // Global checks may report a missing safeguard with no file at all ("N/A"): nothing to justify it.
  if (!existsSync(finding.file)) return undefined;
  const lines = readFileSync(finding.file, 'utf8').split('\n');
  const last = finding.location.line - 1;
  const pattern = new RegExp(`electronegativity-justified: ${finding.id}: (\\S.*)$`);
  for (let index = Math.max(0, last - linesAbove); index <= last; index++) {
    const match = pattern.exec(lines[index] ?? '');
    if (match) return match[1];
  }
  return undefined;
}

function unjustified(report: Report): string[] {
  return report.issues
    .filter((finding) => justification(finding) === undefined)
    .map((finding) => `${finding.id} at ${finding.file}:${finding.location.line}: ${finding.description}`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|mts|mjs|js)$/.test(name))
    .map((name) => join(dir, name));
}

describe('electronegativity on electron/', () => {
  it('parses every file and reports no finding without a justification', async () => {
    const report = await scan(shellDir);
    const parseFailures = report.errors.filter((error) => !error.tolerable);
    expect(parseFailures, 'files electronegativity could not parse (so could not check)').toEqual([]);
    expect(unjustified(report)).toEqual([]);
  });

  it('contains no eng-disable comments, which would hide findings', () => {
    const offenders = sourceFiles(shellDir).filter((file) => /eng-disable/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('fails on an insecure window nobody justified (the check can fail)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convlab-eng-'));
    try {
      writeFileSync(
        join(dir, 'main.ts'),
        [
          "import { BrowserWindow } from 'electron';",
          'export const window = new BrowserWindow({',
          '  webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false },',
          '});',
          "void window.loadURL('https://example.com');",
        ].join('\n'),
      );
      const findings = unjustified(await scan(dir));
      const ids = findings.map((finding) => finding.split(' ')[0]);
      expect(ids).toEqual(
        expect.arrayContaining([
          'CONTEXT_ISOLATION_JS_CHECK',
          'SANDBOX_JS_CHECK',
          'LIMIT_NAVIGATION_GLOBAL_CHECK',
          'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
        ]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
