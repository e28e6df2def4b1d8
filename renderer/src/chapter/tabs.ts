// The chapter section's tabs, in order, and the roving-focus keys of a WAI-ARIA tab list.
export const CHAPTER_TABS = [
  { id: 'sliding', label: 'Sliding window' },
  { id: 'matrix', label: 'Matrix view' },
  { id: 'backward', label: 'Backward pass' },
  { id: 'channels', label: 'Channels' },
  { id: 'pooling', label: 'Pooling' },
  { id: 'stack', label: 'Layer stack' },
  { id: 'composition', label: 'Kernel composition' },
  { id: 'cost', label: 'Cost' },
  { id: 'exercises', label: 'Exercises' },
] as const;

export type ChapterTabId = (typeof CHAPTER_TABS)[number]['id'];

/** The tab a key moves to from `index` (arrows wrap, Home and End jump), or null for other keys. */
export function tabAfterKey(key: string, index: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (index + 1) % count;
    case 'ArrowLeft':
    case 'ArrowUp':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
