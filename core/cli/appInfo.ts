// The app's name and version for the files the CLI writes, read from the one package.json.
import { readFileSync } from 'node:fs';

export function appInfo(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return { name: 'ConvLab', version: pkg.version ?? '0.0.0' };
}
