// `convlab apply`: the feature map of an image under a weights file, as a PNG coloured as the lab draws it.
import { FormatError } from '../src/formats/json.ts';
import { flattenKernel, parseWeights, type WeightsFile } from '../src/formats/weights.ts';
import { geometryProblem, layerOutputSize } from '../src/conv/geometry.ts';
import { computeFeatureMap } from '../src/train/layerForward.ts';
import { forwardPassLimitIssue } from '../src/train/validate.ts';
import { symmetricLimit } from '../src/image/divergingScale.ts';
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
image and writes the feature map as a PNG, one pixel per value, coloured as the lab draws it and
exports it: blue for negative values, near white for zero, red for positive ones, saturating at the
map's largest magnitude. The image is read as grayscale in [0, 1] (or as RGB when the kernel has 3
input channels), transparent pixels as white paper, as the app imports it.

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
  const problem = geometryProblem(image, { height: layer.kernelSize[0], width: layer.kernelSize[1] }, layer);
  if (problem !== null) {
    throw new UsageError(`convlab apply: ${problem} (a ${image.height} x ${image.width} image)`);
  }
  const [height, width] = layerOutputSize(image.height, image.width, layer.kernelSize, layer);
  const work = forwardPassLimitIssue(image.height, image.width, layer);
  if (work !== null) throw new UsageError(`convlab apply: ${work}`);
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
  const limit = symmetricLimit(plane);
  out(
    `wrote ${displayPath(outPath)}: ${height} x ${width} feature map, values ${min.toPrecision(4)} .. ${max.toPrecision(4)}, coloured from -${limit.toPrecision(4)} (blue) to ${limit.toPrecision(4)} (red)`,
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
