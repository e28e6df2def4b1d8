"""PyTorch's side of `npm run bench`'s LeNet lines: d2l's LeNet (Xavier init; sigmoid + average pooling,
or ReLU + max pooling), one CPU thread, SGD steps (lr 0.9) on a random batch of 1 x 28 x 28 images.
Prints one JSON line: {"torch": version, "msPerStep": median, "steps": n}. Spawned by
core/bench/lenet.bench.ts; the project never needs Python.

Usage: python3 core/bench/lenet_torch.py [budget_seconds] [batch_size] [sigmoid|relu]
"""
import json
import sys
import time

import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(0)
budget = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
batch = int(sys.argv[2]) if len(sys.argv) > 2 else 256
activation = sys.argv[3] if len(sys.argv) > 3 else "sigmoid"
act = nn.Sigmoid if activation == "sigmoid" else nn.ReLU
pool = nn.AvgPool2d if activation == "sigmoid" else nn.MaxPool2d


def init_cnn(module):
    if type(module) == nn.Linear or type(module) == nn.Conv2d:
        nn.init.xavier_uniform_(module.weight)


net = nn.Sequential(
    nn.Conv2d(1, 6, kernel_size=5, padding=2), act(), pool(kernel_size=2, stride=2),
    nn.Conv2d(6, 16, kernel_size=5), act(), pool(kernel_size=2, stride=2),
    nn.Flatten(), nn.Linear(400, 120), act(), nn.Linear(120, 84), act(), nn.Linear(84, 10))
net.apply(init_cnn)
optimizer = torch.optim.SGD(net.parameters(), lr=0.9)
loss_fn = nn.CrossEntropyLoss()
images = torch.rand(batch, 1, 28, 28)
labels = torch.randint(0, 10, (batch,))


def step():
    optimizer.zero_grad()
    loss = loss_fn(net(images), labels)
    loss.backward()
    optimizer.step()


for _ in range(5):
    step()
times = []
end = time.perf_counter() + budget
while time.perf_counter() < end or len(times) < 5:
    start = time.perf_counter()
    step()
    times.append(time.perf_counter() - start)
times.sort()
print(json.dumps({"torch": torch.__version__, "msPerStep": times[len(times) // 2] * 1000, "steps": len(times)}))
