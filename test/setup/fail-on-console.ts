import { afterEach, beforeEach } from 'vitest';

// Library code must log through pino; a console call in a test run is a bug (zod's fail-on-console).
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
const originals = new Map(methods.map((m) => [m, console[m]]));

beforeEach(() => {
  for (const m of methods) {
    console[m] = (...args: unknown[]) => {
      throw new Error(`console.${m} called in a test: ${args.map(String).join(' ')}`);
    };
  }
});

afterEach(() => {
  for (const m of methods) console[m] = originals.get(m)!;
});
