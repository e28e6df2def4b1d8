// Opening and importing files against the autosave: a file's state is written only after it has
// painted, a file over the limits changes nothing, and the page saves when it is hidden or closed.
import { describe, expect, it } from 'vitest';
import { notebookExperiment } from '../../../core/src/train/experiment.ts';
import { Lab } from '../../../renderer/src/state/Lab.svelte.ts';
import { Documents } from '../../../renderer/src/state/Documents.svelte.ts';
import { Training } from '../../../renderer/src/state/Training.svelte.ts';
import { serializeLabFile, serializeWeightsFile } from '../../../renderer/src/lib/fileFormats.ts';
import { AUTOSAVE_KEY, readStoredLab } from '../../../renderer/src/lib/autosaveStore.ts';
import { fakePlatform, inProcessClient } from '../fakes/clients.ts';

// A document damaged on purpose: the tests write fields of any type into it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Editable = any;

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

async function startedLab() {
  localStorage.clear();
  const lab = new Lab();
  const training = new Training(inProcessClient(), lab);
  const platform = fakePlatform();
  const paints = manualPaint();
  const documents = new Documents(lab, training, platform, localStorage, paints.paint);
  const started = documents.restoreAutosave();
  await paints.next();
  await started;
  return { lab, training, platform, paints, documents };
}

const storedStride = () => {
  const read = readStoredLab(localStorage.getItem(AUTOSAVE_KEY)!);
  return read.kind === 'lab' ? read.snapshot.geometry.stride : null;
};

/** A lab file of the opening scene with `change` applied to its document. */
function labFileWith(change: (doc: Editable) => void): Uint8Array {
  const lab = new Lab();
  const documents = new Documents(lab, new Training(inProcessClient(), lab), fakePlatform(), null);
  const doc = JSON.parse(serializeLabFile(notebookExperiment(), documents.snapshot()));
  change(doc);
  return new TextEncoder().encode(JSON.stringify(doc));
}

describe('Documents and the autosave', () => {
  it('an opened lab is autosaved only after it has painted', async () => {
    const { lab, paints, documents } = await startedLab();
    const opening = documents.openLabBytes(
      'wide.convlab.json',
      labFileWith((doc) => {
        doc.experiment.layer.stride = [2, 2];
        // The target kernel must give the same output size as the layer.
      }),
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(lab.geometry.stride).toEqual([2, 2]);
    expect(storedStride()).toEqual([1, 1]);
    await paints.next();
    await opening;
    expect(storedStride()).toEqual([2, 2]);
  });

  it('imported weights are autosaved only after they have painted', async () => {
    const { lab, platform, paints, documents } = await startedLab();
    const experiment = {
      ...notebookExperiment(),
      layer: { ...notebookExperiment().layer, stride: [2, 2] as [number, number] },
    };
    const text = serializeWeightsFile(experiment, {
      weight: { shape: [1, 1, 1, 2], data: [0.5, -0.5] },
      weightGrad: null,
      lossHistory: [1, 0.5],
      epoch: 2,
      key: 'k',
    });
    platform.nextOpen = { name: 'w.json', bytes: new TextEncoder().encode(text) };
    const importing = documents.run('import-weights');
    await new Promise((r) => setTimeout(r, 0));
    expect(lab.geometry.stride).toEqual([2, 2]);
    expect(storedStride()).toEqual([1, 1]);
    await paints.next();
    await importing;
    expect(storedStride()).toEqual([2, 2]);
  });

  it('a lab file with padding 600 is refused naming the field, the value and the limit, and nothing changes', async () => {
    const { lab, documents } = await startedLab();
    const before = localStorage.getItem(AUTOSAVE_KEY);
    await documents.openLabBytes(
      'huge.convlab.json',
      labFileWith((doc) => (doc.experiment.layer.padding = [600, 600])),
    );
    expect(documents.error).toMatch(/^Open lab: .*layer\.padding\[0\] is 600, over the limit of 64$/);
    expect(lab.geometry.padding).toEqual([0, 0]);
    expect(localStorage.getItem(AUTOSAVE_KEY)).toBe(before);
  });

  it('weights with padding 600 are refused naming the field, the value and the limit, and nothing changes', async () => {
    const { lab, platform, documents } = await startedLab();
    const doc = JSON.parse(
      serializeWeightsFile(notebookExperiment(), {
        weight: { shape: [1, 1, 1, 2], data: [0.5, -0.5] },
        weightGrad: null,
        lossHistory: [1],
        epoch: 1,
        key: 'k',
      }),
    );
    doc.layer.padding = [600, 0];
    platform.nextOpen = { name: 'w.json', bytes: new TextEncoder().encode(JSON.stringify(doc)) };
    await documents.run('import-weights');
    expect(documents.error).toMatch(/^Import weights: .*layer\.padding\[0\] is 600, over the limit of 64$/);
    expect(lab.geometry.padding).toEqual([0, 0]);
  });

  it('saves at once when the page is hidden (pagehide), not only after the pause', async () => {
    const { lab, documents } = await startedLab();
    const stop = documents.watch(window);
    try {
      lab.geometry = { ...lab.geometry, stride: [3, 3] };
      window.dispatchEvent(new Event('pagehide'));
      expect(storedStride()).toEqual([3, 3]);
    } finally {
      stop();
    }
  });

  it('Save as file writes an unreadable kept lab out unchanged, so it is not only in this browser', async () => {
    const foreign = '{"rev":"x","lab":{"app":"convlab-renderer","version":3}}';
    localStorage.setItem(AUTOSAVE_KEY, foreign);
    const lab = new Lab();
    const platform = fakePlatform();
    const documents = new Documents(lab, new Training(inProcessClient(), lab), platform, localStorage, () =>
      Promise.resolve(),
    );
    await documents.restoreAutosave();
    const [kept] = documents.autosave.kept;
    expect(kept.canRestore).toBe(false);
    await documents.saveKept(kept.key);
    expect(platform.saved.map((f) => new TextDecoder().decode(f.bytes))).toEqual([foreign]);
    expect(documents.notice).toBe('The kept lab was saved as convlab-kept-lab.json.');
  });
});
