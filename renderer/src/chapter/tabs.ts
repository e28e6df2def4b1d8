// The chapter section's one table of tabs, in order: what each is called, the component it shows, and
// whether it needs the lab's own layer to run (such tabs wait while the geometry cannot run). The section
// renders this table and nothing else decides which tabs exist.
import type { Component } from 'svelte';
import type { ChapterTabProps } from './chapterTabProps.ts';
import type { BookSectionNumber } from '../lib/bookSections.ts';
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
  /** The book's section the view stands for (linked above the view), or null. */
  readonly book: BookSectionNumber | null;
}

export const CHAPTER_TABS = [
  { id: 'sliding', label: 'Sliding window', component: SlidingWindowTab, needsLayer: true, book: '7.2' },
  { id: 'matrix', label: 'Matrix view', component: MatrixTab, needsLayer: true, book: null },
  { id: 'backward', label: 'Backward pass', component: BackwardTab, needsLayer: true, book: null },
  { id: 'channels', label: 'Channels', component: ChannelsTab, needsLayer: false, book: '7.4' },
  { id: 'pooling', label: 'Pooling', component: PoolingTab, needsLayer: true, book: '7.5' },
  { id: 'stack', label: 'Layer stack', component: LayerStackTab, needsLayer: false, book: null },
  { id: 'composition', label: 'Kernel composition', component: CompositionTab, needsLayer: true, book: null },
  { id: 'cost', label: 'Cost', component: CostTab, needsLayer: true, book: null },
  { id: 'exercises', label: 'Exercises', component: ExercisesTab, needsLayer: false, book: null },
] as const satisfies readonly ChapterTab[];

export type ChapterTabId = (typeof CHAPTER_TABS)[number]['id'];
