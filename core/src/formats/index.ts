// The weights and lab file formats: the readers that check a file and the writers
// that make one.
export { FormatError } from './json.ts';
export { historyEpochs, storedHistory, type StoredHistory } from './lossHistory.ts';
export { shortestFloat32, shortestFloat32Array } from './float32.ts';
export {
  WEIGHTS_FORMAT,
  WEIGHTS_VERSION,
  flattenKernel,
  nestKernel,
  optimizerOf,
  parseWeights,
  serializeWeights,
  weightsFile,
  type NestedKernel,
  type TrainedLayer,
  type WeightsFile,
} from './weights.ts';
export {
  LAB_FORMAT,
  LAB_VERSION,
  labFile,
  parseLab,
  serializeLab,
  type LabFile,
  type LabResults,
} from './lab.ts';
