import { escapeHtml } from './html-escape.js';

/**
 * One self-contained page: inline CSS and a few lines of script for the language switch,
 * nothing fetched, so it opens on an offline machine. Chinese first, English one click away.
 */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", system-ui, sans-serif; margin: 24px; color: #222; max-width: 1200px; }
html[lang=zh] [lang=en], html[lang=en] [lang=zh] { display: none; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; } th { background: #f4f6f8; }
td.text, th.text { text-align: left; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
.verdict-ok { color: #2e7d32; } .verdict-watch { color: #b26a00; } .verdict-alert { color: #c62828; font-weight: bold; }
.lang-switch { position: absolute; top: 16px; right: 24px; }
</style>
</head>
<body>
<button class="lang-switch" type="button" onclick="document.documentElement.lang = document.documentElement.lang === 'zh' ? 'en' : 'zh'"><span lang="zh">English</span><span lang="en">中文</span></button>
${body}
</body>
</html>
`;
}
