/** The app's only stylesheet, served from /assets/app.css (no CDN, no inline styles: the CSP allows 'self' only). */
export const APP_CSS = `
body { font-family: "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", system-ui, sans-serif; margin: 0; color: #222; background: #fafbfc; }
header { display: flex; align-items: center; gap: 16px; padding: 10px 24px; background: #1f3a5f; color: #fff; }
header a { color: #fff; } header .spacer { flex: 1; }
header nav a { margin-right: 12px; } header form { margin: 0; } header button { background: none; border: 1px solid #fff; color: #fff; padding: 3px 10px; cursor: pointer; }
main { padding: 16px 24px; max-width: 1280px; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 24px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
table { border-collapse: collapse; font-size: 13px; background: #fff; }
th, td { border: 1px solid #dde1e6; padding: 4px 8px; text-align: left; vertical-align: top; } th { background: #eef1f5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
form.filters { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: flex-end; background: #fff; padding: 10px; border: 1px solid #dde1e6; margin-bottom: 12px; }
form.filters label { display: flex; flex-direction: column; font-size: 12px; color: #555; }
.flag { display: inline-block; font-size: 11px; padding: 1px 6px; margin: 1px; border-radius: 8px; background: #fff3cd; color: #7a5b00; }
.override { display: inline-block; font-size: 11px; padding: 1px 6px; border-radius: 8px; background: #e3f2fd; color: #0d47a1; }
.pager { display: flex; gap: 12px; align-items: center; margin: 10px 0; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { background: #fff; border: 1px solid #dde1e6; padding: 10px 14px; min-width: 200px; max-width: 420px; }
.card .label { font-size: 12px; color: #666; } .card .value { font-size: 17px; margin-top: 4px; }
.error { color: #b00020; } .notice { color: #2e7d32; }
.saved { background: #e8f5e9; color: #1b5e20; border: 1px solid #a5d6a7; padding: 8px 10px; } tr.dismissed td { color: #8a8f98; }
.warn { color: #8a4b00; }
form.override { background: #fff; border: 1px solid #dde1e6; padding: 10px; margin: 8px 0; display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; }
form.override label { display: flex; flex-direction: column; font-size: 12px; }
form.override textarea { width: 320px; height: 40px; }
.signin { max-width: 340px; margin: 60px auto; background: #fff; border: 1px solid #dde1e6; padding: 20px; }
.signin label { display: block; margin: 10px 0; } .signin input { width: 100%; box-sizing: border-box; }
.muted { color: #666; font-weight: normal; font-size: 12px; }
section.changes { background: #fff; border: 1px solid #dde1e6; border-left: 4px solid #1f3a5f; padding: 4px 14px; margin: 10px 0; }
section.changes h2 { border: 0; margin-top: 8px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; margin: 10px 0; align-items: flex-start; }
.charts figure { margin: 0; background: #fff; border: 1px solid #dde1e6; padding: 6px 10px; }
.charts figcaption { font-size: 12px; color: #555; }
svg { max-width: 100%; height: auto; }
table.calls td.reason { max-width: 360px; }
form.inline { display: inline-flex; gap: 4px; margin: 0; flex-wrap: wrap; }
/* Below 600 px: one column; tables become one card per row, each cell labelled by its column. */
@media (max-width: 599px) {
  header { padding: 8px 12px; flex-wrap: wrap; gap: 8px; }
  main { padding: 10px 12px; }
  form.filters { flex-direction: column; align-items: stretch; }
  form.filters select, form.filters input:not([type=checkbox]) { width: 100%; box-sizing: border-box; }
  .card { min-width: 0; max-width: none; width: 100%; box-sizing: border-box; }
  .pager { flex-wrap: wrap; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; box-sizing: border-box; }
  table.stack thead { display: none; }
  table.stack tr { margin-bottom: 8px; border: 1px solid #dde1e6; background: #fff; }
  table.stack td { border: 0; border-bottom: 1px solid #f0f2f5; }
  table.stack td[data-label] { display: flex; gap: 8px; text-align: left; }
  table.stack td[data-label]::before { content: attr(data-label); flex: 0 0 36%; font-size: 12px; color: #666; }
  form.override textarea { width: 100%; }
  form.override, form.override label { width: 100%; box-sizing: border-box; }
}
`;
