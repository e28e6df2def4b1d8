// The Fashion-MNIST subset shipped with the app (data/fashion-mnist-subset: 10,000 training and 2,000
// test images, gzipped idx), fetched from the build's assets and decompressed here.
// `?url&no-inline`: Vite would otherwise inline the small label files as data: URLs, which the app's
// content security policy (connect-src 'self') refuses to fetch.
import trainImagesUrl from '../../../data/fashion-mnist-subset/train-images-idx3-ubyte.gz?url&no-inline';
import trainLabelsUrl from '../../../data/fashion-mnist-subset/train-labels-idx1-ubyte.gz?url&no-inline';
import testImagesUrl from '../../../data/fashion-mnist-subset/t10k-images-idx3-ubyte.gz?url&no-inline';
import testLabelsUrl from '../../../data/fashion-mnist-subset/t10k-labels-idx1-ubyte.gz?url&no-inline';
import { isGzip, type FashionMnistBytes, type FashionMnistFile } from '../../../core/src/data/index.ts';

const URLS: Record<FashionMnistFile, string> = {
  trainImages: trainImagesUrl,
  trainLabels: trainLabelsUrl,
  testImages: testImagesUrl,
  testLabels: testLabelsUrl,
};

/** Undoes gzip when the bytes start with its magic; a server that sent them decoded already is fine too. */
export async function gunzipIfNeeded(bytes: Uint8Array): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  const stream = new Blob([bytes.slice()]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function fetchBytes(url: string, fetcher: typeof fetch): Promise<Uint8Array> {
  const response = await fetcher(url);
  if (!response.ok) throw new Error(`Fashion-MNIST: could not load ${url} (HTTP ${response.status})`);
  return gunzipIfNeeded(new Uint8Array(await response.arrayBuffer()));
}

/** The shipped subset's four idx files, decompressed (the core's reader decodes them). */
export async function loadShippedFashionMnistBytes(
  fetcher: typeof fetch = fetch,
): Promise<FashionMnistBytes> {
  const entries = await Promise.all(
    (Object.keys(URLS) as FashionMnistFile[]).map(
      async (file) => [file, await fetchBytes(URLS[file], fetcher)] as const,
    ),
  );
  return Object.fromEntries(entries) as FashionMnistBytes;
}
