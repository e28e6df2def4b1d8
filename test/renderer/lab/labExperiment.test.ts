// The lab <-> experiment mapping: Open lab builds the lab from the file's experiment (the inverse of
// what the training panel runs), so a hand-edited experiment opens as edited, a lab without `ui`
// opens, and the app and `convlab train` read the same experiment from the same file.
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notebookExperiment, type Experiment } from '../../../core/src/train/experiment.ts';
import { labFile, parseLab, parseWeights, serializeLab } from '../../../core/src/formats/index.ts';
import { Trainer } from '../../../core/src/train/trainer.ts';
import {
  defaultSettings,
  labExperiment,
  labFromExperiment,
  type TrainingSettings,
} from '../../../renderer/src/lab/labExperiment.ts';
import { parseLabFile } from '../../../renderer/src/lib/fileFormats.ts';
import { gridFromPlain, type Snapshot } from '../../../renderer/src/lib/snapshot.ts';
import { gridFromRows } from '../../../renderer/src/lib/grid.ts';
import { defaultLayerGeometry } from '../../../core/src/conv/geometry.ts';
import { textbookInput, textbookKernel } from '../../../renderer/src/state/Lab.svelte.ts';

/** The experiment the app trains for an opened lab: the training panel's mapping of what Open lab put on screen. */
const appExperiment = (s: Snapshot): Experiment =>
  labExperiment(
    { input: gridFromPlain(s.input), kernel: gridFromPlain(s.kernel), geometry: s.geometry, flip: s.flip },
    s.settings,
    s.targetOutput ? gridFromPlain(s.targetOutput) : null,
  );

/** The notebook's lab, edited by hand the way a student would: wider kernel, padding, momentum, more epochs. */
function handEdited(): Experiment {
  const e = notebookExperiment();
  return {
    ...e,
    target: { kind: 'kernel', kernel: { shape: [1, 1, 1, 3], data: [1, 0, -1] }, bias: null },
    layer: { ...e.layer, kernelSize: [1, 3], padding: [0, 1], paddingMode: 'replicate', flip: true },
    init: { kind: 'seed', seed: 123 },
    optimizer: { kind: 'sgd', lr: 0.01, momentum: 0.9 },
    loss: 'mse',
    epochs: 25,
  };
}

// jsdom gives this file an http: import.meta.url, so the CLI is found from the repository root vitest runs in.
const BIN = join(process.cwd(), 'core/cli/bin.mjs');
const dir = mkdtempSync(join(tmpdir(), 'convlab-lab-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runCli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, timeout: 30_000 }, (error, _stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stderr });
    });
  });
}

describe('labExperiment and labFromExperiment', () => {
  const scene = {
    input: textbookInput(),
    kernel: textbookKernel(),
    geometry: defaultLayerGeometry(),
    flip: false,
  };

  it('the default lab and settings are the core notebook experiment', () => {
    expect(labExperiment(scene, defaultSettings(), null)).toEqual(notebookExperiment());
  });

  const cases: Array<[string, TrainingSettings, boolean]> = [
    ['defaults', defaultSettings(), false],
    [
      'explicit 2 x 2 kernel, adam, mse',
      // A 2 x 2 kernel cannot start from the book's 1 x 2 start: a seeded draw.
      { ...defaultSettings(), kernelSize: [2, 2], startWeights: null, optimizer: 'adam', loss: 'mse' },
      false,
    ],
    [
      'start weights, momentum',
      {
        ...defaultSettings(),
        startWeights: { shape: [1, 1, 1, 2], data: [0.25, -0.5] },
        optimizer: 'momentum',
        seed: 99,
      },
      false,
    ],
    ['drawn output target', { ...defaultSettings(), targetKind: 'output', kernelSize: [1, 2] }, true],
  ];
  for (const [name, settings, drawn] of cases) {
    it(`lab -> experiment -> lab gives the lab back: ${name}`, () => {
      const target = drawn ? gridFromRows([[1, 0, 0, 0, 0, 0, 1]]) : null;
      const lab = {
        ...scene,
        geometry: { ...defaultLayerGeometry(), padding: [1, 0] as [number, number] },
        flip: true,
      };
      const experiment = labExperiment(lab, settings, target);
      // `ui` carries what the experiment cannot say: the kernel beside a drawn target, the seed beside start weights.
      const view = {
        kernel: { height: 1, width: 2, data: [1, -1] },
        seed: settings.seed,
        kernelSize: settings.kernelSize,
      };
      const back = labFromExperiment(experiment, view, 'Open lab');
      expect(back.settings).toEqual(settings);
      expect(back.geometry).toEqual(lab.geometry);
      expect(back.flip).toBe(true);
      expect(back.input).toEqual({ height: 6, width: 8, data: Array.from(scene.input.data) });
      expect(back.targetOutput).toEqual(
        target ? { height: 1, width: 7, data: Array.from(target.data) } : null,
      );
      // And the experiment once more: the two mappings are inverses.
      expect(
        labExperiment(
          { ...back, input: gridFromPlain(back.input), kernel: gridFromPlain(back.kernel) },
          back.settings,
          back.targetOutput ? gridFromPlain(back.targetOutput) : null,
        ),
      ).toEqual(experiment);
    });
  }

  it('experiment -> lab -> experiment gives a hand-edited experiment back', () => {
    const e = handEdited();
    const lab = labFromExperiment(e, null, 'Open lab');
    expect(
      labExperiment(
        { ...lab, input: gridFromPlain(lab.input), kernel: gridFromPlain(lab.kernel) },
        lab.settings,
        null,
      ),
    ).toEqual(e);
  });

  it('throws naming the field when the experiment has an optimiser the lab cannot offer', () => {
    const e = { ...notebookExperiment(), optimizer: { kind: 'sgd' as const, lr: 0.1, momentum: 0.5 } };
    expect(() => labFromExperiment(e, null, 'Open lab')).toThrow(
      'Open lab: experiment.optimizer.momentum is 0.5; the lab trains with momentum 0.9 or none',
    );
  });
});

describe('one lab file, read by Open lab and by convlab train', () => {
  it('a lab without ui opens', () => {
    const text = serializeLab(labFile(notebookExperiment(), null));
    expect(JSON.parse(text)).not.toHaveProperty('ui');
    expect(appExperiment(parseLabFile(text))).toEqual(notebookExperiment());
  });

  it('a hand-edited experiment opens as edited, even when the stored ui says otherwise', () => {
    // Saved by the app (ui: the learnable kernel follows the 1 x 2 target), then the experiment edited by hand.
    const saved = JSON.parse(
      serializeLab(
        labFile(notebookExperiment(), null, {
          app: 'convlab-renderer',
          version: 2,
          kernel: { height: 1, width: 2, data: [1, -1] },
          targetOutput: null,
          seed: 7,
          kernelSize: null,
          epoch: 0,
          weightGrad: null,
        }),
      ),
    ) as { experiment: Experiment };
    // A 1 x 1 learnable kernel at stride 2 makes the same 6 x 4 output as the 1 x 2 target: a valid edit
    // that the stored "follows the target" must not undo.
    const base = notebookExperiment();
    const edited: Experiment = {
      ...base,
      layer: { ...base.layer, kernelSize: [1, 1], stride: [1, 2] },
      init: { kind: 'seed', seed: 7 },
    };
    saved.experiment = edited;
    expect(appExperiment(parseLabFile(JSON.stringify(saved)))).toEqual(edited);
    saved.experiment = handEdited();
    expect(appExperiment(parseLabFile(JSON.stringify(saved)))).toEqual(handEdited());
  });

  it('the CLI trains the experiment the app opens: same layer, optimiser, loss, seed and epochs, and the same losses', async () => {
    const path = join(dir, 'edited-lab.json');
    const text = serializeLab(labFile(handEdited(), null));
    writeFileSync(path, text);
    const app = appExperiment(parseLabFile(text));
    expect(app).toEqual(parseLab(text).experiment);
    const { code, stderr } = await runCli(['train', '--input', 'edited-lab.json', '--out', 'w.json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const file = parseWeights(readFileSync(join(dir, 'w.json'), 'utf8'));
    expect(file.layer).toMatchObject({ ...app.layer });
    expect(file.training).toMatchObject({
      optimizer: 'sgd',
      lr: 0.01,
      momentum: 0.9,
      epochs: 25,
      seed: 123,
      loss: 'mse',
    });
    const reference = new Trainer(app);
    for (let i = 0; i < app.epochs; i++) reference.step();
    expect(file.training.lossHistory).toEqual(reference.lossHistory);
  });
});
