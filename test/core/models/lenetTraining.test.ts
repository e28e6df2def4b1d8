// LeNet learns end to end with the core's own training loop (forward, crossEntropy, backward, SGD):
// ten classes of 28 x 28 images, each a bright 8 x 4 bar at its own place over noise, so a network
// that trains must tell them apart and one that does not stays at chance (0.1).
import { describe, expect, it } from 'vitest';
import { Generator, LeNet, nn, noGrad, optim, tensor } from '../../../core/src/index.ts';

function bars(n: number, generator: Generator): { images: Float32Array; labels: Uint8Array } {
  const images = new Float32Array(n * 784);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 10;
    labels[i] = c;
    const top = 4 + 10 * Math.floor(c / 5);
    const left = 2 + 5 * (c % 5);
    for (let p = 0; p < 784; p++) images[i * 784 + p] = 0.3 * generator.uniform();
    for (let y = top; y < top + 8; y++)
      for (let x = left; x < left + 4; x++) images[i * 784 + y * 28 + x] += 0.7;
  }
  return { images, labels };
}

describe('LeNet training', () => {
  it('relu LeNet, 3 epochs of 600 images in batches of 50 at lr 0.1: test accuracy at least 0.9', () => {
    const data = new Generator().manualSeed(1);
    const train = bars(600, data);
    const test = bars(200, data);
    const net = new LeNet({ activation: 'relu', generator: new Generator().manualSeed(0) });
    const optimizer = new optim.SGD(net.parameters(), { lr: 0.1 });
    const epochLoss: number[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      let total = 0;
      for (let start = 0; start < 600; start += 50) {
        const x = tensor(train.images.subarray(start * 784, (start + 50) * 784), { shape: [50, 1, 28, 28] });
        const loss = nn.crossEntropy(net.forward(x), train.labels.subarray(start, start + 50));
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        total += loss.item();
      }
      epochLoss.push(total / 12);
    }
    const predicted = noGrad(() => net.forward(tensor(test.images, { shape: [200, 1, 28, 28] })).argmax(1));
    let correct = 0;
    for (let i = 0; i < 200; i++) if (predicted.data[i] === test.labels[i]) correct++;
    expect(epochLoss[2]).toBeLessThan(epochLoss[0] / 2);
    expect(correct / 200).toBeGreaterThanOrEqual(0.9);
  });
});
