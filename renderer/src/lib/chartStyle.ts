// What the lab's two chart.js charts (the kernel's loss chart and LeNet's training chart) share: static
// drawing options, axes coloured from the theme, and a redraw at most five times a second.
import type { Chart, ChartOptions } from 'chart.js';
import { readThemeColor } from './gridCanvas.ts';

/**
 * Both charts' drawing options: no animation, data given as parsed {x, y} points, sized by their
 * container, and the tooltip of the nearest epoch.
 */
export const STATIC_LINE_CHART = {
  animation: false,
  parsing: false,
  normalized: true,
  responsive: true,
  maintainAspectRatio: false,
  interaction: { mode: 'nearest', axis: 'x', intersect: false },
} satisfies ChartOptions<'line'>;

/**
 * Colours every axis's ticks, grid lines and title from the theme. Read uncached: it runs when the
 * system theme changes, possibly before the grids' cached colours are cleared.
 */
export function styleChartScales(chart: Pick<Chart, 'options'>): void {
  const muted = readThemeColor('--muted', '#666');
  const border = readThemeColor('--border', '#ddd');
  for (const scale of Object.values(chart.options.scales ?? {})) {
    if (!scale) continue;
    if (scale.ticks) scale.ticks.color = muted;
    if (scale.grid) scale.grid.color = border;
    if ('title' in scale && scale.title) scale.title.color = muted;
  }
}

/**
 * The life of a mounted chart: `restyle` (theme colours) runs whenever the system theme changes while
 * it is open; the returned function stops that, drops a pending redraw and destroys the chart.
 */
export function keepChartStyled(
  chart: Pick<Chart, 'update' | 'destroy'>,
  restyle: () => void,
  redraw: RedrawThrottle,
): () => void {
  const scheme = matchMedia('(prefers-color-scheme: dark)');
  const onChange = (): void => {
    restyle();
    chart.update('none');
  };
  scheme.addEventListener('change', onChange);
  return () => {
    scheme.removeEventListener('change', onChange);
    redraw.cancel();
    chart.destroy();
  };
}

// Redrawing the axes is chart.js's most expensive step, so a live run redraws at most five times a
// second; the last values always draw (the timer runs after the final change).
const REDRAW_INTERVAL_MS = 200;

export interface RedrawThrottle {
  /** Draws now if the last draw was long enough ago, else once when it is. */
  request(): void;
  /** Drops a pending draw (on unmount). */
  cancel(): void;
}

export function redrawThrottle(draw: () => void): RedrawThrottle {
  let lastDraw = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = (): void => {
    timer = null;
    lastDraw = performance.now();
    draw();
  };
  return {
    request() {
      if (timer !== null) return;
      const wait = Math.max(0, lastDraw + REDRAW_INTERVAL_MS - performance.now());
      if (wait === 0) run();
      else timer = setTimeout(run, wait);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
