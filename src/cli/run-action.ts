import { isPipelineError } from '../core/errors.js';
import { createLogger, type Logger } from '../core/logger.js';
import type { Progress } from '../core/progress.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { terminalProgress } from './terminal-progress.js';

export interface ActionTools {
  readonly log: Logger;
  readonly progress: Progress;
  /** Text for people, on stdout. */
  readonly print: (text: string) => void;
}

/**
 * Runs one command and turns its outcome into an exit status. A PipelineError is a problem with
 * the user's data or config: one line naming it and what to do, no stack. Anything else is our
 * bug: logged with its stack, exit 1.
 */
export async function runAction(action: (tools: ActionTools) => Promise<number | void>): Promise<void> {
  const log = createLogger();
  const progress = terminalProgress(log);
  const print = (text: string) => { process.stdout.write(text.endsWith('\n') ? text : `${text}\n`); };
  let status: number;
  try {
    status = (await action({ log, progress, print })) ?? EXIT.ok;
  } catch (err) {
    progress.stop();
    if (isPipelineError(err)) {
      // One line whatever the message holds (zod's issue lists are multi-line): schedulers' logs keep it whole.
      process.stderr.write(`clientseg: ${err.message.trim().replace(/\s*\n\s*/g, '; ')} [${err.code}]\n`);
      status = exitCodeFor(err.code);
    } else {
      log.error({ err }, 'internal error: please report it with this log');
      status = EXIT.internal;
    }
  }
  log.flush();
  process.exitCode = status;
}
