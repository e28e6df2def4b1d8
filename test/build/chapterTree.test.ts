// The renderer's tree keeps its shape: renderer/src/lib holds no components, and each chapter view has
// its own folder holding its one tab, which the one table of tabs (chapter/tabs.ts) imports.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const renderer = join(import.meta.dirname, '..', '..', 'renderer', 'src');
const chapter = join(renderer, 'chapter');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the renderer tree', () => {
  it('renderer/src/lib holds no Svelte components', () => {
    const components = filesUnder(join(renderer, 'lib')).filter((f) => f.endsWith('.svelte'));
    expect(components.map((f) => relative(renderer, f))).toEqual([]);
  });

  it('every chapter view folder holds one tab, and the table of tabs imports exactly those', () => {
    const views = readdirSync(chapter).filter(
      (name) => name !== 'shared' && statSync(join(chapter, name)).isDirectory(),
    );
    const tabFiles = views.map((view) => {
      const tabs = readdirSync(join(chapter, view)).filter((f) => f.endsWith('Tab.svelte'));
      expect(tabs, `chapter/${view}/ has one tab`).toHaveLength(1);
      return `./${view}/${tabs[0]}`;
    });
    const table = readFileSync(join(chapter, 'tabs.ts'), 'utf8');
    const imported = [...table.matchAll(/from '(\.\/[^']+Tab\.svelte)'/g)].map((m) => m[1]);
    expect(imported.sort()).toEqual(tabFiles.sort());
  });
});
