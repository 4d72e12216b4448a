import cliProgress from 'cli-progress';
import type { Logger } from '../core/logger.js';
import type { Progress } from '../core/progress.js';

const LOG_EVERY_MS = 10_000;

/**
 * A bar on an interactive terminal; elsewhere (schedulers, CI, pipes) a log line every ten
 * seconds, because a redrawn bar in a log file is noise.
 */
export function terminalProgress(log: Logger, interactive = process.stderr.isTTY === true): Progress {
  return interactive ? barProgress() : logProgress(log);
}

function barProgress(): Progress {
  let bar: cliProgress.SingleBar | undefined;
  return {
    start(label, total) {
      bar?.stop();
      bar = new cliProgress.SingleBar({
        format: `${label.padEnd(14)} [{bar}] {percentage}% | {eta_formatted} left`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
      }, cliProgress.Presets.shades_classic);
      bar.start(total ?? 1, 0);
    },
    update(done) { bar?.update(done); },
    stop() { bar?.stop(); bar = undefined; },
  };
}

function logProgress(log: Logger): Progress {
  let label = '';
  let total: number | undefined;
  let lastAt = 0;
  return {
    start(newLabel, newTotal) { label = newLabel; total = newTotal; lastAt = Date.now(); },
    update(done) {
      const now = Date.now();
      if (now - lastAt < LOG_EVERY_MS) return;
      lastAt = now;
      const percent = total ? Math.round((100 * done) / total) : undefined;
      log.info({ task: label, done, total, percent }, 'progress');
    },
    stop() { label = ''; },
  };
}
