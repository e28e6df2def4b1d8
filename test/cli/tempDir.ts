// Temporary folders that clean up after the file that made them (vitest's afterAll), apart from
// helpers.ts so that the Playwright specs that import helpers.ts do not load vitest.
import { afterAll } from 'vitest';
import { makeTempDir, type TempDir } from './helpers.ts';

/** A maker of temporary folders that are all removed after the calling file's tests (call it at the top level). */
export function tempDirs(): () => TempDir {
  const made: TempDir[] = [];
  afterAll(() => made.forEach((d) => d.remove()));
  return () => {
    const temp = makeTempDir();
    made.push(temp);
    return temp;
  };
}

/** One temporary folder for the calling file's tests, removed after them (call it at the top level). */
export const tempDir = (): TempDir => tempDirs()();
