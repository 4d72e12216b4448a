"""One seeded stratified split of a client base's labelled clients, read by both sides.

usage: split.py CLIENTS TRUTH OUT_DIR
Writes OUT_DIR/split.csv (id, split: train | test | unlabelled, label: declared_risk,
truth: archetype, truth_risk) and OUT_DIR/clients-train.csv: CLIENTS with declared_risk and
risk_assessed_on blanked for the test clients, the copy clientseg and the peer train on.
"""
import os
import sys

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

SEED = 2026
TEST_SIZE = 0.3


def main(clients_path, truth_path, out_dir):
    # Every column as text, written back as read: the copy differs only in the blanked labels.
    clients = pd.read_csv(clients_path, dtype=str, keep_default_na=False)
    truth = pd.read_csv(truth_path, dtype=str, keep_default_na=False).set_index("client_id")
    labelled = clients.loc[clients["declared_risk"] != "", ["client_id", "declared_risk"]]
    _, test_ids = train_test_split(labelled["client_id"], test_size=TEST_SIZE, stratify=labelled["declared_risk"], random_state=SEED)
    test = clients["client_id"].isin(set(test_ids))
    split = np.where(test, "test", np.where(clients["declared_risk"] != "", "train", "unlabelled"))
    pd.DataFrame({
        "id": clients["client_id"], "split": split, "label": clients["declared_risk"],
        "truth": truth.loc[clients["client_id"], "archetype"].to_numpy(),
        "truth_risk": truth.loc[clients["client_id"], "risk_tolerance"].to_numpy(),
    }).to_csv(os.path.join(out_dir, "split.csv"), index=False)
    blanked = clients.copy()
    blanked.loc[test, "declared_risk"] = ""
    if "risk_assessed_on" in blanked.columns:
        blanked.loc[test, "risk_assessed_on"] = ""
    blanked.to_csv(os.path.join(out_dir, "clients-train.csv"), index=False)


if __name__ == "__main__":
    main(*sys.argv[1:4])
