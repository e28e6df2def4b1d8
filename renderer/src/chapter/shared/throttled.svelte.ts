// A reactive value that follows another at most five times a second (the charts' redraw throttle): the
// training state changes every animation frame during a run, and the chapter's heavier views (the kernel
// gradient, the loss surface) recompute from this copy instead, so a run never makes them redo their work
// per frame. The first change after a quiet spell shows at once, the last one always lands, and while
// `immediate()` holds (no run going: a Step, a Reset, the end of a run) every change shows at once.
import { redrawThrottle } from '../../lib/chartStyle.ts';

export class Throttled<T> {
  current = $state.raw<T>() as T;

  /** Must be constructed while a component initialises (it owns effects that end with it). */
  constructor(read: () => T, immediate: () => boolean = () => false) {
    this.current = read();
    let latest = this.current;
    const throttle = redrawThrottle(() => (this.current = latest));
    $effect(() => {
      latest = read();
      if (immediate()) {
        throttle.cancel();
        this.current = latest;
      } else throttle.request();
    });
    $effect(() => () => throttle.cancel());
  }
}
