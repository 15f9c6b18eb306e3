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


# Each result as the page shows it: kind, name, field and the snippet with its <mark>ed parts
# written back as **...** (what the API's snippet is), and only text inside them.
RESULTS = """[...document.querySelectorAll('ol.results li')].map(li => ({
  kind: li.querySelector('.kind').textContent,
  name: li.querySelector('a').textContent,
  field: li.querySelector('.matched-field').textContent,
  snippet: [...li.querySelector('p.snippet').childNodes].map(n =>
      n.nodeType === Node.TEXT_NODE ? n.textContent
      : n.nodeName === 'MARK' && n.children.length === 0 ? '**' + n.textContent + '**'
      : '<' + n.nodeName + '>').join(''),
  marks: li.querySelectorAll('p.snippet mark').length}))"""


def check_search_results(page, server, words):
    api = server.json("/api/search?q=" + words)
    shown = page.evaluate(RESULTS)
    check(len(api) > 0, f"search {words}: the API finds something")
    got = [[r["kind"], r["name"], r["field"], r["snippet"]] for r in shown]
    want = [[h["kind"], h["name"], h["field"], h["snippet"]] for h in api]
    check(got == want, f"search {words}: page {got} vs API {want}")
    check(all(r["marks"] > 0 for r in shown), f"search {words}: every snippet marks a match")


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
            links = page.evaluate("[...document.querySelectorAll('ol.results a')].map(a => a.getAttribute('href'))")
            check(links[:1] == ["/roles?skill=Python"], f"search links {links}: the skill first")
            check_search_results(page, server, "python")
            load(page, f"{server.url}/search?q=chatbot", args.screenshots, "search-chatbot")
            check_search_results(page, server, "chatbot")
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
