// The LeNet trainer: d2l's train_ch6 epoch (shuffle, minibatch SGD, the epoch's loss and accuracy
// accumulated over its batches weighted by their sizes, test accuracy after the epoch), determinism
// for a seed, and a short run on the shipped subset that learns.
import { describe, expect, it } from 'vitest';
import { noGrad } from '../../../core/src/autograd/graph.ts';
import { tensor } from '../../../core/src/creation.ts';
import { classCounts, firstExamples } from '../../../core/src/data/fashionMnist.ts';
import { LenetConfigError } from '../../../core/src/lenet/config.ts';
import { evaluateLenet } from '../../../core/src/lenet/evaluate.ts';
import { LenetTrainer, type LenetEpochRecord } from '../../../core/src/lenet/trainer.ts';
import {
  balancedFirst,
  gatherBatch,
  identityOrder,
  shuffleInPlace,
} from '../../../core/src/lenet/trainingSet.ts';
import { LeNet } from '../../../core/src/models/lenet.ts';
import { crossEntropy } from '../../../core/src/nn/loss.ts';
import { SGD } from '../../../core/src/optim/sgd.ts';
import { Generator } from '../../../core/src/random/generator.ts';
import { lenetData, shippedSubset } from './fixtures.ts';

const withoutSpeed = (history: LenetEpochRecord[]) =>
  history.map(({ epoch, loss, trainAcc, testAcc }) => ({ epoch, loss, trainAcc, testAcc }));

describe('LenetTrainer', () => {
  it('seed 3, sigmoid, 120 images, batch 32, 2 epochs: two runs give the same history and weights, bit for bit', () => {
    const config = { epochs: 2, batchSize: 32, trainSize: 120, seed: 3 };
    const a = new LenetTrainer(config, lenetData(100));
    const b = new LenetTrainer(config, lenetData(100));
    while (!a.done) a.step();
    while (!b.done) b.step();
    expect(withoutSpeed(a.history)).toEqual(withoutSpeed(b.history));
    expect(a.net.stateDict()).toEqual(b.net.stateDict());
  });

  it('seed 3 and seed 4 start from different weights and train differently', () => {
    const a = new LenetTrainer({ epochs: 1, batchSize: 32, trainSize: 120, seed: 3 }, lenetData(100));
    const b = new LenetTrainer({ epochs: 1, batchSize: 32, trainSize: 120, seed: 4 }, lenetData(100));
    expect(a.net.stateDict()['0.weight']).not.toEqual(b.net.stateDict()['0.weight']);
    a.runEpoch();
    b.runEpoch();
    expect(a.history[0].loss).not.toBe(b.history[0].loss);
  });

  it('reset returns to the seed’s initial weights and replays the same run', () => {
    const trainer = new LenetTrainer({ epochs: 1, batchSize: 40, trainSize: 80, seed: 1 }, lenetData(50));
    const initial = trainer.net.stateDict();
    trainer.runEpoch();
    const first = withoutSpeed(trainer.history);
    expect(trainer.net.stateDict()).not.toEqual(initial);
    trainer.reset();
    expect(trainer.epoch).toBe(0);
    expect(trainer.net.stateDict()).toEqual(initial);
    trainer.runEpoch();
    expect(withoutSpeed(trainer.history)).toEqual(first);
  });

  it("50 images, batch 20 (batches of 20, 20, 10): matches d2l's train_ch6 loop written out with the public API", () => {
    const seed = 7;
    const data = lenetData(60);
    const trainer = new LenetTrainer({ epochs: 2, batchSize: 20, trainSize: 50, seed, lr: 0.9 }, data);
    while (!trainer.done) trainer.step();

    // The same epoch by hand: metric.add(l * n, accuracy(y_hat, y), n) per batch, as d2l does.
    const train = balancedFirst(data.train, 50);
    const generator = new Generator(seed);
    const net = new LeNet({ generator });
    const optimizer = new SGD(net.parameters(), { lr: 0.9 });
    const order = identityOrder(50);
    const images = new Float32Array(20 * 784);
    const labels = new Uint8Array(20);
    for (let epoch = 0; epoch < 2; epoch++) {
      shuffleInPlace(order, generator);
      let lossSum = 0;
      let correct = 0;
      for (let start = 0; start < 50; start += 20) {
        const size = Math.min(20, 50 - start);
        gatherBatch(train, order, start, size, images, labels);
        optimizer.zeroGrad();
        const logits = net.forward(tensor(images.subarray(0, size * 784), { shape: [size, 1, 28, 28] }));
        const loss = crossEntropy(logits, labels.subarray(0, size));
        loss.backward();
        optimizer.step();
        lossSum += loss.item() * size;
        for (let n = 0; n < size; n++) {
          const row = Array.from(logits.data.subarray(n * 10, n * 10 + 10));
          if (row.indexOf(Math.max(...row)) === labels[n]) correct++;
        }
      }
      const record = trainer.history[epoch];
      expect(record.loss).toBe(lossSum / 50);
      expect(record.trainAcc).toBe(correct / 50);
      // (Unweighted batch means would give (l1 + l2 + l3) / 3, which differs with the short last batch.)
    }
    expect(net.stateDict()).toEqual(trainer.net.stateDict());
    expect(trainer.history[1].testAcc).toBe(evaluateLenet(net, data.test).accuracy);
  });

  it('one batch holding every image: the epoch’s loss and train acc are the initial weights’ on the whole set', () => {
    const data = lenetData(80);
    const trainer = new LenetTrainer({ epochs: 1, batchSize: 64, trainSize: 64, seed: 2 }, data);
    const train = balancedFirst(data.train, 64);
    const initial = new LeNet({ generator: new Generator(2) });
    const logits = noGrad(() => initial.forward(tensor(train.images, { shape: [64, 1, 28, 28] })));
    const initialLoss = crossEntropy(logits, train.labels).item();
    const initialCorrect = train.labels.filter((label, n) => {
      const row = Array.from(logits.data.subarray(n * 10, n * 10 + 10));
      return row.indexOf(Math.max(...row)) === label;
    }).length;
    const outcome = trainer.runEpoch();
    expect(outcome.kind).toBe('epoch');
    const [record] = trainer.history;
    // The shuffle only reorders the rows; the mean is the same up to float32 summation order.
    expect(record.loss).toBeCloseTo(initialLoss, 5);
    expect(record.trainAcc).toBe(initialCorrect / 64);
    expect(record.testAcc).toBe(evaluateLenet(trainer.net, data.test).accuracy);
    expect(record.examplesPerSec).toBeGreaterThan(0);
  });

  it('relu, lr 0.1, batch 16, 800 training images, 3 epochs: test accuracy over 0.6 on 500 test images', () => {
    const trainer = new LenetTrainer(
      { activation: 'relu', lr: 0.1, batchSize: 16, epochs: 3, trainSize: 800, seed: 0 },
      lenetData(500),
    );
    while (!trainer.done) trainer.step();
    const [first, , last] = trainer.history;
    // Chance is 0.1; this run reaches about 0.69 (0.69 to 0.71 over seeds 0, 1, 2).
    expect(last.testAcc).toBeGreaterThan(0.6);
    expect(last.loss).toBeLessThan(first.loss);
  });

  it('steps: training batches, then test batches, then the epoch, with the position in between', () => {
    const trainer = new LenetTrainer({ epochs: 1, batchSize: 25, trainSize: 50 }, lenetData(300));
    expect(trainer.position()).toMatchObject({ epoch: 0, phase: 'train', batch: 0, batches: 2, loss: 0 });
    expect(trainer.step().kind).toBe('train');
    expect(trainer.position()).toMatchObject({ phase: 'train', batch: 1 });
    expect(trainer.step().kind).toBe('train');
    expect(trainer.position()).toMatchObject({ phase: 'test', batch: 2 });
    // 300 test images are two evaluation batches (256 + 44).
    expect(trainer.step().kind).toBe('test');
    expect(trainer.step().kind).toBe('epoch');
    expect(trainer.done).toBe(true);
    expect(() => trainer.step()).toThrow('lenet trainer: all 1 epochs are done');
  });

  it('relu with lr 1e9: stops as diverged, naming the epoch, the batch and the learning rate', () => {
    const trainer = new LenetTrainer(
      { activation: 'relu', lr: 1e9, batchSize: 10, epochs: 1, trainSize: 100 },
      lenetData(20),
    );
    const outcome = trainer.runEpoch();
    expect(outcome.kind).toBe('diverged');
    expect(trainer.divergence).toMatch(
      /^loss became (NaN|Infinity) at epoch 1, batch \d+: learning rate 1000000000 is too high$/,
    );
    expect(trainer.done).toBe(true);
  });

  it('throws when trainSize is more than the training set holds', () => {
    const { train, test } = shippedSubset();
    expect(() => new LenetTrainer({ trainSize: 20 }, { train: firstExamples(train, 10), test })).toThrow(
      new LenetConfigError('trainSize is 20 but the training set has 10 images'),
    );
  });
});

describe('balancedFirst', () => {
  it('95 of the shipped training images: 10 of each of the first five classes, 9 of the others, the first of each in file order', () => {
    const { train } = shippedSubset();
    const chosen = balancedFirst(train, 95);
    expect(classCounts(chosen.labels)).toEqual([10, 10, 10, 10, 10, 9, 9, 9, 9, 9]);
    // The first image of class 0 in the file is the first class-0 image chosen.
    const firstZero = train.labels.indexOf(0);
    const chosenZero = chosen.labels.indexOf(0);
    expect(chosen.images.subarray(chosenZero * 784, chosenZero * 784 + 784)).toEqual(
      train.images.subarray(firstZero * 784, firstZero * 784 + 784),
    );
  });

  it('fills the share of a class that runs out with the next images in file order', () => {
    const set = { count: 6, images: new Float32Array(6 * 784), labels: Uint8Array.from([0, 0, 0, 0, 1, 0]) };
    // 4 images: two each of classes 0 and 1, but class 1 has one, so the next class-0 image fills in.
    expect(Array.from(balancedFirst(set, 4).labels)).toEqual([0, 0, 0, 1]);
  });

  it('throws when asked for more images than the set has', () => {
    const { train } = shippedSubset();
    expect(() => balancedFirst(train, train.count + 1)).toThrow(RangeError);
  });
});
