// Child process: DuckDB (two threads) reads the generated transactions.csv and computes a grouped
// aggregate per client over the feature window; prints one JSON line. The peer figure for
// clientseg's ingest + features (issue 15 part 5). @duckdb/node-api is a devDependency of the
// benchmark only.
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { peakRssMiB, startClock } from './measure-child.js';

const [dir, asOf] = process.argv.slice(2);
if (!dir || !asOf || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error('usage: duckdb-aggregate DIR AS_OF(YYYY-MM-DD)');
const file = path.join(dir, 'transactions.csv').replaceAll("'", "''");
// The contract's columns with their types, as a user who knows the file would declare them
// (no sniffing); the aggregate is a small cousin of the feature catalogue: counts, flows by
// direction, trades, recency and active months over the 12 months before as-of.
const columns = "{'txn_id': 'VARCHAR', 'client_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DOUBLE', 'direction': 'VARCHAR', "
  + "'type': 'VARCHAR', 'asset_class': 'VARCHAR', 'product_risk': 'VARCHAR', 'currency': 'VARCHAR'}";
const aggregate = `
  SELECT client_id,
    count(*) AS txns,
    sum(amount) FILTER (WHERE direction = 'credit') AS credits,
    sum(amount) FILTER (WHERE direction = 'debit') AS debits,
    count(*) FILTER (WHERE type IN ('buy', 'sell')) AS trades,
    max(date) AS last_date,
    count(DISTINCT date_trunc('month', date)) AS active_months
  FROM read_csv('${file}', header = true, columns = ${columns})
  WHERE date > DATE '${asOf}' - INTERVAL 12 MONTH AND date <= DATE '${asOf}'
  GROUP BY client_id`;

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await instance.connect();
const clock = startClock();
await connection.run(`CREATE TEMP TABLE per_client AS ${aggregate}`);
const { seconds, cpuSeconds } = clock();
// Counted after the clock stops: how many clients and rows the timed query covered.
const summary = await connection.runAndReadAll(`SELECT (SELECT count(*) FROM per_client)::BIGINT, (SELECT sum(txns) FROM per_client)::BIGINT,
  (SELECT count(*) FROM read_csv('${file}', header = true, columns = ${columns}))::BIGINT`);
const [clients, inWindow, transactions] = summary.getRows()[0]!.map(Number);
connection.closeSync();
instance.closeSync();
process.stdout.write(`${JSON.stringify({ clients, transactions, transactionsInWindow: inWindow, seconds, cpuSeconds, peakRssMiB: peakRssMiB() })}\n`);
