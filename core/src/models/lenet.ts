import { Conv2d } from '../nn/conv.ts';
import { Flatten, ReLU, Sigmoid } from '../nn/activation.ts';
import { xavierUniform } from '../nn/init.ts';
import { Linear } from '../nn/linear.ts';
import { Module, Sequential } from '../nn/module.ts';
import { AvgPool2d, MaxPool2d } from '../nn/pool.ts';
import { defaultGenerator, Generator } from '../random/generator.ts';

/** The book's sigmoid + average pooling, or the modern ReLU + max pooling. */
export const lenetActivations = ['sigmoid', 'relu'] as const;
export type LeNetActivation = (typeof lenetActivations)[number];

export interface LeNetOptions {
  /** 'sigmoid' (default, the book's) or 'relu' (ReLU after each layer and max pooling). */
  activation?: LeNetActivation;
  /** Draws every initial weight and bias; the default generator when omitted. */
  generator?: Generator;
}

/** What one image looks like to LeNet (channels, height, width): a 28 x 28 Fashion-MNIST item. */
export const LENET_INPUT_SHAPE: readonly number[] = [1, 28, 28];

/** How many classes LeNet scores. */
export const LENET_CLASSES = 10;

/**
 * LeNet-5 as d2l builds it (section 7.6, PyTorch tab), layer for layer, so that `stateDict()` has the
 * keys of d2l's `net` (0.weight, 0.bias, 3.weight, ..., 11.bias) and moves between the two unchanged:
 *
 *   0 Conv2d(1, 6, 5, padding 2)   1 Sigmoid   2 AvgPool2d(2, stride 2)
 *   3 Conv2d(6, 16, 5)             4 Sigmoid   5 AvgPool2d(2, stride 2)
 *   6 Flatten   7 Linear(400, 120)   8 Sigmoid   9 Linear(120, 84)   10 Sigmoid   11 Linear(84, 10)
 *
 * Input [N, 1, 28, 28], output logits [N, 10]. Initialised as d2l's init_cnn: every Conv2d and Linear
 * weight Xavier-uniform, the biases left at PyTorch's default (uniform in ±1 / sqrt(fanIn)). With
 * activation 'relu', each Sigmoid is a ReLU and each AvgPool2d a MaxPool2d (same indices).
 */
export class LeNet extends Sequential {
  readonly activation: LeNetActivation;

  constructor(options: LeNetOptions = {}) {
    const activation = options.activation ?? 'sigmoid';
    if (activation !== 'sigmoid' && activation !== 'relu') {
      throw new Error(`LeNet: activation must be 'sigmoid' or 'relu', got ${JSON.stringify(activation)}`);
    }
    const generator = options.generator ?? defaultGenerator;
    if (!(generator instanceof Generator)) throw new Error('LeNet: generator must be a Generator');
    super(...lenetLayers(activation, generator));
    this.activation = activation;
  }
}

function lenetLayers(activation: LeNetActivation, generator: Generator): Module[] {
  const act = (): Module => (activation === 'relu' ? new ReLU() : new Sigmoid());
  const pool = (): Module =>
    activation === 'relu' ? new MaxPool2d(2, { stride: 2 }) : new AvgPool2d(2, { stride: 2 });
  const layers = [
    new Conv2d(1, 6, 5, { padding: 2, generator }),
    act(),
    pool(),
    new Conv2d(6, 16, 5, { generator }),
    act(),
    pool(),
    new Flatten(),
    new Linear(400, 120, { generator }),
    act(),
    new Linear(120, 84, { generator }),
    act(),
    new Linear(84, LENET_CLASSES, { generator }),
  ];
  for (const layer of layers) {
    if (layer instanceof Conv2d || layer instanceof Linear) xavierUniform(layer.weight, generator);
  }
  return layers;
}
