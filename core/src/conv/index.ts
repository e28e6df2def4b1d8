// Convolution, pooling and padding ops, mirroring torch.nn.functional.
export { conv2d, conv2dGeometry, conv2dOutputShape, type Conv2dOptions } from './conv2d.ts';
export { corr2d } from './corr2d.ts';
export { maxPool2d, avgPool2d, poolGeometry, type MaxPool2dOptions, type AvgPool2dOptions } from './pool.ts';
export { pad, type PadModeName } from './pad.ts';
export {
  convGeometry,
  type ConvGeometry,
  type GeometryRequest,
  type Padding,
  type Pair,
} from './geometry.ts';
