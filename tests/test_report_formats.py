"""`scopelint report` in every machine-read format, checked against what reads it.

JSON against docs/report-schema.json; SARIF against the official SARIF 2.1.0 schema and the
JSON report's findings; Markdown's findings table; HTML rendered in a real headless browser
(Debian's chromium: `apt-get install -y chromium`), its DOM read after the page's script ran.

tests/sarif-2.1.0.schema.json is the OASIS SARIF 2.1.0 schema (Errata 01, the OASIS-approved
text, `"id": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"`),
copied byte for byte from the OASIS TC's repository github.com/oasis-tcs/sarif-spec, file
Schemata/sarif-schema-2.1.0.json at commit ffa72eb4d4d7504ac43736489b0444aff7afdd74 ("Update the
github copies of the schemata to match the Approved Errata"; identical to
sarif-2.1/schema/sarif-schema-2.1.0.json at e0583813964ec43cea53b6b531b402866095ed1f). It declares
JSON Schema draft-04, so it is checked with jsonschema's Draft4Validator.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, List, Optional, Tuple
from urllib.parse import unquote

import jsonschema
import pytest

from scopelint.rules import BY_CODE, RULES

ROOT = Path(__file__).resolve().parent.parent
REPORT_SCHEMA = ROOT / "docs" / "report-schema.json"
SARIF_SCHEMA = Path(__file__).resolve().parent / "sarif-2.1.0.schema.json"
RULE_DOCS = "https://github.com/scopelint/scopelint/blob/main/docs/rules/"
FIXTURE_DIRS = ["tests/fixtures/layers", "tests/fixtures/projects/gan_ops", "examples"]
FORMATS = ("json", "sarif", "markdown", "html")
CHROMIUM_NAMES = ("chromium", "chromium-browser")
INSTALL_HINT = "install Debian's chromium: apt-get update && apt-get install -y chromium"

BROKEN = {
    "syntax_error.py": "import tensorflow as tf\n\ndef broken(:\n    pass\n",
    # Python 2: analysed through the py2 front end (print statement, exec statement)
    "legacy_py2.py": ('import tensorflow as tf\nprint "building"\nexec "x = 1"\n'
                      'w = tf.get_variable("w", [1])\nw = tf.get_variable("w", [1])  # SL101\n'),
    # markup in a path and in a message: must come out as text, never as elements
    "esc<b>&amp.py": 'import tensorflow as tf\nv = tf.get_variable("a<i>b</i>", [1])\n',
}


# ---------------------------------------------------------------------------- generating the reports


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Path]:
    broken = tmp_path_factory.mktemp("broken")
    for name, text in BROKEN.items():
        (broken / name).write_text(text)
    out = tmp_path_factory.mktemp("reports")
    paths: Dict[str, Path] = {"broken": broken}
    running = {}
    for fmt in FORMATS:  # the command line as users run it, one process per format, all at once
        paths[fmt] = out / ("report." + fmt)
        running[fmt] = subprocess.Popen(
            [sys.executable, "-m", "scopelint", "report", *FIXTURE_DIRS, str(broken), "--format", fmt,
             "-o", str(paths[fmt]), "--no-cache", "--no-progress", "--jobs", "2"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for fmt, process in running.items():
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 1, (fmt, stderr)  # the fixtures have findings
        assert "Traceback" not in stderr and "Report written to" in stderr, (fmt, stderr)
    return paths


@pytest.fixture(scope="module")
def data(reports: Dict[str, Path]) -> dict:
    loaded: dict = json.loads(reports["json"].read_text(encoding="utf-8"))
    return loaded


def json_findings(data: dict) -> List[Tuple[str, str, int, int, str]]:
    return [(f["path"], d["code"], d["line"], d["col"], d["message"]) for f in data["files"] for d in f["diagnostics"]]


def test_the_reports_cover_what_the_tests_need(data: dict) -> None:
    codes = {code for _, code, _, _, _ in json_findings(data)}
    assert {"SL001", "SL101", "SL103", "SL105"} <= codes
    skipped = [f for f in data["files"] if f["skipped"]]
    assert [Path(f["path"]).name for f in skipped] == ["syntax_error.py"]
    legacy = next(f for f in data["files"] if f["path"].endswith("legacy_py2.py"))
    assert legacy["skipped"] is None and [d["code"] for d in legacy["diagnostics"]] == ["SL101"]
    assert data["summary"]["variables"] > 100


# ---------------------------------------------------------------------------- JSON


def report_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(REPORT_SCHEMA.read_text())
    cls = jsonschema.validators.validator_for(schema)
    assert cls is jsonschema.Draft202012Validator
    cls.check_schema(schema)
    return cls(schema)


def test_json_matches_the_report_schema(data: dict) -> None:
    errors = sorted(report_validator().iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join("%s: %s" % (list(e.path), e.message) for e in errors[:10])


@pytest.mark.parametrize("where, old, new", [
    ((), "summary", "totals"),
    (("summary",), "by_rule", "rules"),
    (("files", 0), "inventory", "variables"),
    (("files", 0, "diagnostics", 0), "col", "column"),
    (("files", 0, "inventory", 0), "dtype", "type"),
])
def test_the_schema_catches_a_renamed_key(data: dict, where: tuple, old: str, new: str) -> None:
    copy = json.loads(json.dumps(data))
    node = copy
    for key in where:
        node = node[key]
    node[new] = node.pop(old)
    assert not report_validator().is_valid(copy)


# ---------------------------------------------------------------------------- SARIF


@pytest.fixture(scope="module")
def sarif(reports: Dict[str, Path]) -> dict:
    loaded: dict = json.loads(reports["sarif"].read_text(encoding="utf-8"))
    return loaded


def test_sarif_matches_the_official_schema(sarif: dict) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text())
    cls = jsonschema.validators.validator_for(schema)
    assert cls is jsonschema.Draft4Validator  # what the OASIS schema declares
    cls.check_schema(schema)
    errors = list(cls(schema).iter_errors(sarif))
    assert not errors, "\n".join("%s: %s" % (list(e.path), e.message) for e in errors[:10])


def expected_uri(path: str) -> str:
    return Path(path).as_uri() if os.path.isabs(path) else path.replace(os.sep, "/")


def test_every_json_finding_is_a_sarif_result(data: dict, sarif: dict) -> None:
    run = sarif["runs"][0]
    results = run["results"]
    got = []
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        got.append((unquote(location["artifactLocation"]["uri"]), result["ruleId"], location["region"]["startLine"],
                    result["message"]["text"]))
    want = [(unquote(expected_uri(path)), code, line, message) for path, code, line, _, message in json_findings(data)]
    assert got == want
    assert len(results) == data["summary"]["findings"]


def test_sarif_is_what_code_scanning_reads(sarif: dict) -> None:
    assert sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and sarif["version"] == "2.1.0"
    assert len(sarif["runs"]) == 1
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "scopelint" and driver["version"] and driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [r.code for r in RULES]
    for descriptor, rule in zip(rules, RULES):
        assert descriptor["name"] == rule.slug
        assert descriptor["shortDescription"]["text"] == rule.title
        assert rule.fix in descriptor["help"]["text"] and rule.fix in descriptor["help"]["markdown"]
        assert descriptor["helpUri"] == RULE_DOCS + rule.code + ".md"
        assert (ROOT / "docs" / "rules" / (rule.code + ".md")).is_file()
        level = "none" if not rule.enabled else ("error" if rule.raises else "warning")
        assert descriptor["defaultConfiguration"]["level"] == level
        assert descriptor["properties"]["tags"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        rule = BY_CODE[result["ruleId"]]
        assert result["level"] == ("error" if rule.raises else "warning")
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        if not artifact["uri"].startswith("file:"):  # inside the repository: relative to its root
            assert artifact["uriBaseId"] == "%SRCROOT%" and "\\" not in artifact["uri"]
            assert not artifact["uri"].startswith("/") and (ROOT / artifact["uri"]).is_file()
        assert result["locations"][0]["physicalLocation"]["region"]["startColumn"] >= 1
        assert result["partialFingerprints"]["primaryLocationLineHash"]
    with_frames = [r for r in run["results"] if "relatedLocations" in r]
    assert with_frames and all(len(r["relatedLocations"]) > 1 for r in with_frames)
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in run["results"]]
    assert len(set(hashes)) == len(hashes)
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is True
    notes = invocation["toolExecutionNotifications"]
    assert len(notes) == 1 and notes[0]["level"] == "warning"
    assert "syntax_error.py" in notes[0]["message"]["text"] and "syntax error" in notes[0]["message"]["text"]


def test_sarif_fingerprints_survive_moved_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scopelint.api import check_path
    from scopelint.report import Report
    from scopelint.report.sarif import as_data

    monkeypatch.chdir(tmp_path)
    body = ('import tensorflow as tf\n\ndef model(x):\n    with tf.variable_scope("m"):\n'
            '        return tf.get_variable("w", [1])\n\nmodel(1)\nmodel(2)\n')
    module = tmp_path / "model.py"

    def fingerprints(text: str) -> List[Tuple[str, int]]:
        module.write_text(text)
        results = as_data(Report((check_path("model.py"),)))["runs"][0]["results"]
        assert results and results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "model.py"
        return [(r["partialFingerprints"]["primaryLocationLineHash"],
                 r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results]

    before = fingerprints(body)
    after = fingerprints("# a comment\n\n\n" + body)
    assert [h for h, _ in before] == [h for h, _ in after]
    assert [line + 3 for _, line in before] == [line for _, line in after]
    assert fingerprints(body.replace("model(2)", "model(3)"))[0][0] != before[0][0]  # another line: another finding


# ---------------------------------------------------------------------------- Markdown


def test_markdown_has_one_table_row_per_finding(reports: Dict[str, Path], data: dict) -> None:
    text = reports["markdown"].read_text(encoding="utf-8")
    section = text.split("## Findings\n", 1)[1].split("\n\n", 1)[0].strip()
    header, rule, *rows = section.splitlines()
    assert header == "| location | code | message | fix |" and rule == "|---|---|---|---|"
    assert len(rows) == data["summary"]["findings"] == len(json_findings(data))
    for row, (path, code, line, col, _) in zip(rows, json_findings(data)):
        assert row.startswith("| `%s:%d:%d` | %s |" % (path.replace("|", "\\|"), line, col, code))


# ---------------------------------------------------------------------------- HTML, in a browser


def chromium() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("no chromium to render the HTML report in (%s)" % INSTALL_HINT)


def browse(tmp_path: Path, url: str, *extra: str) -> subprocess.CompletedProcess:
    profile = tmp_path / ("profile-%d" % len(list(tmp_path.glob("profile-*"))))
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
               "--user-data-dir=%s" % profile, *extra, url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


class Dom(HTMLParser):
    """The elements of a dumped DOM: (tag, attributes, text directly inside, ancestor tags)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: List[Tuple[str, Dict[str, Optional[str]], List[str], Tuple[str, ...]]] = []
        self._stack: List[int] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        ancestors = tuple(self.elements[i][0] for i in self._stack)
        self.elements.append((tag, dict(attrs), [], ancestors))
        if tag not in self.VOID:
            self._stack.append(len(self.elements) - 1)

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self.elements[self._stack.pop()][0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for index in self._stack:
            self.elements[index][2].append(data)

    def find(self, tag: str, cls: Optional[str] = None) -> List[Tuple[Dict[str, Optional[str]], str]]:
        return [(attrs, " ".join(text)) for name, attrs, text, _ in self.elements
                if name == tag and (cls is None or cls in (attrs.get("class") or "").split())]

    def variables(self) -> List[Tuple[str, bool]]:
        """(variable name, shown: no `hidden` on it), in page order."""
        return [(attrs["data-name"] or "", "hidden" not in attrs) for attrs, _ in self.find("li", "var")]


def dump(tmp_path: Path, page: Path, fragment: str = "") -> Dom:
    return Dom(browse(tmp_path, page.as_uri() + fragment, "--dump-dom").stdout)


def test_html_in_a_browser(reports: Dict[str, Path], data: dict, tmp_path: Path) -> None:
    page = reports["html"]
    raw = page.read_text(encoding="utf-8")
    dom = dump(tmp_path, page)
    # every finding: its code, message, fix, rule link and highlighted source line
    articles = dom.find("article", "finding")
    assert len(articles) == data["summary"]["findings"]
    sources: Dict[str, List[str]] = {}
    for (attrs, text), (path, code, line, _, message) in zip(articles, json_findings(data)):
        assert attrs["data-code"] == code and attrs["data-line"] == str(line)
        assert code in text and message in text and BY_CODE[code].fix in text
        lines = sources.setdefault(path, (ROOT / path).read_text().splitlines())
        assert lines[line - 1].strip() in text
    highlighted = [text for _, text in dom.find("span", "hl")]
    assert len(highlighted) == len(articles)
    links = {attrs["href"] for attrs, _ in dom.find("a", "rule-link")}
    assert links == {RULE_DOCS + code + ".md" for code in data["summary"]["by_rule"]}
    # markup from code stays text
    assert any("a<i>b</i>" in text for _, text in articles)
    assert any("esc<b>&amp.py" in text for _, text in dom.find("code"))
    assert not [e for e in dom.elements if e[0] in ("i", "b")]
    assert "a&lt;i&gt;b&lt;/i&gt;" in raw and "esc&lt;b&gt;&amp;amp.py" in raw
    # per-rule counts and the skipped file
    counts = {attrs["data-code"]: text for attrs, text in dom.find("tr") if attrs.get("data-code")}
    assert {code: str(n) for code, n in data["summary"]["by_rule"].items()} == {
        code: text.split()[-1] for code, text in counts.items()}
    skipped = "".join(text for attrs, text in dom.find("section") if attrs.get("id") == "skipped")
    assert "syntax_error.py" in skipped and "syntax error" in skipped
    # the inventory: every variable, all shown, and the search box
    names = {v["name"] for f in data["files"] for v in f["inventory"]}
    shown = dom.variables()
    assert {name for name, _ in shown} == names and all(visible for _, visible in shown)
    assert len(shown) == data["summary"]["variables"]
    assert [attrs for attrs, _ in dom.find("input") if attrs.get("id") == "filter" and attrs.get("type") == "search"]
    assert dom.find("details", "file") and dom.find("summary")
    cards = "".join(text for attrs, text in dom.find("div", "cards"))
    assert "%.0f%%" % (100 * data["summary"]["coverage"]) in cards
    # self-contained: nothing to fetch, the only addresses are the rule pages'
    for tag, attrs, _, _ in dom.elements:
        for key in ("src", "href", "srcset", "action", "poster", "data"):
            value = attrs.get(key)
            if value is not None:
                assert key == "href" and tag == "a" and value.startswith(RULE_DOCS), (tag, key, value)
        assert tag != "link" and tag != "iframe" and not (tag == "script" and "src" in attrs)
    assert raw.count("http") == raw.count('href="' + RULE_DOCS)
    assert "@import" not in raw and "url(" not in raw


def test_html_search_box_filters_by_name(reports: Dict[str, Path], tmp_path: Path) -> None:
    page = reports["html"]
    everything = [name for name, _ in dump(tmp_path, page).variables()]
    kernel = dump(tmp_path, page, "#q=kernel").variables()
    assert [name for name, _ in kernel] == everything
    assert [shown for _, shown in kernel] == ["kernel" in name for name in everything]
    assert 0 < sum(shown for _, shown in kernel) < len(everything)
    upper = dump(tmp_path, page, "#q=" + "Dense/KERNEL").variables()  # case-insensitive, `/` in the query
    assert [shown for _, shown in upper] == ["dense/kernel" in name.lower() for name in everything]
    nothing = dump(tmp_path, page, "#q=no-such-variable")
    assert not any(shown for _, shown in nothing.variables())
    assert all("hidden" in attrs for attrs, _ in nothing.find("details", "file"))
    status = "".join(text for attrs, text in nothing.find("span") if attrs.get("id") == "filter-status")
    assert status.startswith("0 of %d" % len(everything))


def test_html_screenshot(reports: Dict[str, Path], tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    browse(tmp_path, reports["html"].as_uri(), "--window-size=1280,1600", "--hide-scrollbars",
           "--screenshot=%s" % shot)
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1280, 1600)
    assert len(png) > 40_000  # text, cards and highlighted code; a blank page is a few kilobytes
