/**
 * Long work reports progress through this interface; the CLI draws a bar on a terminal and
 * writes periodic log lines otherwise, and library callers get nothing unless they ask.
 */
export interface Progress {
  start(label: string, total: number | undefined): void;
  update(done: number): void;
  stop(): void;
}

export const noProgress: Progress = { start() {}, update() {}, stop() {} };
