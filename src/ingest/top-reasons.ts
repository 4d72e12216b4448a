/**
 * The three most frequent reject reasons with their counts, for the reject gate's message.
 *
 * @example
 * topReasons({ bad_date: 2, orphan_client: 9 }); // 'orphan_client 9, bad_date 2'
 */
export function topReasons(byReason: Readonly<Record<string, number>>): string {
  return Object.entries(byReason)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, 3)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
}
