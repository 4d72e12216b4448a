"""The same metrics for both sides, from their output files.

usage: evaluate.py SPLIT CLIENTSEG_SCORES PEER_PREDICTIONS
SPLIT has id, split, label, truth. Segments: ARI against truth over every row of SPLIT (a row
a side did not score counts as its own segment). Classifiers, on the test rows: ROC AUC (binary:
of the second class; multi-class: macro one-vs-rest) from the probability columns, and macro-F1 of
the most probable class. Prints one JSON line.
"""
import json
import sys

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, f1_score, roc_auc_score


def classifier_metrics(labels, proba, classes):
    p = proba.reindex(columns=[f"p_{c}" for c in classes]).fillna(0.0).to_numpy()
    predicted = np.array(classes)[p.argmax(axis=1)]
    if len(classes) == 2:
        auc = roc_auc_score(labels == classes[1], p[:, 1])
    else:
        auc = roc_auc_score(labels, p / np.clip(p.sum(axis=1, keepdims=True), 1e-12, None), multi_class="ovr", average="macro", labels=classes)
    return {"auc": round(float(auc), 4), "f1": round(float(f1_score(labels, predicted, average="macro", labels=classes)), 4)}


def side(split, frame, segment_column, prefix):
    frame = frame.set_index(frame.columns[0]).reindex(split["id"])
    segments = frame[segment_column].astype(str).where(frame[segment_column].notna(), "missing")
    result = {"ari": round(float(adjusted_rand_score(split["truth"], segments)), 4)}
    test = (split["split"] == "test").to_numpy()
    labels = split.loc[test, "label"].to_numpy()
    classes = sorted(split.loc[split["split"] != "unlabelled", "label"].unique())
    proba = frame.loc[test, [c for c in frame.columns if c.startswith(prefix + "p_")]]
    proba.columns = [c[len(prefix):] for c in proba.columns]
    result.update(classifier_metrics(labels, proba, classes))
    if "truth_risk" in split.columns:  # how well the true risk class is recovered through noisy labels
        truth_risk = split.loc[test, "truth_risk"].to_numpy()
        result["f1_vs_truth_risk"] = classifier_metrics(truth_risk, proba, classes)["f1"]
    return result


def main(split_path, clientseg_path, peer_path):
    split = pd.read_csv(split_path, dtype=str, keep_default_na=False)
    ours = pd.read_csv(clientseg_path, dtype={"behaviour_segment": str}, low_memory=False)
    peer = pd.read_csv(peer_path, dtype={"id": str, "segment": str})
    result = {"n": len(split), "test": int((split["split"] == "test").sum()), "clientseg": side(split, ours, "behaviour_segment", "")}
    for name in ("hgb", "lr", "mlp"):
        result[name] = side(split, peer, "segment", name + "_")
    result["kmeans_ari"] = result["hgb"].pop("ari")
    for name in ("lr", "mlp"):
        result[name].pop("ari")
    print(json.dumps(result))


if __name__ == "__main__":
    main(*sys.argv[1:4])
