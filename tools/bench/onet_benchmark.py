"""The O*NET section of tools/benchmark: `jobkb import onet` of a release (the subset in tests/data
with --tiny, else a full-size synthetic one) against the sqlite3 shell's .import of the same
files into plain tables. tools/benchmark passes its paths and helpers (`tools`).
"""

import json
import os
import sqlite3
import statistics
import subprocess
import sys

import query_manifest

ONET_SECONDS = 5.0  # jobkb import onet of a full-size release at most this long

# Set by measure() from tools/benchmark's own.
JOBKB = ROOT = run = log = fresh_copy = timed = count_rows = None

ONET_FILES = ["Occupation Data.txt", "Job Zones.txt", "Alternate Titles.txt",
              "Sample of Reported Titles.txt", "Task Statements.txt", "Technology Skills.txt",
              "Related Occupations.txt"]


def onet_release(work, tiny):
    """The release folder to import: the subset copy in tests/data (--tiny), else a full-size
    synthetic release by tools/gen-onet-release."""
    if tiny:
        return os.path.join(ROOT, "tests", "data", "onet", "29.2-subset")
    release = os.path.join(work, "onet-release")
    run([os.path.join(ROOT, "tools", "gen-onet-release"), "--out", release])
    return release


def measure(work, runs, tiny, tools):
    """jobkb import onet into a freshly seeded base vs the sqlite3 shell's .import of the same
    files into plain tables (ascii mode, tab and LF separators: no quoting, as O*NET writes them;
    the shell keeps each line's CR in the last column and checks nothing)."""
    global JOBKB, ROOT, run, log, fresh_copy, timed, count_rows
    JOBKB, ROOT = tools["jobkb"], tools["root"]
    run, log, fresh_copy = tools["run"], tools["log"], tools["fresh_copy"]
    timed, count_rows = tools["timed"], tools["count_rows"]
    release = onet_release(work, tiny)
    rows = {}
    for name in ONET_FILES:
        with open(os.path.join(release, name), encoding="utf-8", newline="") as f:
            rows[name] = sum(1 for _ in f) - 1
    seeded = os.path.join(work, "onet-seeded.db")
    db = os.path.join(work, "onet.db")
    fresh_copy(None, seeded)
    run([JOBKB, "--db", seeded, "init"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    script = os.path.join(work, "onet-import.sql")
    with open(script, "w") as f:
        f.write('.mode ascii\n.separator "\\t" "\\n"\n')
        for name in ONET_FILES:
            f.write(f".import '{os.path.join(release, name)}' t{ONET_FILES.index(name)}\n")
    variants = [
        ("jobkb import onet, seeded base", seeded, [JOBKB, "--db", db, "import", "onet", release]),
        ("sqlite3 .import, plain tables", None, ["sh", "-c", f'sqlite3 "{db}" < "{script}"']),
    ]
    samples = {name: [] for name, *_ in variants}
    for round_number in range(1, runs + 1):
        for name, base, command in variants:
            fresh_copy(base, db)
            seconds, peak = timed(command)
            if base:
                occupations = count_rows(db, "SELECT count(*) FROM role_codes WHERE "
                                         "scheme = 'onet-soc-2019' AND relation = 'is'")
                # The seed's Data Scientist is 15-2051.00 before the import.
                if occupations != rows["Occupation Data.txt"]:
                    sys.exit(f"benchmark: {name}: {occupations} occupations, expected "
                             f"{rows['Occupation Data.txt']}")
            else:
                for index, file_name in enumerate(ONET_FILES):
                    if count_rows(db, f"SELECT count(*) FROM t{index}") != rows[file_name]:
                        sys.exit(f"benchmark: {name}: {file_name} not wholly imported")
            samples[name].append((seconds, peak))
            log(f"round {round_number}/{runs}: {name}: {seconds:.2f} s, {peak:.0f} MB")
    fresh_copy(None, db)
    results = {}
    for name, *_ in variants:
        results[name] = dict(seconds=statistics.median(s for s, _ in samples[name]),
                             peak_mb=max(p for _, p in samples[name]), samples=samples[name])
    return dict(release=release, rows=rows, total_rows=sum(rows.values()), results=results)


def report_lines(onet, targets):
    """The report's section, and the O*NET target appended to `targets`."""
    files = ", ".join(f"{name.removesuffix('.txt')} {count:,}" for name, count in onet["rows"].items())
    lines = ["## O*NET release import", "",
             f"Release: `{os.path.relpath(onet['release'], ROOT)}` ({onet['total_rows']:,} rows: "
             f"{files}).", "",
             "| variant | median s | rows/s | peak RSS MB |", "| --- | ---: | ---: | ---: |"]
    for name, result in onet["results"].items():
        lines.append(f"| {name} | {result['seconds']:.2f} | "
                     f"{onet['total_rows'] / result['seconds']:,.0f} | {result['peak_mb']:.1f} |")
    jobkb = onet["results"]["jobkb import onet, seeded base"]["seconds"]
    shell = onet["results"]["sqlite3 .import, plain tables"]["seconds"]
    lines += ["", f"jobkb takes {jobkb / shell:.1f}x the shell's time: it validates every line, "
              "matches occupations to roles by code, and writes roles, titles, skills, tasks and "
              "relations with their indexes, provenance and the batch's change log.", ""]
    targets.append(("O*NET release import (seeded base)",
                    f"{jobkb:.2f} s (sqlite3 .import {shell:.2f} s; target < {ONET_SECONDS} s)",
                    jobkb < ONET_SECONDS))
    return lines


def query_base(work, release):
    """The query benchmark's O*NET-scale base (issue 15: its p50s at O*NET scale), after
    measure(): its seeded base with the release imported and BLS's national wage table (tests/data/oews, through the
    bls-oews-national recipe) on top, so that roles have O*NET's skills and US figures; with
    manifest.json, what the questions ask of it (query_manifest.from_base). Returns the folder,
    for JOBKB_BENCH_DATA."""
    folder = os.path.join(work, "onet-queries")
    os.makedirs(folder, exist_ok=True)
    db = os.path.join(folder, "full.db")
    fresh_copy(os.path.join(work, "onet-seeded.db"), db)  # what measure() seeded
    quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    run([JOBKB, "--db", db, "import", "onet", release], **quiet)
    oews = os.path.join(ROOT, "tests", "data", "oews", "national_M2023_dl.csv")
    run([JOBKB, "--db", db, "import", "salaries", oews, "--recipe", "bls-oews-national", "--set",
         "as_of=2023-05"], **quiet)
    con = sqlite3.connect(db)
    manifest = {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("roles", "role_skills", "salary_latest")}
    manifest.update(query_manifest.from_base(con))
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    with open(os.path.join(folder, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    return folder
