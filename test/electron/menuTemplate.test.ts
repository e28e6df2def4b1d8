import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, textbookMenuLabel } from '../../electron/main/menu-template.ts';
import { menuCommands } from '../../electron/ipc/channels.ts';

function build(platform: NodeJS.Platform, isDevelopment = false) {
  const sendCommand = vi.fn();
  const openTextbookChapter = vi.fn();
  const template = buildMenuTemplate({
    platform,
    isDevelopment,
    appName: 'ConvLab',
    sendCommand,
    openTextbookChapter,
  });
  return { template, sendCommand, openTextbookChapter };
}

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((item) => item.label === label || (label === 'Help' && item.role === 'help'));
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no ${label} menu`);
  return menu.submenu;
}

const byLabel = (items: MenuItemConstructorOptions[], label: string) =>
  items.find((item) => item.label === label);
const roles = (items: MenuItemConstructorOptions[]) => items.map((item) => item.role).filter(Boolean);
const click = (item: MenuItemConstructorOptions | undefined) =>
  (item?.click as unknown as (() => void) | undefined)?.();

// The File and Edit items that are app actions: label, command, accelerator (one table, from the issue).
const commandItems = [
  ['File', 'Open Lab…', 'open-lab', 'CmdOrCtrl+O'],
  ['File', 'Save Lab…', 'save-lab', 'CmdOrCtrl+S'],
  ['File', 'Import Weights…', 'import-weights', 'CmdOrCtrl+Shift+O'],
  ['File', 'Export Weights…', 'export-weights', 'CmdOrCtrl+Shift+S'],
  ['File', 'Export Feature Map as PNG…', 'export-feature-map', 'CmdOrCtrl+Shift+E'],
  ['Edit', 'Undo', 'undo', 'CmdOrCtrl+Z'],
] as const;

describe.each(['darwin', 'win32', 'linux'] as const)('on %s', (platform) => {
  it.each(commandItems)('%s > %s sends %s with %s', (menu, label, command, accelerator) => {
    const { template, sendCommand } = build(platform);
    const item = byLabel(submenu(template, menu), label);
    expect(item?.accelerator).toBe(accelerator);
    click(item);
    expect(sendCommand).toHaveBeenCalledExactlyOnceWith(command);
  });

  it('Redo uses the platform shortcut and sends redo', () => {
    const { template, sendCommand } = build(platform);
    const redo = byLabel(submenu(template, 'Edit'), 'Redo');
    expect(redo?.accelerator).toBe(platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z');
    click(redo);
    expect(sendCommand).toHaveBeenCalledWith('redo');
  });

  it('sends every menu command the renderer knows, and no other', () => {
    const { template, sendCommand } = build(platform);
    for (const menu of template) if (Array.isArray(menu.submenu)) menu.submenu.forEach((item) => click(item));
    const sent = sendCommand.mock.calls.map(([command]) => command as string);
    expect([...sent].sort()).toEqual([...menuCommands].sort());
  });

  it('Edit has the standard clipboard roles, View zoom and full screen', () => {
    const { template } = build(platform);
    expect(roles(submenu(template, 'Edit'))).toEqual(['cut', 'copy', 'paste', 'selectAll']);
    expect(roles(submenu(template, 'View'))).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });

  it('shows developer tools only in development', () => {
    expect(roles(submenu(build(platform, false).template, 'View'))).not.toContain('toggleDevTools');
    expect(roles(submenu(build(platform, true).template, 'View'))).toContain('toggleDevTools');
  });

  it('Help opens the textbook chapter through the given opener', () => {
    const { template, openTextbookChapter } = build(platform);
    click(byLabel(submenu(template, 'Help'), textbookMenuLabel));
    expect(openTextbookChapter).toHaveBeenCalledOnce();
  });
});

describe('platform conventions', () => {
  it('macOS: an app menu first with About and Quit; File closes the window; a Window menu', () => {
    const { template } = build('darwin');
    expect(template.map((menu) => menu.label ?? menu.role)).toEqual([
      'ConvLab',
      'File',
      'Edit',
      'View',
      'windowMenu',
      'help',
    ]);
    expect(roles(submenu(template, 'ConvLab'))).toEqual([
      'about',
      'services',
      'hide',
      'hideOthers',
      'unhide',
      'quit',
    ]);
    expect(roles(submenu(template, 'File'))).toEqual(['close']);
    expect(roles(submenu(template, 'Help'))).toEqual([]);
  });

  it.each(['win32', 'linux'] as const)('%s: File ends with Quit and Help has About', (platform) => {
    const { template } = build(platform);
    expect(template.map((menu) => menu.label ?? menu.role)).toEqual(['File', 'Edit', 'View', 'help']);
    expect(roles(submenu(template, 'File'))).toEqual(['quit']);
    expect(roles(submenu(template, 'Help'))).toEqual(['about']);
  });

  it('uses CmdOrCtrl for every command shortcut but the Windows Redo', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const { template } = build(platform);
      const accelerators = template
        .flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : []))
        .map((item) => item.accelerator)
        .filter((accelerator): accelerator is string => typeof accelerator === 'string');
      for (const accelerator of accelerators) {
        if (accelerator === 'Ctrl+Y') expect(platform).toBe('win32');
        else expect(accelerator).toMatch(/^CmdOrCtrl\+/);
      }
    }
  });
});
