// Files and storage: weights and lab files through the platform (downloads or native dialogs), the
// feature map as PNG, and the autosave that brings the lab back after a reload (Autosave.svelte.ts).
// Every import is validated completely before anything in the lab changes, so a bad file leaves the
// lab as it was; an imported state is autosaved only once it has painted, so a file that crashes the
// tab cannot come back at the next start.
import type { MenuCommand, Platform } from '../platform/platform.ts';
import type { Lab } from './Lab.svelte.ts';
import type { Training } from './Training.svelte.ts';
import { defaultSettings } from '../lab/labExperiment.ts';
import { makeSnapshot, gridFromPlain, type Snapshot } from '../lib/snapshot.ts';
import { Autosave } from './Autosave.svelte.ts';
import { featureMapToPng } from '../lib/featureMapPng.ts';
import {
  parseLabFile,
  parseWeightsFile,
  serializeLabFile,
  serializeWeightsFile,
} from '../lib/fileFormats.ts';

const JSON_FILTER = [{ name: 'ConvLab weights', extensions: ['json'] }];
const LAB_FILTER = [{ name: 'ConvLab lab', extensions: ['json'] }];
const PNG_FILTER = [{ name: 'PNG image', extensions: ['png'] }];

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

export class Documents {
  error = $state<string | null>(null);
  notice = $state<string | null>(null);
  private restoring = false;
  readonly autosave: Autosave;

  constructor(
    private readonly lab: Lab,
    private readonly training: Training,
    private readonly platform: Platform,
    storage: Storage | null,
    paint?: () => Promise<void>,
  ) {
    this.autosave = new Autosave(
      { snapshot: () => this.snapshot(), apply: (s) => this.apply(s) },
      storage,
      paint,
    );
  }

  snapshot(): Snapshot {
    return makeSnapshot({
      input: this.lab.input,
      kernel: this.lab.kernel,
      flip: this.lab.flip,
      geometry: this.lab.geometry,
      settings: this.training.settings,
      targetOutput: this.training.targetOutput,
      results: this.training.results(),
    });
  }

  /** Puts a validated snapshot on screen. */
  apply(s: Snapshot): void {
    this.restoring = true;
    this.lab.input = gridFromPlain(s.input);
    this.lab.kernel = gridFromPlain(s.kernel);
    this.lab.flip = s.flip;
    this.lab.geometry = s.geometry;
    this.training.settings = s.settings;
    this.training.targetOutput = s.targetOutput ? gridFromPlain(s.targetOutput) : null;
    if (s.results) this.training.restore(s.results);
    this.restoring = false;
  }

  async run(command: Exclude<MenuCommand, 'undo' | 'redo'>): Promise<void> {
    this.error = null;
    this.notice = null;
    try {
      switch (command) {
        case 'export-weights':
          return await this.exportWeights();
        case 'import-weights':
          return await this.importWeights();
        case 'save-lab':
          return await this.saveLab();
        case 'open-lab':
          return await this.openLab();
        case 'export-feature-map':
          return await this.exportFeatureMap();
      }
    } catch (error) {
      this.error = message(error);
    }
  }

  private async exportWeights(): Promise<void> {
    const results = this.training.results();
    if (results === null) throw new Error('Export weights: train first; there are no learned weights yet.');
    const text = serializeWeightsFile(this.training.experiment(), results);
    const name = await this.platform.saveFile('convlab-weights.json', encode(text), JSON_FILTER);
    if (name !== null) this.notice = `Weights saved as ${name}.`;
  }

  private async importWeights(): Promise<void> {
    const file = await this.platform.openFile(JSON_FILTER);
    if (file === null) return;
    const imported = parseWeightsFile(new TextDecoder().decode(file.bytes), this.lab.input);
    // Validated: now change the lab, so training continues from the imported weights.
    const [, , kh, kw] = imported.weight.shape;
    this.restoring = true;
    this.lab.geometry = imported.geometry;
    this.lab.flip = imported.flip;
    this.training.settings.kernelSize = [kh, kw];
    this.training.restore({
      weight: imported.weight,
      weightGrad: null,
      lossHistory: imported.lossHistory,
      epoch: imported.epochs,
      key: this.training.runKey,
    });
    this.restoring = false;
    this.notice = `Weights imported from ${file.name}.`;
    await this.autosave.afterApply();
  }

  private async saveLab(): Promise<void> {
    const text = serializeLabFile(this.training.experiment(), this.snapshot());
    const name = await this.platform.saveFile('lab.convlab.json', encode(text), LAB_FILTER);
    if (name !== null) this.notice = `Lab saved as ${name}.`;
  }

  private async openLab(): Promise<void> {
    const file = await this.platform.openFile(LAB_FILTER);
    if (file !== null) await this.openLabBytes(file.name, file.bytes);
  }

  async openLabBytes(name: string, bytes: Uint8Array): Promise<void> {
    try {
      const snapshot = parseLabFile(new TextDecoder().decode(bytes));
      this.apply(snapshot);
      this.notice = `Lab opened from ${name}.`;
      await this.autosave.afterApply();
    } catch (error) {
      this.error = message(error);
    }
  }

  private async exportFeatureMap(): Promise<void> {
    const map = this.lab.output;
    if (map === null) throw new Error('Export feature map: the current geometry gives no output.');
    const name = await this.platform.saveFile('feature-map.png', await featureMapToPng(map), PNG_FILTER);
    if (name !== null) this.notice = `Feature map saved as ${name}.`;
  }

  autosaveNow(): void {
    if (!this.restoring) this.autosave.saveNow();
  }

  /** Puts the autosaved lab on screen (or the default one after a start that did not finish). */
  restoreAutosave(): Promise<void> {
    return this.autosave.start();
  }

  /** Writes a kept copy of the lab out as a file, so it is not only in this browser's storage. */
  async saveKept(key: string): Promise<void> {
    const text = this.autosave.keptText(key);
    if (text === null) return;
    this.error = null;
    try {
      const name = await this.platform.saveFile('convlab-kept-lab.json', encode(text), JSON_FILTER);
      if (name !== null) this.notice = `The kept lab was saved as ${name}.`;
    } catch (error) {
      this.error = message(error);
    }
  }

  /**
   * Saves shortly after every edit (not during a run: the run saves when it ends), and when the page is
   * hidden or closed; offers other windows' changes. Returns the stop function.
   */
  watch(target: Window | null = typeof window === 'undefined' ? null : window): () => void {
    let timer: ReturnType<typeof setTimeout> | null = null;
    return $effect.root(() => {
      $effect(() => {
        // Read everything a snapshot contains, so any change re-runs this effect.
        void [this.lab.input, this.lab.kernel, this.lab.flip, JSON.stringify(this.lab.geometry)];
        void [JSON.stringify(this.training.settings), this.training.targetOutput, this.training.learned];
        if (this.training.running) return;
        if (timer !== null) clearTimeout(timer);
        timer = setTimeout(() => this.autosaveNow(), 300);
      });
      const stopListening = target === null ? () => {} : this.autosave.listen(target);
      return () => {
        if (timer !== null) clearTimeout(timer);
        stopListening();
        // The lab is going away: a start or restore still waiting for its paint must not write.
        this.autosave.dispose();
      };
    });
  }

  /** Back to the opening scene, forgetting the autosave. */
  async resetLab(): Promise<void> {
    this.lab.reset();
    this.training.settings = defaultSettings();
    this.training.targetOutput = null;
    await this.training.reset();
    this.error = null;
    this.notice = null;
    await this.autosave.afterApply();
  }
}
