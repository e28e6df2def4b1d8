// Reading a LeNet: accuracy, confusion matrix and most confident mistakes on a set, and one image's
// every layer with its ten probabilities (what the lab's LeNet view shows).
import { describe, expect, it } from 'vitest';
import { noGrad } from '../../../core/src/autograd/graph.ts';
import { tensor } from '../../../core/src/creation.ts';
import { classCounts } from '../../../core/src/data/fashionMnist.ts';
import { evaluateLenet, predictLenet } from '../../../core/src/lenet/evaluate.ts';
import { LenetTrainer } from '../../../core/src/lenet/trainer.ts';
import { LeNet } from '../../../core/src/models/lenet.ts';
import { softmax } from '../../../core/src/ops/softmax.ts';
import { Generator } from '../../../core/src/random/generator.ts';
import { lenetData } from './fixtures.ts';

/** A briefly trained relu LeNet (so its answers are neither all right nor all one class). */
function trainedNet(): LeNet {
  const trainer = new LenetTrainer(
    { activation: 'relu', lr: 0.1, batchSize: 16, epochs: 1, trainSize: 400, seed: 0 },
    lenetData(10),
  );
  trainer.runEpoch();
  return trainer.net;
}

const image = (set: { images: Float32Array }, n: number) => set.images.subarray(n * 784, n * 784 + 784);

describe('evaluateLenet', () => {
  const net = trainedNet();
  const { test } = lenetData(300);
  const evaluation = evaluateLenet(net, test, { mistakes: 5 });

  it('300 test images: each confusion row sums to its class count, the diagonal is the correct count', () => {
    expect(evaluation.count).toBe(300);
    expect(evaluation.confusion.map((row) => row.reduce((a, b) => a + b, 0))).toEqual(
      classCounts(test.labels),
    );
    const diagonal = evaluation.confusion.reduce((sum, row, c) => sum + row[c], 0);
    expect(diagonal).toBe(evaluation.correct);
    expect(evaluation.accuracy).toBe(evaluation.correct / 300);
    expect(evaluation.accuracy).toBeGreaterThan(0.1);
    expect(evaluation.accuracy).toBeLessThan(1);
  });

  it('the five most confident mistakes, most confident first, each as predictLenet sees that image', () => {
    expect(evaluation.mistakes).toHaveLength(5);
    const probabilities = evaluation.mistakes.map((m) => m.probability);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
    for (const mistake of evaluation.mistakes) {
      expect(mistake.trueClass).toBe(test.labels[mistake.index]);
      const prediction = predictLenet(net, image(test, mistake.index));
      expect(prediction.predictedClass).toBe(mistake.predictedClass);
      expect(mistake.predictedClass).not.toBe(mistake.trueClass);
      expect(mistake.probability).toBeCloseTo(prediction.probabilities[mistake.predictedClass], 6);
    }
    // No mistake left out is more confident than the least confident one kept.
    const all = evaluateLenet(net, test, { mistakes: 300 }).mistakes;
    expect(all.length).toBe(300 - evaluation.correct);
    expect(all.slice(0, 5)).toEqual(evaluation.mistakes);
  });

  it('the accuracy is the share of rows whose largest logit is the label, from one forward pass', () => {
    const logits = noGrad(() => net.forward(tensor(test.images, { shape: [300, 1, 28, 28] }))).data;
    let correct = 0;
    for (let n = 0; n < 300; n++) {
      const row = Array.from(logits.subarray(n * 10, n * 10 + 10));
      if (row.indexOf(Math.max(...row)) === test.labels[n]) correct++;
    }
    expect(evaluation.correct).toBe(correct);
  });
});

describe('predictLenet', () => {
  const net = new LeNet({ generator: new Generator(5) });
  const { test } = lenetData(1);
  const prediction = predictLenet(net, image(test, 0));

  it("every layer's output for one image: d2l's shapes, from conv1's six 28 x 28 maps to the ten logits", () => {
    expect(prediction.layers.map((l) => `${l.name} ${l.shape.join('x')}`)).toEqual([
      '0 Conv2d 6x28x28',
      '1 Sigmoid 6x28x28',
      '2 AvgPool2d 6x14x14',
      '3 Conv2d 16x10x10',
      '4 Sigmoid 16x10x10',
      '5 AvgPool2d 16x5x5',
      '6 Flatten 400',
      '7 Linear 120',
      '8 Sigmoid 120',
      '9 Linear 84',
      '10 Sigmoid 84',
      '11 Linear 10',
    ]);
    const logits = noGrad(() => net.forward(tensor(image(test, 0), { shape: [1, 1, 28, 28] })));
    expect(prediction.layers[11].data).toEqual(logits.data);
  });

  it("the ten probabilities are the logits' softmax and the predicted class their argmax", () => {
    const logits = noGrad(() => net.forward(tensor(image(test, 0), { shape: [1, 1, 28, 28] })));
    const expected = Array.from(softmax(logits, 1).data);
    prediction.probabilities.forEach((p, c) => expect(p).toBeCloseTo(expected[c], 6));
    expect(prediction.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(prediction.predictedClass).toBe(expected.indexOf(Math.max(...expected)));
  });

  it('throws when the image is not 28 x 28', () => {
    expect(() => predictLenet(net, new Float32Array(783))).toThrow(
      'predictLenet: an image has 784 values (28 x 28), got 783',
    );
  });
});
