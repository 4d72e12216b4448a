/** The app's only stylesheet, served from /assets/app.css (no CDN, no inline styles: the CSP allows 'self' only). */
export const APP_CSS = `
body { font-family: "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", system-ui, sans-serif; margin: 0; color: #222; background: #fafbfc; }
header { display: flex; align-items: center; gap: 16px; padding: 10px 24px; background: #1f3a5f; color: #fff; }
header a { color: #fff; } header .spacer { flex: 1; }
header form { margin: 0; } header button { background: none; border: 1px solid #fff; color: #fff; padding: 3px 10px; cursor: pointer; }
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
`;
