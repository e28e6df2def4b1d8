// The chapter section's one table of tabs, in order: what each is called, the component it shows, and
// whether it needs the lab's own layer to run (such tabs wait while the geometry cannot run). The section
// renders this table and nothing else decides which tabs exist.
import type { Component } from 'svelte';
import type { ChapterTabProps } from './chapterTabProps.ts';
import SlidingWindowTab from './sliding/SlidingWindowTab.svelte';
import MatrixTab from './matrix/MatrixTab.svelte';
import BackwardTab from './backward/BackwardTab.svelte';
import ChannelsTab from './channels/ChannelsTab.svelte';
import PoolingTab from './pooling/PoolingTab.svelte';
import LayerStackTab from './stack/LayerStackTab.svelte';
import CompositionTab from './composition/CompositionTab.svelte';
import CostTab from './cost/CostTab.svelte';
import ExercisesTab from './exercises/ExercisesTab.svelte';

export interface ChapterTab {
  readonly id: string;
  readonly label: string;
  /** Every tab takes the same props; a tab reads the ones it needs. */
  readonly component: Component<ChapterTabProps>;
  readonly needsLayer: boolean;
}

export const CHAPTER_TABS = [
  { id: 'sliding', label: 'Sliding window', component: SlidingWindowTab, needsLayer: true },
  { id: 'matrix', label: 'Matrix view', component: MatrixTab, needsLayer: true },
  { id: 'backward', label: 'Backward pass', component: BackwardTab, needsLayer: true },
  { id: 'channels', label: 'Channels', component: ChannelsTab, needsLayer: false },
  { id: 'pooling', label: 'Pooling', component: PoolingTab, needsLayer: true },
  { id: 'stack', label: 'Layer stack', component: LayerStackTab, needsLayer: false },
  { id: 'composition', label: 'Kernel composition', component: CompositionTab, needsLayer: true },
  { id: 'cost', label: 'Cost', component: CostTab, needsLayer: true },
  { id: 'exercises', label: 'Exercises', component: ExercisesTab, needsLayer: false },
] as const satisfies readonly ChapterTab[];

export type ChapterTabId = (typeof CHAPTER_TABS)[number]['id'];
