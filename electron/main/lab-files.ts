/**
 * Lab files the operating system hands the app (a path on the command line, a second launch, the
 * macOS open-file event): read with the same size cap as the open dialog and sent to the renderer
 * once its page has loaded, since the OS can ask before the window exists.
 */
import type { WebContents } from 'electron';
import { resolve } from 'node:path';
import { ipcChannels, labFileExtension } from '../ipc/channels.ts';
import { readLimitedFile } from './read-limited-file.ts';

/** The last argument naming a `.convlab.json` file, resolved against `workingDirectory`. */
export function findLabFileArgument(argv: readonly string[], workingDirectory: string): string | undefined {
  const candidates = argv.filter(
    (arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(labFileExtension),
  );
  const last = candidates.at(-1);
  return last === undefined ? undefined : resolve(workingDirectory, last);
}

export class LabFileDelivery {
  private readonly pending: string[] = [];
  private target: WebContents | null = null;

  constructor(private readonly reportError: (message: string) => void) {}

  /** Opens `path` in the renderer now, or as soon as the renderer's page has loaded. */
  request(path: string): void {
    if (this.target === null) this.pending.push(path);
    else void this.deliver(this.target, path);
  }

  /** Delivers queued files after each page load of `contents` (also after a reload). */
  attach(contents: WebContents): void {
    contents.on('did-finish-load', () => {
      this.target = contents;
      for (const path of this.pending.splice(0)) void this.deliver(contents, path);
    });
    contents.on('destroyed', () => {
      if (this.target === contents) this.target = null;
    });
  }

  private async deliver(contents: WebContents, path: string): Promise<void> {
    try {
      const file = await readLimitedFile(path, 'fileBytes');
      contents.send(ipcChannels.fileOpened, file);
    } catch (error) {
      this.reportError(`Could not open the lab file ${path}: ${(error as Error).message}`);
    }
  }
}
