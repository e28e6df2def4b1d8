// The autosave stores the lab file Save lab writes, and reads it back through Open lab's reader.
import { describe, expect, it } from 'vitest';
import { notebookExperiment } from '../../../core/src/train/experiment.ts';
import { autosaveBody, autosaveText, readStoredLab } from '../../../renderer/src/lib/autosaveStore.ts';
import { parseLabFile, serializeLabFile } from '../../../renderer/src/lib/fileFormats.ts';
import { Lab } from '../../../renderer/src/state/Lab.svelte.ts';
import { Training } from '../../../renderer/src/state/Training.svelte.ts';
import { Documents } from '../../../renderer/src/state/Documents.svelte.ts';
import { fakePlatform, inProcessClient } from '../fakes/clients.ts';

async function trainedSnapshot() {
  const lab = new Lab();
  const training = new Training(inProcessClient(), lab);
  await training.train();
  const documents = new Documents(lab, training, fakePlatform(), null);
  return { snapshot: documents.snapshot(), experiment: training.experiment() };
}

describe('the autosave', () => {
  it('stores exactly the lab file Save lab writes', async () => {
    const { snapshot, experiment } = await trainedSnapshot();
    expect(autosaveBody(snapshot)).toBe(serializeLabFile(experiment, snapshot));
  });

  it('reads back the snapshot Open lab reads from the same file', async () => {
    const { snapshot } = await trainedSnapshot();
    const body = autosaveBody(snapshot);
    const read = readStoredLab(autosaveText(body, 'r1'));
    expect(read.kind).toBe('lab');
    if (read.kind !== 'lab') return;
    expect(read.rev).toBe('r1');
    expect(read.snapshot).toEqual(parseLabFile(body));
    expect(read.snapshot.results?.lossHistory).toEqual(snapshot.results?.lossHistory);
  });

  it("keeps an earlier build's own snapshot form aside as another version's", () => {
    const older = JSON.stringify({ rev: 'r', lab: { app: 'convlab-renderer', version: 2 } });
    expect(readStoredLab(older)).toEqual({ kind: 'version', version: '2' });
  });

  it('says why a stored lab file cannot be read, naming the field', () => {
    const file = JSON.parse(
      serializeLabFile(
        notebookExperiment(),
        parseLabFile(
          serializeLabFile(notebookExperiment(), {
            ...parseLabFile(autosaveBodyOfDefault()),
          }),
        ),
      ),
    );
    file.experiment.epochs = -1;
    const read = readStoredLab(JSON.stringify({ rev: 'r', lab: file }));
    expect(read.kind).toBe('damaged');
    if (read.kind === 'damaged') expect(read.reason).toMatch(/^lab state: .*epochs/);
  });
});

function autosaveBodyOfDefault(): string {
  const lab = new Lab();
  const training = new Training(inProcessClient(), lab);
  return autosaveBody(new Documents(lab, training, fakePlatform(), null).snapshot());
}
