// Training and reading LeNet on Fashion-MNIST (d2l section 7.6): the run's settings, the trainer
// behind `convlab lenet` and the lab's LeNet view, and evaluation of a trained network.
export {
  LENET_DEFAULTS,
  LENET_MAX,
  LenetConfigError,
  lenetRunConfig,
  type LenetRunConfig,
} from './config.ts';
export {
  LenetTrainer,
  type LenetData,
  type LenetEpochRecord,
  type LenetPosition,
  type LenetStepOutcome,
} from './trainer.ts';
export {
  EVAL_BATCH,
  evaluateLenet,
  predictLenet,
  type LayerActivation,
  type LenetEvaluation,
  type LenetMistake,
  type LenetPrediction,
} from './evaluate.ts';
export { balancedFirst } from './trainingSet.ts';
