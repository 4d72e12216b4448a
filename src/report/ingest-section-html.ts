import type { IngestCounts, RowCounts } from '../core/records.js';
import { formatDay } from '../core/days.js';
import { t } from './bilingual.js';
import { htmlTable } from './html-table.js';

const byCount = (counts: Readonly<Record<string, number>>): string =>
  Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(', ');

/**
 * The ingest accounting of a run for people: per file read = accepted + rejected + skipped with
 * the reasons, where the accepted transactions fall (before the window, in it, in the horizon)
 * and every unmapped code value. Shared by the training and the scoring report.
 *
 * @example
 * renderIngestSection({ clients, transactions }); // '<h2>…数据核对…</h2><table>…'
 */
export function renderIngestSection(c: IngestCounts): string {
  const files: [{ zh: string; en: string }, RowCounts][] = [[{ zh: '客户', en: 'clients' }, c.clients]];
  if (c.accounts) files.push([{ zh: '账户', en: 'accounts' }, c.accounts]);
  files.push([{ zh: '交易', en: 'transactions' }, c.transactions]);
  const parts = [
    `<h2>${t({ zh: '数据核对', en: 'Input accounting' })}</h2>`,
    htmlTable(['', { html: t({ zh: '读取', en: 'read' }) }, { html: t({ zh: '接受', en: 'accepted' }) }, { html: t({ zh: '拒绝', en: 'rejected' }) },
      { html: t({ zh: '拒绝原因', en: 'rejected by reason' }) }, { html: t({ zh: '跳过', en: 'skipped' }) }, { html: t({ zh: '跳过原因', en: 'skipped by reason' }) }],
    files.map(([name, r]) => [{ html: t(name) }, r.read, r.accepted, r.rejected, byCount(r.byReason), r.skipped ?? 0, byCount(r.bySkip ?? {})])),
  ];
  const p = c.transactions.periods;
  if (p) {
    parts.push(htmlTable(
      [{ html: t({ zh: '已接受交易', en: 'accepted transactions' }) }, { html: t({ zh: '窗口之前(未使用)', en: 'before the window (unused)' }) },
        { html: t({ zh: '特征窗口内', en: 'in the feature window' }) }, { html: t({ zh: '预测期内(仅用于需求标签)', en: 'in the horizon (needs labels only)' }) },
        { html: t({ zh: '最后交易日', en: 'last transaction day' }) }],
      [[c.transactions.accepted, p.beforeWindow, p.inWindow, p.inHorizon, p.lastDay === null ? '' : formatDay(p.lastDay)]],
    ));
  }
  const unmapped = c.transactions.unmapped ?? [];
  if (unmapped.length > 0) {
    parts.push(`<p>${t({ zh: '未映射的代码值(请在映射文件中补充):', en: 'Code values no code map or rule knows (add them to the mapping):' })}</p>`);
    parts.push(htmlTable([{ html: t({ zh: '字段', en: 'field' }) }, { html: t({ zh: '列', en: 'column' }) }, { html: t({ zh: '值', en: 'value' }) }, { html: t({ zh: '行数', en: 'rows' }) }],
      unmapped.map((u) => [u.field, u.column, u.value, u.rows])));
  }
  return parts.join('\n');
}
