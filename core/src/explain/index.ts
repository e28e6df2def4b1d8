// The computations behind the chapter's extra views: pure functions on plain arrays (a core
// Tensor can be passed wherever a DenseArray is expected), each tested against the core's ops.
export { fromRows, toRows, maxAbsDifference, type DenseArray, type Dense64 } from './dense.ts';
export { windowGeometry, type WindowOptions, type WindowGeometry } from './geometry.ts';
export { padGrid, PAD_MODES, type PadMode, type PaddedGrid } from './padding.ts';
export { correlate2d } from './correlate.ts';
export { pool2d } from './pooling.ts';
export {
  planSlidingWindow,
  windowStep,
  formatStep,
  type SlidingWindowPlan,
  type WindowStep,
  type WindowCell,
} from './slidingWindow.ts';
export {
  patchMatrix,
  convolutionMatrix,
  inputGradientByTranspose,
  matrixVector,
  transposedMatrixVector,
  MAX_MATRIX_ENTRIES,
} from './matrixView.ts';
export { composeKernels, type ComposedKernel, type ComposedLayerOptions } from './kernelComposition.ts';
export {
  kernelGradientByCorrelation,
  squaredLossOutputGradient,
  type KernelGradient,
} from './kernelGradient.ts';
export {
  squaredLossQuadratic,
  evaluateQuadraticLoss,
  quadraticLossGradient,
  lossSurface,
  rangeAround,
  type QuadraticLoss,
  type LossSurface,
  type SurfaceRange,
} from './lossSurface.ts';
export { contourLevels, contourSegments, type Segment } from './contours.ts';
export { analyzeLearnability, unlearnablePart, type Learnability } from './learnability.ts';
export { symmetricEigen } from '../linalg/symmetricEigen.ts';
export {
  layerStackShapes,
  traceReceptiveField,
  receptiveFieldSize,
  describeLayer,
  type LayerSpec,
  type ConvLayerSpec,
  type PoolLayerSpec,
  type LayerShape,
  type TraceLevel,
  type TracedCell,
} from './layerStack.ts';
export {
  corr2dMultiIn,
  corr2dMultiInOut,
  conv1x1AsMatrixProduct,
  compareConv1x1,
  textbookKernelStack,
  TEXTBOOK_MULTI_IN_X,
  TEXTBOOK_MULTI_IN_K,
  multiChannelParts,
  stackChannels,
  type OutputChannelParts,
  type Conv1x1Comparison,
} from './multiChannel.ts';
export type { ExerciseResult } from './exercises/result.ts';
export { checkDiagonalEdgeImage, type DiagonalEdgeResult } from './exercises/diagonalEdges.ts';
export { checkEdgeDetector } from './exercises/edgeDetector.ts';
export { checkSecondDerivativeKernel, minimumDerivativeKernelSize } from './exercises/secondDerivative.ts';
export { checkBlurKernel } from './exercises/blur.ts';
export {
  PADDING_STRIDE_EXAMPLES,
  questionOutputShape,
  checkShapeAnswer,
  type ShapeQuestion,
} from './exercises/shapeArithmetic.ts';
export {
  checkAvgPoolAsConvolution,
  type AvgPoolAsConvolutionResult,
} from './exercises/avgPoolAsConvolution.ts';
export {
  layerCost,
  planeConvCostSpec,
  type LayerCost,
  type PassCost,
  type ConvCostSpec,
  type PoolCostSpec,
} from './exercises/layerCost.ts';
export { maxPoolShiftDemo, textbookStripes, type PoolingShiftDemo } from './exercises/poolingShift.ts';
export { gradientDescentPath, type DescentOptions, type DescentPath } from './descentPath.ts';
