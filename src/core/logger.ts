import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Paths that may hold personal data. Logs name clients by count and row number, never by
 * value, and these paths are censored in case a record slips into a log call.
 */
export const REDACTED_PATHS = [
  'client_id', '*.client_id', 'clientId', '*.clientId', 'birth_date', '*.birth_date', 'aum', '*.aum',
  'advisor_id', '*.advisor_id', 'raw', '*.raw', 'row', '*.row', 'password', '*.password',
  'token', '*.token', 'cookie', '*.cookie', 'req.headers.cookie', 'req.headers.authorization',
];

export interface LoggerOptions {
  /** pino level; default 'info'. */
  level?: string;
  /** Human-readable lines instead of JSON; default: when stderr is a terminal. */
  pretty?: boolean;
  /** Where lines go; default stderr. Tests inject a sink. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.CLIENTSEG_LOG_LEVEL ?? 'info';
  const base = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (options.destination) return pino(base, options.destination);
  const pretty = options.pretty ?? process.stderr.isTTY === true;
  if (pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, sync: true } } });
  }
  return pino(base, pino.destination({ fd: 2, sync: true }));
}

/** A logger that drops everything, for library callers who pass none. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
