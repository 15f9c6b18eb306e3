"""The fuzzers' section of tools/benchmark: each libFuzzer target run by tools/fuzz for a few
seconds, its executions a second from libFuzzer's own count. Only when the fuzz preset is built
(tools/fuzz builds it; the benchmark does not, as it would take minutes): CI runs the tiny
benchmark before its fuzz build, and its `tools/fuzz 35` log has the same figures.
"""

import os
import re
import subprocess

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


def report_lines(result, seconds, targets):
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
    return lines
