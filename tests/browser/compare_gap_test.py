"""Compare and gap pages, served and static: the comparison chart's bars are the API's figures
(and drawn to scale), the tables' rows are the API's."""

import os
import tempfile

from support import (Server, charts, check, export_site, load, make_base, near, run, table_by_label,
                     value_at)
import cdp

A, B = "Data Scientist", "Machine Learning Engineer"


def check_compare(page, server):
    api = server.json("/api/compare?roles=Data%20Scientist&roles=Machine%20Learning%20Engineer")
    expected = {}
    for row in api:
        if row["aspect"] == "salary":
            for role in (A, B):
                if row[role] is not None:
                    expected[(row["item"], role)] = row[role]["amount_minor"]
    drawn = {}
    for chart in charts(page, "svg.chart.comparison"):
        for panel in chart["panels"]:
            for bar in panel["bars"]:
                data = bar["data"]
                drawn[(f"{data['country']} {data['statistic']}/{data['period']}", data["role"])] = int(data["amountMinor"])
                near(value_at(panel["ticks"], bar["x"] + bar["width"], "x"), int(data["amountMinor"]),
                     f"bar {data}")
    check(drawn == expected, f"compare bars {drawn} vs API {expected}")
    rows = table_by_label(page, "Comparison")
    check(len(rows["rows"]) == len(api), "comparison rows")
    for cells, row in zip(rows["rows"], api):
        check([cells[0]["text"], cells[1]["text"]] == [row["aspect"], row["item"]], f"row {row}")


def check_gap(page, server):
    api = server.json("/api/gap?from=Data%20Scientist&to=Machine%20Learning%20Engineer")
    rows = table_by_label(page, "Skill gap")
    got = [[cell["text"] for cell in cells] for cells in rows["rows"]]
    want = [[row["skill"], row["status"], row["in_target"], row["in_current"] or ""] for row in api]
    check(got == want, f"gap rows {got} vs API {want}")


def test(args):
    with tempfile.TemporaryDirectory() as folder:
        db = make_base(args.jobkb, folder)
        site = export_site(args.jobkb, db, os.path.join(folder, "site"))
        with Server(args.jobkb, db) as server, cdp.Browser() as browser:
            page = browser.new_page(1280, 900)
            load(page, f"{server.url}/compare?roles={A}&roles={B}".replace(" ", "+"), args.screenshots, "compare")
            check_compare(page, server)
            load(page, f"{server.url}/gap?from={A}&to={B}".replace(" ", "+"), args.screenshots, "gap")
            check_gap(page, server)
            load(page, f"file://{site}/compare/data-scientist--machine-learning-engineer.html",
                 args.screenshots, "compare-static")
            check_compare(page, server)
            load(page, f"file://{site}/gap/data-scientist--machine-learning-engineer.html",
                 args.screenshots, "gap-static")
            check_gap(page, server)
            load(page, f"{server.url}/compare", args.screenshots, "compare-empty")
            phone = browser.new_page(390, 844, mobile=True)
            load(phone, f"{server.url}/compare?roles={A}&roles={B}".replace(" ", "+"), args.screenshots,
                 "compare-phone")


run(test)
