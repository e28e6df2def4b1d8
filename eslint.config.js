import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'release/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'test/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // The CLI, benchmarks, scripts and test harness talk to the terminal on purpose.
    files: ['core/cli/**', 'core/bench/**', 'test/**', '.ci/**', 'scripts/**', 'electron/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Modules import each other in one direction, so that load order never matters; a new import
    // cycle is an error (test/build/importCycles.test.ts lints a fixture cycle to show it is caught).
    files: ['core/**/*.ts', 'renderer/src/**/*.ts', 'electron/**/*.ts', 'test/fixtures/import-cycle/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver()],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    // The one cycle allowed: tensor.ts offers the ops as methods (`x.add(y)`, as PyTorch does), and
    // the ops build their output Tensors through autograd/graph.ts. These files are one strongly
    // connected group already, so turning the check off among them hides no other cycle: any cycle
    // through a file outside the group is still reported in that file.
    files: ['core/src/tensor.ts', 'core/src/autograd/graph.ts', 'core/src/ops/*.ts'],
    rules: { 'import-x/no-cycle': 'off' },
  },
);
