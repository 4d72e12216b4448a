# Child process: pandas reads the generated transactions.csv and computes the same grouped
# aggregate per client as bench/duckdb-aggregate.ts; prints one JSON line. Run by
# bench/pandas-aggregate.ts with the first python3 that has pandas.
import json
import resource
import sys
import time

import pandas as pd

path, as_of = sys.argv[1], pd.Timestamp(sys.argv[2])
wall, cpu = time.perf_counter(), time.process_time()
# What a data scientist writes: the columns the aggregate needs, codes as categories.
df = pd.read_csv(path, usecols=["client_id", "date", "amount", "direction", "type"],
                 dtype={"client_id": "string", "amount": "float64", "direction": "category", "type": "category"},
                 parse_dates=["date"])
read = len(df)
df = df[(df["date"] > as_of - pd.DateOffset(months=12)) & (df["date"] <= as_of)]
df = df.assign(
    credit=df["amount"].where(df["direction"] == "credit", 0.0),
    debit=df["amount"].where(df["direction"] == "debit", 0.0),
    trade=df["type"].isin(["buy", "sell"]),
    month=df["date"].dt.to_period("M"),
)
per_client = df.groupby("client_id", sort=False).agg(
    txns=("amount", "size"), credits=("credit", "sum"), debits=("debit", "sum"), trades=("trade", "sum"),
    last_date=("date", "max"), active_months=("month", "nunique"),
)
seconds, cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu
print(json.dumps({
    "clients": len(per_client), "transactions": read, "transactionsInWindow": int(per_client["txns"].sum()),
    "seconds": round(seconds, 2), "cpuSeconds": round(cpu_seconds, 2),
    "peakRssMiB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    "pandas": pd.__version__,
}))
