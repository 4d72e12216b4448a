import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testSchema } from './pg-schema.js';

export interface EngineUnderTest {
  readonly engine: 'sqlite' | 'postgres';
  /** A store URL no other test file uses. */
  readonly url: string;
  readonly drop: () => Promise<void>;
}

/** One fresh SQLite file and one fresh PostgreSQL schema, for a test file that runs on both engines. */
export function enginesUnderTest(label: string): EngineUnderTest[] {
  const dir = mkdtempSync(path.join(tmpdir(), `clientseg-${label}-`));
  const schema = testSchema(label);
  return [
    { engine: 'sqlite', url: `sqlite:${path.join(dir, 'clientseg.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) },
    { engine: 'postgres', url: schema.url, drop: schema.drop },
  ];
}
