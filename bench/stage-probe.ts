// Preloaded into the measured `clientseg run` (node --import): after each of the CLI's log lines
// it writes one line of this process's CPU time and memory, so the benchmark can say where time
// and memory go per stage without changing the program. Costs a few microseconds a log line.
import fs from 'node:fs';

const writeSync = fs.writeSync.bind(fs) as (fd: number, data: string | NodeJS.ArrayBufferView, ...rest: unknown[]) => number;

function probe(fd: number): void {
  const cpu = process.cpuUsage();
  const m = process.memoryUsage();
  writeSync(fd, `${JSON.stringify({
    probe: {
      at: performance.timeOrigin + performance.now(), cpuSeconds: (cpu.user + cpu.system) / 1e6,
      rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers,
      maxRss: process.resourceUsage().maxRSS * 1024,
    },
  })}\n`);
}

(fs as { writeSync: typeof writeSync }).writeSync = (fd, data, ...rest) => {
  const written = writeSync(fd, data, ...rest);
  // pino writes each JSON line to fd 2 synchronously (src/core/logger.ts).
  if (fd === 2 && (typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8', 0, 9)).startsWith('{"level"')) probe(2);
  return written;
};
process.on('exit', () => probe(2));
