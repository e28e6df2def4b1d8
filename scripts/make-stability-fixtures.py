"""Writes test/fixtures/torch/stability.json: the learning rate's stability limit for several layers.

For plain gradient descent on a quadratic loss L(w), the iteration w <- w - lr * grad L(w) converges
only while lr < 2 / lambda_max(H), H the Hessian of L in the weights. Each case builds the layer as
torch.nn.Conv2d does (padding modes pad first, a "flip" layer slides the kernel rotated by 180
degrees), takes H with torch.autograd.functional.hessian in float64 and its largest eigenvalue with
torch.linalg.eigvalsh.

Run with PyTorch installed:  python3 scripts/make-stability-fixtures.py
"""
import json
import pathlib

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def notebook_x():
    x = torch.ones((6, 8))
    x[:, 2:6] = 0
    return x.reshape(1, 1, 6, 8)


def layer_output(x, weight, bias, case):
    ph, pw = case['padding']
    mode = case['paddingMode']
    if case['flip']:
        weight = torch.flip(weight, [2, 3])
    if mode != 'zeros' and (ph or pw):
        x = F.pad(x, (pw, pw, ph, ph), mode=mode)
        padding = 0
    else:
        padding = (ph, pw)
    return F.conv2d(x, weight, bias, stride=tuple(case['stride']), padding=padding,
                    dilation=tuple(case['dilation']))


def stability(case, x):
    out_c = case['outChannels']
    in_c = x.shape[1]
    kh, kw = case['kernelSize']
    n_weight = out_c * in_c * kh * kw
    n_bias = out_c if case['bias'] else 0
    generator = torch.Generator().manual_seed(0)
    # The loss is quadratic, so its Hessian does not depend on the target or the point: any will do.
    probe = torch.randn(n_weight + n_bias, generator=generator)
    with torch.no_grad():
        shape_y = layer_output(x, probe[:n_weight].reshape(out_c, in_c, kh, kw),
                               probe[n_weight:] if n_bias else None, case).shape
    target = torch.randn(shape_y, generator=generator)

    def loss(params):
        weight = params[:n_weight].reshape(out_c, in_c, kh, kw)
        bias = params[n_weight:] if n_bias else None
        squared = (layer_output(x, weight, bias, case) - target) ** 2
        return squared.sum() if case['loss'] == 'sum-squared' else squared.mean()

    hessian = torch.autograd.functional.hessian(loss, probe)
    lambda_max = torch.linalg.eigvalsh(hessian).max().item()
    return lambda_max, list(shape_y)


def case(cid, x, **layer):
    base = {
        'id': cid,
        'kernelSize': [1, 2],
        'outChannels': 1,
        'padding': [0, 0],
        'paddingMode': 'zeros',
        'stride': [1, 1],
        'dilation': [1, 1],
        'bias': False,
        'flip': False,
        'loss': 'sum-squared',
    }
    base.update(layer)
    lambda_max, out_shape = stability(base, x)
    base['input'] = {'channels': x.shape[1], 'height': x.shape[2], 'width': x.shape[3],
                     'data': x.reshape(-1).tolist()}
    base['outputShape'] = out_shape
    base['lambdaMax'] = lambda_max
    base['limit'] = 2 / lambda_max
    return base


def main():
    g = torch.Generator().manual_seed(1)
    x = notebook_x()
    small = torch.rand((1, 1, 7, 9), generator=g).round(decimals=3)
    two = torch.rand((1, 2, 5, 6), generator=g).round(decimals=3) - 0.5
    wide = torch.rand((1, 1, 12, 10), generator=g).round(decimals=3)
    cases = [
        case('notebook, sum', x),
        case('notebook, mse', x, loss='mse'),
        case('notebook 3x3, zeros padding 1', x, kernelSize=[3, 3], padding=[1, 1]),
        case('7x9, 3x3 reflect padding 1, mse', small, kernelSize=[3, 3], padding=[1, 1],
             paddingMode='reflect', loss='mse'),
        case('7x9, 2x3 replicate padding (2, 1), stride 2', small, kernelSize=[2, 3], padding=[2, 1],
             paddingMode='replicate', stride=[2, 2]),
        case('7x9, 3x2 circular padding 1, dilation (2, 1), flip', small, kernelSize=[3, 2],
             padding=[1, 1], paddingMode='circular', dilation=[2, 1], flip=True),
        case('12x10, 5x5 stride (1, 3) dilation 2, bias, mse', wide, kernelSize=[5, 5], stride=[1, 3],
             dilation=[2, 2], bias=True, loss='mse'),
        case('2 input channels, 2 output channels, 2x2, bias', two, kernelSize=[2, 2], outChannels=2,
             bias=True),
        case('2 input channels, 3 output channels, 2x2, mse (divides by every output)', two,
             kernelSize=[2, 2], outChannels=3, loss='mse'),
        case('12x10, 7x7 zeros padding 3 (49 weights)', wide, kernelSize=[7, 7], padding=[3, 3]),
        case('12x10, 9x9 zeros padding 4 (81 weights: the iterative path)', wide, kernelSize=[9, 9],
             padding=[4, 4]),
    ]
    fixture = {
        'generator': f'PyTorch {torch.__version__}, scripts/make-stability-fixtures.py',
        'rule': 'limit = 2 / lambda_max(Hessian of the loss in the weights), plain gradient descent',
        'cases': cases,
    }
    out = pathlib.Path(__file__).resolve().parent.parent / 'test' / 'fixtures' / 'torch' / 'stability.json'
    out.write_text(json.dumps(fixture) + '\n')
    for c in cases:
        print(f"{c['id']}: lambda_max {c['lambdaMax']:.6g}, limit {c['limit']:.6g}")
    print(f'wrote {out}')


if __name__ == '__main__':
    main()
