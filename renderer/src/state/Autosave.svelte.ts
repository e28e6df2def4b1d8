// The autosave: the lab survives a reload, a crash, a full storage and a second window without losing
// anyone's work.
// - A start marks itself in progress and clears the mark once the restored lab has painted; a start
//   that finds the mark left behind puts the stored lab aside and opens the default one.
// - A state that has not painted yet (just opened, imported, restored) is never written.
// - A write that fails is said on screen until one succeeds.
// - Each write carries a new `rev`. A window that sees another window's write (a `storage` event, or a
//   `rev` it did not write when it comes to save) offers it instead of taking it or overwriting it,
//   and keeps its own state aside meanwhile; whichever the user picks, the other version stays kept.
// - Nothing stored is deleted except by the user's Discard: unreadable, foreign-version and crashed
//   labs are kept aside under their own keys (autosaveStore.ts).
import { tick } from 'svelte';
import {
  AUTOSAVE_KEY,
  KEPT_PREFIX,
  LEGACY_AUTOSAVE_KEY,
  START_MARK_KEY,
  autosaveBody,
  autosaveText,
  bodyOf,
  keepAside,
  keptWithBody,
  listKept,
  newId,
  readStartMark,
  readStoredLab,
  revOf,
  type KeptKind,
} from '../lib/autosaveStore.ts';
import type { Snapshot } from '../lib/snapshot.ts';

/** What the autosave reads from and puts on screen. */
export interface AutosaveHost {
  snapshot(): Snapshot;
  apply(snapshot: Snapshot): void;
}

/** A kept copy as the notice shows it. */
export interface KeptNotice {
  key: string;
  kind: KeptKind;
  message: string;
  /** Crashed and window copies can be put back on screen; the others can only be saved as a file. */
  canRestore: boolean;
}

/** Resolves once the DOM has been updated and painted (or after a while where frames do not run). */
export async function afterPaint(): Promise<void> {
  await tick();
  await new Promise<void>((resolve) => {
    // A hidden tab runs no animation frames; the DOM is built by now, which is what can freeze or crash.
    const fallback = setTimeout(resolve, 1000);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

/** One line from a thrown value, without a final period (the notice adds its own punctuation). */
function reasonOf(error: unknown): string {
  // A DOMException is not an Error in every engine, but always has a message.
  const text =
    typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  return text.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
}

export const saveFailedMessage = (reason: string): string =>
  `The lab could not be saved in this browser's storage: ${reason}. Save lab to keep your work.`;

function describeKept(kind: KeptKind, text: string): KeptNotice['message'] {
  switch (kind) {
    case 'crash':
      return 'The last session did not finish loading; the saved lab is kept aside.';
    case 'window':
      return 'A replaced version of this lab is kept aside.';
    case 'version': {
      const stored = readStoredLab(text);
      const version = stored.kind === 'version' ? ` (lab state version ${stored.version})` : '';
      return `The saved lab is from another version of ConvLab${version}; it is kept aside.`;
    }
    case 'damaged': {
      const stored = readStoredLab(text);
      const reason = stored.kind === 'damaged' ? ` (${stored.reason})` : '';
      return `The saved lab could not be read${reason}; it is kept aside.`;
    }
  }
}

export class Autosave {
  /** Why the last write failed, as the notice says it; null once a write succeeds. */
  saveError = $state<string | null>(null);
  /** A problem with a kept copy or another window's lab (it could not be read or restored). */
  error = $state<string | null>(null);
  /** Another window's change, offered until the user loads it or keeps this window's lab. */
  incoming = $state.raw<{ rev: string; snapshot: Snapshot } | null>(null);
  kept = $state.raw<KeptNotice[]>([]);

  /** The rev of the autosave this window last wrote or loaded: any other rev is another window's. */
  private lastRev: string | null = null;
  private lastBody: string | null = null;
  /** False from putting a stored state on screen until it has painted: such a state is not written. */
  private painted = false;
  private unpainted = 0;
  /** Set when the stored lab could not be kept aside: writing would overwrite it. */
  private suspended = false;
  /** Set when the lab is unmounted: nothing is read or written after that. */
  private disposed = false;
  /** Where this window keeps its own state while another window's change is offered. */
  private ownKeptKey = `${KEPT_PREFIX}window.${newId()}`;

  constructor(
    private readonly host: AutosaveHost,
    private readonly storage: Storage | null,
    private readonly paint: () => Promise<void> = afterPaint,
  ) {}

  /** Puts the stored lab on screen, unless the last start never finished; resolves once it has painted. */
  async start(): Promise<void> {
    const storage = this.storage;
    if (storage === null) {
      this.painted = true;
      this.saveError = saveFailedMessage('this browser gives the lab no storage');
      return;
    }
    const mark = readStartMark(storage);
    let clearMark = true;
    if (mark !== null && !mark.startsWith('kept:')) {
      // The last start put this lab on screen and never painted: it may crash every start. The
      // default lab opens; the stored one waits for Restore or Discard.
      clearMark = this.putAside(AUTOSAVE_KEY, 'crash') && this.putAside(LEGACY_AUTOSAVE_KEY, 'crash');
    } else {
      // A mark left by Restore means the kept copy failed again; it is still kept, and the autosave
      // (written only after painting) is loaded as usual.
      this.write(START_MARK_KEY, 'start');
      this.load(storage);
    }
    this.refreshKept();
    await this.whenPainted();
    if (this.disposed) return;
    if (clearMark) storage.removeItem(START_MARK_KEY);
    this.saveNow();
  }

  private load(storage: Storage): void {
    const legacy = storage.getItem(AUTOSAVE_KEY) === null;
    const key = legacy ? LEGACY_AUTOSAVE_KEY : AUTOSAVE_KEY;
    const text = storage.getItem(key);
    if (text === null) return;
    const stored = readStoredLab(text);
    if (stored.kind !== 'lab') {
      this.putAside(key, stored.kind);
      return;
    }
    this.host.apply(stored.snapshot);
    this.lastRev = stored.rev;
    if (!legacy) this.lastBody = bodyOf(text);
  }

  /** Moves the text under `key` to a kept copy; false (and nothing is written from now on) if it cannot. */
  private putAside(key: string, kind: KeptKind): boolean {
    const storage = this.storage!;
    const text = storage.getItem(key);
    if (text === null) return true;
    // Removed first, so that a nearly full storage has room for the copy; put back if it still has not.
    storage.removeItem(key);
    try {
      keepAside(storage, kind, text);
      return true;
    } catch (error) {
      storage.setItem(key, text);
      this.suspended = true;
      this.saveError = saveFailedMessage(`the saved lab could not be kept aside (${reasonOf(error)})`);
      return false;
    }
  }

  /** Call after putting a state on screen: it is written once it has painted, not before. */
  async afterApply(): Promise<void> {
    await this.whenPainted();
    this.saveNow();
  }

  private async whenPainted(): Promise<void> {
    // Counted: a file opened while the start's lab is still painting keeps writes off until both have.
    this.unpainted++;
    this.painted = false;
    try {
      await this.paint();
    } finally {
      this.unpainted--;
      this.painted = this.unpainted === 0;
    }
  }

  /** Writes the lab now (the 300 ms pause, pagehide, a finished run); says so on screen if it cannot. */
  saveNow(): void {
    const storage = this.storage;
    if (storage === null || !this.painted || this.suspended || this.disposed) return;
    try {
      const body = autosaveBody(this.host.snapshot());
      if (this.incoming !== null) {
        // Until the user decides, this window's work lives in its own kept copy.
        this.keepOwn(body);
        return;
      }
      const current = storage.getItem(AUTOSAVE_KEY);
      const currentRev = revOf(current);
      if (current !== null && currentRev !== this.lastRev && this.noticeChange(current, body)) {
        this.keepOwn(body);
        return;
      }
      if (body === this.lastBody && current !== null && revOf(current) === this.lastRev) return;
      const rev = newId();
      storage.setItem(AUTOSAVE_KEY, autosaveText(body, rev));
      this.lastRev = rev;
      this.lastBody = body;
      this.saveError = null;
      storage.removeItem(LEGACY_AUTOSAVE_KEY);
      // A copy kept from another window that holds this very lab says nothing the autosave does not.
      const redundant = keptWithBody(storage, 'window', body, this.ownKeptKey);
      for (const key of redundant) storage.removeItem(key);
      if (redundant.length > 0) this.refreshKept();
    } catch (error) {
      this.saveError = saveFailedMessage(reasonOf(error));
    }
  }

  /** Stores this window's lab in its own kept copy, unless another kept copy already holds it. */
  private keepOwn(body: string): void {
    const storage = this.storage!;
    const own = storage.getItem(this.ownKeptKey);
    if (own !== null && bodyOf(own) === body) return;
    if (own === null && keptWithBody(storage, 'window', body).length > 0) return;
    storage.setItem(this.ownKeptKey, autosaveText(body, newId()));
    this.saveError = null;
  }

  /**
   * Another window's autosave `text` arrived (or was found). True when it differs from this window's
   * lab and is now offered; false when it is the same lab (taken as seen) or unreadable (kept aside,
   * so writing over it loses nothing).
   */
  private noticeChange(text: string, mine: string): boolean {
    const stored = readStoredLab(text);
    const rev = revOf(text);
    if (stored.kind !== 'lab') {
      keepAside(this.storage!, stored.kind, text);
      this.refreshKept();
      return false;
    }
    const body = autosaveBody(stored.snapshot);
    if (body === mine) {
      this.lastRev = rev;
      this.lastBody = body;
      return false;
    }
    this.incoming = { rev: rev ?? newId(), snapshot: stored.snapshot };
    return true;
  }

  /** A `storage` event: another window wrote the autosave or a kept copy. */
  onStorage(event: StorageEvent): void {
    if (this.storage === null || event.storageArea !== this.storage) return;
    if (event.key === null || event.key.startsWith(KEPT_PREFIX)) {
      this.refreshKept();
      return;
    }
    if (event.key !== AUTOSAVE_KEY || event.newValue === null) return;
    if (revOf(event.newValue) === this.lastRev) return;
    try {
      const mine = autosaveBody(this.host.snapshot());
      // This window's lab is no longer in the autosave: keep it aside at once, in case the window closes.
      if (this.noticeChange(event.newValue, mine)) this.keepOwn(mine);
    } catch (error) {
      this.saveError = saveFailedMessage(reasonOf(error));
    }
  }

  /** "Load it": the other window's lab goes on screen; this window's stays kept aside. */
  async loadIncoming(): Promise<void> {
    const incoming = this.incoming;
    if (incoming === null) return;
    this.incoming = null;
    this.host.apply(incoming.snapshot);
    this.lastRev = incoming.rev;
    this.lastBody = null;
    // The copy of this window's lab is now an ordinary kept copy; a later conflict keeps a new one.
    this.ownKeptKey = `${KEPT_PREFIX}window.${newId()}`;
    this.refreshKept();
    await this.afterApply();
  }

  /** "Keep mine": the other window's lab is kept aside, and this window's is the autosave again. */
  keepMine(): void {
    const storage = this.storage;
    if (this.incoming === null || storage === null) return;
    try {
      const current = storage.getItem(AUTOSAVE_KEY);
      if (current !== null && revOf(current) !== this.lastRev) keepAside(storage, 'window', current);
      this.lastRev = revOf(current);
      this.lastBody = null;
      this.incoming = null;
      this.saveNow();
      if (this.saveError === null) storage.removeItem(this.ownKeptKey);
    } catch (error) {
      this.saveError = saveFailedMessage(reasonOf(error));
    }
    this.refreshKept();
  }

  /** Puts a kept copy back on screen, crash-safely: it stays kept until it has painted and been saved. */
  async restore(key: string): Promise<void> {
    const storage = this.storage;
    const kind = this.kept.find((copy) => copy.key === key)?.kind;
    const text = storage?.getItem(key) ?? null;
    if (storage === null || text === null) return;
    const stored = readStoredLab(text);
    if (stored.kind !== 'lab') {
      this.error = `Restore: ${stored.kind === 'damaged' ? stored.reason : `the lab is from lab state version ${stored.version}`}`;
      return;
    }
    this.error = null;
    // The lab on screen is in the autosave, which the restored one replaces: a window copy is
    // restored over work of its own, so that work is kept aside in turn.
    const current = storage.getItem(AUTOSAVE_KEY);
    if (kind === 'window' && current !== null && bodyOf(current) !== bodyOf(text)) {
      try {
        keepAside(storage, 'window', current);
      } catch (error) {
        this.error = `Restore: the lab on screen could not be kept aside (${reasonOf(error)})`;
        return;
      }
    }
    this.write(START_MARK_KEY, `kept:${key}`);
    this.host.apply(stored.snapshot);
    await this.whenPainted();
    if (this.disposed) return;
    storage.removeItem(START_MARK_KEY);
    this.lastBody = null;
    this.saveNow();
    if (this.saveError === null) storage.removeItem(key);
    this.refreshKept();
  }

  discard(key: string): void {
    this.storage?.removeItem(key);
    this.refreshKept();
  }

  /** The text of a kept copy, for saving it as a file. */
  keptText(key: string): string | null {
    return this.storage?.getItem(key) ?? null;
  }

  /** Re-reads the kept copies (this window's own pending copy is not offered to itself). */
  refreshKept(): void {
    if (this.storage === null) return;
    this.kept = listKept(this.storage)
      .filter((copy) => copy.key !== this.ownKeptKey || this.incoming === null)
      .map((copy) => ({
        key: copy.key,
        kind: copy.kind,
        message: describeKept(copy.kind, copy.text),
        canRestore: copy.kind === 'crash' || copy.kind === 'window',
      }));
  }

  /** Listens for other windows' writes and saves when the page is hidden or closed; returns the stop function. */
  listen(target: Window = window): () => void {
    const onStorage = (event: StorageEvent) => this.onStorage(event);
    const save = () => this.saveNow();
    const onVisibility = () => {
      if (target.document.visibilityState === 'hidden') this.saveNow();
    };
    target.addEventListener('storage', onStorage);
    target.addEventListener('pagehide', save);
    target.addEventListener('beforeunload', save);
    target.document.addEventListener('visibilitychange', onVisibility);
    return () => {
      target.removeEventListener('storage', onStorage);
      target.removeEventListener('pagehide', save);
      target.removeEventListener('beforeunload', save);
      target.document.removeEventListener('visibilitychange', onVisibility);
    };
  }

  /** Stops reading and writing storage (the lab was unmounted). */
  dispose(): void {
    this.disposed = true;
  }

  private write(key: string, value: string): void {
    try {
      this.storage?.setItem(key, value);
    } catch (error) {
      this.saveError = saveFailedMessage(reasonOf(error));
    }
  }
}
