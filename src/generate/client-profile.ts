import type { MaritalStatus, RiskLevel } from '../core/contract.js';
import type { DayNumber } from '../core/days.js';
import type { Rng } from '../core/rng.js';
import type { ArchetypeDefinition } from './archetypes.js';
import type { Calendar } from './calendar.js';

/**
 * Who one generated client is, before any transaction: the facts behind the clients.csv row and
 * the ground truth. Amounts are unscaled CNY; `amountScale` applies only when rows are written,
 * so a drift run differs from its baseline in amounts and nothing else.
 *
 * @example
 * const p = drawClientProfile(rng, archetype, calendar, 42);
 * p.tolerance; // 'aggressive'
 */
export interface ClientProfile {
  readonly index: number;
  readonly archetype: ArchetypeDefinition;
  readonly age: number;
  readonly birthDay: DayNumber;
  readonly marital: MaritalStatus;
  readonly dependants: number;
  readonly aum: number;
  /** Monthly salary in CNY; 0 when the client receives none. */
  readonly income: number;
  readonly tolerance: RiskLevel;
  readonly openedOn: DayNumber;
  /** First day the client can transact: the window start or, for new clients, the opening day. */
  readonly activeFrom: DayNumber;
  /** Salary, pension, premium and loan payments land near this day of the month. */
  readonly payDay: number;
}

export function drawClientProfile(rng: Rng, archetype: ArchetypeDefinition, cal: Calendar, index: number): ClientProfile {
  const [lo, hi] = archetype.ageRange;
  const age = lo + rng.int(hi - lo + 1);
  const birthDay = cal.asOf - Math.floor((age + rng.uniform(0.01, 0.99)) * 365.25);
  const { marital, dependants } = drawFamily(rng, archetype, age);
  const aum = round2(rng.logNormal(archetype.aumMedian, archetype.aumSigma));
  const income = rng.bernoulli(archetype.salaryShare) ? round2(rng.logNormal(archetype.incomeMedian, 0.45)) : 0;
  const tolerance = drawTolerance(rng, archetype, age);
  // Most clients opened their account years before the window; a few are new within it.
  const openedOn = rng.bernoulli(0.05)
    ? cal.windowStart + rng.int(Math.max(1, Math.floor((cal.asOf - cal.windowStart) / 2)))
    : cal.windowStart - 1 - rng.int(365 * Math.max(1, Math.min(20, age - 20)));
  const payDay = 1 + rng.int(28);
  return {
    index, archetype, age, birthDay, marital, dependants, aum, income, tolerance,
    openedOn, activeFrom: Math.max(openedOn, cal.windowStart), payDay,
  };
}

function drawFamily(rng: Rng, archetype: ArchetypeDefinition, age: number): { marital: MaritalStatus; dependants: number } {
  switch (archetype.name) {
    case 'education_saver':
      return { marital: 'married', dependants: 1 + rng.pickWeighted([0.55, 0.38, 0.07]) };
    case 'young_professional':
      return rng.bernoulli(0.8)
        ? { marital: 'single', dependants: 0 }
        : { marital: 'married', dependants: rng.bernoulli(0.3) ? 1 : 0 };
    default:
      break;
  }
  if (age < 28) return rng.bernoulli(0.15) ? { marital: 'married', dependants: rng.int(2) } : { marital: 'single', dependants: 0 };
  if (age < 46) {
    const m = rng.pickWeighted([0.22, 0.7, 0.08]);
    if (m === 0) return { marital: 'single', dependants: 0 };
    return { marital: m === 1 ? 'married' : 'divorced', dependants: rng.bernoulli(0.8) ? 1 + rng.int(2) : 0 };
  }
  if (age < 60) {
    const m = rng.pickWeighted([0.06, 0.8, 0.1, 0.04]);
    return { marital: (['single', 'married', 'divorced', 'widowed'] as const)[m]!, dependants: m === 0 ? 0 : rng.pickWeighted([0.45, 0.4, 0.15]) };
  }
  const m = rng.pickWeighted([0.03, 0.7, 0.05, 0.22]);
  return { marital: (['single', 'married', 'divorced', 'widowed'] as const)[m]!, dependants: 0 };
}

// Risk appetite falls with age: young clients lean aggressive, retirees conservative.
function drawTolerance(rng: Rng, archetype: ArchetypeDefinition, age: number): RiskLevel {
  const w = archetype.riskWeights;
  const b = w.balanced;
  let [c, a] = [w.conservative, w.aggressive];
  if (age < 35) { c *= 0.7; a *= 1.5; } else if (age >= 60) { c *= 1.8; a *= 0.3; } else if (age >= 50) { c *= 1.3; a *= 0.7; }
  return (['conservative', 'balanced', 'aggressive'] as const)[rng.pickWeighted([c, b, a])]!;
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
