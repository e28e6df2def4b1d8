// The autosave's notices in the whole lab: the crash-safe start's Restore / Discard, the failed-save
// notice, and another window's change offered with Load it / Keep mine.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../../../renderer/src/App.svelte';
import { fakePlatform, inProcessClient } from '../fakes/clients.ts';
import {
  AUTOSAVE_KEY,
  KEPT_PREFIX,
  START_MARK_KEY,
  autosaveBody,
  autosaveText,
} from '../../../renderer/src/lib/autosaveStore.ts';
import { makeSnapshot } from '../../../renderer/src/lib/snapshot.ts';
import { defaultLayerGeometry } from '../../../core/src/conv/geometry.ts';
import { defaultSettings } from '../../../renderer/src/lab/labExperiment.ts';
import { gridFromRows } from '../../../renderer/src/lib/grid.ts';
import { stripes } from '../../../renderer/src/lib/inputPresets.ts';

vi.mock(
  '../../../renderer/src/components/LossChart.svelte',
  async () => await import('../fakes/LossChartStub.svelte'),
);

/** The opening scene with stride 2: its output is 3 x 4 instead of 6 x 7. */
const strideTwo = () =>
  autosaveText(
    autosaveBody(
      makeSnapshot({
        input: stripes(6, 8),
        kernel: gridFromRows([[1, -1]]),
        flip: false,
        geometry: { ...defaultLayerGeometry(), stride: [2, 2] },
        settings: defaultSettings(),
        targetOutput: null,
        results: null,
      }),
    ),
    'other',
  );

const renderLab = (storage: Storage = localStorage) =>
  render(App, { props: { platform: fakePlatform(), trainerClient: inProcessClient(), storage } });
const keptKeys = () => Object.keys(localStorage).filter((k) => k.startsWith(KEPT_PREFIX));

describe('storage notices', () => {
  it('a start after one that never finished opens the default lab; Restore brings the kept lab back', async () => {
    localStorage.setItem(AUTOSAVE_KEY, strideTwo());
    localStorage.setItem(START_MARK_KEY, 'start');
    renderLab();
    expect(screen.getByLabelText('Output shape')).toHaveTextContent('6 × 7');
    const notice = screen.getByRole('status', { name: 'Kept lab' });
    expect(notice).toHaveTextContent('The last session did not finish loading; the saved lab is kept aside.');
    await fireEvent.click(screen.getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(screen.getByLabelText('Output shape')).toHaveTextContent('3 × 4'));
    await waitFor(() => expect(screen.queryByRole('status', { name: 'Kept lab' })).toBeNull());
    expect(keptKeys()).toEqual([]);
  });

  it('Discard forgets the kept lab and the default lab stays', async () => {
    localStorage.setItem(AUTOSAVE_KEY, strideTwo());
    localStorage.setItem(START_MARK_KEY, 'start');
    renderLab();
    await fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(screen.queryByRole('status', { name: 'Kept lab' })).toBeNull();
    expect(screen.getByLabelText('Output shape')).toHaveTextContent('6 × 7');
    expect(keptKeys()).toEqual([]);
  });

  it('says so on screen when the autosave cannot be written', async () => {
    const full: Storage = Object.create(localStorage);
    Object.defineProperties(full, {
      getItem: { value: (key: string) => localStorage.getItem(key) },
      removeItem: { value: (key: string) => localStorage.removeItem(key) },
      key: { value: (i: number) => localStorage.key(i) },
      length: { get: () => localStorage.length },
      setItem: {
        value: (key: string, value: string) => {
          if (key === AUTOSAVE_KEY)
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          localStorage.setItem(key, value);
        },
      },
    });
    renderLab(full);
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        "The lab could not be saved in this browser's storage: The quota has been exceeded. Save lab to keep your work.",
      ),
    );
  });

  it("offers another window's change; Load it puts it on screen", async () => {
    renderLab();
    await waitFor(() => expect(localStorage.getItem(AUTOSAVE_KEY)).not.toBeNull());
    const newValue = strideTwo();
    localStorage.setItem(AUTOSAVE_KEY, newValue);
    window.dispatchEvent(
      new StorageEvent('storage', { key: AUTOSAVE_KEY, newValue, storageArea: localStorage }),
    );
    const offer = await screen.findByRole('status', { name: 'Change in another window' });
    expect(offer).toHaveTextContent('This lab was changed in another window:');
    expect(screen.getByLabelText('Output shape')).toHaveTextContent('6 × 7');
    await fireEvent.click(screen.getByRole('button', { name: 'Load it' }));
    await waitFor(() => expect(screen.getByLabelText('Output shape')).toHaveTextContent('3 × 4'));
  });
});
