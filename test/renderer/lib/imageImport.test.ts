// Image import checks the file's byte size and the size its header states before anything decodes it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PNG } from 'pngjs';
import { LIMITS } from '../../../core/src/limits.ts';
import { checkImageFile, imageFileToGrid } from '../../../renderer/src/lib/imageImport.ts';

const pngFile = (width: number, height: number, name: string): File => {
  const png = Uint8Array.from(PNG.sync.write(new PNG({ width: 1, height: 1 })));
  // The header states the size; the pixels stay one (a header bomb when the size is large).
  new DataView(png.buffer).setUint32(16, width);
  new DataView(png.buffer).setUint32(20, height);
  return new File([png], name, { type: 'image/png' });
};

afterEach(() => vi.unstubAllGlobals());

describe('image import', () => {
  it('refuses the 99-byte PNG claiming 32000 x 32000 before decoding it', async () => {
    const decode = vi.fn();
    vi.stubGlobal('createImageBitmap', decode);
    await expect(imageFileToGrid(pngFile(32000, 32000, 'bomb.png'), 6, 8)).rejects.toThrow(
      'Image import: bomb.png is 32,000 × 32,000 pixels, over the limit of 2,048 × 2,048',
    );
    expect(decode).not.toHaveBeenCalled();
  });

  it('refuses a file over the byte limit without reading it', async () => {
    const size = LIMITS.imageFileBytes.max + 1;
    const huge = { size, type: 'image/png', slice: vi.fn(), arrayBuffer: vi.fn() } as unknown as Blob;
    await expect(checkImageFile(huge, 'huge.png')).rejects.toThrow(
      `Image import: huge.png is 67,108,865 bytes, over the limit of 67,108,864 bytes`,
    );
    expect((huge as unknown as { slice: unknown }).slice).not.toHaveBeenCalled();
  });

  it('refuses a file whose header states no size', async () => {
    const file = new File([new Uint8Array([1, 2, 3])], 'odd.png', { type: 'image/png' });
    await expect(checkImageFile(file, 'odd.png')).rejects.toThrow(
      'Image import: odd.png has no PNG, JPEG or WebP header stating its size',
    );
  });

  it(`accepts a ${LIMITS.inputSide.max} x ${LIMITS.inputSide.max} header`, async () => {
    const side = LIMITS.inputSide.max;
    await expect(checkImageFile(pngFile(side, side, 'big.png'), 'big.png')).resolves.toEqual({
      format: 'png',
      width: side,
      height: side,
    });
  });
});
