import { describe, expect, it, vi } from 'vitest';
import { createBrowserPlatform } from '../../../renderer/src/platform/browser.ts';
import { LIMITS, formatCount } from '../../../core/src/limits.ts';

describe('browser platform', () => {
  it('offers no data set folder: a page cannot read a folder’s files by path', () => {
    expect(createBrowserPlatform().openDatasetFolder).toBeUndefined();
  });

  it('saves by clicking a download link with the suggested name', async () => {
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    const name = await createBrowserPlatform().saveFile('w.json', new Uint8Array([123, 125]), [
      { name: 'J', extensions: ['json'] },
    ]);
    expect(name).toBe('w.json');
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('w.json');
    expect(clicked[0].isConnected).toBe(false);
    click.mockRestore();
  });

  it('opens through a file input that accepts the filters, and reads the chosen file', async () => {
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {});
    const opened = createBrowserPlatform().openFile([{ name: 'Lab', extensions: ['json', 'convlab'] }]);
    const picker = document.querySelector<HTMLInputElement>('input[type=file]');
    expect(picker!.accept).toBe('.json,.convlab');
    const file = new File(['{}'], 'lab.json');
    Object.defineProperty(picker!, 'files', { value: [file] });
    picker!.dispatchEvent(new Event('change'));
    const result = await opened;
    expect(result?.name).toBe('lab.json');
    expect(Array.from(result!.bytes)).toEqual([123, 125]);
    click.mockRestore();
  });

  it('resolves null when the picker is cancelled', async () => {
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {});
    const opened = createBrowserPlatform().openFile([]);
    const picker = document.querySelector<HTMLInputElement>('input[type=file]');
    picker!.dispatchEvent(new Event('cancel'));
    expect(await opened).toBeNull();
    click.mockRestore();
  });

  it('refuses a file over the file size limit without reading it', async () => {
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {});
    const opened = createBrowserPlatform().openFile([]);
    const picker = document.querySelector<HTMLInputElement>('input[type=file]');
    const file = new File(['{}'], 'huge.json');
    Object.defineProperty(file, 'size', { value: LIMITS.fileBytes.max + 1 });
    const read = vi.spyOn(file, 'arrayBuffer');
    Object.defineProperty(picker!, 'files', { value: [file] });
    picker!.dispatchEvent(new Event('change'));
    await expect(opened).rejects.toThrow(
      `Open: huge.json is ${formatCount(LIMITS.fileBytes.max + 1)} bytes, over the limit of ${formatCount(LIMITS.fileBytes.max)} bytes`,
    );
    expect(read).not.toHaveBeenCalled();
    click.mockRestore();
  });
});
