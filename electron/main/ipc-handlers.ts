/**
 * The main-process side of the bridge: native save, open and folder dialogs. Every handler checks who sent
 * the request and validates the payload before touching the disk.
 */
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type OpenDialogOptions } from 'electron';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../../core/node/atomicWrite.ts';
import { ipcChannels } from '../ipc/channels.ts';
import type { IpcResult, OpenedDatasetFolder, OpenedFile } from '../ipc/bridge-api.ts';
import { isAppUrl } from './app-origin.ts';
import { readDatasetFolder } from './dataset-folder.ts';
import {
  describeInvalidPayload,
  openDatasetFolderRequestSchema,
  openFileRequestSchema,
  saveFileRequestSchema,
} from './ipc-schemas.ts';
import { readLimitFor, readLimitedFile } from './read-limited-file.ts';

export interface IpcHandlerOptions {
  /** Set in development only; its origin is trusted like `app://convlab`. */
  devServerUrl?: string;
  /** Where the save dialog starts, e.g. the user's documents folder. */
  defaultDirectory: () => string;
}

/** Only the app's own top-level page may use the bridge; never a subframe or a foreign page. */
function isTrustedSender(event: IpcMainInvokeEvent, devServerUrl?: string): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url, devServerUrl);
}

function refuseSender(channel: string, event: IpcMainInvokeEvent): IpcResult<never> {
  const url = event.senderFrame?.url ?? 'an unknown frame';
  return { ok: false, error: `${channel}: refused a request from ${url}, which is not the app's page` };
}

function failure(error: unknown): IpcResult<never> {
  return { ok: false, error: error instanceof Error ? error.message : String(error) };
}

export async function handleSaveFile(
  event: IpcMainInvokeEvent,
  payload: unknown,
  options: IpcHandlerOptions,
): Promise<IpcResult<string | null>> {
  if (!isTrustedSender(event, options.devServerUrl)) return refuseSender(ipcChannels.saveFile, event);
  const request = saveFileRequestSchema.safeParse(payload);
  if (!request.success)
    return { ok: false, error: describeInvalidPayload(ipcChannels.saveFile, request.error) };
  const { suggestedName, bytes, filters } = request.data;

  const dialogOptions = { defaultPath: join(options.defaultDirectory(), suggestedName), filters };
  const window = BrowserWindow.fromWebContents(event.sender);
  const choice = window
    ? await dialog.showSaveDialog(window, dialogOptions)
    : await dialog.showSaveDialog(dialogOptions);
  if (choice.canceled || !choice.filePath) return { ok: true, value: null };

  try {
    // Through a temporary file and a rename: a full disk or a crash mid-write leaves the old file whole.
    await writeFileAtomic(choice.filePath, bytes);
  } catch (error) {
    return failure(
      new Error(`Could not save ${JSON.stringify(basename(choice.filePath))}: ${(error as Error).message}`),
    );
  }
  return { ok: true, value: basename(choice.filePath) };
}

export async function handleOpenFile(
  event: IpcMainInvokeEvent,
  payload: unknown,
  options: IpcHandlerOptions,
): Promise<IpcResult<OpenedFile | null>> {
  if (!isTrustedSender(event, options.devServerUrl)) return refuseSender(ipcChannels.openFile, event);
  const request = openFileRequestSchema.safeParse(payload);
  if (!request.success)
    return { ok: false, error: describeInvalidPayload(ipcChannels.openFile, request.error) };

  const dialogOptions: OpenDialogOptions = { properties: ['openFile'], filters: request.data.filters };
  const window = BrowserWindow.fromWebContents(event.sender);
  const choice = window
    ? await dialog.showOpenDialog(window, dialogOptions)
    : await dialog.showOpenDialog(dialogOptions);
  const path = choice.filePaths[0];
  if (choice.canceled || path === undefined) return { ok: true, value: null };

  try {
    return { ok: true, value: await readLimitedFile(path, readLimitFor(path)) };
  } catch (error) {
    return failure(error);
  }
}

/** A folder of Fashion-MNIST idx files for the LeNet view: their raw bytes, or null if cancelled. */
export async function handleOpenDatasetFolder(
  event: IpcMainInvokeEvent,
  payload: unknown,
  options: IpcHandlerOptions,
): Promise<IpcResult<OpenedDatasetFolder | null>> {
  const channel = ipcChannels.openDatasetFolder;
  if (!isTrustedSender(event, options.devServerUrl)) return refuseSender(channel, event);
  const request = openDatasetFolderRequestSchema.safeParse(payload);
  if (!request.success) return { ok: false, error: describeInvalidPayload(channel, request.error) };

  const dialogOptions: OpenDialogOptions = {
    title: 'Open a Fashion-MNIST folder',
    properties: ['openDirectory'],
  };
  const window = BrowserWindow.fromWebContents(event.sender);
  const choice = window
    ? await dialog.showOpenDialog(window, dialogOptions)
    : await dialog.showOpenDialog(dialogOptions);
  const folder = choice.filePaths[0];
  if (choice.canceled || folder === undefined) return { ok: true, value: null };

  try {
    return { ok: true, value: await readDatasetFolder(folder) };
  } catch (error) {
    return failure(error);
  }
}

export function registerIpcHandlers(options: IpcHandlerOptions): void {
  ipcMain.handle(ipcChannels.saveFile, (event, payload: unknown) => handleSaveFile(event, payload, options));
  ipcMain.handle(ipcChannels.openFile, (event, payload: unknown) => handleOpenFile(event, payload, options));
  ipcMain.handle(ipcChannels.openDatasetFolder, (event, payload: unknown) =>
    handleOpenDatasetFolder(event, payload, options),
  );
}
