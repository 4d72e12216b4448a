"""The scikit-learn peer: the pipeline a data scientist would write in an afternoon, on the same
files clientseg reads. Writes one row per id: its k-means segment and, per classifier (hgb, lr,
mlp), a probability per class; prints one JSON line of timings.

client bases: peer.py clients CLIENTS TRANSACTIONS AS_OF K OUT
    features: per-type count shares (crosstab normalised by row), purchase amount mix by asset
    class and by product risk, age, log AUM, dependants; k-means on the behaviour columns alone;
    the classifiers learn declared_risk from the clients that have one in CLIENTS (the benchmark
    blanks the test clients' labels in the copy both sides read).
tables:       peer.py table TRAIN ALL TARGET ID K OUT
    numeric columns imputed (median) and scaled, string columns one-hot (ordinal codes for
    gradient boosting); everything is fitted on TRAIN and applied to ALL.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

SEED = 0
timings = {}


def timed(name, fn):
    start = time.perf_counter()
    result = fn()
    timings[name] = round(time.perf_counter() - start, 2)
    return result


def client_features(clients_path, transactions_path, as_of):
    clients = pd.read_csv(clients_path, dtype={"client_id": str, "declared_risk": str})
    txns = pd.read_csv(transactions_path, usecols=["client_id", "date", "amount", "type", "asset_class", "product_risk"],
                       dtype={"client_id": str, "type": str, "asset_class": str, "product_risk": str})
    txns = txns[txns["date"].str.slice(0, 10) < as_of]  # the horizon after as-of is the future
    ids = clients["client_id"]
    type_share = pd.crosstab(txns["client_id"], txns["type"], normalize="index").add_prefix("type_")
    buys = txns[txns["type"] == "buy"]
    asset_mix = pd.crosstab(buys["client_id"], buys["asset_class"].fillna("missing"), values=buys["amount"],
                            aggfunc="sum", normalize="index").add_prefix("asset_")
    risk_mix = pd.crosstab(buys["client_id"], buys["product_risk"].fillna("missing"), values=buys["amount"],
                           aggfunc="sum", normalize="index").add_prefix("risk_")
    behaviour = pd.concat([type_share, asset_mix, risk_mix], axis=1).reindex(ids).fillna(0.0)
    age = (pd.Timestamp(as_of) - pd.to_datetime(clients["birth_date"], errors="coerce")).dt.days / 365.25
    profile = pd.DataFrame({
        "age": age.fillna(age.median()).to_numpy(),
        "log_aum": np.log1p(clients["aum"].clip(lower=0)).to_numpy(),
        "dependants": clients["dependants"].fillna(clients["dependants"].median()).to_numpy(),
    }, index=behaviour.index)
    labels = clients["declared_risk"].fillna("").to_numpy()
    return ids.to_numpy(), behaviour, pd.concat([behaviour, profile], axis=1), labels


def classifiers(categorical, numeric):
    dense = ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
        ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
    ])
    ordinal = ColumnTransformer([
        ("cat", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan, encoded_missing_value=np.nan), categorical),
        ("num", "passthrough", numeric),
    ])
    mask = [True] * len(categorical) + [False] * len(numeric)
    return {
        "hgb": make_pipeline(ordinal, HistGradientBoostingClassifier(categorical_features=mask if categorical else None, random_state=SEED)),
        "lr": make_pipeline(dense, LogisticRegression(max_iter=1000)),
        "mlp": make_pipeline(dense, MLPClassifier(hidden_layer_sizes=(64, 32), random_state=SEED)),
    }, dense


def fit_and_predict(ids, x_seg_fit, x_seg_all, x_fit, y_fit, x_all, k, models, seg_transform, out):
    segment_model = make_pipeline(seg_transform, KMeans(n_clusters=k, n_init=10, random_state=SEED))
    timed("kmeans", lambda: segment_model.fit(x_seg_fit))
    columns = {"id": ids, "segment": segment_model.predict(x_seg_all)}
    for name, model in models.items():
        timed(name, lambda: model.fit(x_fit, y_fit))
        proba = model.predict_proba(x_all)
        for j, cls in enumerate(model.classes_):
            columns[f"{name}_p_{cls}"] = np.round(proba[:, j], 6)
    pd.DataFrame(columns).to_csv(out, index=False)


def main(argv):
    start = time.perf_counter()
    if argv[0] == "clients":
        _, clients_path, transactions_path, as_of, k, out = argv
        ids, behaviour, features, labels = timed("features", lambda: client_features(clients_path, transactions_path, as_of))
        labelled = labels != ""
        models, _ = classifiers([], list(features.columns))
        fit_and_predict(ids, behaviour, behaviour, features[labelled], labels[labelled], features, int(k), models, StandardScaler(), out)
    else:
        _, train_path, all_path, target, id_column, k, out = argv
        train = pd.read_csv(train_path, dtype={id_column: str, target: str})
        table = pd.read_csv(all_path, dtype={id_column: str, target: str})
        x_train, x_all = train.drop(columns=[id_column, target]), table.drop(columns=[id_column, target], errors="ignore")
        categorical = [c for c in x_train.columns if x_train[c].dtype == object]
        numeric = [c for c in x_train.columns if c not in categorical]
        models, dense = classifiers(categorical, numeric)
        fit_and_predict(table[id_column].to_numpy(), x_train, x_all, x_train, train[target].to_numpy(), x_all, int(k), models, dense, out)
    timings["total_in_script"] = round(time.perf_counter() - start, 2)
    print(json.dumps(timings))


if __name__ == "__main__":
    main(sys.argv[1:])
