"""Where a process's time goes, by perf, for the benchmark report's explanations of its misses.

perf is optional: without it, or where the kernel refuses it (perf_event_paranoid), available()
says why and the report says the profile was not taken. A profile is the share of the process's
samples spent in each named function and what it calls (perf report --children, from DWARF call
graphs, since the release build keeps no frame pointers), and the share of the samples whose own
code is in each shared object or family of symbols (perf report --no-children).
"""

import functools
import os
import re
import shutil
import subprocess
import tempfile


@functools.cache  # asked before every profile; the answer holds for the run
def available():
    """None when perf can record this user's processes, else why not."""
    if not shutil.which("perf"):
        return "perf is not installed (Debian's linux-perf)"
    with tempfile.TemporaryDirectory() as scratch:
        done = subprocess.run(["perf", "record", "-q", "-o", os.path.join(scratch, "p.data"),
                               "--", "true"], capture_output=True, text=True)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        return "perf cannot record here: " + (lines[0] if lines else f"exit {done.returncode}")
    return None


# What a profile's failure raises: the report then says the profile was not taken, and why.
FAILURES = (subprocess.CalledProcessError, OSError)


def failure(error):
    """One line on why a profile failed."""
    return f"perf failed: {str(error).splitlines()[0] if str(error) else type(error).__name__}"


def record(command, data, frequency=999):
    """Runs command under perf record into the file data, with DWARF stacks (16 KiB each: enough
    for jobkb's frames under SQLite's)."""
    subprocess.run(["perf", "record", "-q", "-F", str(frequency), "-o", data, "--no-buildid-cache",
                    "--call-graph", "dwarf,16384", "--"] + command, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _report(data, options):
    done = subprocess.run(["perf", "report", "-i", data, "--stdio", "--no-demangle", "-g", "none",
                           "--percent-limit", "0"] + options, capture_output=True, text=True,
                          check=True)
    return [line for line in done.stdout.splitlines() if line and not line.startswith("#")]


def _only(comm):
    # Shares stay of all the file's samples: the relative base of a filtered report leaves some
    # of a process's rows out.
    return ["--comm", comm] if comm else []


def samples(data, comm=None):
    """How many samples the file holds (of the processes named comm only, when given)."""
    # By comm: sorted by shared object, perf leaves a filtered process's kernel and loader
    # samples out.
    total = 0
    for line in _report(data, ["--no-children", "--sort", "comm", "-n"]):
        found = re.match(r"\s*[\d.]+%\s+(\d+)\s+(\S+)", line)
        if found and (comm is None or found.group(2) == comm):
            total += int(found.group(1))
    return total


def inclusive_shares(data, groups, comm=None):
    """{label: % of all samples in a function matching one of the label's patterns or what it
    calls} (counting only processes named comm, when given). Patterns match mangled names
    (re.search). Of several matching functions the largest share is taken, not their sum: one
    may call another."""
    # Many short processes give a symbol a row each (one per mapping of its object): summed.
    by_symbol = {}
    for line in _report(data, ["--children", "--sort", "sym"] + _only(comm)):
        found = re.match(r"\s*([\d.]+)%\s+([\d.]+)%\s+\[[.k]\]\s+(\S+)", line)
        if found:
            symbol = found.group(3)
            by_symbol[symbol] = by_symbol.get(symbol, 0.0) + float(found.group(1))
    return {label: max([share for symbol, share in by_symbol.items()
                        if any(re.search(p, symbol) for p in patterns)], default=0.0)
            for label, patterns in groups}


def self_shares(data, categories, comm=None):
    """{label: % of samples whose own code matches the label} for (label, pattern) categories
    tried in order on "DSO SYMBOL" (re.search); what none matches counts as "other". With comm,
    only the samples of processes so named count (shares still of all samples)."""
    shares = {label: 0.0 for label, _ in categories}
    shares["other"] = 0.0
    for line in _report(data, ["--no-children", "--sort", "dso,sym"] + _only(comm)):
        found = re.match(r"\s*([\d.]+)%\s+(\S+)\s+\[[.k]\]\s+(\S+)", line)
        if not found:
            continue
        subject = f"{found.group(2)} {found.group(3)}"
        label = next((label for label, pattern in categories if re.search(pattern, subject)),
                     "other")
        shares[label] += float(found.group(1))
    return shares
