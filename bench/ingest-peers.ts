// Issue 15 part 5: clientseg's `features` process beside DuckDB (two threads) and pandas reading
// the same transactions.csv and computing a grouped aggregate per client over the feature window.
import { measureInChild, type ChildFigures } from './measure-child.js';

export const INGEST_PEERS_TITLE = 'ingest against DuckDB and pandas, same transactions.csv (goals: clientseg ≤ 2× DuckDB, ≤ 0.4× pandas)\n'
  + 'clientseg: the whole `clientseg features` process (start-up, validation, rejects, 83 features, features.csv); '
  + 'DuckDB (2 threads) and pandas: read the file and one grouped aggregate per client (count, flows by direction, trades, last date, active months) over the same 12-month window.\n'
  + 'Each cell is wall / CPU seconds; on a shared machine the CPU ratio is the steadier one.';

export const INGEST_PEERS_HEADER = `${'scenario'.padEnd(34)} ${'clientseg'.padStart(13)} ${'DuckDB'.padStart(13)} ${'pandas'.padStart(13)} ${'÷ DuckDB'.padStart(13)} ${'÷ pandas'.padStart(13)}`;

const pair = (wall: number, cpu: number | undefined): string => `${wall.toFixed(2)} / ${cpu === undefined ? '–' : cpu.toFixed(2)}`.padStart(13);
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;

/** One printed row: the `features` CLI figures already measured, then the two peers on the same folder. */
export async function measureIngestPeers(scenario: string, dir: string, asOf: string, cli: ChildFigures): Promise<string> {
  const duck = await measureInChild('duckdb-aggregate.js', [dir, asOf]);
  const pandas = await measureInChild('pandas-aggregate.js', [dir, asOf]);
  if (duck.transactions !== cli.transactions) throw new Error(`DuckDB read ${duck.transactions} rows where clientseg read ${cli.transactions}`);
  const cliWall = Number(cli.seconds);
  const cliCpu = cli.cpuSeconds === undefined ? undefined : Number(cli.cpuSeconds);
  const both = (w: number, c: number | undefined) => `${ratio(cliWall, w)} / ${cliCpu === undefined || c === undefined ? '–' : ratio(cliCpu, c)}`.padStart(13);
  const pandasCells = 'skipped' in pandas
    ? [`${'–'.padStart(13)}`, `${'–'.padStart(13)}`, `(pandas: ${pandas.skipped})`]
    : [pair(Number(pandas.seconds), Number(pandas.cpuSeconds)), both(Number(pandas.seconds), Number(pandas.cpuSeconds)), `(pandas ${pandas.pandas}, peak ${pandas.peakRssMiB} MiB)`];
  return [scenario.padEnd(34), pair(cliWall, cliCpu), pair(Number(duck.seconds), Number(duck.cpuSeconds)), pandasCells[0], both(Number(duck.seconds), Number(duck.cpuSeconds)), pandasCells[1],
    `DuckDB peak ${duck.peakRssMiB} MiB ${pandasCells[2]}`].join(' ');
}
