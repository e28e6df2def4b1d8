import { afterAll, describe, expect, it } from 'vitest';
import golden from '../fixtures/golden/replay.json' with { type: 'json' };
import book from '../fixtures/torch/book_run.json' with { type: 'json' };
import { makeTempDir, runCli } from './helpers.ts';

const temp = makeTempDir();
afterAll(() => temp.remove());

describe('convlab replay', () => {
  for (const c of golden.cases) {
    it(`${c.id}: --init from PyTorch, lr=${c.lr}, ${c.epochs} epochs prints PyTorch's losses to 3 decimals and its final kernel`, async () => {
      const init = c.init_weight.data.join(',');
      const { code, stdout, stderr } = await runCli(
        ['replay', '--init', init, '--lr', String(c.lr), '--epochs', String(c.epochs)],
        temp.dir,
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const printed = [...stdout.matchAll(/^epoch (\d+), loss (\S+)$/gm)].map(
        (m) => [Number(m[1]), m[2]] as const,
      );
      // Every second epoch, as the notebook prints them.
      expect(printed.map(([epoch]) => epoch)).toEqual([2, 4, 6, 8, 10]);
      for (const [epoch, loss] of printed) expect(loss).toBe(c.loss_per_epoch[epoch - 1].toFixed(3));
      const final = stdout.slice(stdout.lastIndexOf('tensor(['));
      const learned = (final.match(/-?\d+\.\d+/g) ?? []).map(Number);
      expect(learned.map((v) => v.toFixed(4))).toEqual(c.final_weight.data.map((v) => v.toFixed(4)));
    });
  }

  it("without --init prints every line PyTorch prints for the book's run (the book's own numbers)", async () => {
    const { code, stdout, stderr } = await runCli(['replay'], temp.dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const printed = lines.filter((line) => /^epoch \d+, loss /.test(line));
    expect(printed).toEqual(book.printed.slice(0, -1));
    // The learned kernel is the last line, as the notebook's last print.
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(book.printed.at(-1));
    // And those are the book's lines, which the fixture's script checked in PyTorch.
    expect(book.printed).toEqual(book.book_lines);
  });

  it("--seed N starts from a seeded draw instead of the book's start", async () => {
    const { code, stdout } = await runCli(['replay', '--seed', '7'], temp.dir);
    expect(code).toBe(0);
    expect(stdout).not.toContain(book.printed[0]);
  });

  it('refuses --init together with --seed in one line naming both', async () => {
    const { code, stderr } = await runCli(['replay', '--init', '0,0', '--seed', '1'], temp.dir);
    expect(code).not.toBe(0);
    expect(stderr.trimEnd()).toMatch(/^convlab replay: --init and --seed both choose the start/);
  });

  it('prints X, Y = corr2d(X, K) (1 at the white-to-black edge, -1 back) and the all-zero corr2d(X.t(), K)', async () => {
    const { code, stdout } = await runCli(['replay', '--epochs', '0'], temp.dir);
    expect(code).toBe(0);
    expect(stdout).toContain('tensor([[1., 1., 0., 0., 0., 0., 1., 1.],');
    expect(stdout).toContain('tensor([[ 0.,  1.,  0.,  0.,  0., -1.,  0.],');
    const transposed = stdout.slice(stdout.indexOf('corr2d(X.t(), K)'));
    // 8 rows of 5 zeros: the vertical kernel finds no horizontal edges.
    expect((transposed.match(/\[0\., 0\., 0\., 0\., 0\.\]/g) ?? []).length).toBe(8);
  });

  it('--help describes the options and exits 0', async () => {
    const { code, stdout } = await runCli(['replay', '--help'], temp.dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Usage: convlab replay \[--init W0,W1 \| --seed N\] \[--lr 0\.03\] \[--epochs 10\]/,
    );
  });

  it('lr=5 stops with the divergence reason on stderr (as train does), one line, exit code 1', async () => {
    const { code, stdout, stderr } = await runCli(['replay', '--lr', '5', '--epochs', '100'], temp.dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^convlab replay: stopped: loss reached .* at epoch 3, .*: learning rate 5 is too high; .+\n$/,
    );
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stdout).not.toMatch(/stopped|diverg/);
  });
});
