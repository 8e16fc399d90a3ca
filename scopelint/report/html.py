"""The HTML report: one self-contained page (inline CSS and JS, nothing loaded from the network).

Summary, findings per file with their fix, the rule page and a source excerpt, counts per rule,
files not analysed, and the variable inventory as collapsible scope trees with a name filter.
The filter can be pre-filled from the address: `report.html#q=kernel`."""

from __future__ import annotations

import html
from typing import Dict, List, Optional

from scopelint.api import FileResult
from scopelint.report import Report, ScopeNode, format_shape, scope_tree
from scopelint.report.sarif import rule_help_uri
from scopelint.report.text import summary
from scopelint.rules import BY_CODE

CONTEXT_LINES = 2

_CSS = """
:root { --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --border: #d1d9e0;
  --error: #cf222e; --warning: #9a6700; --note: #0969da; --hl: #fff8c5; --link: #0969da; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --border: #3d444d;
    --error: #ff7b72; --warning: #d29922; --note: #4493f8; --hl: #3b2e00; --link: #4493f8; } }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--fg); background: var(--bg); max-width: 1200px; margin: 0 auto; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 8px;
  border-bottom: 1px solid var(--border); padding-bottom: 4px; } h3 { font-size: 15px; margin: 20px 0 8px; }
a { color: var(--link); } code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  font-size: 12.5px; }
.muted { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 10px 16px;
  min-width: 140px; }
.card .value { font-size: 22px; font-weight: 600; } .card .label { color: var(--muted); font-size: 12px; }
.finding { border: 1px solid var(--border); border-left: 4px solid var(--warning); border-radius: 6px;
  margin: 10px 0; padding: 10px 12px; background: var(--panel); }
.finding.error { border-left-color: var(--error); } .finding.note { border-left-color: var(--note); }
.finding .head { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.code { font-weight: 600; font-family: ui-monospace, Menlo, Consolas, monospace; }
.fix { margin: 6px 0 0; } .frames { margin: 4px 0 0; color: var(--muted); font-size: 12.5px; }
pre.excerpt { background: var(--bg); border: 1px solid var(--border); border-radius: 4px; margin: 8px 0 0;
  padding: 6px 0; overflow-x: auto; }
pre.excerpt span.line { display: block; padding: 0 10px; white-space: pre; }
pre.excerpt span.line.hl { background: var(--hl); font-weight: 600; }
pre.excerpt .ln { display: inline-block; min-width: 3.5em; color: var(--muted); user-select: none; }
table { border-collapse: collapse; margin: 8px 0; } th, td { border: 1px solid var(--border); padding: 4px 10px;
  text-align: left; vertical-align: top; } th { background: var(--panel); } td.num { text-align: right; }
#filter { font: inherit; padding: 6px 10px; width: min(480px, 100%); border: 1px solid var(--border);
  border-radius: 6px; background: var(--bg); color: var(--fg); }
details { margin: 2px 0; } details > summary { cursor: pointer; }
details.file { border: 1px solid var(--border); border-radius: 6px; padding: 6px 10px; margin: 8px 0; }
details.file > summary { font-weight: 600; }
ul.scope { list-style: none; margin: 0; padding-left: 18px; border-left: 1px dotted var(--border); }
li.var { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; padding: 1px 0; }
li.var .shape, li.var .dtype, li.var .where { color: var(--muted); margin-left: 8px; }
li.var.maybe .leaf { font-style: italic; } li.var.unknown .leaf { color: var(--warning); }
[hidden] { display: none !important; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
"""

# Filters the inventory by name substring; `#q=TEXT` in the address pre-fills the filter.
_JS = """
(function () {
  var input = document.getElementById('filter');
  var status = document.getElementById('filter-status');
  if (!input) { return; }
  var vars = Array.prototype.slice.call(document.querySelectorAll('li.var'));
  function apply(query) {
    var q = query.toLowerCase();
    var shown = 0;
    vars.forEach(function (li) {
      var hit = !q || li.getAttribute('data-name').toLowerCase().indexOf(q) !== -1;
      if (hit) { li.removeAttribute('hidden'); shown++; } else { li.setAttribute('hidden', ''); }
    });
    var groups = Array.prototype.slice.call(document.querySelectorAll('#inventory details'));
    groups.reverse().forEach(function (d) {  /* innermost first */
      var any = d.querySelector('li.var:not([hidden])') !== null;
      if (any || !q) { d.removeAttribute('hidden'); } else { d.setAttribute('hidden', ''); }
      if (q && any) { d.open = true; }
    });
    document.body.setAttribute('data-filter', q);
    status.textContent = q ? shown + ' of ' + vars.length + ' variables match' : vars.length + ' variables';
  }
  function fromHash() {
    var m = /^#q=(.*)$/.exec(location.hash);
    if (m) { input.value = decodeURIComponent(m[1].replace(/\\+/g, ' ')); }
    apply(input.value);
  }
  input.addEventListener('input', function () {
    apply(input.value);
    if (window.history && history.replaceState) {
      history.replaceState(null, '', input.value ? '#q=' + encodeURIComponent(input.value) : location.pathname);
    }
  });
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _level(code: str) -> str:
    rule = BY_CODE.get(code)
    if rule is None:
        return "warning"
    if not rule.enabled:
        return "note"
    return "error" if rule.raises else "warning"


class _Sources:
    """Each file's lines, read once at render time; None when it cannot be read."""

    def __init__(self) -> None:
        self._files: Dict[str, Optional[List[str]]] = {}

    def lines(self, path: str) -> Optional[List[str]]:
        if path not in self._files:
            from scopelint.source import read_source

            try:
                source = read_source(path)
            except Exception:  # an unreadable file costs its excerpts, never the report
                self._files[path] = None
            else:
                self._files[path] = source.text.splitlines() if source.error is None else None
        return self._files[path]


def _excerpt(lines: Optional[List[str]], line: int) -> str:
    if not lines or not 0 < line <= len(lines):
        return ""
    first, last = max(1, line - CONTEXT_LINES), min(len(lines), line + CONTEXT_LINES)
    width = len(str(last))
    rows = []
    for number in range(first, last + 1):
        cls = "line hl" if number == line else "line"
        rows.append('<span class="%s"><span class="ln">%s</span>%s</span>'
                    % (cls, str(number).rjust(width), _e(lines[number - 1].expandtabs(4))))
    return '<pre class="excerpt">%s</pre>' % "".join(rows)


def _findings(report: Report, sources: _Sources) -> List[str]:
    out = ['<section id="findings"><h2>Findings</h2>']
    if not report.findings:
        out.append('<p class="muted">No findings.</p></section>')
        return out
    for result in report.results:
        if not result.diagnostics:
            continue
        out.append('<section class="file-findings" data-path="%s"><h3><code>%s</code> <span class="muted">'
                   '(%d)</span></h3>' % (_e(result.path), _e(result.path), len(result.diagnostics)))
        lines = sources.lines(result.path)
        for diag in result.diagnostics:
            rule = BY_CODE.get(diag.code)
            title = _e(rule.title) if rule else ""
            link = ('<a class="code rule-link" href="%s" title="%s">%s</a>'
                    % (_e(rule_help_uri(diag.code)), title, _e(diag.code)) if rule else
                    '<span class="code">%s</span>' % _e(diag.code))
            out.append('<article class="finding %s" data-code="%s" data-line="%d">' % (
                _level(diag.code), _e(diag.code), diag.line))
            out.append('<div class="head">%s<span class="muted">%s</span><span class="mono muted">line %d, col %d'
                       '</span></div>' % (link, _e(rule.slug) if rule else "", diag.line, diag.col))
            out.append('<div class="message">%s</div>' % _e(diag.message))
            if rule is not None:
                out.append('<div class="fix"><strong>Fix:</strong> %s</div>' % _e(rule.fix))
            if len(diag.frames) > 1:
                chain = " &rarr; ".join("%s (line %d)" % (_e(name), number) for number, name in diag.frames)
                out.append('<div class="frames">Traceback: %s</div>' % chain)
            out.append(_excerpt(lines, diag.line))
            out.append("</article>")
        out.append("</section>")
    out.append("</section>")
    return out


def _rules(report: Report) -> List[str]:
    counts = report.rule_counts()
    if not counts:
        return []
    out = ['<section id="rules"><h2>Findings by rule</h2><table><thead><tr><th>rule</th><th>name</th>'
           '<th>findings</th></tr></thead><tbody>']
    for code, count in counts.items():
        rule = BY_CODE.get(code)
        cell = ('<a href="%s">%s</a>' % (_e(rule_help_uri(code)), _e(code))) if rule else _e(code)
        out.append('<tr data-code="%s"><td class="code">%s</td><td>%s</td><td class="num">%d</td></tr>' % (
            _e(code), cell, _e("%s: %s" % (rule.slug, rule.title)) if rule else "", count))
    out.append("</tbody></table></section>")
    return out


def _skipped(report: Report) -> List[str]:
    if not report.skipped:
        return []
    out = ['<section id="skipped"><h2>Files not analysed</h2><table><thead><tr><th>file</th><th>why</th></tr>'
           '</thead><tbody>']
    for result in report.skipped:
        out.append('<tr><td><code>%s</code></td><td>%s</td></tr>' % (_e(result.path), _e(result.skipped or "")))
    out.append("</tbody></table></section>")
    return out


def _tree(node: ScopeNode) -> List[str]:
    out = ['<ul class="scope">']
    for child in node.children.values():
        out.append('<li><details open><summary><code>%s/</code> <span class="muted">(%d)</span></summary>'
                   % (_e(child.name), child.count()))
        out.extend(_tree(child))
        out.append("</details></li>")
    for leaf, entry in node.variables:
        classes = ["var"] + ([] if entry.certain else ["maybe"]) + ([] if entry.known else ["unknown"])
        where = "line %d%s" % (entry.line, " in %s" % entry.entry if entry.entry else "")
        if not entry.certain:
            where += ", on some paths"
        out.append('<li class="%s" data-name="%s" title="%s"><span class="leaf">%s</span><span class="shape">%s'
                   '</span><span class="dtype">%s</span><span class="where">%s</span></li>' % (
                       " ".join(classes), _e(entry.name), _e(entry.name), _e(leaf), _e(format_shape(entry.shape)),
                       _e(entry.dtype or "?"), _e(where)))
    out.append("</ul>")
    return out


def _inventory(report: Report) -> List[str]:
    with_variables: List[FileResult] = [r for r in report.results if r.inventory]
    out = ['<section id="inventory"><h2>Variable inventory</h2>',
           '<p class="muted">What checkpoints of this code will hold, per file, as a tree of scopes. '
           '<code>?</code> marks a part of a name the analysis could not predict; italics, a variable '
           'created only on some paths.</p>']
    if not with_variables:
        out.append('<p class="muted">No variables predicted.</p></section>')
        return out
    out.append('<p><input type="search" id="filter" placeholder="Filter variables by name, e.g. kernel" '
               'aria-label="Filter variables by name" autocomplete="off"> <span id="filter-status" class="muted">'
               '%d variables</span></p>' % report.variables)
    many = report.variables > 400
    for result in with_variables:
        out.append('<details class="file" data-path="%s"%s><summary><code>%s</code> <span class="muted">'
                   '(%d variables, %d fully named)</span></summary>' % (
                       _e(result.path), "" if many else " open", _e(result.path), len(result.inventory),
                       result.names_known))
        out.extend(_tree(scope_tree(result.inventory)))
        out.append("</details>")
    out.append("</section>")
    return out


def _cards(report: Report) -> str:
    cards = [("files", "%d" % len(report.results)), ("findings", "%d" % report.findings),
             ("variables", "%d" % report.variables), ("coverage", "%.0f%%" % (100 * report.coverage()))]
    if report.skipped:
        cards.insert(1, ("not analysed", "%d" % len(report.skipped)))
    return '<div class="cards">%s</div>' % "".join(
        '<div class="card" id="card-%s"><div class="value">%s</div><div class="label">%s</div></div>'
        % (label.replace(" ", "-"), value, label) for label, value in cards)


def render(report: Report) -> str:
    sources = _Sources()
    roots = ", ".join("<code>%s</code>" % _e(root) for root in report.roots)
    body: List[str] = [
        "<header><h1>scopelint report</h1>",
        '<div class="muted">%s%s</div>' % (_e(summary(report)), " Paths: %s." % roots if roots else ""),
        _cards(report),
        '<div class="muted">Coverage: the share of predicted variable names that are fully known '
        '(%d of %d).</div></header>' % (report.fully_known, report.variables),
    ]
    body += _findings(report, sources)
    body += _rules(report)
    body += _skipped(report)
    body += _inventory(report)
    body.append("<footer>scopelint %s</footer>" % _e(report.version))
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>scopelint report</title>",
        "<style>%s</style></head><body>" % _CSS,
        "\n".join(body),
        "<script>%s</script>" % _JS,
        "</body></html>",
    ]) + "\n"
