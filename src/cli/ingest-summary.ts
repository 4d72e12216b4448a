import type { RowCounts } from '../core/records.js';

/** The run's row accounting for people: every row read is accepted or rejected, by reason. */
export function ingestSummary(result: { clientCounts: RowCounts; transactionCounts: RowCounts }, rejectsPath: string): string {
  const lines = [
    countsLine('clients', result.clientCounts),
    countsLine('transactions', result.transactionCounts),
  ];
  if (result.clientCounts.rejected + result.transactionCounts.rejected > 0) lines.push(`rejected rows: ${rejectsPath}`);
  return lines.join('\n');
}

function countsLine(name: string, counts: RowCounts): string {
  const reasons = Object.entries(counts.byReason)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  return `${name.padEnd(13)} read ${counts.read}, accepted ${counts.accepted}, rejected ${counts.rejected}${reasons ? ` (${reasons})` : ''}`;
}
