"""The imports and search pages, the 404 page, served and static: rows are the API's, links
lead where they say."""

import os
import tempfile

from support import Server, check, export_site, load, make_base, run, table_by_label
import cdp


def check_imports(page, server):
    api = server.json("/api/imports")
    rows = table_by_label(page, "Import batches")
    got = [[cell["text"] for cell in cells] for cells in rows["rows"]]
    want = [[str(b["id"]), b["file"], b["source"], b["format"], b["content"], str(b["read"]),
             str(b["inserted"]), str(b["rejected"]), b["imported_at"], b["state"]] for b in api]
    check(got == want, f"imports {got} vs API {want}")


def test(args):
    with tempfile.TemporaryDirectory() as folder:
        db = make_base(args.jobkb, folder)
        site = export_site(args.jobkb, db, os.path.join(folder, "site"))
        with Server(args.jobkb, db) as server, cdp.Browser() as browser:
            page = browser.new_page(1280, 900)
            load(page, f"{server.url}/imports", args.screenshots, "imports")
            check_imports(page, server)
            load(page, f"file://{site}/imports.html", args.screenshots, "imports-static")
            check_imports(page, server)
            load(page, f"{server.url}/search?q=python", args.screenshots, "search")
            links = page.evaluate("[...document.querySelectorAll('ul.results a')].map(a => a.getAttribute('href'))")
            check(links == ["/roles?skill=Python"], f"search links {links}")
            page.navigate(server.url + links[0])
            check(page.evaluate("document.querySelectorAll('table.listing tbody tr').length") ==
                  len(server.json("/api/roles?skill=Python")), "the search link's roles")
            # A 404 is a page of the site, with its stylesheet, and says so.
            status = page.navigate(f"{server.url}/no/such/page")
            check(status == 404, f"404 page status {status}")
            check(page.evaluate("document.querySelector('h1').textContent") == "Not found", "404 heading")
            check(page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui"),
                  "404 page has the stylesheet")
            page.screenshot(os.path.join(args.screenshots, "not-found.png"))


run(test)
