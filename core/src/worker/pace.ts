// How fast a run goes. "Fast" trains as fast as the core can; "watch" waits between epochs so that
// each one can be seen: a run takes about WATCH_RUN_MS however long it is, no epoch slower than
// WATCH_EPOCH_MS_MAX nor faster than one frame. Watch is the default up to WATCH_DEFAULT_MAX_EPOCHS
// epochs, beyond which a run would take minutes at a visible pace.

export type TrainingSpeed = 'watch' | 'fast';

export const TRAINING_SPEEDS: readonly TrainingSpeed[] = ['watch', 'fast'];

/** The longest pause between two epochs at the watchable pace: the opening 10 epochs take 3 s. */
const WATCH_EPOCH_MS_MAX = 300;
/** The shortest: about one frame, so every epoch still draws. */
const WATCH_EPOCH_MS_MIN = 17;
/** How long a run takes at the watchable pace when its epochs fit between those bounds. */
const WATCH_RUN_MS = 3000;
/** Runs up to this many epochs default to the watchable pace; longer ones to Fast. */
export const WATCH_DEFAULT_MAX_EPOCHS = 300;

/** The speed a run of `epochs` starts at when the user has not chosen one. */
export const defaultSpeed = (epochs: number): TrainingSpeed =>
  epochs <= WATCH_DEFAULT_MAX_EPOCHS ? 'watch' : 'fast';

/** Milliseconds between two epochs of a run of `epochs` epochs at the watchable pace. */
export const watchPaceMs = (epochs: number): number =>
  Math.min(WATCH_EPOCH_MS_MAX, Math.max(WATCH_EPOCH_MS_MIN, WATCH_RUN_MS / Math.max(1, epochs)));
