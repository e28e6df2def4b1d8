// The Backward pass tab while a run goes: the training state changes every animation frame, and the tab's
// heavy work (the gradient, the loss surfaces) follows it at most five times a second, landing on the last
// weights; outside a run (a Step, the end of a run) every change shows at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import ChapterSection from '../../../../renderer/src/chapter/ChapterSection.svelte';
import type { LossSurfaceModel } from '../../../../renderer/src/chapter/backward/lossSurfaceViewModel.ts';
import { Lab } from '../../../../renderer/src/state/Lab.svelte.ts';
import { Training } from '../../../../renderer/src/state/Training.svelte.ts';
import { gridFromRows } from '../../../../renderer/src/lib/grid.ts';
import { inProcessClient } from '../../fakes/clients.ts';

afterEach(cleanup);

/** The models drawn on the "What training did" surface (the other canvas draws the predicted path). */
const trainedDrawings = (draw: ReturnType<typeof vi.fn>): LossSurfaceModel[] =>
  draw.mock.calls
    .filter(([canvas]) => (canvas as HTMLCanvasElement).closest('[aria-label="Path of training"]') !== null)
    .map((call) => call[1] as LossSurfaceModel);

describe('the Backward pass tab during a run', () => {
  it('60 progress frames in a burst: the surface is drawn at most twice, then once more with the last weights', async () => {
    const lab = new Lab();
    const training = new Training(inProcessClient(), lab);
    const draw = vi.fn();
    // The run's record as the worker's progress would fill it: every epoch up to the newest, on the way.
    const weightsAt = (epoch: number): Float32Array => Float32Array.from([epoch / 59, -epoch / 59]);
    Object.defineProperty(training, 'recordedEpochs', {
      get: () => Array.from({ length: training.epoch + 1 }, (_, e) => e),
    });
    vi.spyOn(training, 'weightsAtEpoch').mockImplementation(weightsAt);
    render(ChapterSection, { props: { lab, training, initialTab: 'backward', draw } });
    training.status = 'running';
    // Weights walking from [0, 0] towards the textbook's [1, -1], one frame each.
    for (let frame = 0; frame <= 59; frame++) {
      training.epoch = frame;
      training.learned = gridFromRows([[frame / 59, -frame / 59]]);
      flushSync();
    }
    expect(trainedDrawings(draw).length).toBeLessThanOrEqual(2);
    await waitFor(() => expect(trainedDrawings(draw).at(-1)?.path.at(-1)).toEqual([1, -1]));
    expect(trainedDrawings(draw).length).toBeLessThanOrEqual(3);
    expect(
      screen.getByText(/At the learned kernel \[1, −1\] \(after epoch 59’s update\)/),
    ).toBeInTheDocument();
  });

  it('outside a run a Step shows at once', () => {
    const lab = new Lab();
    const training = new Training(inProcessClient(), lab);
    render(ChapterSection, { props: { lab, training, initialTab: 'backward', draw: vi.fn() } });
    training.status = 'paused';
    training.epoch = 3;
    training.learned = gridFromRows([[0.5, -0.25]]);
    flushSync();
    expect(
      screen.getByText(/At the learned kernel \[0\.5, −0\.25\] \(after epoch 3’s update\)/),
    ).toBeInTheDocument();
  });
});
