// "Open Fashion-MNIST folder…" in the LeNet view: offered only when the platform can open a folder
// (the desktop app), and a folder's files replace the data set only once they decode; a folder that
// does not is refused in one alert and the shipped data set stays in use.
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { FASHION_MNIST_FILES, type FashionMnistFile } from '../../../core/src/data/fashionMnist.ts';
import { LIMITS, formatCount } from '../../../core/src/limits.ts';
import LenetView from '../../../renderer/src/lenet/LenetView.svelte';
import { datasetFolderBytes } from '../../../renderer/src/lenet/datasetFolder.ts';
import type { OpenedDatasetFolder, Platform } from '../../../renderer/src/platform/platform.ts';
import { fakePlatform } from '../fakes/clients.ts';
import { inProcessHost, smallData, withoutCanvas } from './fakes.ts';

vi.mock('../../../renderer/src/lenet/LenetChart.svelte', async () => await import('./LenetChartStub.svelte'));

const KEYS = Object.keys(FASHION_MNIST_FILES) as FashionMnistFile[];
const FOLDER = '/media/usb/fashion-mnist';
const BUTTON = 'Open Fashion-MNIST folder…';
let shipped: ReturnType<typeof smallData>;
let larger: ReturnType<typeof smallData>;
beforeAll(() => {
  withoutCanvas();
  shipped = smallData(200, 30);
  larger = smallData(300, 40);
});

/** `data`'s four files as the desktop app reads them from a folder: gzipped, or plain. */
function folderOf(data: ReturnType<typeof smallData>, form: 'gz' | 'plain'): OpenedDatasetFolder {
  const files = Object.fromEntries(
    KEYS.map((key) => {
      const name = FASHION_MNIST_FILES[key] + (form === 'gz' ? '.gz' : '');
      const bytes = form === 'gz' ? new Uint8Array(gzipSync(data.bytes[key])) : data.bytes[key].slice();
      return [key, { name, bytes }];
    }),
  ) as OpenedDatasetFolder['files'];
  return { folder: FOLDER, files };
}

async function renderView(platform: Platform) {
  const host = inProcessHost();
  const loadShipped = vi.fn(async () => shipped.bytes);
  render(LenetView, { props: { platform, host, loadData: loadShipped, storage: localStorage } });
  await screen.findByText('Ready', {}, { timeout: 10_000 });
  return { host, loadShipped };
}

const trainingImages = () => screen.getByRole('spinbutton', { name: 'Training images' });

describe('the data set folder', () => {
  it('a browser platform (no openDatasetFolder) shows no button, and the line names the shipped subset', async () => {
    await renderView(fakePlatform());
    expect(screen.getByText('Shipped subset: 200 training and 30 test images')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: BUTTON })).not.toBeInTheDocument();
  });

  it('a folder replaces the data set: the line names it, the training-size bound follows, the test strip too', async () => {
    const platform = { ...fakePlatform(), openDatasetFolder: vi.fn(async () => folderOf(larger, 'gz')) };
    await renderView(platform);
    expect(trainingImages()).toHaveAttribute('max', '200');
    await userEvent.click(screen.getByRole('button', { name: BUTTON }));
    await screen.findByText(`Fashion-MNIST from ${FOLDER}: 300 training and 40 test images`);
    // Set up on the new images (the seed's weights): the button comes back and Train is offered.
    await waitFor(() => expect(screen.getByRole('button', { name: BUTTON })).toBeEnabled(), {
      timeout: 10_000,
    });
    expect(trainingImages()).toHaveAttribute('max', '300');
    expect(trainingImages()).toHaveValue(300);
    expect(screen.getByText(/Test image 1 of 40:/)).toBeInTheDocument();
    expect(screen.getByText('Ready')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Train' })).toBeEnabled();
  });

  it('after a worker dies, the fresh worker gets the folder’s images, not the shipped ones', async () => {
    const platform = { ...fakePlatform(), openDatasetFolder: async () => folderOf(larger, 'plain') };
    const { host, loadShipped } = await renderView(platform);
    await userEvent.click(screen.getByRole('button', { name: BUTTON }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Train' })).toBeEnabled(), {
      timeout: 10_000,
    });
    host.crash('killed by the test');
    await screen.findByRole('alert');
    await fireEvent.input(screen.getByRole('spinbutton', { name: 'Epochs' }), { target: { value: '1' } });
    await fireEvent.input(screen.getByRole('spinbutton', { name: 'Batch size' }), {
      target: { value: '100' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Train' }));
    await screen.findByText('Finished', {}, { timeout: 20_000 });
    expect(host.starts).toBe(2);
    // The evaluation runs in the new worker over the test set it decoded: the folder's 40 images.
    expect(
      await screen.findByText(/accuracy [\d.]+ \(\d+ of 40\)/, {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(loadShipped).toHaveBeenCalledOnce();
  });

  it('throws when a file is truncated: one alert naming it, and the shipped subset stays', async () => {
    const folder = folderOf(larger, 'plain');
    const images = folder.files.trainImages;
    folder.files.trainImages = { ...images, bytes: images.bytes.slice(0, images.bytes.length - 100) };
    const platform = { ...fakePlatform(), openDatasetFolder: async () => folder };
    await renderView(platform);
    await userEvent.click(screen.getByRole('button', { name: BUTTON }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^Open Fashion-MNIST folder: train-images-idx3-ubyte: /);
    expect(alert.textContent).not.toMatch(/\n/);
    expect(screen.getByText('Shipped subset: 200 training and 30 test images')).toBeInTheDocument();
    expect(trainingImages()).toHaveAttribute('max', '200');
    expect(screen.getByText(/Test image 1 of 30:/)).toBeInTheDocument();
  });

  it("throws when the host refuses the folder: main's one line in an alert, nothing changes", async () => {
    const refusal = `"${FOLDER}" has no t10k-labels-idx1-ubyte or t10k-labels-idx1-ubyte.gz`;
    const platform = {
      ...fakePlatform(),
      openDatasetFolder: async () => {
        throw new Error(refusal);
      },
    };
    await renderView(platform);
    await userEvent.click(screen.getByRole('button', { name: BUTTON }));
    expect(await screen.findByRole('alert')).toHaveTextContent(`Open Fashion-MNIST folder: ${refusal}`);
    expect(screen.getByText('Shipped subset: 200 training and 30 test images')).toBeInTheDocument();
  });

  it('a cancelled dialog changes nothing', async () => {
    const platform = { ...fakePlatform(), openDatasetFolder: async () => null };
    await renderView(platform);
    await userEvent.click(screen.getByRole('button', { name: BUTTON }));
    await waitFor(() => expect(screen.getByRole('button', { name: BUTTON })).toBeEnabled());
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByText('Shipped subset: 200 training and 30 test images')).toBeInTheDocument();
  });
});

describe('datasetFolderBytes', () => {
  it('gunzips .gz files and copies plain ones, fresh buffers on every call', async () => {
    for (const form of ['gz', 'plain'] as const) {
      const folder = folderOf(larger, form);
      const first = await datasetFolderBytes(folder);
      const second = await datasetFolderBytes(folder);
      for (const key of KEYS) {
        expect(first[key]).toEqual(larger.bytes[key]);
        expect(first[key].buffer).not.toBe(second[key].buffer);
        expect(first[key].buffer).not.toBe(folder.files[key].bytes.buffer);
      }
    }
  });

  it('throws when a gzip stream ends early, naming the file', async () => {
    const folder = folderOf(larger, 'gz');
    const gz = folder.files.testImages;
    folder.files.testImages = { ...gz, bytes: gz.bytes.slice(0, gz.bytes.length >> 1) };
    await expect(datasetFolderBytes(folder)).rejects.toThrow(
      /^t10k-images-idx3-ubyte\.gz is not a complete gzip file \(/,
    );
  });

  it('throws when a file decompresses to more than LIMITS.idxFileBytes', async () => {
    const folder = folderOf(larger, 'gz');
    folder.files.trainLabels = {
      name: 'train-labels-idx1-ubyte.gz',
      bytes: new Uint8Array(gzipSync(new Uint8Array(LIMITS.idxFileBytes.max + 1))),
    };
    await expect(datasetFolderBytes(folder)).rejects.toThrow(
      `train-labels-idx1-ubyte.gz decompresses to more than ${formatCount(LIMITS.idxFileBytes.max)} bytes, the limit of ${LIMITS.idxFileBytes.what}`,
    );
  });
});
