"""What the browser tests share: a seeded base with imported figures, `jobkb serve` on a free
port, `jobkb export site`, the base's own answers (sqlite3, read-only) and the JSON API's, and
reading a page's tables and charts back out of Chromium.

Each test script: python3 X_test.py --jobkb build/release/jobkb --screenshots DIR
"""

import argparse
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import cdp  # noqa: E402

SCRIPT_ROLE = "<script>alert(1)</script>"
ENV = dict(os.environ, JOBKB_TODAY="2026-11-23", NO_COLOR="1")


class Failure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobkb", required=True)
    parser.add_argument("--screenshots", required=True)
    return parser.parse_args()


def jobkb(binary, *args):
    return subprocess.run([binary, *args], check=True, capture_output=True, text=True, env=ENV).stdout


def make_base(binary, folder):
    """The article's base, the 2022 survey as individual reports, a history of published
    averages, a role named as markup, O*NET's content for three occupations (29.2-mini), and the
    ECB's rates and the World Bank's PPP factors."""
    db = os.path.join(folder, "kb.db")
    jobkb(binary, "--db", db, "init")
    jobkb(binary, "--db", db, "import", "salaries", os.path.join(SOURCE, "tests/data/ds_salaries_2022.csv"),
          "--map", "role=job_title", "--map", "country=employee_residence", "--map",
          "currency=salary_currency", "--map", "amount=salary", "--map", "as_of=work_year",
          "--set", "statistic=point", "--ignore-unknown", "--create-roles", "--quiet")
    extra = os.path.join(folder, "extra.csv")
    with open(extra, "w") as f:
        f.write("role,country,currency,amount,as_of,statistic,note\n"
                f"\"{SCRIPT_ROLE}\",US,USD,120000,2025-01-01,average,<b>bold?</b>\n"
                "Machine Learning Engineer,US,USD,150000,2024-01-01,average,\n"
                "Machine Learning Engineer,US,USD,155000,2025-01-01,average,\n"
                "Machine Learning Engineer,US,USD,145000,2025-01-01,median,\n"
                "Machine Learning Engineer,IN,INR,950000,2024,average,\n"
                "Machine Learning Engineer,IN,INR,1000000,2025,average,\n"
                "Data Scientist,US,USD,110000,2024-06,average,\n")
    jobkb(binary, "--db", db, "import", "salaries", extra, "--create-roles", "--quiet")
    jobkb(binary, "--db", db, "import", "onet", os.path.join(SOURCE, "tests/data/onet/29.2-mini"))
    for name in ("eurofxref-hist-subset.csv", "ppp-gdp-subset.csv"):
        jobkb(binary, "--db", db, "import", "rates", os.path.join(SOURCE, "tests/data/fx", name))
    return db


def sql(db, query, *parameters):
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return connection.execute(query, parameters).fetchall()
    finally:
        connection.close()


class Server:
    def __init__(self, binary, db, *extra):
        self.log = tempfile.NamedTemporaryFile("w+", suffix=".err")
        self.proc = subprocess.Popen([binary, "--db", db, "serve", "--port", "0", *extra],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=self.log, env=ENV)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            self.log.seek(0)
            found = re.search(r"at (http://127\.0\.0\.1:\d+)/", self.log.read())
            if found:
                self.url = found.group(1)
                return
            check(self.proc.poll() is None, "jobkb serve ended at start")
            time.sleep(0.05)
        raise Failure("jobkb serve did not start")

    def get(self, path):
        with urllib.request.urlopen(self.url + path) as response:
            return response.read().decode()

    def json(self, path):
        return json.loads(self.get(path))

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=15)
        self.log.seek(0)
        check(code == 0, f"jobkb serve exited {code}: {self.log.read()}")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.stop()


def export_site(binary, db, folder):
    jobkb(binary, "--db", db, "export", "site", folder)
    return folder


def load(page, url, shots, name, mobile_shots=None):
    """Loads the page, checks it is problem-free (no console errors or warnings, failed loads,
    CSP violations, exceptions) and takes its screenshot."""
    status = page.navigate(url)
    check(status in (None, 200), f"{url}: HTTP {status}")
    problems = page.problems()
    check(not problems, f"{url}: {problems}")
    width = page.evaluate("document.documentElement.clientWidth")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    check(scroll <= width, f"{url}: the page is {scroll}px wide in a {width}px window (overflow)")
    os.makedirs(shots, exist_ok=True)
    page.screenshot(os.path.join(shots, name + ".png"))


# Every chart mark and tick with its data and where it was drawn, in SVG user units.
CHART_MARKS = r"""
(selector => [...document.querySelectorAll(selector)].map(svg => ({
  kind: svg.getAttribute('class'),
  panels: [...svg.querySelectorAll('g.panel')].map(g => ({
    data: Object.assign({}, g.dataset),
    ticks: [...g.querySelectorAll('g.tick')].map(t => ({amount: +t.dataset.amountMinor,
        x: t.dataset.x === undefined ? null : +t.dataset.x, y: t.dataset.y === undefined ? null : +t.dataset.y})),
    bars: [...g.querySelectorAll('rect.bar')].map(r => ({data: Object.assign({}, r.dataset),
        x: r.x.baseVal.value, width: r.width.baseVal.value})),
    box: [...g.querySelectorAll('rect.box')].map(r => ({x: r.x.baseVal.value, width: r.width.baseVal.value})),
    median: [...g.querySelectorAll('line.median')].map(l => l.x1.baseVal.value),
    reports: [...g.querySelectorAll('circle.report')].map(c => ({amount: +c.dataset.amountMinor, x: c.cx.baseVal.value})),
  })),
  ticks: [...svg.querySelectorAll(':scope > g.tick:not(.time)')].map(t => ({amount: +t.dataset.amountMinor, y: +t.dataset.y})),
  points: [...svg.querySelectorAll('circle.point')].map(c => ({data: Object.assign({}, c.dataset), y: c.cy.baseVal.value})),
  shown: svg.getBoundingClientRect().width > 0,
})))
"""


def charts(page, selector):
    return page.evaluate(CHART_MARKS + f"({json.dumps(selector)})")


def value_at(ticks, coordinate, axis):
    """The amount a coordinate stands for on an axis, read back from two of its ticks."""
    first, last = ticks[0], ticks[-1]
    check(first[axis] != last[axis], "an axis needs two ticks apart")
    return first["amount"] + (coordinate - first[axis]) * (last["amount"] - first["amount"]) / (
        last[axis] - first[axis])


def near(drawn, expected, what, tolerance=0.002):
    """Drawn within 0.2% of the axis span (coordinates have one decimal)."""
    check(abs(drawn - expected) <= tolerance * max(abs(expected), 1) + 200,
          f"{what}: drawn at {drawn:.0f}, the base says {expected}")


TABLE_ROWS = r"""
(index => { const t = document.querySelectorAll('table.listing')[index];
  return {keys: [...t.querySelectorAll('thead th')].map(h => h.dataset.key),
          rows: [...t.querySelectorAll('tbody tr')].map(r => [...r.children].map(c => ({
              text: c.textContent, amount: c.dataset.amountMinor === undefined ? null : +c.dataset.amountMinor,
              currency: c.dataset.currency || null, href: c.querySelector('a') ? c.querySelector('a').getAttribute('href') : null})))}; })
"""


def table(page, index=0):
    return page.evaluate(TABLE_ROWS + f"({index})")


def table_by_label(page, label):
    index = page.evaluate(
        f"[...document.querySelectorAll('table.listing')].findIndex(t => t.closest('.table-wrap').getAttribute('aria-label') === {json.dumps(label)})")
    check(index >= 0, f"no table '{label}'")
    return table(page, index)


def run(test):
    """Runs test(args) and reports like a test runner: exit 0 when it passed."""
    args = arguments()
    name = os.path.basename(sys.argv[0])
    try:
        test(args)
    except (Failure, cdp.BrowserError) as failure:
        print(f"FAILED {name}: {failure}", file=sys.stderr)
        sys.exit(1)
    print(f"passed {name}")
