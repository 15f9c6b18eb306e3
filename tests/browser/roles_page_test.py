"""The roles page, served (with filters) and as the static index: its rows are the JSON API's,
money cells carry the API's amounts, the filter form round-trips, no console errors or overflow."""

import os
import tempfile

from support import Server, check, export_site, load, make_base, run, table_by_label
import cdp


def check_rows(page, api, what):
    rows = table_by_label(page, "Roles")
    check(len(rows["rows"]) == len(api), f"{what}: {len(rows['rows'])} rows, API {len(api)}")
    for cells, role in zip(rows["rows"], api):
        row = dict(zip(rows["keys"], cells))
        check(row["role"]["text"] == role["role"], f"{what}: {row['role']['text']} vs {role['role']}")
        check(row["key_skills"]["text"] == ", ".join(role["key_skills"]), f"{what}: key skills")
        check(row["industries"]["text"] == ", ".join(role["industries"]), f"{what}: industries")
        drawn = {key[len("avg_yearly_"):]: (cell["amount"], cell["currency"])
                 for key, cell in row.items() if key.startswith("avg_yearly_") and cell["amount"] is not None}
        if "avg_yearly" in role:  # one country asked: the listing gives its average
            expected = {role["country"]: (role["avg_yearly"]["amount_minor"], role["avg_yearly"]["currency"])}
        else:
            expected = {figure["country"]: (figure["amount"]["amount_minor"], figure["amount"]["currency"])
                        for figure in role["headline_salaries"]}
        check(drawn == expected, f"{what}: {role['role']} salaries {drawn} vs {expected}")
        check(row["role"]["href"], f"{what}: {role['role']} has no link")


def test(args):
    with tempfile.TemporaryDirectory() as folder:
        db = make_base(args.jobkb, folder)
        site = export_site(args.jobkb, db, os.path.join(folder, "site"))
        with Server(args.jobkb, db) as server, cdp.Browser() as browser:
            page = browser.new_page(1280, 900)
            for name, query in [("roles", ""), ("roles-python-healthcare", "?skill=python&industry=healthcare"),
                                ("roles-in-by-salary", "?country=IN&sort=salary&min_salary=8,00,000")]:
                load(page, f"{server.url}/roles{query}", args.screenshots, name)
                check_rows(page, server.json(f"/api/roles{query}"), name)
            # The form sends what it shows: submitting it gives the same page.
            page.navigate(f"{server.url}/roles?skill=python&industry=healthcare")
            page.evaluate("document.querySelector('form.filters').submit()")
            page.navigate(page.evaluate("location.href"))
            check("skill=python" in page.evaluate("location.search"), "the form keeps the skill")
            check_rows(page, server.json("/api/roles?skill=python&industry=healthcare"), "resubmitted")
            load(page, f"file://{site}/index.html", args.screenshots, "roles-static")
            check_rows(page, server.json("/api/roles"), "static index")
            phone = browser.new_page(390, 844, mobile=True)
            load(phone, f"{server.url}/roles", args.screenshots, "roles-phone")


run(test)
