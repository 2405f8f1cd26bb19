#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Import benchmark: `gengbao-cli import` against `ogr2ogr -f GPKG`, side by side.

For each N, both tools read the same GBK shapefile parcels_N.shp (made by the shared peer
generator, see tests/bench/README.md) and write a GeoPackage. The runs alternate within one
invocation of this script (the order is swapped on every other run, so a drift of the machine
affects both tools alike):

  gengbao  `gengbao-cli new P.gpkg --town T --year 2023 --target 1 --crs EPSG:4545` (not timed),
           then `gengbao-cli import P.gpkg parcels_N.shp` (timed)
  ogr2ogr  `ogr2ogr -f GPKG out.gpkg parcels_N.shp` (timed, into a fresh file)

Each timed child is started with posix_spawn and reaped with os.wait4, which gives its wall time
(monotonic clock around spawn and reap) and its own rusage: peak RSS (ru_maxrss, KiB on Linux)
and user + system CPU time; /proc/stat read around each run tells how busy the rest of the
machine was meanwhile (logged per run; averaged per N in the table's notes, which warn above
0.1 core). Before the timed runs of each N, the input files and both programs
are read once (page cache warm) and each tool runs once untimed.

Every gengbao run must print a JSON summary with "imported" equal to N (and nothing rejected);
every ogr2ogr output must hold N features (checked with ogrinfo, untimed). Anything else aborts.

Standard library only. Example:

  python3 tests/bench/import_bench.py --cli build/bin/gengbao-cli --data /tmp/gengbao-bench-data \
      --runs 5 --markdown /tmp/import.md 1000 10000 100000
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

DEFAULT_SIZES = [1000, 10000, 100000]
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")

# Targets of the "Foundation" issue, item 10 (stated for N = 100000).
TARGET_SECONDS = 5.0
TARGET_PEAK_MB = 500.0
TARGET_RATIO = 2.0
# A timed run during which the rest of the machine kept more than this many cores busy (on
# average) is flagged: the figures then measure the contention as much as the program.
NOISE_LOAD = 0.1


class BenchError(Exception):
    pass


def machine_busy_seconds():
    """CPU seconds spent busy (not idle or iowait) by all CPUs since boot, from /proc/stat."""
    try:
        with open("/proc/stat") as fh:
            fields = [int(v) for v in fh.readline().split()[1:]]
    except OSError:
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    steal = fields[7] if len(fields) > 7 else 0
    return (sum(fields[:8]) - idle - steal) / ticks


def wait_until_quiet(limit_s, log):
    """Waits (up to limit_s) until the machine has been idle for 3 s in a row."""
    deadline = time.monotonic() + limit_s
    quiet = 0
    while time.monotonic() < deadline:
        before = machine_busy_seconds()
        time.sleep(1.0)
        after = machine_busy_seconds()
        if before is None or after is None:
            return
        quiet = quiet + 1 if after - before < NOISE_LOAD else 0
        if quiet >= 3:
            return
    log(f"machine still busy after waiting {limit_s:g} s; measuring anyway")


def run_timed(argv, stdout_path, stderr_path, env=None):
    """Runs argv with stdout/stderr to files.

    Returns (exit status, wall s, peak KiB, cpu s, foreign cpu s): the last is the CPU time the
    rest of the machine used meanwhile (busy time of all CPUs minus the child's), a check that
    nothing else competed for the cores (None where /proc/stat is missing)."""
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, stdout_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    busy_before = machine_busy_seconds()
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env if env is not None else os.environ,
                         file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    busy_after = machine_busy_seconds()
    code = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    foreign = None
    if busy_before is not None and busy_after is not None:
        foreign = max(0.0, busy_after - busy_before - cpu)
    return code, wall, usage.ru_maxrss, cpu, foreign


def run_quiet(argv):
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise BenchError(f"{' '.join(argv)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def remove_gpkg(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


def warm(paths):
    """Reads every file once so that the timed runs find it in the page cache."""
    total = 0
    for path in paths:
        with open(path, "rb") as fh:
            while True:
                block = fh.read(1 << 20)
                if not block:
                    break
                total += len(block)
    return total


def feature_count(ogrinfo, path):
    out = run_quiet([ogrinfo, "-ro", "-so", "-al", path])
    match = re.search(r"^Feature Count: (\d+)", out, re.MULTILINE)
    if not match:
        raise BenchError(f"ogrinfo reported no feature count for {path}")
    return int(match.group(1))


class Tools:
    def __init__(self, cli, ogr2ogr, ogrinfo, work):
        self.cli = cli
        self.ogr2ogr = ogr2ogr
        self.ogrinfo = ogrinfo
        self.work = work

    def gengbao(self, shapefile, n, tag):
        project = os.path.join(self.work, f"gengbao_{n}.gpkg")
        remove_gpkg(project)
        run_quiet([self.cli, "new", project, "--town", "T", "--year", "2023", "--target", "1",
                   "--crs", "EPSG:4545"])
        out = os.path.join(self.work, f"gengbao_{n}_{tag}.out")
        err = os.path.join(self.work, f"gengbao_{n}_{tag}.err")
        code, wall, peak, cpu, foreign = run_timed([self.cli, "import", project, shapefile],
                                                   out, err)
        if code != 0:
            raise BenchError(f"gengbao-cli import of {shapefile} exited {code}: "
                             f"{open(err, encoding='utf-8', errors='replace').read().strip()}")
        with open(out, encoding="utf-8") as fh:
            try:
                summary = json.load(fh)
            except json.JSONDecodeError as error:
                raise BenchError(f"gengbao-cli import printed no JSON summary ({error}); see {out}")
        if summary.get("imported") != n or summary.get("rejected") != 0:
            raise BenchError(f"gengbao-cli imported {summary.get('imported')} of {n} parcels "
                             f"(rejected {summary.get('rejected')}); see {out}")
        issues = summary.get("issues", [])
        return {"wall_s": wall, "peak_kib": peak, "cpu_s": cpu, "foreign_cpu_s": foreign,
                "issues": len(issues)}

    def ogr(self, shapefile, n, tag):
        target = os.path.join(self.work, f"ogr2ogr_{n}.gpkg")
        remove_gpkg(target)
        out = os.path.join(self.work, f"ogr2ogr_{n}_{tag}.out")
        err = os.path.join(self.work, f"ogr2ogr_{n}_{tag}.err")
        code, wall, peak, cpu, foreign = run_timed(
            [self.ogr2ogr, "-f", "GPKG", target, shapefile], out, err)
        if code != 0:
            raise BenchError(f"ogr2ogr of {shapefile} exited {code}: "
                             f"{open(err, encoding='utf-8', errors='replace').read().strip()}")
        count = feature_count(self.ogrinfo, target)
        if count != n:
            raise BenchError(f"ogr2ogr wrote {count} of {n} features into {target}")
        return {"wall_s": wall, "peak_kib": peak, "cpu_s": cpu, "foreign_cpu_s": foreign}


def foreign_load(sample):
    """Average number of cores the rest of the machine kept busy during a timed run."""
    if sample.get("foreign_cpu_s") is None or sample["wall_s"] <= 0:
        return 0.0
    return sample["foreign_cpu_s"] / sample["wall_s"]


def summarise(samples, key):
    values = [s[key] for s in samples]
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "all": values}


def bench_size(tools, data, n, runs, warmups, wait_quiet, log):
    shapefile = os.path.join(data, f"parcels_{n}.shp")
    parts = [os.path.splitext(shapefile)[0] + ext for ext in SHAPEFILE_PARTS]
    missing = [p for p in parts if not os.path.exists(p)]
    if missing:
        raise BenchError(f"missing {', '.join(missing)}: generate the data first "
                         "(see tests/bench/README.md)")
    if wait_quiet > 0:
        wait_until_quiet(wait_quiet, log)
    size = warm(parts + [tools.cli, tools.ogr2ogr])
    log(f"N={n}: page cache warmed ({size / 1e6:.1f} MB read)")
    for k in range(warmups):
        tools.gengbao(shapefile, n, f"warm{k}")
        tools.ogr(shapefile, n, f"warm{k}")
    results = {"gengbao": [], "ogr2ogr": []}
    for r in range(runs):
        order = ("gengbao", "ogr2ogr") if r % 2 == 0 else ("ogr2ogr", "gengbao")
        for name in order:
            run = tools.gengbao if name == "gengbao" else tools.ogr
            sample = run(shapefile, n, f"r{r}")
            results[name].append(sample)
            log(f"N={n} run {r + 1}/{runs} {name:8s} {sample['wall_s']:7.3f} s "
                f"{sample['peak_kib'] / 1024:7.1f} MB  cpu {sample['cpu_s']:6.2f} s  "
                f"other load {foreign_load(sample):4.2f} cores")
    row = {"n": n}
    for name, samples in results.items():
        row[name] = {"wall_s": summarise(samples, "wall_s"),
                     "peak_mb": summarise([{"v": s["peak_kib"] / 1024} for s in samples], "v"),
                     "cpu_s": summarise(samples, "cpu_s")}
    row["ratio"] = row["gengbao"]["wall_s"]["median"] / row["ogr2ogr"]["wall_s"]["median"]
    timed = [s for v in results.values() for s in v if s.get("foreign_cpu_s") is not None]
    wall = sum(s["wall_s"] for s in timed)
    row["other_load"] = sum(s["foreign_cpu_s"] for s in timed) / wall if timed and wall else 0.0
    g = row["gengbao"]
    row["checks"] = {
        "seconds": g["wall_s"]["median"] < TARGET_SECONDS,
        "peak": g["peak_mb"]["max"] < TARGET_PEAK_MB,
        "ratio": row["ratio"] <= TARGET_RATIO,
    }
    return row


def verdict(row):
    failed = []
    c = row["checks"]
    g = row["gengbao"]
    if not c["seconds"]:
        failed.append(f"{g['wall_s']['median']:.2f} s ≥ {TARGET_SECONDS:g} s")
    if not c["peak"]:
        failed.append(f"peak {g['peak_mb']['max']:.0f} MB ≥ {TARGET_PEAK_MB:g} MB")
    if not c["ratio"]:
        failed.append(f"ratio {row['ratio']:.2f} > {TARGET_RATIO:g}")
    return "yes" if not failed else "**no** (" + "; ".join(failed) + ")"


def markdown(rows, runs):
    lines = [
        f"| N | gengbao median s (min–max) | gengbao peak MB | ogr2ogr median s (min–max) "
        f"| ogr2ogr peak MB | ratio gengbao/ogr2ogr | target met? |",
        "|---:|---|---:|---|---:|---:|---|",
    ]
    for row in rows:
        g, o = row["gengbao"], row["ogr2ogr"]
        lines.append(
            f"| {row['n']:,} "
            f"| {g['wall_s']['median']:.2f} ({g['wall_s']['min']:.2f}–{g['wall_s']['max']:.2f}) "
            f"| {g['peak_mb']['median']:.0f} "
            f"| {o['wall_s']['median']:.2f} ({o['wall_s']['min']:.2f}–{o['wall_s']['max']:.2f}) "
            f"| {o['peak_mb']['median']:.0f} "
            f"| {row['ratio']:.2f} "
            f"| {verdict(row)} |")
    lines.append("")
    lines.append(f"Median of {runs} runs each; peak MB is the median of the runs' peak RSS "
                 "(the target is checked against the largest). CPU time (user + system), median: "
                 + "; ".join(f"N={r['n']:,} gengbao {r['gengbao']['cpu_s']['median']:.2f} s, "
                             f"ogr2ogr {r['ogr2ogr']['cpu_s']['median']:.2f} s" for r in rows)
                 + ".")
    lines.append("")
    lines.append("Other processes kept, on average over the timed runs, "
                 + ", ".join(f"{r['other_load']:.2f} cores busy at N={r['n']:,}" for r in rows)
                 + " (from /proc/stat, 10 ms ticks: noisy for short runs).")
    noisy = [r for r in rows if r["other_load"] > NOISE_LOAD]
    if noisy:
        lines.append("")
        lines.append("**Warning:** the machine was not quiet at N="
                     + ", ".join(f"{r['n']:,}" for r in noisy)
                     + " (other load above " + f"{NOISE_LOAD:g}" + " core): rerun when it is.")
    return "\n".join(lines) + "\n"


def gdal_version(ogr2ogr):
    try:
        return run_quiet([ogr2ogr, "--version"]).strip()
    except (BenchError, OSError):
        return "unknown"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="*", type=int, default=DEFAULT_SIZES,
                    help="parcel counts N (default: 1000 10000 100000)")
    ap.add_argument("--cli", default=os.path.join(repo, "build", "bin", "gengbao-cli"),
                    help="gengbao-cli to measure (default: <repo>/build/bin/gengbao-cli)")
    ap.add_argument("--data", default="/tmp/gengbao-bench-data",
                    help="folder with parcels_N.shp (default: /tmp/gengbao-bench-data)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per tool and N (default 5)")
    ap.add_argument("--warmup", type=int, default=1,
                    help="untimed runs per tool and N before the timed ones (default 1)")
    ap.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS",
                    help="before each N, wait up to this long for the machine to be idle "
                         "(other load under 0.1 core for 3 s); default 0: do not wait")
    ap.add_argument("--ogr2ogr", default=shutil.which("ogr2ogr") or "/usr/bin/ogr2ogr")
    ap.add_argument("--ogrinfo", default=shutil.which("ogrinfo") or "/usr/bin/ogrinfo")
    ap.add_argument("--work", help="folder for the outputs (default: a new temporary folder, "
                                   "removed afterwards unless --keep)")
    ap.add_argument("--keep", action="store_true", help="keep the outputs and logs")
    ap.add_argument("--markdown", help="write the result table (markdown) to this file")
    ap.add_argument("--json", help="write every measurement (JSON) to this file")
    args = ap.parse_args()

    for tool in (args.cli, args.ogr2ogr, args.ogrinfo):
        if not os.access(tool, os.X_OK):
            sys.exit(f"import_bench: {tool} is not an executable (see --help)")
    if args.runs < 1:
        sys.exit("import_bench: --runs must be at least 1")

    def log(text):
        print(text, file=sys.stderr, flush=True)

    work = args.work or tempfile.mkdtemp(prefix="gengbao-import-bench-")
    os.makedirs(work, exist_ok=True)
    tools = Tools(os.path.abspath(args.cli), args.ogr2ogr, args.ogrinfo, work)
    info = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cli": tools.cli,
        "gdal": gdal_version(args.ogr2ogr),
        "cpus": os.cpu_count(),
        "machine": platform.platform(),
        "runs": args.runs,
        "warmup": args.warmup,
        "work": work,
    }
    log(f"import_bench: {info['cli']} vs {args.ogr2ogr} ({info['gdal']}), "
        f"{args.runs} runs, outputs in {work}")
    rows = []
    try:
        for n in args.sizes:
            rows.append(bench_size(tools, args.data, n, args.runs, args.warmup, args.wait_quiet,
                                   log))
    except BenchError as error:
        sys.exit(f"import_bench: {error} (outputs kept in {work})")
    table = markdown(rows, args.runs)
    print(table, end="")
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as fh:
            fh.write(table)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"info": info, "rows": rows}, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
    if not args.keep and not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
