// The lab's keys in localStorage and what each holds, with no Svelte in it:
//   convlab.lab          the autosave: {"rev": "...", "lab": <lab file>}, the same file Save lab writes
//                        (fileFormats.ts); `rev` changes on every write, so a window can tell its own
//                        last write from another window's
//   convlab.lab.v1       the autosave of builds before version 2 (read once, then replaced)
//   convlab.starting     set while a start (or a restore) puts a stored lab on screen, cleared once
//                        it has painted; found at start, it means the last load never finished
//   convlab.kept.<kind>.<id>
//                        copies kept aside instead of deleted: a lab that did not finish loading,
//                        one from another app version or unreadable, one another window replaced.
//                        Only the user's Discard removes one.
import { LAB_FORMAT, LAB_VERSION } from '../../../core/src/formats/lab.ts';
import { labFileText, parseLabFile } from './fileFormats.ts';
import { SNAPSHOT_APP, type Snapshot } from './snapshot.ts';

export const AUTOSAVE_KEY = 'convlab.lab';
export const LEGACY_AUTOSAVE_KEY = 'convlab.lab.v1';
export const START_MARK_KEY = 'convlab.starting';
export const KEPT_PREFIX = 'convlab.kept.';

export type KeptKind = 'crash' | 'version' | 'damaged' | 'window';
const KEPT_KINDS: readonly KeptKind[] = ['crash', 'version', 'damaged', 'window'];

export interface KeptCopy {
  key: string;
  kind: KeptKind;
  text: string;
}

/** What a stored text holds: a lab this version reads, one from another version, or something unreadable. */
export type StoredLab =
  | { kind: 'lab'; snapshot: Snapshot; rev: string | null }
  | { kind: 'version'; version: string }
  | { kind: 'damaged'; reason: string };

/** A fresh identifier: the time (so kept copies sort by age) and a random part. */
export function newId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** What an autosave holds after its `rev`: the snapshot's lab file. */
export const autosaveBody = (snapshot: Snapshot): string => labFileText(snapshot);

/** The autosave's text for a body, written under `rev`; `rev` comes first so revOf can read it cheaply. */
export function autosaveText(body: string, rev: string): string {
  return `{"rev":${JSON.stringify(rev)},"lab":${body}}`;
}

/** The `rev` of an autosave text without parsing the (possibly megabytes of) lab after it. */
export function revOf(text: string | null): string | null {
  if (text === null) return null;
  return /^\{"rev":"([^"\\]{1,64})"/.exec(text)?.[1] ?? null;
}

/** The lab part of an autosave text (what follows its rev), so two writes of the same lab compare equal. */
export function bodyOf(text: string): string {
  const at = text.indexOf(',"lab":');
  return text.startsWith('{"rev":') && at >= 0 ? text.slice(at + 7, -1) : text;
}

/** Kept copies of `kind` holding the lab `body`, other than `exceptKey`. */
export function keptWithBody(storage: Storage, kind: KeptKind, body: string, exceptKey = ''): string[] {
  return listKept(storage)
    .filter((copy) => copy.kind === kind && copy.key !== exceptKey && bodyOf(copy.text) === body)
    .map((copy) => copy.key);
}

/**
 * Reads an autosave text (or a kept copy): a lab file under its rev. Earlier builds stored their own
 * snapshot form (`app: convlab-renderer`) and a lab file may come from another format version: both are
 * another version's, kept aside rather than read.
 */
export function readStoredLab(text: string): StoredLab {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      kind: 'damaged',
      reason: `lab state: not valid JSON (${(error as Error).message.replace(/\s+/g, ' ')})`,
    };
  }
  const envelope = value as { rev?: unknown; lab?: unknown } | null;
  const inEnvelope = typeof envelope === 'object' && envelope !== null && 'lab' in envelope;
  const lab = inEnvelope ? envelope.lab : value;
  const header = lab as { app?: unknown; format?: unknown; version?: unknown } | null;
  if (typeof header === 'object' && header !== null) {
    const older = header.app === SNAPSHOT_APP;
    const otherFormat = header.format === LAB_FORMAT && header.version !== LAB_VERSION;
    if (older || otherFormat) return { kind: 'version', version: String(header.version).slice(0, 20) };
  }
  try {
    const snapshot = parseLabFile(inEnvelope ? bodyOf(text) : text, 'lab state');
    return { kind: 'lab', snapshot, rev: typeof envelope?.rev === 'string' ? envelope.rev : null };
  } catch (error) {
    return { kind: 'damaged', reason: (error as Error).message };
  }
}

/** Stores `text` aside under a new kept key (or `id`'s) and returns the key; throws when storage is full. */
export function keepAside(storage: Storage, kind: KeptKind, text: string, id = newId()): string {
  const key = `${KEPT_PREFIX}${kind}.${id}`;
  storage.setItem(key, text);
  return key;
}

/** Every kept copy, oldest first. */
export function listKept(storage: Storage): KeptCopy[] {
  const kept: KeptCopy[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key === null || !key.startsWith(KEPT_PREFIX)) continue;
    const kind = key.slice(KEPT_PREFIX.length).split('.')[0] as KeptKind;
    const text = storage.getItem(key);
    if (!KEPT_KINDS.includes(kind) || text === null) continue;
    kept.push({ key, kind, text });
  }
  // Ids start with the time in base 36 (same length for centuries), so the key order is the age order.
  return kept.sort((a, b) => (a.key.split('.').at(-1)! < b.key.split('.').at(-1)! ? -1 : 1));
}

/** The start mark's value: 'start', or 'kept:<key>' while a kept copy is being restored; null if none. */
export const readStartMark = (storage: Storage): string | null => storage.getItem(START_MARK_KEY);

/** The page's localStorage, or null where the browser refuses it (storage disabled: reading it throws). */
export function pageStorage(): Storage | null {
  try {
    const storage = globalThis.localStorage ?? null;
    storage?.getItem(START_MARK_KEY);
    return storage;
  } catch {
    return null;
  }
}
