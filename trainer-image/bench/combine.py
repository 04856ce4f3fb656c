#!/usr/bin/env python3
"""Combines the JSON of side-by-side.sh (djl-ROUND-CONFIG.json, torch-ROUND-CONFIG.json) into markdown tables:
medians over rounds, DJL / PyTorch ratios, and candidate batching against both sequential loops."""
import glob
import json
import os
import statistics
import sys


def load(folder, engine):
    rows = {}
    for path in sorted(glob.glob(os.path.join(folder, f"{engine}-*.json"))):
        with open(path) as f:
            for r in json.load(f)["configs"]:
                rows.setdefault(r["name"], []).append(r)
    return rows


def med(values):
    return statistics.median(values) if values else float("nan")


def main(folder):
    djl, torch = load(folder, "djl"), load(folder, "torch")
    order = [c for c in ("tiny", "small", "full") if c in djl]
    print("| config | DJL weight step ms | PyTorch weight step ms | DJL / PyTorch | DJL images/s | DJL peak RSS MiB |"
          " PyTorch peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for c in order:
        d = med([r["weightStepMs"] for r in djl[c]])
        t = med([r["weightStepMs"] for r in torch.get(c, [])])
        print(f"| {c} | {d:.1f} | {t:.1f} | {d / t:.2f} | {med([r['imagesPerSecond'] for r in djl[c]]):.0f} | "
              f"{max(r['peakRssBytes'] for r in djl[c]) / 2**20:.0f} | "
              f"{max(r['peakRssBytes'] for r in torch.get(c, [])) / 2**20:.0f} |")
    print()
    print("| config | strategy | DJL sequential ms | DJL batched ms | PyTorch sequential ms | batched / DJL sequential |"
          " batched / PyTorch sequential |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for c in order:
        for s in djl[c][0]["alphaUpdateMs"]:
            seq = med([r["alphaUpdateMs"][s]["sequential"] for r in djl[c]])
            bat = med([r["alphaUpdateMs"][s]["batched"] for r in djl[c]])
            ref = med([r["alphaUpdateMs"][s]["sequential"] for r in torch.get(c, []) if s in r["alphaUpdateMs"]])
            print(f"| {c} | {s} | {seq:.0f} | {bat:.0f} | {ref:.0f} | {bat / seq:.2f} | {bat / ref:.2f} |")
    rounds = len(djl[order[0]]) if order else 0
    print(f"\nMedians over {rounds} interleaved rounds; each round's value is itself a median of repeats.")


if __name__ == "__main__":
    main(sys.argv[1])
