import type { IpcMainInvokeEvent } from 'electron';

/** An invoke event from a frame at `url`; `parent` non-null makes it a subframe. */
export function ipcEventFrom(url: string | null, parent: object | null = null): IpcMainInvokeEvent {
  const senderFrame = url === null ? null : { url, parent };
  return { senderFrame, sender: {} } as unknown as IpcMainInvokeEvent;
}
