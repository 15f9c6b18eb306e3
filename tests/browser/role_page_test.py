"""The role page, served and from a static export: the charts draw the base's numbers (read
back from the drawing through the axis ticks), the tables hold the JSON API's rows, no console
errors, no overflow at desktop or phone width."""

import os
import tempfile

from support import (Server, charts, check, export_site, load, make_base, near, run, sql,
                     table_by_label, value_at)
import cdp

ROLES = ["machine-learning-engineer", "data-scientist"]


def check_latest(page, db, slug):
    expected = {row[0]: row[1] for row in sql(
        db, "SELECT o.id, o.amount_minor FROM salary_latest l JOIN salary_observations o "
            "ON o.id = l.observation_id JOIN roles r ON r.id = l.role_id "
            "WHERE r.slug = ? AND l.statistic <> 'point'", slug)}
    drawn = {}
    for chart in charts(page, "svg.chart.latest-salaries"):
        check(chart["shown"], "the latest-salaries chart is not shown")
        for panel in chart["panels"]:
            zero = [t for t in panel["ticks"] if t["amount"] == 0]
            check(zero, "a bar panel's axis starts at zero")
            for bar in panel["bars"]:
                amount = int(bar["data"]["amountMinor"])
                drawn[int(bar["data"]["observation"])] = amount
                near(bar["x"], zero[0]["x"], "a bar's start", 0)
                near(value_at(panel["ticks"], bar["x"] + bar["width"], "x"), amount,
                     f"bar of observation {bar['data']['observation']}")
    check(drawn == expected, f"{slug}: bars {drawn}, latest figures {expected}")


def check_history(page, db, slug):
    expected = {row[0]: row[1] for row in sql(
        db, "SELECT o.id, o.amount_minor FROM salary_observations o JOIN roles r "
            "ON r.id = o.role_id WHERE r.slug = ? AND o.statistic <> 'point'", slug)}
    drawn = {}
    for chart in charts(page, "svg.chart.history"):
        for point in chart["points"]:
            amount = int(point["data"]["amountMinor"])
            drawn[int(point["data"]["observation"])] = amount
            near(value_at(chart["ticks"], point["y"], "y"), amount,
                 f"history point of observation {point['data']['observation']}")
    check(drawn == expected, f"{slug}: history points {drawn}, observations {expected}")


def check_reports(page, db, server, slug):
    summaries = {(row["country"], row["year"], row["p25"]["currency"]): row
                 for row in server.json(f"/api/salaries?role={slug}&reports=1")}
    groups = 0
    for chart in charts(page, "svg.chart.distribution"):
        for panel in chart["panels"]:
            groups += 1
            data = panel["data"]
            row = summaries[(data["country"], data["year"], data["currency"])]
            for key in ("p25", "median", "mean", "p75"):
                check(int(data[key + "Minor"]) == row[key]["amount_minor"],
                      f"{slug} {data}: {key} drawn {data[key + 'Minor']}, API {row[key]}")
            check(int(data["count"]) == row["reports"], f"{slug}: report count")
            box = panel["box"][0]
            near(value_at(panel["ticks"], box["x"], "x"), row["p25"]["amount_minor"], "box start")
            near(value_at(panel["ticks"], box["x"] + box["width"], "x"), row["p75"]["amount_minor"],
                 "box end")
            near(value_at(panel["ticks"], panel["median"][0], "x"), row["median"]["amount_minor"],
                 "median")
            points = sorted(amount for (amount,) in sql(
                db, "SELECT o.amount_minor FROM current_observations o JOIN roles r ON "
                    "r.id = o.role_id WHERE r.slug = ? AND o.statistic = 'point' AND "
                    "o.country_code = ? AND substr(o.as_of, 1, 4) = ? AND o.currency_code = ?",
                slug, data["country"], data["year"], data["currency"]))
            dots = sorted(report["amount"] for report in panel["reports"])
            check(dots == points, f"{slug} {data}: dots {dots}, reports {points}")
            for report in panel["reports"]:
                near(value_at(panel["ticks"], report["x"], "x"), report["amount"], "a report's dot")
    check(groups > 0, f"{slug}: no distribution drawn")


def check_tables(page, server, slug):
    rows = table_by_label(page, "Latest salaries")
    keys = rows["keys"]
    api = server.json(f"/api/role?name={slug}")["latest_salaries"]
    check(len(rows["rows"]) == len(api), f"{slug}: {len(rows['rows'])} rows, API {len(api)}")
    for cells, figure in zip(rows["rows"], api):
        row = dict(zip(keys, cells))
        check(row["country"]["text"] == figure["country"], "country")
        check(row["statistic"]["text"] == figure["statistic"], "statistic")
        check(row["amount"]["amount"] == figure["amount"]["amount_minor"] and
              row["amount"]["currency"] == figure["amount"]["currency"],
              f"{slug}: amount {row['amount']} vs {figure['amount']}")
        check(row["as_of"]["text"] == figure["as_of"] and row["source"]["text"] == figure["source"],
              "provenance")


def check_converted(page, server, slug, shots):
    """?in=EUR&rate_on=...: each latest salary also in EUR, the amount /api/role's "in" has, with
    its rate's date and source beside it."""
    question = f"in=EUR&rate_on={RATE_DAY}"
    load(page, f"{server.url}/role/{slug}?{question}", shots, f"role-{slug}-in-eur")
    rows = table_by_label(page, "Latest salaries")
    keys = rows["keys"]
    check("amount_in" in keys and "rate" in keys, f"{slug}: no converted column in {keys}")
    api = server.json(f"/api/role?name={slug}&{question}")["latest_salaries"]
    check(len(rows["rows"]) == len(api), f"{slug}: {len(rows['rows'])} rows, API {len(api)}")
    for cells, figure in zip(rows["rows"], api):
        row = dict(zip(keys, cells))
        converted = figure["in"]
        if converted["amount"] is None:
            check(row["amount_in"]["text"].startswith("not converted"), f"{slug}: {row}")
            continue
        check(row["amount_in"]["amount"] == converted["amount"]["amount_minor"] and
              row["amount_in"]["currency"] == "EUR", f"{slug}: {row['amount_in']} vs {converted}")
        if converted["rate"]:
            check(converted["applies_to"] in row["rate"]["text"], f"{slug}: rate {row['rate']}")


RATE_DAY = "2025-05-09"  # a day of tests/data/fx's ECB rates


def test(args):
    with tempfile.TemporaryDirectory() as folder:
        db = make_base(args.jobkb, folder)
        site = export_site(args.jobkb, db, os.path.join(folder, "site"))
        with Server(args.jobkb, db) as server, cdp.Browser() as browser:
            page = browser.new_page(1280, 900)
            phone = browser.new_page(390, 844, mobile=True)
            for slug in ROLES:
                for where, url in [("served", f"{server.url}/role/{slug}"),
                                   ("static", f"file://{site}/role/{slug}.html")]:
                    load(page, url, args.screenshots, f"role-{slug}-{where}")
                    check_latest(page, db, slug)
                    check_history(page, db, slug)
                    check_reports(page, db, server, slug)
                    check_tables(page, server, slug)
                load(phone, f"{server.url}/role/{slug}", args.screenshots, f"role-{slug}-phone")
                check_converted(page, server, slug, args.screenshots)


run(test)
