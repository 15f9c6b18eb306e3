"""A role named <script>alert(1)</script>, imported with --create-roles, is text on every page,
served and static: the heading reads those characters, the document has no script element, no
dialog opens, no console error."""

import os
import tempfile

from support import SCRIPT_ROLE, Server, check, export_site, load, make_base, run, sql
import cdp


def check_text(page, url):
    check(page.evaluate("document.scripts.length") == 0, f"{url}: a script element")
    dialogs = [e for e in page.browser.events if e.get("method") == "Page.javascriptDialogOpening"]
    check(not dialogs, f"{url}: a dialog opened")
    check(page.evaluate("document.querySelectorAll('b').length") == 0, f"{url}: a <b> from a note")


def test(args):
    with tempfile.TemporaryDirectory() as folder:
        db = make_base(args.jobkb, folder)
        (slug,) = sql(db, "SELECT slug FROM roles WHERE name = ?", SCRIPT_ROLE)[0]
        site = export_site(args.jobkb, db, os.path.join(folder, "site"))
        with Server(args.jobkb, db) as server, cdp.Browser() as browser:
            page = browser.new_page(1280, 900)
            for name, url in [("escaping-role", f"{server.url}/role/{slug}"),
                              ("escaping-static", f"file://{site}/role/{slug}.html")]:
                load(page, url, args.screenshots, name)
                check(page.evaluate("document.querySelector('h1').textContent") == SCRIPT_ROLE,
                      f"{url}: the heading is not the name as text")
                check(page.evaluate("document.title").startswith(SCRIPT_ROLE), f"{url}: title")
                notes = page.evaluate("[...document.querySelectorAll('td')].map(c => c.textContent)")
                check("<b>bold?</b>" in notes, f"{url}: the note is not shown as text")
                check_text(page, url)
            for url in [f"{server.url}/roles", f"file://{site}/index.html",
                        f"{server.url}/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                        f"{server.url}/compare?roles=%3Cscript%3Ealert(1)%3C%2Fscript%3E&roles=Data+Scientist"]:
                page.navigate(url)
                check_text(page, url)
                cells = page.evaluate("document.body.textContent")
                check(SCRIPT_ROLE in cells, f"{url}: the name is not shown")


run(test)
