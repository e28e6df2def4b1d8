// What the chapter section hands every tab: the lab, its training, the weights training went through,
// and (in tests) a stand-in for the loss surfaces' canvas drawing.
import type { Lab } from '../state/Lab.svelte.ts';
import type { Training } from '../state/Training.svelte.ts';
import type { SurfaceDraw } from './backward/lossSurfaceViewModel.ts';
import type { WeightPath } from './backward/descentPaths.ts';

export interface ChapterTabProps {
  lab: Lab;
  training: Training;
  /** The two weights at every recorded epoch of the run, the start first (empty before training). */
  trainedPath: WeightPath;
  /** Replaces the loss surfaces' canvas drawing (jsdom has no canvas). */
  draw?: SurfaceDraw;
}
