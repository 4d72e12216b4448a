import { cpSync, linkSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './run-cli.js';

/** The bundled sample model's champion version (it changes whenever the sample model is rebuilt). */
const SAMPLE_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'models', 'sample', 'aliases.json'), 'utf8')) as { champion: string }).champion;

/**
 * The bad-input corpus: each case is a small set of files, a command line, and what must come
 * of it. Row cases run `features` and must exit 0 with the bad rows in the rejects file under
 * their reason; stopping cases must exit with their code and one line naming the problem.
 * test/e2e/bad-input.test.ts runs every case and checks, for all of them: no stack trace,
 * one line on stderr for a failure, and read = accepted + rejected for each file.
 */
export interface BadInputCase {
  readonly name: string;
  /** Files of the case folder, over the good base files (`clients.csv`, `tx.csv`). */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
  /** Anything files cannot say: symlinks, hard links, a copied and damaged model. */
  readonly setup?: (dir: string) => void;
  /** The command line, run in the case folder. */
  readonly args: readonly string[];
  readonly exit: number;
  /** The one stderr line of a failure. */
  readonly message?: RegExp;
  /** Reject reasons and their counts in the rejects file (exit-0 row cases). */
  readonly rejects?: Readonly<Record<string, number>>;
  /** A detail the rejects file must hold. */
  readonly detail?: RegExp;
  /** Case files whose bytes must not change. */
  readonly unchanged?: readonly string[];
}

export const CLIENTS_HEADER = 'client_id,birth_date,aum,marital_status,dependants,declared_risk,risk_assessed_on,advisor_id,opened_on';
export const TX_HEADER = 'txn_id,client_id,date,amount,direction,type,asset_class,product_risk,currency';

const CLIENT_ROWS = [
  'C1,1980-05-01,600000,married,1,balanced,2025-01-10,A1,2015-03-01',
  'C2,1955-11-20,120000,widowed,0,conservative,2024-08-01,A2,2001-06-15',
  'C3,1992-02-29,2500000,single,0,aggressive,2025-05-05,A1,2019-09-09',
];
const TX_ROWS = [
  'T1,C1,2026-01-05,15000,credit,salary,,,CNY',
  'T2,C1,2026-02-05,15000,credit,salary,,,CNY',
  'T3,C1,2026-02-10,20000,debit,buy,fund,R3,CNY',
  'T4,C2,2026-03-01,4000,credit,pension,,,CNY',
  'T5,C2,2026-03-03,800,debit,card_spend,,,CNY',
  'T6,C3,2026-04-01,100000,debit,buy,equity,R5,CNY',
  'T7,C3,2026-05-01,50000,credit,sell,equity,R5,CNY',
];

export function baseFiles(): Record<string, string | Uint8Array> {
  return {
    'clients.csv': [CLIENTS_HEADER, ...CLIENT_ROWS, ''].join('\n'),
    'tx.csv': [TX_HEADER, ...TX_ROWS, ''].join('\n'),
  };
}

const clients = (...extra: (string | Uint8Array)[]): Uint8Array => lines(CLIENTS_HEADER, ...CLIENT_ROWS, ...extra);
const tx = (...extra: (string | Uint8Array)[]): Uint8Array => lines(TX_HEADER, ...TX_ROWS, ...extra);

/** Lines joined with LF (and a final LF), each a string (UTF-8) or raw bytes. */
function lines(...parts: (string | Uint8Array)[]): Uint8Array {
  return Buffer.concat(parts.flatMap((p) => [typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p), Buffer.from('\n')]));
}

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const FEATURES = ['features', '--clients', 'clients.csv', '--transactions', 'tx.csv', '--as-of', '2026-06-30', '--out', 'out/features.csv', '--reject-gate', '1'];
const SCORE = ['score', '--clients', 'clients.csv', '--transactions', 'tx.csv', '--as-of', '2026-06-30', '--out', 'out/scores.csv', '--reject-gate', '1'];
const sampleModel = (dir: string): void => cpSync(path.join(ROOT, 'models', 'sample'), path.join(dir, 'model'), { recursive: true });

export const CORPUS: readonly BadInputCase[] = [
  // Numbers out of the accepted range: one row rejected, never the run stopped (issue 14, item 1).
  { name: 'amount 1e309 (Infinity)', files: { 'tx.csv': tx('T9,C1,2026-03-01,1e309,credit,salary,,,CNY') }, args: FEATURES, exit: 0, rejects: { bad_amount: 1 }, detail: /outside the accepted range/ },
  { name: 'amount 1e155 (squares overflow)', files: { 'tx.csv': tx('T9,C1,2026-03-01,1e155,credit,salary,,,CNY') }, args: FEATURES, exit: 0, rejects: { bad_amount: 1 } },
  { name: 'amount just above 1e15', files: { 'tx.csv': tx('T9,C1,2026-03-01,1000000000000001,credit,salary,,,CNY') }, args: FEATURES, exit: 0, rejects: { bad_amount: 1 } },
  { name: 'amount written Infinity', files: { 'tx.csv': tx('T9,C1,2026-03-01,Infinity,credit,salary,,,CNY') }, args: FEATURES, exit: 0, rejects: { bad_amount: 1 } },
  { name: 'amount -1e20', files: { 'tx.csv': tx('T9,C1,2026-03-01,-1e20,credit,salary,,,CNY') }, args: FEATURES, exit: 0, rejects: { bad_amount: 1 } },
  { name: 'amount over 1e15 after FX conversion', files: { 'tx.csv': tx('T9,C1,2026-03-01,900000000000000,credit,salary,,,USD') }, args: FEATURES, exit: 0, rejects: { bad_amount: 1 }, detail: /after conversion/ },
  { name: 'aum 1e309', files: { 'clients.csv': clients('C9,1970-01-01,1e309,,,,,,') }, args: FEATURES, exit: 0, rejects: { bad_amount: 1 } },
  { name: 'aum 2e15', files: { 'clients.csv': clients('C9,1970-01-01,2000000000000000,,,,,,') }, args: FEATURES, exit: 0, rejects: { bad_amount: 1 } },
  { name: 'dependants 1e309', files: { 'clients.csv': clients('C9,1970-01-01,1000,,1e309,,,,') }, args: FEATURES, exit: 0, rejects: { bad_amount: 1 } },

  // Ids that a store or a join would mangle: rejected with their own reason (items 3 and 6).
  { name: 'NUL in a client id', files: { 'clients.csv': clients(bytes('C9', [0], ',1970-01-01,1000,,,,,,')) }, args: FEATURES, exit: 0, rejects: { bad_encoding: 1 }, detail: /client_id holds a control character \(0x00\)/ },
  { name: 'NUL in a txn id', files: { 'tx.csv': tx(bytes('T9', [0], ',C1,2026-03-01,10,credit,salary,,,CNY')) }, args: FEATURES, exit: 0, rejects: { bad_encoding: 1 } },
  { name: 'NUL in a transaction\'s client id', files: { 'tx.csv': tx(bytes('T9,C1', [0], ',2026-03-01,10,credit,salary,,,CNY')) }, args: FEATURES, exit: 0, rejects: { bad_encoding: 1 } },
  { name: 'tab inside a quoted client id', files: { 'clients.csv': clients('"C\t9",1970-01-01,1000,,,,,,') }, args: FEATURES, exit: 0, rejects: { bad_encoding: 1 } },
  { name: 'C1 control U+0085 in a client id', files: { 'clients.csv': clients(bytes('C9', [0xc2, 0x85], ',1970-01-01,1000,,,,,,')) }, args: FEATURES, exit: 0, rejects: { bad_encoding: 1 } },
  { name: 'NUL in an advisor id', files: { 'clients.csv': clients(bytes('C9,1970-01-01,1000,,,,,A', [0], ',')) }, args: FEATURES, exit: 0, rejects: { bad_encoding: 1 }, detail: /advisor_id/ },
  {
    name: 'invalid UTF-8: two ids that U+FFFD would merge',
    files: { 'clients.csv': clients(bytes('C', [0xff], '9,1970-01-01,1000,,,,,,'), bytes('C', [0xfe], '9,1970-01-01,2000,,,,,,')) },
    args: FEATURES, exit: 0, rejects: { bad_encoding: 2 }, detail: /not valid UTF-8/,
  },
  { name: 'invalid UTF-8 in a txn id', files: { 'tx.csv': tx(bytes('T', [0xc3, 0x28], ',C1,2026-03-01,10,credit,salary,,,CNY')) }, args: FEATURES, exit: 0, rejects: { bad_encoding: 1 } },
  {
    name: 'invalid GBK in a client id',
    files: {
      'clients.csv': clients(bytes('C', [0xff], '9,1970-01-01,1000,,,,,,'), bytes([0xd5, 0xc5], '9,1970-01-01,1000,,,,,,')),
      'mapping.json': JSON.stringify({ clients: { encoding: 'gbk' } }),
    },
    args: [...FEATURES, '--mapping', 'mapping.json'], exit: 0, rejects: { bad_encoding: 1 }, detail: /not valid GBK/,
  },

  // Rows the scanner cannot split (item 6).
  { name: 'over-long unquoted line', files: { 'tx.csv': tx(`T9,C1,2026-03-01,10,credit,salary,,,${'X'.repeat(3_000_000)}`, 'T10,C1,2026-03-02,10,credit,salary,,,CNY') }, args: FEATURES, exit: 0, rejects: { malformed_row: 1 }, detail: /line longer than 1048576 bytes/ },
  { name: 'unclosed quote at the end', files: { 'tx.csv': tx('T9,C1,2026-03-01,"10,credit,salary,,,CNY') }, args: FEATURES, exit: 0, rejects: { malformed_row: 1 }, detail: /unclosed quote/ },
  { name: 'text after a closing quote', files: { 'tx.csv': tx('T9,C1,2026-03-01,"10"x,credit,salary,,,CNY') }, args: FEATURES, exit: 0, rejects: { malformed_row: 1 }, detail: /text after a closing quote/ },
  { name: 'header-only transactions file', files: { 'tx.csv': `${TX_HEADER}\n` }, args: FEATURES, exit: 0, rejects: {} },

  // Whole-file and configuration problems: the run stops with the code of its kind.
  { name: 'duplicate header name', files: { 'tx.csv': 'txn_id,client_id,date,amount,direction,type,amount\nT1,C1,2026-01-05,1,credit,salary,2\n' }, args: FEATURES, exit: 4, message: /two columns named "amount"/ },
  { name: 'duplicate header name in a feature table', files: { 'f.csv': 'client_id,a,a,declared_risk\nC1,1,2,balanced\n' }, args: ['train', '--features', 'f.csv', '--out', 'models/t'], exit: 4, message: /f\.csv has two columns named "a"/ },
  { name: 'decimal separator equal to the delimiter', files: { 'mapping.json': JSON.stringify({ transactions: { decimalSeparator: ',' } }) }, args: [...FEATURES, '--mapping', 'mapping.json'], exit: 2, message: /transactions\.decimalSeparator: must differ from the delimiter/ },
  { name: 'thousands separator equal to the delimiter', files: { 'mapping.json': JSON.stringify({ transactions: { thousandsSeparator: ',' } }) }, args: [...FEATURES, '--mapping', 'mapping.json'], exit: 2, message: /transactions\.thousandsSeparator: must differ from the delimiter/ },
  { name: 'thousands separator equal to the quote', files: { 'mapping.json': JSON.stringify({ clients: { delimiter: ';', thousandsSeparator: "'", quote: "'" } }) }, args: [...FEATURES, '--mapping', 'mapping.json'], exit: 2, message: /clients\.thousandsSeparator: must differ from the quote/ },
  { name: 'mapping file not JSON', files: { 'mapping.json': '{ "clients": ' }, args: [...FEATURES, '--mapping', 'mapping.json'], exit: 2, message: /not valid JSON/ },
  { name: 'clients file missing', args: [...FEATURES.slice(0, 2), 'nowhere.csv', ...FEATURES.slice(3)], exit: 3, message: /nowhere\.csv does not exist/ },
  { name: 'transactions path is a folder', setup: (dir) => mkdirSync(path.join(dir, 'txdir')), args: [...FEATURES.slice(0, 4), 'txdir', ...FEATURES.slice(5)], exit: 3, message: /txdir does not exist or is not a file/ },
  { name: 'clients file empty', files: { 'clients.csv': '' }, args: FEATURES, exit: 4, message: /is empty/ },
  { name: 'clients file header only', files: { 'clients.csv': `${CLIENTS_HEADER}\n` }, args: FEATURES, exit: 4, message: /has a header but no rows/ },
  { name: 'bad as-of date', args: FEATURES.map((a) => (a === '2026-06-30' ? '2026-02-30' : a)), exit: 2, message: /not a calendar date/ },
  { name: 'reject gate', files: { 'tx.csv': tx('T9,C1,2026-03-01,1e309,credit,salary,,,CNY') }, args: FEATURES.slice(0, -2), exit: 5, message: /above the 5\.00% gate/, rejects: { bad_amount: 1 } },

  // Outputs that would destroy an input or each other: refused before anything is opened (item 2).
  { name: '--rejects names the transactions file', args: [...FEATURES, '--rejects', 'tx.csv'], exit: 2, message: /--rejects tx\.csv is the same file as --transactions/, unchanged: ['tx.csv'] },
  { name: '--out names the clients file', args: [...FEATURES.slice(0, 8), 'clients.csv', ...FEATURES.slice(9)], exit: 2, message: /--out clients\.csv is the same file as --clients/, unchanged: ['clients.csv'] },
  { name: '--rejects equals --out', args: [...FEATURES, '--rejects', 'out/features.csv'], exit: 2, message: /--rejects out\/features\.csv is the same file as --out \(another output\)/ },
  { name: '--rejects names the mapping file', files: { 'mapping.json': '{}' }, args: [...FEATURES, '--mapping', 'mapping.json', '--rejects', './mapping.json'], exit: 2, message: /same file as --mapping/, unchanged: ['mapping.json'] },
  {
    name: '--out is a symlink to the clients file', setup: (dir) => symlinkSync(path.join(dir, 'clients.csv'), path.join(dir, 'link.csv')),
    args: [...FEATURES.slice(0, 8), 'link.csv', ...FEATURES.slice(9)], exit: 2, message: /--out link\.csv is the same file as --clients/, unchanged: ['clients.csv'],
  },
  {
    name: '--rejects reaches the input through a symlinked folder', setup: (dir) => symlinkSync(dir, path.join(dir, 'again')),
    args: [...FEATURES, '--rejects', 'again/tx.csv'], exit: 2, message: /same file as --transactions/, unchanged: ['tx.csv'],
  },
  {
    name: '--out is a hard link to the transactions file', setup: (dir) => linkSync(path.join(dir, 'tx.csv'), path.join(dir, 'hard.csv')),
    args: [...FEATURES.slice(0, 8), 'hard.csv', ...FEATURES.slice(9)], exit: 2, message: /same file as --transactions/, unchanged: ['tx.csv'],
  },
  { name: '--out under a file', files: { blocker: 'x' }, args: [...FEATURES.slice(0, 8), 'blocker/features.csv', ...FEATURES.slice(9)], exit: 13, message: /cannot write --out blocker\/features\.csv \(ENOTDIR/ },
  { name: '--rejects under a file: the same code as --out', files: { blocker: 'x' }, args: [...FEATURES, '--rejects', 'blocker/rejects.csv'], exit: 13, message: /cannot write --rejects blocker\/rejects\.csv \(ENOTDIR/ },
  { name: '--out is a folder', setup: (dir) => mkdirSync(path.join(dir, 'out', 'features.csv'), { recursive: true }), args: FEATURES, exit: 13, message: /EISDIR/ },
  { name: 'score: --previous equals --out', setup: sampleModel, files: { 'prev.csv': 'client_id\n' }, args: [...SCORE, '--model', 'model', '--previous', 'out/scores.csv'], exit: 2, message: /--out out\/scores\.csv is the same file as --previous/ },
  { name: 'score: --report names the clients file', setup: sampleModel, args: [...SCORE, '--model', 'model', '--report', 'clients.csv'], exit: 2, message: /--report clients\.csv is the same file as --clients/, unchanged: ['clients.csv'] },
  { name: 'score: --drift equals --out', setup: sampleModel, args: [...SCORE, '--model', 'model', '--drift', 'out/scores.csv'], exit: 2, message: /--drift out\/scores\.csv is the same file as --out/ },
  { name: 'drift: --out names the features file', setup: sampleModel, files: { 'f.csv': 'client_id\nC1\n' }, args: ['drift', '--model', 'model', '--features', 'f.csv', '--out', 'f.csv'], exit: 2, message: /--out f\.csv is the same file as --features/, unchanged: ['f.csv'] },
  { name: 'export: --out names the store file', files: { 'runs.db': 'not touched' }, args: ['export', '--run', 'latest', '--format', 'csv', '--store', 'sqlite:runs.db', '--out', 'runs.db'], exit: 2, message: /--out runs\.db is the same file as the store file/, unchanged: ['runs.db'] },
  { name: 'score: the store file is the transactions file', setup: sampleModel, args: [...SCORE, '--model', 'model', '--store', 'sqlite:tx.csv'], exit: 2, message: /the store file \(--store\) tx\.csv is the same file as --transactions/, unchanged: ['tx.csv'] },

  // Damaged models: the model codes, and what to do (items 5 and 6).
  { name: 'aliases.json empty', setup: (dir) => { sampleModel(dir); writeFileSync(path.join(dir, 'model', 'aliases.json'), ''); }, args: [...SCORE, '--model', 'model'], exit: 7, message: /aliases file model\/aliases\.json is damaged \(it is empty\): restore it from a backup, or delete it and name the champion again with `clientseg promote model/ },
  { name: 'aliases.json not JSON', setup: (dir) => { sampleModel(dir); writeFileSync(path.join(dir, 'model', 'aliases.json'), '{"versions": ['); }, args: [...SCORE, '--model', 'model'], exit: 7, message: /is damaged \(it is not JSON/ },
  { name: 'aliases.json of the wrong shape', setup: (dir) => { sampleModel(dir); writeFileSync(path.join(dir, 'model', 'aliases.json'), '{"champion": 3}'); }, args: [...SCORE, '--model', 'model'], exit: 7, message: /is damaged/ },
  { name: '--model names a file', setup: sampleModel, args: [...SCORE, '--model', 'model/aliases.json'], exit: 6, message: /--model model\/aliases\.json is a file; give the model folder/ },
  { name: 'bundle folder without its manifest', setup: (dir) => { sampleModel(dir); rmSync(path.join(dir, 'model', SAMPLE_VERSION, 'manifest.json')); }, args: [...SCORE, '--model', `model/${SAMPLE_VERSION}`], exit: 6, message: new RegExp(`model/${SAMPLE_VERSION} has no manifest\\.json: the bundle is incomplete or was deleted`) },
  { name: 'champion without its manifest', setup: (dir) => { sampleModel(dir); rmSync(path.join(dir, 'model', SAMPLE_VERSION, 'manifest.json')); }, args: [...SCORE, '--model', 'model'], exit: 6, message: /no manifest\.json: incomplete or deleted\); promote another version/ },
  { name: 'model folder missing', args: [...SCORE, '--model', 'nomodel'], exit: 6, message: /no champion model in nomodel/ },

  // Training on too little (item 6): the message names what the command line has.
  { name: 'train on 3 clients', args: ['train', '--clients', 'clients.csv', '--transactions', 'tx.csv', '--as-of', '2026-06-30', '--out', 'models/m'], exit: 4, message: /only 3 clients were accepted for training.*--k N below 3/ },
  {
    name: 'train with a header-only transactions file', files: { 'tx.csv': `${TX_HEADER}\n` },
    args: ['train', '--clients', path.join(ROOT, 'data-samples', 'clients.csv'), '--transactions', 'tx.csv', '--as-of', '2026-06-30', '--out', 'models/m'],
    exit: 4, message: /the 2000 clients' behaviour features are all alike.*no transactions fall in the window before --as-of/,
  },
];
