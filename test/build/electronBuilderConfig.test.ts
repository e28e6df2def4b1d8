import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { labFileExtension } from '../../electron/ipc/channels.ts';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface Target {
  target: string;
  arch: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  icon: string;
  files: string[];
  asar: boolean;
  beforeBuild: () => Promise<boolean>;
  fileAssociations: { ext: string; name: string; mimeType: string }[];
  electronFuses: Record<string, boolean>;
  win: { target: Target[] };
  mac: { target: Target[] };
  linux: { target: Target[] };
}

const config = require('../../build/electron-builder.config.cjs') as BuilderConfig;
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
};

describe('electron-builder configuration', () => {
  it('names the app', () => {
    expect(config.appId).toBe('org.convlab.desktop');
    expect(config.productName).toBe('ConvLab');
  });

  it('builds nsis for Windows, dmg and zip for both Mac architectures, AppImage and deb for Linux', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
    expect(config.linux.target.map((target) => target.target)).toEqual(['AppImage', 'deb']);
  });

  it('packs only the built shell, the built renderer and package.json', () => {
    expect(config.files).toEqual(['dist/electron/**/*', 'dist/renderer/**/*', 'package.json', '!**/*.map']);
    // package.json's main must be inside what is packed.
    expect(packageJson.main).toBe('dist/electron/main.js');
    expect(config.asar).toBe(true);
  });

  it('copies no node_modules: beforeBuild resolves false, so dependencies stay out of the archive', async () => {
    await expect(config.beforeBuild()).resolves.toBe(false);
    expect(config.files.some((pattern) => pattern.includes('node_modules') && !pattern.startsWith('!'))).toBe(
      false,
    );
  });

  it('associates lab files with the extension the shell opens', () => {
    expect(config.fileAssociations).toHaveLength(1);
    expect(`.${config.fileAssociations[0].ext}`).toBe(labFileExtension);
    expect(config.fileAssociations[0].mimeType).toBe('application/x-convlab+json');
  });

  it('turns off the fuses that would let the app run as plain Node or load code outside app.asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('is the configuration `npm run package` uses, after building both halves', () => {
    expect(packageJson.scripts.package).toBe(
      'npm run build && npm run build:electron && electron-builder --config build/electron-builder.config.cjs',
    );
  });
});

describe('the icon', () => {
  it('exists and is a 512×512 RGBA PNG with transparent corners', () => {
    const path = join(root, config.icon);
    expect(existsSync(path)).toBe(true);
    const png = PNG.sync.read(readFileSync(path));
    expect([png.width, png.height]).toEqual([512, 512]);
    expect(png.data[3]).toBe(0);
    const centre = 4 * (256 * 512 + 256);
    expect(png.data[centre + 3]).toBe(255);
  });

  it('is what build/make-icon.mjs draws (the committed file is not stale)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convlab-icon-'));
    try {
      const output = join(dir, 'icon.png');
      const run = spawnSync(process.execPath, [join(root, 'build', 'make-icon.mjs'), output], {
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      expect(readFileSync(output).equals(readFileSync(join(root, config.icon)))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
