"""Solves the start of the book's run and writes it, with what PyTorch prints from it, as a fixture.

Dive into Deep Learning 7.2.4 trains a 1 x 2 kernel from a random start and prints
`epoch 2, loss 7.047` ... `epoch 10, loss 0.010` and `tensor([[ 0.9793, -0.9935]])`. Gradient descent
on this quadratic loss is an affine map of the weights, w <- M w + c, so the start can be recovered:
invert the ten steps from the printed final weights, then keep the starts whose every printed line
rounds to the book's digits. Among short decimal starts the one farthest from every rounding boundary
is checked in PyTorch (float32, the notebook's own loop) and written out.

Run with PyTorch installed:  python3 scripts/solve-book-start.py
Writes test/fixtures/torch/book_run.json (the project never needs Python to build, run or test).
"""
import contextlib
import io
import json
import pathlib

import numpy as np
import torch
from torch import nn

BOOK_LINES = [
    'epoch 2, loss 7.047',
    'epoch 4, loss 1.223',
    'epoch 6, loss 0.222',
    'epoch 8, loss 0.044',
    'epoch 10, loss 0.010',
    'tensor([[ 0.9793, -0.9935]])',
]
BOOK_LOSSES = {2: 7.047, 4: 1.223, 6: 0.222, 8: 0.044, 10: 0.010}
BOOK_FINAL = np.array([0.9793, -0.9935])
LR = 3e-2
EPOCHS = 10
# Candidates are decimals with this many places: short enough to read in the lab, fine enough to sit
# well inside the region where every printed digit matches.
PLACES = 5


def notebook_x():
    x = torch.ones((6, 8))
    x[:, 2:6] = 0
    return x


def corr2d(x, k):
    h, w = k.shape
    y = torch.zeros((x.shape[0] - h + 1, x.shape[1] - w + 1))
    for i in range(y.shape[0]):
        for j in range(y.shape[1]):
            y[i, j] = (x[i:i + h, j:j + w] * k).sum()
    return y


def run_notebook(start):
    """The notebook's training cell, verbatim but for the start; returns (printed lines, losses, final)."""
    X = notebook_x()
    K = torch.tensor([[1.0, -1.0]])
    Y = corr2d(X, K)
    conv2d = nn.LazyConv2d(1, kernel_size=(1, 2), bias=False)
    X = X.reshape((1, 1, 6, 8))
    Y = Y.reshape((1, 1, 6, 7))
    conv2d(X)  # materialise the lazy weight, then set the start
    with torch.no_grad():
        conv2d.weight.copy_(torch.tensor(start, dtype=torch.float32).reshape(1, 1, 1, 2))
    start_f32 = conv2d.weight.data.reshape(-1).tolist()
    lr = LR
    losses = []
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for i in range(EPOCHS):
            Y_hat = conv2d(X)
            l = (Y_hat - Y) ** 2
            conv2d.zero_grad()
            l.sum().backward()
            conv2d.weight.data[:] -= lr * conv2d.weight.grad
            losses.append(l.sum().item())
            if (i + 1) % 2 == 0:
                print(f'epoch {i + 1}, loss {l.sum():.3f}')
        print(conv2d.weight.data.reshape((1, 2)))
    return printed.getvalue().splitlines(), losses, conv2d.weight.data.reshape(-1).tolist(), start_f32


def affine_map():
    """w <- M w + c for one step of gradient descent on sum((A w - y)^2), A the im2col of X."""
    x = notebook_x().double().numpy()
    a = np.stack([x[:, :-1].ravel(), x[:, 1:].ravel()], axis=1)
    y = a @ np.array([1.0, -1.0])
    return a, y, np.eye(2) - 2 * LR * a.T @ a, 2 * LR * a.T @ y


def margins(starts, a, y):
    """For each start (rows), the smallest distance of a printed value to its rounding boundary, in
    units of its last printed digit (0.5 = dead centre, negative = prints another digit)."""
    w = starts.copy()
    worst = np.full(len(w), np.inf)
    for i in range(EPOCHS):
        r = w @ a.T - y
        loss = (r ** 2).sum(axis=1)
        if i + 1 in BOOK_LOSSES:
            worst = np.minimum(worst, 0.5 - np.abs(loss - BOOK_LOSSES[i + 1]) / 1e-3)
        w = w - LR * 2 * (r @ a)
    for j in range(2):
        worst = np.minimum(worst, 0.5 - np.abs(w[:, j] - BOOK_FINAL[j]) / 1e-4)
    return worst


def main():
    a, y, m, c = affine_map()
    inverse = np.linalg.inv(m)
    inverted = BOOK_FINAL.copy()
    for _ in range(EPOCHS):
        inverted = inverse @ (inverted - c)
    # Rounding the final weights to 4 places leaves the inverted start uncertain by up to
    # |M^-10| * 5e-5 (about 0.005 here), so search that box on the decimal lattice.
    step = 10.0 ** -PLACES
    half = 0.01
    grid0 = np.round(np.arange(inverted[0] - half, inverted[0] + half, step), PLACES)
    grid1 = np.round(np.arange(inverted[1] - half, inverted[1] + half, step), PLACES)
    g0, g1 = np.meshgrid(grid0, grid1, indexing='ij')
    starts = np.stack([g0.ravel(), g1.ravel()], axis=1)
    score = margins(starts, a, y)
    order = np.argsort(-score)
    feasible = starts[score > 0]
    for index in order[:20]:
        start = [float(v) for v in starts[index]]
        printed, losses, final, start_f32 = run_notebook(start)
        if printed == BOOK_LINES:
            break
    else:
        raise SystemExit('no candidate start prints the book\'s lines in PyTorch')

    fixture = {
        'generator': f'PyTorch {torch.__version__}, scripts/solve-book-start.py',
        'source': 'Dive into Deep Learning 7.2.4 (Learning a Kernel), PyTorch tab',
        'X': {'shape': [6, 8], 'data': notebook_x().reshape(-1).tolist()},
        'K': {'shape': [1, 2], 'data': [1.0, -1.0]},
        'lr': LR,
        'epochs': EPOCHS,
        'loss': 'sum-squared',
        'inverted_start': [round(float(v), 6) for v in inverted],
        'feasible_box': {
            'w0': [float(feasible[:, 0].min()), float(feasible[:, 0].max())],
            'w1': [float(feasible[:, 1].min()), float(feasible[:, 1].max())],
        },
        'start': start,
        'start_float32': start_f32,
        'margin_in_last_digit': round(float(score[index]), 3),
        'book_lines': BOOK_LINES,
        'printed': printed,
        'loss_per_epoch': losses,
        'final_weight': final,
    }
    out = pathlib.Path(__file__).resolve().parent.parent / 'test' / 'fixtures' / 'torch' / 'book_run.json'
    out.write_text(json.dumps(fixture, indent=2) + '\n')
    print(f'start {start}: PyTorch prints the book\'s lines (margin {score[index]:.3f} of a last digit)')
    print('\n'.join(printed))
    print(f'wrote {out}')


if __name__ == '__main__':
    main()
