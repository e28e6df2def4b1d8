// The trained LeNet kept with the lab: its model file's JSON in local storage under its own key (the
// kernel lab's autosave has another), refused beyond LIMITS.lenetStoredModel so that it cannot crowd
// out the lab's own autosave, and read back (in the worker) through the same reader as an imported file.
import { overLimit } from '../../../core/src/limits.ts';

export const LENET_MODEL_KEY = 'convlab.lenet.model.v1';

/** Stores `text` (a serialized model file); a one-line reason when it could not be stored, else null. */
export function storeModel(storage: Storage | null, text: string): string | null {
  if (storage === null) return 'The trained LeNet could not be kept: this window has no local storage.';
  const refusal = overLimit('lenetStoredModel', 'the model', text.length);
  if (refusal !== null) return `The trained LeNet could not be kept for the next visit: ${refusal}.`;
  try {
    storage.setItem(LENET_MODEL_KEY, text);
    return null;
  } catch (error) {
    // A full quota throws a DOMException, which is not an Error everywhere.
    const reason = error instanceof Error || error instanceof DOMException ? error.message : String(error);
    return `The trained LeNet could not be kept for the next visit: ${reason.replace(/\.$/, '')}.`;
  }
}

/** The stored model's text, or null when there is none (or storage cannot be read). */
export function storedModelText(storage: Storage | null): string | null {
  try {
    return storage?.getItem(LENET_MODEL_KEY) ?? null;
  } catch {
    return null;
  }
}

export function forgetStoredModel(storage: Storage | null): void {
  storage?.removeItem(LENET_MODEL_KEY);
}
