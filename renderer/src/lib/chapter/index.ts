// The chapter's extra views: self-contained Svelte 5 panels that take plain data props, and
// the exercise list they show. The computations live in core/src/explain.
export { default as SlidingWindow } from './SlidingWindow.svelte';
export { default as MatrixView } from './MatrixView.svelte';
export { default as LossSurface } from './LossSurface.svelte';
export { default as ExercisesPanel } from './ExercisesPanel.svelte';
export { default as LayerStack } from './LayerStack.svelte';
export { default as KernelGradientPanel } from './KernelGradientPanel.svelte';
export { default as KernelCompositionPanel } from './KernelCompositionPanel.svelte';
export { default as PoolingShiftPanel } from './PoolingShiftPanel.svelte';
export { default as Conv1x1Panel } from './Conv1x1Panel.svelte';
export { default as LearnabilityPanel } from './LearnabilityPanel.svelte';
export { default as LayerCostPanel } from './LayerCostPanel.svelte';
export { default as MultiChannelPanel } from './MultiChannelPanel.svelte';
export { chapterExercises, type ExerciseItem, type LabState } from './chapterExercises.ts';
export type { GridLike } from './data.ts';
