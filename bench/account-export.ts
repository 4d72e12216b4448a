// Child process: rewrites a generated client base as a bank exports it, keyed by account with the
// transaction kind spread over two code columns, and writes the mapping that reads it back (code
// rules over both columns, a skip rule, accounts). Prints one JSON line.
import { createReadStream, createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { TXN_TYPES } from '../src/core/contract.js';

const [dir] = process.argv.slice(2);
if (!dir) throw new Error('usage: account-export DIR');
const started = process.hrtime.bigint();
const out = createWriteStream(path.join(dir, 'transactions-by-account.csv'));
const clients = new Set<string>();
let n = 0;
let header = true;
// Each client holds two accounts; TYP (1 credit, 2 debit) and OPER (the kind, 1–16) share values.
for await (const line of createInterface({ input: createReadStream(path.join(dir, 'transactions.csv')) })) {
  const cells = line.split(',');
  if (header) {
    out.write('txn_id,account_id,date,amount,TYP,OPER,asset_class,product_risk,currency\n');
    header = false;
    continue;
  }
  clients.add(cells[1]!);
  const typ = cells[4] === 'credit' ? '1' : '2';
  const oper = String(TXN_TYPES.indexOf(cells[5] as (typeof TXN_TYPES)[number]) + 1);
  if (!out.write(`${cells[0]},${cells[1]}-${n % 2},${cells[2]},${cells[3]},${typ},${oper},${cells[6]},${cells[7]},${cells[8]}\n`)) {
    await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  n++;
}
await new Promise<void>((resolve) => out.end(() => resolve()));
writeFileSync(path.join(dir, 'accounts.csv'), ['account_id,client_id,role', ...[...clients].flatMap((c) => [`${c}-0,${c},owner`, `${c}-1,${c},owner`])].join('\n') + '\n');
writeFileSync(path.join(dir, 'account-mapping.json'), JSON.stringify({
  transactions: {
    rules: {
      type: { cases: TXN_TYPES.map((t, i) => ({ when: { OPER: String(i + 1), TYP: ['1', '2'] }, then: t })), otherwise: 'reject' },
      direction: { cases: [{ when: { TYP: '1' }, then: 'credit' }, { when: { TYP: '2' }, then: 'debit' }], otherwise: 'reject' },
    },
    skip: [{ reason: 'reversal', when: { OPER: '99' } }],
  },
}, null, 2));
process.stdout.write(`${JSON.stringify({ rows: n, seconds: Number((Number(process.hrtime.bigint() - started) / 1e9).toFixed(2)) })}\n`);
