// `convlab apply`: the feature map of an image under a weights file, as a grayscale PNG.
import { FormatError } from '../src/formats/json.ts';
import { flattenKernel, parseWeights, type WeightsFile } from '../src/formats/weights.ts';
import { computeFeatureMap, layerOutputSize } from '../src/train/layerForward.ts';
import { forwardPassLimitIssue } from '../src/train/validate.ts';
import { LIMITS } from '../src/limits.ts';
import { EXIT_OK, UsageError } from './errors.ts';
import {
  checkOutputWritable,
  displayPath,
  readInputFile,
  refuseOutputOverInput,
  writeOutputFile,
} from './files.ts';
import { parseInteger, parseOptions, requireString } from './options.ts';
import { checkImageSize, decodePng, encodeFeatureMapPng, readPngHeader } from './png.ts';

const APPLY_HELP = `Usage: convlab apply --input image.png --weights weights.json --out feature.png [--channel N]

Applies the layer stored in a weights file (kernel, bias, padding, stride, dilation, flip) to an
image and writes the feature map as an 8-bit grayscale PNG. The image is read as grayscale in
[0, 1] (or as RGB when the kernel has 3 input channels). The map is scaled linearly: its minimum
becomes black (0), its maximum white (255); a constant map is written mid-grey (128).

Options:
  --input FILE     a PNG image, at most ${LIMITS.inputSide.max} x ${LIMITS.inputSide.max}
  --weights FILE   a weights JSON written by ConvLab (convlab train, or the lab's Export weights)
  --out FILE       where to write the feature map PNG
  --channel N      which output channel to write, from 0 (default 0)
  -h, --help       show this help`;

export async function apply(args: string[], out: (line: string) => void): Promise<number> {
  const values = parseOptions('apply', args, {
    input: { type: 'string' },
    weights: { type: 'string' },
    out: { type: 'string' },
    channel: { type: 'string' },
  });
  if (values.help) {
    out(APPLY_HELP);
    return EXIT_OK;
  }
  const inputPath = requireString('apply', values, 'input');
  const weightsPath = requireString('apply', values, 'weights');
  const outPath = requireString('apply', values, 'out');
  const channel =
    typeof values.channel === 'string' ? parseInteger('apply', 'channel', values.channel, 0) : 0;
  refuseOutputOverInput(
    'apply',
    ['out', outPath],
    [
      ['input', inputPath],
      ['weights', weightsPath],
    ],
  );
  checkOutputWritable('apply', 'out', outPath);

  const weights = readWeights(weightsPath);
  const { layer } = weights;
  if (channel >= layer.outChannels) {
    throw new UsageError(
      `convlab apply: --channel ${channel} does not exist; the weights have ${layer.outChannels} output channel(s)`,
    );
  }
  if (layer.inChannels !== 1 && layer.inChannels !== 3) {
    throw new UsageError(
      `convlab apply: the weights expect ${layer.inChannels} input channels; images give 1 (grayscale) or 3 (RGB)`,
    );
  }
  const bytes = readInputFile('apply', 'input', inputPath, 'imageFileBytes');
  // Every size is checked from the PNG's header, before its pixels are decoded or any work starts.
  const image = readPngHeader('apply', inputPath, bytes);
  checkImageSize('apply', inputPath, image, layer.inChannels);
  const [height, width] = layerOutputSize(image.height, image.width, layer.kernelSize, layer);
  if (height < 1 || width < 1) {
    throw new UsageError(
      `convlab apply: the output would have size ${Math.max(height, 0)} x ${Math.max(width, 0)}: the ${layer.kernelSize[0]} x ${layer.kernelSize[1]} kernel ` +
        `does not fit the ${image.height} x ${image.width} image (padding ${layer.padding[0]} x ${layer.padding[1]}, dilation ${layer.dilation[0]} x ${layer.dilation[1]})`,
    );
  }
  const work = forwardPassLimitIssue(image.height, image.width, layer);
  if (work !== null) throw new UsageError(`convlab apply: ${work}`);
  const [ph, pw] = layer.padding;
  if (layer.paddingMode === 'reflect' && (ph >= image.height || pw >= image.width)) {
    throw new UsageError(
      `convlab apply: reflect padding ${ph} x ${pw} must be smaller than the ${image.height} x ${image.width} image`,
    );
  }
  if (layer.paddingMode === 'circular' && (ph > image.height || pw > image.width)) {
    throw new UsageError(
      `convlab apply: circular padding ${ph} x ${pw} must be at most the ${image.height} x ${image.width} image size`,
    );
  }
  const map = computeFeatureMap(
    decodePng('apply', inputPath, bytes, layer.inChannels),
    flattenKernel(weights.weight),
    weights.weight.shape,
    weights.bias === null ? null : Float32Array.from(weights.bias.data),
    layer,
  );
  const plane = map.data.subarray(channel * height * width, (channel + 1) * height * width);
  writeOutputFile('apply', 'out', outPath, encodeFeatureMapPng(plane, width, height));
  let min = Infinity;
  let max = -Infinity;
  for (const v of plane) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  out(
    `wrote ${displayPath(outPath)}: ${height} x ${width} feature map, values ${min.toPrecision(4)} .. ${max.toPrecision(4)} mapped to 0 .. 255`,
  );
  return EXIT_OK;
}

function readWeights(path: string): WeightsFile {
  const text = readInputFile('apply', 'weights', path).toString('utf8');
  try {
    return parseWeights(text);
  } catch (error) {
    if (error instanceof FormatError)
      throw new UsageError(`convlab apply: ${displayPath(path)}: ${error.message}`);
    throw error;
  }
}
