import { formatDay } from '../core/days.js';
import type { IngestCounts, RowCounts } from '../core/records.js';

/**
 * The run's row accounting for people: per file read = accepted + rejected + skipped, by reason;
 * where the accepted transactions fall against the window and horizon; every unmapped code value.
 */
export function ingestSummary(counts: IngestCounts, rejectsPath: string): string {
  const lines = [countsLine('clients', counts.clients)];
  if (counts.accounts) lines.push(countsLine('accounts', counts.accounts));
  lines.push(countsLine('transactions', counts.transactions));
  const p = counts.transactions.periods;
  if (p) {
    lines.push(`${''.padEnd(13)} of ${counts.transactions.accepted} accepted: ${p.beforeWindow} before the window (unused), ${p.inWindow} in the window, `
      + `${p.inHorizon} in the horizon (needs labels only)${p.lastDay === null ? '' : `; last ${formatDay(p.lastDay)}`}`);
  }
  const unmapped = counts.transactions.unmapped ?? [];
  if (unmapped.length > 0) {
    lines.push(`unmapped codes (add them to the mapping): ${unmapped.map((u) => `${u.field} ${u.column}="${u.value}" ${u.rows}`).join(', ')}`);
  }
  const rejected = counts.clients.rejected + (counts.accounts?.rejected ?? 0) + counts.transactions.rejected;
  if (rejected > 0) lines.push(`rejected rows: ${rejectsPath}`);
  return lines.join('\n');
}

function countsLine(name: string, counts: RowCounts): string {
  const list = (byKey: Readonly<Record<string, number>>): string => Object.entries(byKey)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key} ${n}`)
    .join(', ');
  const reasons = list(counts.byReason);
  const skips = list(counts.bySkip ?? {});
  return `${name.padEnd(13)} read ${counts.read}, accepted ${counts.accepted}, rejected ${counts.rejected}${reasons ? ` (${reasons})` : ''}`
    + `${counts.skipped ? `, skipped ${counts.skipped} (${skips})` : ''}`;
}
