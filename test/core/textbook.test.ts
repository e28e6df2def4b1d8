// D2L 7.2.4 "Learning a Kernel": learn K = [1, -1] from the 6x8 edge image with a LazyConv2d, summed
// squared loss and a learning rate of 0.03 for 10 epochs. The notebook's run ends near [1, -1]; the
// exact path depends on the random start.
import { describe, expect, it } from 'vitest';
import { corr2d, Generator, noGrad, nn, ones, optim, tensor, type Tensor } from '../../core/src/index.ts';

/** The notebook's X: ones(6, 8) with columns 2..5 set to 0, and Y = corr2d(X, [[1, -1]]). */
function edgeData(): { X: Tensor; Y: Tensor } {
  const x = ones([6, 8]);
  for (let r = 0; r < 6; r++) for (let c = 2; c < 6; c++) x.data[r * 8 + c] = 0;
  const Y = corr2d(x, tensor([[1, -1]]));
  return { X: x.reshape([1, 1, 6, 8]), Y: Y.reshape([1, 1, 6, 7]) };
}

describe('D2L 7.2.4: learning the edge kernel', () => {
  it('Y is 1 at the white-to-black edge and -1 at black-to-white (the data the loop learns from)', () => {
    const { Y } = edgeData();
    const row = Array.from(Y.data.subarray(0, 7));
    expect(row).toEqual([0, 1, 0, 0, 0, -1, 0]);
  });

  for (const seed of [0, 1, 2, 3, 4]) {
    it(`the notebook loop (manual update weight -= lr * grad) ends near [1, -1], generator seed ${seed}`, () => {
      const { X, Y } = edgeData();
      const conv = new nn.LazyConv2d(1, [1, 2], { bias: false, generator: new Generator().manualSeed(seed) });
      const lr = 3e-2;
      const losses: number[] = [];
      for (let epoch = 0; epoch < 10; epoch++) {
        const l = conv.forward(X).sub(Y).pow(2);
        conv.zeroGrad();
        const loss = l.sum();
        loss.backward();
        losses.push(loss.item());
        noGrad(() => {
          const w = conv.weight.data;
          const g = conv.weight.grad!.data;
          for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
        });
      }
      const [w0, w1] = conv.weight.data;
      expect(conv.weight.shape).toEqual([1, 1, 1, 2]);
      expect(Math.abs(w0 - 1)).toBeLessThan(0.1);
      expect(Math.abs(w1 + 1)).toBeLessThan(0.1);
      expect(losses[9]).toBeLessThan(losses[0]);
    });
  }

  it('optim.SGD with lr 0.03 takes exactly the same steps as the manual update', () => {
    const { X, Y } = edgeData();
    const manual = new nn.LazyConv2d(1, [1, 2], { bias: false, generator: new Generator().manualSeed(8) });
    const withSgd = new nn.LazyConv2d(1, [1, 2], { bias: false, generator: new Generator().manualSeed(8) });
    withSgd.forward(X); // create the weight before handing it to the optimizer
    const opt = new optim.SGD(withSgd.parameters(), { lr: 0.03 });
    for (let epoch = 0; epoch < 10; epoch++) {
      const a = manual.forward(X).sub(Y).pow(2).sum();
      manual.zeroGrad();
      a.backward();
      const w = manual.weight.data;
      const g = manual.weight.grad!.data;
      for (let i = 0; i < w.length; i++) w[i] = w[i] - 0.03 * g[i];
      const b = withSgd.forward(X).sub(Y).pow(2).sum();
      opt.zeroGrad();
      b.backward();
      opt.step();
    }
    expect(Array.from(withSgd.weight.data)).toEqual(Array.from(manual.weight.data));
  });
});
