"""The web section of tools/benchmark: `jobkb serve` under wrk (WEB_CONNECTIONS connections) on the
role page and the roles API, next to nginx serving the same pages from `jobkb export site` in the
same run (the limit for a page that is already rendered). tools/benchmark passes its paths and
helpers (`tools`).
"""

import os
import re
import subprocess
import sys
import tempfile

SERVE_VS_NGINX = 2.0  # issue 15: jobkb serve's role page within this factor of nginx's (req/s)
WEB_CONNECTIONS = 32

# Set by measure() from tools/benchmark's own.
JOBKB = run = fresh_copy = ROOT = None


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def web_base(work):
    """The seeded base with the 2022 survey imported as individual reports: the role page then
    has every chart (latest figures, history, distribution)."""
    db = os.path.join(work, "web.db")
    fresh_copy(None, db)
    run([JOBKB, "--db", db, "init"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    run([JOBKB, "--db", db, "import", "salaries", os.path.join(ROOT, "tests/data/ds_salaries_2022.csv"),
         "--map", "role=job_title", "--map", "country=employee_residence", "--map",
         "currency=salary_currency", "--map", "amount=salary", "--map", "as_of=work_year", "--set",
         "statistic=point", "--ignore-unknown", "--create-roles", "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return db


def start_serve(db, log):
    process = subprocess.Popen([JOBKB, "--db", db, "serve", "--port", "0"], stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=log)
    for _ in range(300):
        log.seek(0)
        found = re.search(r"at http://127\.0\.0\.1:(\d+)/", log.read())
        if found:
            return process, int(found.group(1))
        if process.poll() is not None:
            break
        import time
        time.sleep(0.05)
    process.kill()
    sys.exit("benchmark: jobkb serve did not start")


def start_nginx(site, work):
    """nginx on a free port as whatever user runs this, its pid, logs and temp files in work/."""
    folder = os.path.join(work, "nginx")
    os.makedirs(folder, exist_ok=True)
    port = free_port()
    temp = "\n".join(f"    {kind}_temp_path {folder}/{kind};" for kind in
                     ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.getuid() == 0 else ""
    config = os.path.join(folder, "nginx.conf")
    with open(config, "w") as f:
        f.write(f"""{user}daemon off;
worker_processes auto;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
{temp}
    types {{ text/html html; text/css css; image/svg+xml svg; application/json json; }}
    server {{
        listen 127.0.0.1:{port};
        root {site};
    }}
}}
""")
    process = subprocess.Popen(["nginx", "-e", os.path.join(folder, "error.log"), "-p", folder, "-c", config],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    import time
    import urllib.request
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html").read()
            return process, port
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.05)
    process.kill()
    sys.exit("benchmark: nginx did not start (see " + os.path.join(folder, "error.log") + ")")


def wrk(url, seconds):
    """Requests/s, p50 and p99 latency (ms) and errors of wrk with WEB_CONNECTIONS connections."""
    out = run(["wrk", "-t", "2", "-c", str(WEB_CONNECTIONS), "-d", f"{seconds}s", "--latency", url],
              capture_output=True).stdout

    def milliseconds(text):
        number, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
        return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    # The latency distribution's lines, not the "+/- Stdev" percentages above them.
    p50 = milliseconds(re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1))
    p99 = milliseconds(re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1))
    errors = 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        errors += int(non_2xx.group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    return dict(requests_per_second=rate, p50_ms=p50, p99_ms=p99, errors=errors, requests=requests)


def measure(work, tiny, tools):
    """wrk against jobkb serve and nginx (the exported site) on the role page and the roles API:
    requests/s, p50, p99 and errors of each."""
    global JOBKB, run, fresh_copy, ROOT
    JOBKB, run, fresh_copy, ROOT = tools["jobkb"], tools["run"], tools["fresh_copy"], tools["root"]
    seconds = 2 if tiny else 10
    db = web_base(work)
    site = os.path.join(work, "site")
    run([JOBKB, "--db", db, "export", "site", site], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # The API's answer as a file, so that nginx serves the same bytes as /api/roles.
    with open(os.path.join(site, "roles.json"), "w") as f:
        f.write(run([JOBKB, "--db", db, "roles", "--json"], capture_output=True).stdout)
    role = "machine-learning-engineer"
    results = []
    with tempfile.TemporaryFile("w+") as log:
        serve, serve_port = start_serve(db, log)
        nginx, nginx_port = start_nginx(site, work)
        try:
            for page, serve_path, nginx_path in [
                    ("role page", f"/role/{role}", f"/role/{role}.html"),
                    ("roles API (JSON)", "/api/roles", "/roles.json")]:
                # Both answer the same content first: an error would be timed as fast.
                import urllib.request
                served = urllib.request.urlopen(f"http://127.0.0.1:{serve_port}{serve_path}").read()
                static = urllib.request.urlopen(f"http://127.0.0.1:{nginx_port}{nginx_path}").read()
                if page.startswith("roles API") and served != static:
                    sys.exit("benchmark: /api/roles and the exported roles.json differ")
                for server, port, path in [("jobkb serve", serve_port, serve_path),
                                           ("nginx (jobkb export site)", nginx_port, nginx_path)]:
                    figures = wrk(f"http://127.0.0.1:{port}{path}", seconds)
                    figures.update(page=page, server=server, path=path, seconds=seconds,
                                   bytes=len(served if server == "jobkb serve" else static))
                    results.append(figures)
                    log_line = (f"{page}, {server}: {figures['requests_per_second']:,.0f} req/s, "
                                f"p50 {figures['p50_ms']:.2f} ms, p99 {figures['p99_ms']:.2f} ms, "
                                f"{figures['errors']} errors")
                    print(f"benchmark: {log_line}", file=sys.stderr, flush=True)
        finally:
            serve.terminate()
            nginx.terminate()
            serve.wait(timeout=20)
            nginx.wait(timeout=20)
    return results


def report_lines(web, targets):
    """The report's section, and the web targets appended to `targets`."""
    lines = []
    lines += [f"## Web view under load (wrk, {WEB_CONNECTIONS} connections, {web[0]['seconds']} s each)", "",
              "`jobkb serve` (read-only, one SQLite connection per worker thread, every request in "
              "one read snapshot) against nginx serving the same pages from `jobkb export site` in "
              "the same run: nginx is the limit for a page that is already rendered. The base: the "
              "seeded one with the 2022 survey imported as individual reports.", "",
              "| page | server | path | bytes | requests/s | p50 ms | p99 ms | requests | errors |",
              "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in web:
        lines.append(f"| {row['page']} | {row['server']} | `{row['path']}` | {row['bytes']:,} | "
                     f"{row['requests_per_second']:,.0f} | {row['p50_ms']:.2f} | {row['p99_ms']:.2f} | "
                     f"{row['requests']:,} | {row['errors']} |")
    lines.append("")
    by = {(row["page"], row["server"].split()[0]): row for row in web}
    for page in ("role page", "roles API (JSON)"):
        serve, nginx = by[(page, "jobkb")], by[(page, "nginx")]
        ratio = nginx["requests_per_second"] / serve["requests_per_second"]
        if page == "role page":
            targets.append((f"web: jobkb serve's {page} vs nginx's static copy (requests/s)",
                            f"nginx {ratio:.2f}x as many (target <= {SERVE_VS_NGINX}x)",
                            ratio <= SERVE_VS_NGINX))
        targets.append((f"web: no errors under load ({page}, jobkb serve)",
                        f"{serve['errors']} errors in {serve['requests']:,} requests",
                        serve["errors"] == 0))
    return lines
