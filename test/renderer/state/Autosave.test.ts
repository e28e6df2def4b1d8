// The autosave's promises, each against the storage it writes: a start that never painted is not
// repeated, nothing unpainted is written, a failed write is said, nothing stored is deleted without
// the user, and two windows offer each other's changes instead of overwriting them.
import { beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../core/src/limits.ts';
import { Autosave, type AutosaveHost } from '../../../renderer/src/state/Autosave.svelte.ts';
import {
  AUTOSAVE_KEY,
  KEPT_PREFIX,
  LEGACY_AUTOSAVE_KEY,
  START_MARK_KEY,
  autosaveBody,
  autosaveText,
  readStoredLab,
} from '../../../renderer/src/lib/autosaveStore.ts';
import { makeSnapshot, type Snapshot } from '../../../renderer/src/lib/snapshot.ts';
import { defaultLayerGeometry } from '../../../core/src/conv/geometry.ts';
import { defaultSettings } from '../../../renderer/src/lab/labExperiment.ts';
import { storedHistory } from '../../../core/src/formats/lossHistory.ts';
import { gridFromRows } from '../../../renderer/src/lib/grid.ts';
import { stripes } from '../../../renderer/src/lib/inputPresets.ts';

/** The lab with stride `s` (the value each test changes to tell labs apart). */
function lab(stride: number): Snapshot {
  return makeSnapshot({
    input: stripes(6, 8),
    kernel: gridFromRows([[1, -1]]),
    flip: false,
    geometry: { ...defaultLayerGeometry(), stride: [stride, stride] },
    settings: defaultSettings(),
    targetOutput: null,
    results: null,
  });
}

/** A window's lab: what is on screen, and every apply. */
function host(initial = lab(1)): AutosaveHost & { current: Snapshot; applied: Snapshot[] } {
  const h = {
    current: initial,
    applied: [] as Snapshot[],
    snapshot: () => h.current,
    apply: (s: Snapshot) => {
      h.current = s;
      h.applied.push(s);
    },
  };
  return h;
}

/** A paint the test completes by hand (`paints.next()`), to look at storage before it. */
function manualPaint() {
  const waiting: (() => void)[] = [];
  return {
    paint: () => new Promise<void>((resolve) => waiting.push(resolve)),
    async next() {
      waiting.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}
const painted = () => Promise.resolve();

const stored = (key = AUTOSAVE_KEY): Snapshot | null => {
  const text = localStorage.getItem(key);
  if (text === null) return null;
  const read = readStoredLab(text);
  return read.kind === 'lab' ? read.snapshot : null;
};
const keptKeys = (kind = '') => Object.keys(localStorage).filter((k) => k.startsWith(KEPT_PREFIX + kind));
const strideOf = (s: Snapshot | null) => s?.geometry.stride[0];
const save = (s: Snapshot) => localStorage.setItem(AUTOSAVE_KEY, autosaveText(autosaveBody(s), 'saved'));

beforeEach(() => localStorage.clear());

describe('a crash-safe start', () => {
  it('marks the start in progress until the restored lab has painted, then clears the mark', async () => {
    save(lab(3));
    const paints = manualPaint();
    const h = host();
    const started = new Autosave(h, localStorage, paints.paint).start();
    expect(strideOf(h.current)).toBe(3);
    expect(localStorage.getItem(START_MARK_KEY)).toBe('start');
    await paints.next();
    await started;
    expect(localStorage.getItem(START_MARK_KEY)).toBeNull();
  });

  it('a start that finds the mark left behind opens the default lab and keeps the saved one aside', async () => {
    save(lab(3));
    localStorage.setItem(START_MARK_KEY, 'start');
    const h = host();
    const autosave = new Autosave(h, localStorage, painted);
    await autosave.start();
    expect(h.applied).toEqual([]);
    expect(keptKeys('crash')).toHaveLength(1);
    expect(stored(keptKeys('crash')[0])?.geometry.stride).toEqual([3, 3]);
    expect(autosave.kept.map((k) => [k.kind, k.message, k.canRestore])).toEqual([
      ['crash', 'The last session did not finish loading; the saved lab is kept aside.', true],
    ]);
    // The next start is a normal one: the mark is gone and the default lab is the autosave.
    expect(localStorage.getItem(START_MARK_KEY)).toBeNull();
    expect(strideOf(stored())).toBe(1);
  });

  it('Restore puts the kept lab back crash-safely: it stays kept until it has painted and been saved', async () => {
    save(lab(3));
    localStorage.setItem(START_MARK_KEY, 'start');
    const paints = manualPaint();
    const h = host();
    const autosave = new Autosave(h, localStorage, paints.paint);
    const started = autosave.start();
    await paints.next();
    await started;
    const [key] = keptKeys('crash');
    const restoring = autosave.restore(key);
    expect(strideOf(h.current)).toBe(3);
    expect(localStorage.getItem(START_MARK_KEY)).toBe(`kept:${key}`);
    expect(localStorage.getItem(key)).not.toBeNull();
    expect(strideOf(stored())).toBe(1);
    await paints.next();
    await restoring;
    expect(localStorage.getItem(START_MARK_KEY)).toBeNull();
    expect(localStorage.getItem(key)).toBeNull();
    expect(strideOf(stored())).toBe(3);
    expect(autosave.kept).toEqual([]);
  });

  it('a Restore that never painted leaves the copy kept and the next start loads the autosave as usual', async () => {
    save(lab(1));
    localStorage.setItem(`${KEPT_PREFIX}crash.0-a`, autosaveText(autosaveBody(lab(3)), 'r'));
    localStorage.setItem(START_MARK_KEY, `kept:${KEPT_PREFIX}crash.0-a`);
    const h = host(lab(2));
    const autosave = new Autosave(h, localStorage, painted);
    await autosave.start();
    expect(strideOf(h.current)).toBe(1);
    expect(autosave.kept.map((k) => k.key)).toEqual([`${KEPT_PREFIX}crash.0-a`]);
  });

  it('Discard removes the kept copy', async () => {
    save(lab(3));
    localStorage.setItem(START_MARK_KEY, 'start');
    const autosave = new Autosave(host(), localStorage, painted);
    await autosave.start();
    autosave.discard(autosave.kept[0].key);
    expect(keptKeys()).toEqual([]);
    expect(autosave.kept).toEqual([]);
  });
});

describe('writing', () => {
  it('does not write a state before it has painted (an opened file that crashes the tab stays out)', async () => {
    const h = host();
    const paints = manualPaint();
    const autosave = new Autosave(h, localStorage, paints.paint);
    const started = autosave.start();
    await paints.next();
    await started;
    h.apply(lab(5));
    const applied = autosave.afterApply();
    autosave.saveNow();
    expect(strideOf(stored())).toBe(1);
    await paints.next();
    await applied;
    expect(strideOf(stored())).toBe(5);
  });

  it('says on screen when the autosave cannot be written, and stops saying it once a write succeeds', async () => {
    const h = host();
    const autosave = new Autosave(h, localStorage, painted);
    await autosave.start();
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException("Setting the value of 'convlab.lab' exceeded the quota.", 'QuotaExceededError');
    };
    try {
      h.current = lab(2);
      autosave.saveNow();
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(autosave.saveError).toBe(
      "The lab could not be saved in this browser's storage: Setting the value of 'convlab.lab' exceeded the quota. Save lab to keep your work.",
    );
    autosave.saveNow();
    expect(autosave.saveError).toBeNull();
    expect(strideOf(stored())).toBe(2);
  });

  it('stores the longest run as the lab file does, decimated: 1,000,000 epochs fit in storage twice over', async () => {
    // What Training.results() gives for a run of the most epochs allowed: the lab file's decimation.
    const losses = Array.from({ length: LIMITS.epochs.max }, (_, i) => Math.fround(1 / (i + 1)));
    const { lossHistory, lossHistoryEpochs } = storedHistory(losses);
    const h = host({
      ...lab(1),
      results: {
        weight: { shape: [1, 1, 1, 2], data: [1, -1] },
        weightGrad: null,
        lossHistory,
        lossHistoryEpochs,
        epoch: LIMITS.epochs.max,
        key: 'k',
      },
    });
    const autosave = new Autosave(h, localStorage, painted);
    await autosave.start();
    const text = localStorage.getItem(AUTOSAVE_KEY)!;
    // Chromium's localStorage holds 5,242,880 UTF-16 code units per origin (measured).
    expect(2 * text.length).toBeLessThan(5_242_880);
    expect(stored()?.results?.lossHistory).toEqual(lossHistory);
    expect(stored()?.results?.lossHistoryEpochs).toEqual(lossHistoryEpochs);
  });
});

describe('nothing stored is deleted without the user', () => {
  it('an autosave from another app version is kept aside and said', async () => {
    const foreign = JSON.stringify({ rev: 'x', lab: { app: 'convlab-renderer', version: 3, input: {} } });
    localStorage.setItem(AUTOSAVE_KEY, foreign);
    const h = host();
    const autosave = new Autosave(h, localStorage, painted);
    await autosave.start();
    expect(h.applied).toEqual([]);
    expect(keptKeys('version').map((k) => localStorage.getItem(k))).toEqual([foreign]);
    expect(autosave.kept[0].message).toBe(
      'The saved lab is from another version of ConvLab (lab state version 3); it is kept aside.',
    );
    expect(autosave.kept[0].canRestore).toBe(false);
  });

  it('an autosave over the limits is refused naming the field, kept aside, and nothing is applied', async () => {
    const bad = JSON.parse(autosaveBody(lab(1)));
    bad.experiment.layer.padding = [600, 600];
    localStorage.setItem(AUTOSAVE_KEY, JSON.stringify({ rev: 'x', lab: bad }));
    const h = host();
    const autosave = new Autosave(h, localStorage, painted);
    await autosave.start();
    expect(h.applied).toEqual([]);
    expect(autosave.kept[0].message).toMatch(
      /^The saved lab could not be read \(lab state: .*padding.* 600, over the limit of 64\); it is kept aside\.$/,
    );
  });

  it("an earlier build's autosave (its own snapshot form, key convlab.lab.v1) is kept aside as another version's", async () => {
    const old = { ...lab(4), version: 1, results: null };
    localStorage.setItem(LEGACY_AUTOSAVE_KEY, JSON.stringify(old));
    const h = host();
    const autosave = new Autosave(h, localStorage, painted);
    await autosave.start();
    expect(h.applied).toEqual([]);
    expect(autosave.kept.map((k) => k.kind)).toEqual(['version']);
    expect(strideOf(stored())).toBe(1);
  });
});

describe('two windows', () => {
  async function twoWindows() {
    const a = host();
    const b = host();
    const autosaveA = new Autosave(a, localStorage, painted);
    await autosaveA.start();
    const autosaveB = new Autosave(b, localStorage, painted);
    await autosaveB.start();
    /** Delivers a write by one window to the other, as the browser's storage event does. */
    const deliver = (to: Autosave) =>
      to.onStorage(
        new StorageEvent('storage', {
          key: AUTOSAVE_KEY,
          newValue: localStorage.getItem(AUTOSAVE_KEY),
          storageArea: localStorage,
        }),
      );
    return { a, b, autosaveA, autosaveB, deliver };
  }
  const strides = () =>
    [stored(), ...keptKeys('window').map((k) => stored(k))].map(strideOf).sort((x, y) => x! - y!);

  it("offers the other window's change instead of taking it, and keeps this window's lab aside meanwhile", async () => {
    const { a, b, autosaveA, autosaveB, deliver } = await twoWindows();
    b.current = lab(3);
    a.current = lab(2);
    autosaveA.saveNow();
    deliver(autosaveB);
    expect(autosaveB.incoming?.snapshot.geometry.stride).toEqual([2, 2]);
    expect(strideOf(b.current)).toBe(3);
    // Both labs are in storage while B decides, and B's edits go on being saved (aside).
    expect(strides()).toEqual([2, 3]);
    b.current = lab(4);
    autosaveB.saveNow();
    expect(strides()).toEqual([2, 4]);
  });

  it("Keep mine writes this window's lab and keeps the other's aside", async () => {
    const { a, b, autosaveA, autosaveB, deliver } = await twoWindows();
    a.current = lab(2);
    autosaveA.saveNow();
    b.current = lab(3);
    deliver(autosaveB);
    autosaveB.keepMine();
    expect(strideOf(stored())).toBe(3);
    expect(strides()).toEqual([2, 3]);
    expect(autosaveB.incoming).toBeNull();
    // A, in turn, is offered B's lab rather than losing its own.
    deliver(autosaveA);
    expect(autosaveA.incoming?.snapshot.geometry.stride).toEqual([3, 3]);
  });

  it("Load it puts the other window's lab on screen and keeps this window's aside", async () => {
    const { a, b, autosaveA, autosaveB, deliver } = await twoWindows();
    a.current = lab(2);
    autosaveA.saveNow();
    b.current = lab(3);
    deliver(autosaveB);
    await autosaveB.loadIncoming();
    expect(strideOf(b.current)).toBe(2);
    expect(strides()).toEqual([2, 3]);
    expect(autosaveB.kept.map((k) => [k.kind, k.canRestore])).toEqual([['window', true]]);
  });

  it('a change to the same lab is taken without asking', async () => {
    const { a, b, autosaveA, autosaveB, deliver } = await twoWindows();
    a.current = lab(2);
    b.current = lab(2);
    autosaveA.saveNow();
    deliver(autosaveB);
    expect(autosaveB.incoming).toBeNull();
  });

  it('a write by another window that no event reported is found before overwriting it', async () => {
    const { a, b, autosaveA, autosaveB } = await twoWindows();
    a.current = lab(2);
    autosaveA.saveNow();
    b.current = lab(3);
    autosaveB.saveNow();
    expect(strideOf(stored())).toBe(2);
    expect(autosaveB.incoming?.snapshot.geometry.stride).toEqual([2, 2]);
    expect(strides()).toEqual([2, 3]);
  });
});

describe('two states waiting for their paint', () => {
  it('writes nothing until both have painted', async () => {
    const h = host();
    const paints = manualPaint();
    const autosave = new Autosave(h, localStorage, paints.paint);
    const started = autosave.start();
    h.apply(lab(5));
    const applied = autosave.afterApply();
    await paints.next();
    await started;
    autosave.saveNow();
    expect(localStorage.getItem(AUTOSAVE_KEY)).toBeNull();
    await paints.next();
    await applied;
    expect(strideOf(stored())).toBe(5);
  });
});

describe('keeping aside in a full storage', () => {
  it('moves the crashed lab aside even when the storage has no room for a second copy', async () => {
    save(lab(3));
    localStorage.setItem(START_MARK_KEY, 'start');
    const text = localStorage.getItem(AUTOSAVE_KEY)!;
    const setItem = Storage.prototype.setItem;
    // Room for one copy of the lab only: a write succeeds only while the autosave key is free.
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      if (key.startsWith(KEPT_PREFIX) && this.getItem(AUTOSAVE_KEY) !== null) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      setItem.call(this, key, value);
    };
    try {
      await new Autosave(host(), localStorage, painted).start();
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(keptKeys('crash').map((k) => localStorage.getItem(k))).toEqual([text]);
  });
});

describe('restoring a replaced version', () => {
  it('keeps the lab it replaces aside in turn', async () => {
    save(lab(2));
    localStorage.setItem(`${KEPT_PREFIX}window.0-a`, autosaveText(autosaveBody(lab(3)), 'r'));
    const h = host();
    const autosave = new Autosave(h, localStorage, painted);
    await autosave.start();
    expect(autosave.kept.map((k) => k.message)).toEqual(['A replaced version of this lab is kept aside.']);
    await autosave.restore(`${KEPT_PREFIX}window.0-a`);
    expect(strideOf(h.current)).toBe(3);
    expect(strideOf(stored())).toBe(3);
    expect(keptKeys('window').map((k) => strideOf(stored(k)))).toEqual([2]);
  });
});

describe('no storage', () => {
  it('says the lab will not be saved when the browser gives it no storage', async () => {
    const autosave = new Autosave(host(), null, painted);
    await autosave.start();
    expect(autosave.saveError).toBe(
      "The lab could not be saved in this browser's storage: this browser gives the lab no storage. Save lab to keep your work.",
    );
  });
});
