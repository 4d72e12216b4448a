import { readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system) of this process's finished, waited-for children, from Linux's
 * /proc/self/stat (cutime + cstime, in clock ticks of 1/100 s); undefined elsewhere. Lets a
 * benchmark give a whole child process's CPU time, which a shared machine disturbs less than wall time.
 */
export function childrenCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; cutime and cstime are 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}
