#!/usr/bin/env python3
"""PyTorch reference benchmark for `zarts bench`: the same DARTS search supernet (search-form ops of the
darts-no-none space), the same configurations, one thread, and the released ZARTS code's sequential candidate
loop for alpha updates (restore the weights, set the candidate's alphas, M inner SGD steps, score).

Install (Debian 12):  apt-get install -y --no-install-recommends python3-torch     # PyTorch 1.13.1, CPU
Run:                  /usr/bin/python3 trainer-image/bench/reference_bench.py [--configs tiny,small] [--json]
Side by side:         trainer-image/bench/side-by-side.sh  (runs this and `zarts bench`, prints both with ratios)

Not part of the test suite: it only times. Data are random tensors of the configuration's shape.
"""
import argparse
import json
import math
import resource
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

# name, C, layers, image size, classes, batch, N candidates (MGS), M inner steps, alpha updates timed
CONFIGS = {
    "tiny": (4, 3, 16, 4, 16, 4, 10, True),
    "small": (8, 5, 32, 10, 32, 4, 10, True),
    "full": (16, 8, 32, 10, 64, 4, 10, False),
}
PRIMITIVES = ["max_pool_3x3", "avg_pool_3x3", "skip_connect", "sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3",
              "dil_conv_5x5"]
NODES = 4
# Candidates per alpha update, as zarts's strategies draw them: MGS N, RS N antithetic pairs, GLD one per radius
# (ceil(log2(0.13 / 4.69e-6)) = 15 with the defaults).
CANDIDATES = {"mgs": lambda n: n, "rs": lambda n: 2 * n, "gld": lambda n: math.ceil(math.log2(0.13 / 4.69e-6))}


class ReLUConvBN(nn.Sequential):
    def __init__(self, c_in, c_out, k, stride, pad):
        super().__init__(nn.ReLU(), nn.Conv2d(c_in, c_out, k, stride, pad, bias=False),
                         nn.BatchNorm2d(c_out, affine=False))


class FactorizedReduce(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv_1 = nn.Conv2d(c_in, c_out // 2, 1, 2, 0, bias=False)
        self.conv_2 = nn.Conv2d(c_in, c_out // 2, 1, 2, 0, bias=False)
        self.bn = nn.BatchNorm2d(c_out, affine=False)

    def forward(self, x):
        x = F.relu(x)
        return self.bn(torch.cat([self.conv_1(x), self.conv_2(x[:, :, 1:, 1:])], dim=1))


def sep_conv(c, k, stride, pad):
    return nn.Sequential(nn.ReLU(), nn.Conv2d(c, c, k, stride, pad, groups=c, bias=False),
                         nn.Conv2d(c, c, 1, bias=False), nn.BatchNorm2d(c, affine=False),
                         nn.ReLU(), nn.Conv2d(c, c, k, 1, pad, groups=c, bias=False),
                         nn.Conv2d(c, c, 1, bias=False), nn.BatchNorm2d(c, affine=False))


def dil_conv(c, k, stride, pad):
    return nn.Sequential(nn.ReLU(), nn.Conv2d(c, c, k, stride, pad, dilation=2, groups=c, bias=False),
                         nn.Conv2d(c, c, 1, bias=False), nn.BatchNorm2d(c, affine=False))


def make_op(name, c, stride):
    if name == "max_pool_3x3":
        return nn.Sequential(nn.MaxPool2d(3, stride, 1), nn.BatchNorm2d(c, affine=False))
    if name == "avg_pool_3x3":
        return nn.Sequential(nn.AvgPool2d(3, stride, 1, count_include_pad=False), nn.BatchNorm2d(c, affine=False))
    if name == "skip_connect":
        return nn.Identity() if stride == 1 else FactorizedReduce(c, c)
    if name == "sep_conv_3x3":
        return sep_conv(c, 3, stride, 1)
    if name == "sep_conv_5x5":
        return sep_conv(c, 5, stride, 2)
    if name == "dil_conv_3x3":
        return dil_conv(c, 3, stride, 2)
    return dil_conv(c, 5, stride, 4)


class MixedOp(nn.Module):
    def __init__(self, c, stride):
        super().__init__()
        self._ops = nn.ModuleList(make_op(p, c, stride) for p in PRIMITIVES)

    def forward(self, x, weights):
        return sum(w * op(x) for w, op in zip(weights, self._ops))


class Cell(nn.Module):
    def __init__(self, c_pp, c_p, c, reduction, reduction_prev):
        super().__init__()
        self.reduction = reduction
        self.preprocess0 = FactorizedReduce(c_pp, c) if reduction_prev else ReLUConvBN(c_pp, c, 1, 1, 0)
        self.preprocess1 = ReLUConvBN(c_p, c, 1, 1, 0)
        self._ops = nn.ModuleList()
        for i in range(NODES):
            for j in range(2 + i):
                self._ops.append(MixedOp(c, 2 if reduction and j < 2 else 1))

    def forward(self, s0, s1, weights):
        states = [self.preprocess0(s0), self.preprocess1(s1)]
        offset = 0
        for i in range(NODES):
            s = sum(self._ops[offset + j](h, weights[offset + j]) for j, h in enumerate(states))
            offset += len(states)
            states.append(s)
        return torch.cat(states[-NODES:], dim=1)


class Network(nn.Module):
    def __init__(self, c, layers, classes):
        super().__init__()
        c_curr = 3 * c
        self.stem = nn.Sequential(nn.Conv2d(3, c_curr, 3, padding=1, bias=False), nn.BatchNorm2d(c_curr))
        c_pp, c_p, c_curr = c_curr, c_curr, c
        self.cells = nn.ModuleList()
        reduction_prev = False
        for i in range(layers):
            reduction = i in (layers // 3, 2 * layers // 3)
            if reduction:
                c_curr *= 2
            self.cells.append(Cell(c_pp, c_p, c_curr, reduction, reduction_prev))
            reduction_prev = reduction
            c_pp, c_p = c_p, NODES * c_curr
        self.classifier = nn.Linear(c_p, classes)
        edges = sum(2 + i for i in range(NODES))
        self.alphas_normal = 1e-3 * torch.randn(edges, len(PRIMITIVES))
        self.alphas_reduce = 1e-3 * torch.randn(edges, len(PRIMITIVES))

    def forward(self, x):
        s0 = s1 = self.stem(x)
        wn = F.softmax(self.alphas_normal, dim=-1)
        wr = F.softmax(self.alphas_reduce, dim=-1)
        for cell in self.cells:
            s0, s1 = s1, cell(s0, s1, wr if cell.reduction else wn)
        return self.classifier(F.adaptive_avg_pool2d(s1, 1).flatten(1))


def weight_step(net, opt, x, y):
    opt.zero_grad()
    loss = F.cross_entropy(net(x), y)
    loss.backward()
    nn.utils.clip_grad_norm_(net.parameters(), 5.0)
    opt.step()
    return loss.item()


def alpha_update(net, candidates, inner, scoring):
    """The released code's sequential loop: every candidate from the same weights, trained M steps, scored."""
    state = {k: v.clone() for k, v in net.state_dict().items()}
    base_n, base_r = net.alphas_normal.clone(), net.alphas_reduce.clone()
    with torch.no_grad():
        F.cross_entropy(net(scoring[0]), scoring[1]).item()  # L0
    losses = []
    for _ in range(candidates):
        net.load_state_dict(state)
        net.alphas_normal = base_n + 0.025 * torch.randn_like(base_n)
        net.alphas_reduce = base_r + 0.025 * torch.randn_like(base_r)
        opt = torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9, weight_decay=3e-4)
        for x, y in inner:
            weight_step(net, opt, x, y)
        with torch.no_grad():
            losses.append(F.cross_entropy(net(scoring[0]), scoring[1]).item())
    net.load_state_dict(state)
    net.alphas_normal, net.alphas_reduce = base_n, base_r
    return losses


def median_ms(repeats, fn, warmups=1):
    for _ in range(warmups):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(name, repeats, strategies, full_alpha):
    c, layers, size, classes, batch, n, m, alpha = CONFIGS[name]
    alpha = alpha or full_alpha
    torch.manual_seed(1)
    net = Network(c, layers, classes).train()
    opt = torch.optim.SGD(net.parameters(), lr=0.025, momentum=0.9, weight_decay=3e-4)
    batches = [(torch.randn(batch, 3, size, size), torch.randint(0, classes, (batch,))) for _ in range(m + 1)]
    step_ms = median_ms(repeats, lambda: weight_step(net, opt, *batches[0]), warmups=5)  # as zarts bench
    print(f"{name}: weight step {step_ms:.1f} ms", file=sys.stderr, flush=True)
    result = {"name": name, "weightStepMs": step_ms, "imagesPerSecond": batch * 1000 / step_ms,
              "alphaUpdateMs": {}}
    if alpha:
        for s in strategies:
            ms = median_ms(repeats, lambda: alpha_update(net, CANDIDATES[s](n), batches[:m], batches[m]))
            result["alphaUpdateMs"][s] = {"sequential": ms}
            print(f"{name}: {s} alpha update {ms:.0f} ms sequential", file=sys.stderr, flush=True)
    result["peakRssBytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--configs", default="tiny,small,full")
    p.add_argument("--strategies", default="mgs,rs,gld")
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--full-alpha", action="store_true")
    p.add_argument("--json", action="store_true")
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    strategies = [s for s in a.strategies.split(",") if s != "none"]
    results = [run(c, a.repeats, strategies, a.full_alpha) for c in a.configs.split(",")]
    doc = {"engine": f"pytorch {torch.__version__}", "threads": torch.get_num_threads(), "configs": results}
    if a.json:
        print(json.dumps(doc, indent=2))
    else:
        for r in results:
            print(f"| {r['name']} | {r['weightStepMs']:.1f} ms | {r['imagesPerSecond']:.0f} img/s | "
                  + " | ".join(f"{k} {v['sequential']:.0f} ms" for k, v in r["alphaUpdateMs"].items()) + " |")


if __name__ == "__main__":
    main()
