import type { DayNumber } from '../core/days.js';
import type { PeriodCounts } from '../core/records.js';

/**
 * Counts accepted transactions by period: before the feature window, in it, or in the label
 * horizon after as-of, so a run can say how much of what it accepted fed the features.
 *
 * @example
 * const p = new PeriodCounter(asOf, asOf - 365);
 * p.add(asOf - 10);
 * p.counts(); // { beforeWindow: 0, inWindow: 1, inHorizon: 0, lastDay: asOf - 10 }
 */
export class PeriodCounter {
  private before = 0;
  private inWindow = 0;
  private horizon = 0;
  private last = -Infinity;

  constructor(private readonly asOf: DayNumber, private readonly startExclusive: DayNumber = -Infinity) {}

  add(day: DayNumber): void {
    if (day > this.asOf) this.horizon++;
    else if (day > this.startExclusive) this.inWindow++;
    else this.before++;
    if (day > this.last) this.last = day;
  }

  counts(): PeriodCounts {
    return { beforeWindow: this.before, inWindow: this.inWindow, inHorizon: this.horizon, lastDay: this.last === -Infinity ? null : this.last };
  }
}
