"""Writes the benchmark's tabular data sets: the real tables that ship inside python3-sklearn and
synthetic ones with heavy tails, sentinels and categorical columns. Each goes to DIR/NAME/:
all.csv (id, features, y), train.csv (the train rows of all.csv) and split.csv (id, split, label,
truth): one seeded stratified split that clientseg and the peer both read.

usage: /usr/bin/python3 tables.py OUT_DIR
"""
import json
import os
import sys

import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, load_digits, load_iris, load_wine, make_classification
from sklearn.model_selection import train_test_split

SEED = 2026
TEST_SIZE = 0.3


def real(loader):
    bunch = loader()
    columns = [f"f_{str(name).replace(' ', '_')}" for name in bunch.feature_names]
    return pd.DataFrame(bunch.data, columns=columns), bunch.target


def synthetic(n_classes, seed):
    """make_classification, then what real exports look like: exp/cube tails, a -999 sentinel in
    ~5% of one column, string categories (one with ~200 levels) carrying part of the signal."""
    x, y = make_classification(n_samples=6000, n_features=16, n_informative=8, n_redundant=3,
                               n_classes=n_classes, n_clusters_per_class=2, class_sep=0.9,
                               flip_y=0.02, random_state=seed)
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(x, columns=[f"x{i}" for i in range(x.shape[1])])
    frame["x0"] = np.exp(1.5 * frame["x0"])          # log-normal tail
    frame["x1"] = frame["x1"] ** 3                    # heavy symmetric tail
    frame["x2"] = np.exp(frame["x2"] * 2.5) * 1000.0  # amounts over several orders of magnitude
    frame.loc[rng.random(len(frame)) < 0.05, "x3"] = -999.0
    # Two informative columns become categories: coarse bands and ~200 "branch" codes.
    bands = pd.qcut(frame["x4"], 4, labels=["low", "mid", "high", "top"]).astype(str)
    branch = (pd.qcut(frame["x5"], 20, labels=False).astype(int) * 10 + rng.integers(0, 10, len(frame)))
    frame["band"] = bands
    frame["branch"] = [f"BR{b:03d}" for b in branch]
    frame["channel"] = rng.choice(["app", "counter", "phone"], len(frame), p=[0.6, 0.3, 0.1])  # noise
    frame = frame.drop(columns=["x4", "x5"])
    return frame, y


DATASETS = {
    "breast_cancer": lambda: real(load_breast_cancer),
    "wine": lambda: real(load_wine),
    "iris": lambda: real(load_iris),
    "digits": lambda: real(load_digits),
    "synthetic_binary": lambda: synthetic(2, 11),
    "synthetic_3class": lambda: synthetic(3, 12),
}


def main(out_dir):
    written = []
    for name, make in DATASETS.items():
        features, target = make()
        folder = os.path.join(out_dir, name)
        os.makedirs(folder, exist_ok=True)
        table = features.copy()
        table.insert(0, "id", [f"R{i:05d}" for i in range(len(table))])
        table["y"] = [f"c{int(v)}" for v in target]
        train_ids, _ = train_test_split(table["id"], test_size=TEST_SIZE, stratify=table["y"], random_state=SEED)
        is_train = table["id"].isin(set(train_ids))
        table.to_csv(os.path.join(folder, "all.csv"), index=False)
        table[is_train].to_csv(os.path.join(folder, "train.csv"), index=False)
        pd.DataFrame({"id": table["id"], "split": np.where(is_train, "train", "test"),
                      "label": table["y"], "truth": table["y"]}).to_csv(os.path.join(folder, "split.csv"), index=False)
        written.append({"name": name, "dir": folder, "n": len(table), "k": int(table["y"].nunique())})
    print(json.dumps(written))


if __name__ == "__main__":
    main(sys.argv[1])
