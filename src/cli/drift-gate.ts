import { z } from 'zod';
import { verdictReaches, type DriftVerdict } from '../monitor/drift-verdict.js';
import { EXIT } from './exit-codes.js';

/** `--fail-on`: the drift verdict from which the command exits with EXIT.driftGate. */
export const failOnArg = z.enum(['watch', 'alert']).optional();

/**
 * The exit status for a drift verdict under `--fail-on` (ok when no gate), and the line that
 * tells the scheduler's log why.
 */
export function driftGateStatus(verdict: DriftVerdict, failOn: DriftVerdict | undefined): { status: number; message?: string } {
  if (failOn === undefined || !verdictReaches(verdict, failOn)) return { status: EXIT.ok };
  return { status: EXIT.driftGate, message: `drift verdict ${verdict} reaches --fail-on ${failOn}: exit ${EXIT.driftGate} (results were written)` };
}
