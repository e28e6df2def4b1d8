/**
 * The Platform in a plain browser: saving is a download through a temporary object URL, opening is a
 * hidden file input. A browser has no native menu and never opens files on the user's behalf.
 * Opened files are lab and weights files: one larger than LIMITS.fileBytes is refused before it is
 * read into memory.
 */
import { LIMITS, formatCount } from '../../../core/src/limits.ts';
import type { FileFilter, MenuCommand, OpenedFile, Platform } from './platform.ts';

const acceptList = (filters: FileFilter[]): string =>
  filters.flatMap((f) => f.extensions.map((ext) => `.${ext}`)).join(',');

export function createBrowserPlatform(doc: Document = document): Platform {
  return {
    kind: 'browser',
    async saveFile(suggestedName: string, bytes: Uint8Array, filters: FileFilter[]): Promise<string | null> {
      const type = filters.some((f) => f.extensions.includes('png')) ? 'image/png' : 'application/json';
      // A copy into a plain ArrayBuffer: Blob does not take views of shared or resizable buffers.
      const url = URL.createObjectURL(new Blob([bytes.slice()], { type }));
      const link = doc.createElement('a');
      link.href = url;
      link.download = suggestedName;
      link.style.display = 'none';
      doc.body.append(link);
      link.click();
      link.remove();
      // Revoked later: some browsers start reading the URL only after click() returns.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return suggestedName;
    },
    openFile(filters: FileFilter[]): Promise<OpenedFile | null> {
      return new Promise((resolve, reject) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.accept = acceptList(filters);
        input.style.display = 'none';
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          input.remove();
          if (file === undefined) {
            resolve(null);
            return;
          }
          const max = LIMITS.fileBytes.max;
          if (file.size > max) {
            reject(
              new Error(
                `Open: ${file.name} is ${formatCount(file.size)} bytes, over the limit of ${formatCount(max)} bytes`,
              ),
            );
            return;
          }
          file.arrayBuffer().then(
            (buffer) => resolve({ name: file.name, bytes: new Uint8Array(buffer) }),
            (error: unknown) => reject(new Error(`Could not read ${file.name}: ${String(error)}`)),
          );
        });
        input.addEventListener('cancel', () => {
          input.remove();
          resolve(null);
        });
        doc.body.append(input);
        input.click();
      });
    },
    onMenuCommand(_listener: (command: MenuCommand) => void): () => void {
      return () => {};
    },
    onFileOpened(_listener: (file: OpenedFile) => void): () => void {
      return () => {};
    },
  };
}
