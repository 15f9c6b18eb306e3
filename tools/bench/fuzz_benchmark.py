"""The fuzzers' section of tools/benchmark: each libFuzzer target run by tools/fuzz for a few
seconds, its executions a second from libFuzzer's own count. Only when the fuzz preset is built
(tools/fuzz builds it; the benchmark does not, as it would take minutes): CI runs the tiny
benchmark before its fuzz build, and its `tools/fuzz 35` log has the same figures.
"""

import os
import re
import subprocess
import tempfile

import perf_profile

FUZZ_EXECS = 5000  # reader targets and the SQL guard: at least this many inputs a second
# Issue 15's: every reader's target, and the SQL guard's. import_salaries, the one kept end to end
# through the database (a dry-run import per input), has none; nor have the parsers of a value
# (amount, decimal, the search words), which run far above it.
TARGETED = {"import_csv", "import_tsv", "import_json", "import_ndjson", "import_rates",
            "import_roles", "import_onet", "read_delimited", "read_xlsx", "title_mapping",
            "recipe", "adhoc_sql"}


def measure(root, seconds, log):
    """{target: exec/s} from `tools/fuzz SECONDS` on the built targets; None when not built."""
    binaries = os.path.join(root, "build", "fuzz", "tests", "fuzz")
    if seconds <= 0 or not os.path.isdir(binaries):
        return None
    log(f"fuzzers, {seconds} s each")
    done = subprocess.run([os.path.join(root, "tools", "fuzz"), str(seconds)], cwd=root,
                          env=dict(os.environ, JOBKB_FUZZ_NO_BUILD="1"), capture_output=True,
                          text=True)
    result = {}
    for line in done.stdout.splitlines():
        found = re.match(r"fuzz: (\w+): \d+ s, .*exec/s: (\d+)", line)
        if found:
            result[found.group(1)] = int(found.group(2))
    if done.returncode != 0:
        log("tools/fuzz failed: " + (done.stderr.strip().splitlines() or ["(no message)"])[-1])
    return result


# Where a fuzzer's own samples fall, tried in order on "DSO SYMBOL" (mangled). The targets link
# libFuzzer, the sanitizers' runtimes and jobkb statically; SQLite, expat, fmt, libstdc++ (and
# libzip, loaded for a workbook) are Debian's shared libraries.
FUZZ_CATEGORIES = [
    ("libFuzzer", r"_ZN6fuzzer|_ZNK6fuzzer"),
    ("coverage hooks", r"__sanitizer_cov"),
    ("ASan/UBSan", r"__asan|__ubsan|__interceptor|__sanitizer|__lsan"),
    ("SQLite", r"sqlite3|libsqlite3"),
    ("jobkb", r"_Z+N+K?5jobkb|_ZN12_GLOBAL__N_1|LLVMFuzzerTestOneInput"),
    ("expat, fmt, libzip", r"libexpat|libfmt|libzip"),
    ("C/C++ libraries", r"libc\.so|libstdc\+\+|libm\.so|_ZNSt|_ZSt|_ZNKSt"),
    ("kernel", r"kernel"),
]
PROFILE_SECONDS = 8


def profile_misses(root, result, log):
    """{target: {category: % of samples}} for the targeted fuzzers below FUZZ_EXECS, each run again
    for PROFILE_SECONDS under perf; {"skipped": why} when perf cannot record."""
    missed = [t for t, execs in (result or {}).items() if t in TARGETED and execs < FUZZ_EXECS]
    if not missed:
        return {}
    why = perf_profile.available()
    if why:
        return {"skipped": why}
    log(f"profiling {len(missed)} fuzzers below {FUZZ_EXECS:,} exec/s, {PROFILE_SECONDS} s each")
    profiles = {}
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run([os.path.join(root, "tools", "fuzz"), str(PROFILE_SECONDS)] + missed,
                              cwd=root, env=dict(os.environ, JOBKB_FUZZ_NO_BUILD="1",
                                                 JOBKB_FUZZ_PERF=folder), capture_output=True)
        try:
            for target in missed:
                data = os.path.join(folder, f"{target}.perf.data")
                if os.path.exists(data):
                    profiles[target] = perf_profile.self_shares(data, FUZZ_CATEGORIES)
                else:
                    log(f"no profile of {target}: tools/fuzz exited {done.returncode}")
        except perf_profile.FAILURES as error:
            return {"skipped": perf_profile.failure(error)}
    return profiles


def report_lines(result, seconds, targets, profiles=None):
    lines = ["## Fuzzers", ""]
    if result is None:
        why = ("0 seconds a target (the default with --tiny)" if seconds <= 0 else
               "the fuzz preset is not built (`tools/fuzz` builds it)")
        lines += [f"Not measured in this run: {why}; `tools/benchmark --fuzz-seconds N` measures "
                  "them.", ""]
        return lines
    lines += [f"Each libFuzzer target for {seconds} s (`tools/fuzz {seconds}`, ASan + UBSan, "
              "from build/fuzz/corpus and the seeds); executions a second as libFuzzer counts "
              "them, the corpus's loading included.", "",
              "| target | exec/s | target |", "| --- | ---: | ---: |"]
    for target, execs in result.items():
        lines.append(f"| {target} | {execs:,} | "
                     f"{f'{FUZZ_EXECS:,}' if target in TARGETED else 'none'} |")
        if target not in TARGETED:
            continue
        targets.append((f"fuzzer {target} (exec/s)", f"{execs:,} (target >= {FUZZ_EXECS:,})",
                        execs >= FUZZ_EXECS))
    lines.append("")
    lines += profile_lines(profiles or {})
    return lines


def profile_lines(profiles):
    if not profiles:
        return []
    if "skipped" in profiles:
        return [f"The fuzzers below {FUZZ_EXECS:,} exec/s were not profiled: {profiles['skipped']}.",
                ""]
    labels = [label for label, _ in FUZZ_CATEGORIES] + ["other"]
    lines = [f"Where the fuzzers below {FUZZ_EXECS:,} exec/s spend their time: each run again for "
             f"{PROFILE_SECONDS} s under `perf record`, the share of its samples whose own code "
             "is in each part (%). libFuzzer's bookkeeping and the coverage hooks grow with the "
             "code an input reaches, and ASan with what it allocates; only the jobkb and SQLite "
             "columns are the reader's own work. What would be needed: less instrumented code "
             "on each input's path (import_onet still imports every input as a dry run through "
             "a base), since libFuzzer's and the hooks' work per reached edge is fixed.", "",
             "| target | " + " | ".join(labels) + " |",
             "| --- |" + " ---: |" * len(labels)]
    for target, shares in profiles.items():
        lines.append(f"| {target} | " + " | ".join(f"{shares.get(l, 0):.0f}" for l in labels) +
                     " |")
    lines.append("")
    return lines
