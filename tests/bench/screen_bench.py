#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Screening benchmark: `gengbao-cli screen` against the shared peers, side by side.

For each N, every tool screens the same synthetic county made by the shared peer generator (see
tests/bench/README.md): parcels_N.shp (GBK, EPSG:4545), redline_N.gpkg, dem_N.tif (5 m) and
slope_N.tif (gdaldem slope of the DEM). The runs alternate within one invocation of this script
(the order is reversed on every other round, so a drift of the machine affects every tool alike):

  gengbao       `gengbao-cli new` + `gengbao-cli import parcels_N.shp` once per N (not timed),
                kept as a template and copied to a fresh file before every run (not timed), then
                `gengbao-cli screen P.gpkg --redline redline_N.gpkg --dem dem_N.tif` (timed)
  geopandas     /work/shared/bench/peers/peer_geopandas.py PARCELS REDLINE SLOPE OUT.csv
  pyqgis        /work/shared/bench/peers/peer_pyqgis.py   PARCELS REDLINE SLOPE OUT.csv
  qgis_process  /work/shared/bench/peers/peer_qgis.sh     PARCELS REDLINE SLOPE OUT.csv WORKDIR

The peers read slope_N.tif; gengbao derives the slope from dem_N.tif itself, inside its time.

Each timed child is started with posix_spawn and reaped with os.wait4 (the helpers of
import_bench.py): wall time, peak RSS and CPU time of that process, where a shell chain
(qgis_process) reports the peak of its largest process and the CPU time of all of them;
/proc/stat around each run tells how busy the rest of the machine was meanwhile.

Every gengbao run must exit 0 and print a JSON summary with "screened" equal to N and an integer
"eligible"; every peer must exit 0 and write N rows. Anything else aborts.

Agreement, per N, from `gengbao-cli export P.gpkg parcels --format csv` after the last run (not
timed):
  slope        against the coverage-weighted mean of /work/shared/bench/ref_coverage.py (minutes of
               pure Python at N = 100000, so cached as DATA/coverage_ref_N.csv);
  overlap      against each peer's red-line overlap (planar; gengbao's is ellipsoidal);
  eligibility  against the rule: reference slope <= 25 deg and the peer's overlap <= 1 m2.

Needs Debian's Python (/usr/bin/python3: numpy, pandas, and for the peers and the reference
geopandas, shapely 1.8, GDAL, PyQGIS). Example:

  /usr/bin/python3 tests/bench/screen_bench.py --cli /tmp/gengbao-bench-build/bin/gengbao-cli \
      --data /tmp/gengbao-bench-data --markdown /tmp/screen.md 1000 10000 100000
"""

import argparse
import datetime
import importlib.metadata
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

from import_bench import (NOISE_LOAD, BenchError, foreign_load, remove_gpkg, run_quiet, run_timed,
                          summarise, wait_until_quiet, warm)

DEFAULT_SIZES = [1000, 10000, 100000]
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
GPKG_SUFFIXES = ("", "-wal", "-shm")

# Targets of the screening issue, stated for N = 100000.
TARGET_N = 100000
TARGET_SECONDS = 8.0
TARGET_PEAK_MB = 1000.0
TARGET_SPEEDUP = 20.0

# The screening rule (gengbao's defaults, and the rule the peers apply).
SLOPE_LIMIT_DEG = 25.0
OVERLAP_LIMIT_M2 = 1.0

# Agreement tolerances: slope against the coverage-weighted reference; overlap relative to the
# larger of the two values, ignoring pairs where both are below OVERLAP_FLOOR_M2 (slivers whose
# relative difference is rounding noise).
SLOPE_TOL_DEG = 0.05
OVERLAP_REL_TOL = 0.005
OVERLAP_FLOOR_M2 = 0.01
LISTED_IDS = 10

# Peers take minutes at N = 100000 (160 s each on the 2-core machine); above this N they get one
# timed run and no warm-up, for which their start-up (about a second) no longer matters.
PEER_SMALL_N = 10000
PEER_RUNS_SMALL = 3
PEER_RUNS_LARGE = 1

QGIS_PROCESS = "/usr/bin/qgis_process.bin"  # what peer_qgis.sh calls (see the shared NOTES.md)
PEERS = {
    "geopandas": "geopandas + shapely + numpy",
    "pyqgis": "PyQGIS, one process",
    "qgis_process": "qgis_process chain",
}
GENGBAO_LABEL = "gengbao-cli screen"
EXPORT_COLUMNS = ("id", "slope_deg", "redline_overlap_m2", "eligible", "reasons")


def log(text):
    print(text, file=sys.stderr, flush=True)


def read_text(path):
    with open(path, encoding="utf-8", errors="replace") as fh:
        return fh.read().strip()


def copy_gpkg(source, target):
    """Copies a GeoPackage with whatever WAL files it left, so the copy is the same database."""
    remove_gpkg(target)
    for suffix in GPKG_SUFFIXES:
        if os.path.exists(source + suffix):
            shutil.copyfile(source + suffix, target + suffix)


def input_paths(data, n):
    paths = {
        "parcels": os.path.join(data, f"parcels_{n}.shp"),
        "redline": os.path.join(data, f"redline_{n}.gpkg"),
        "dem": os.path.join(data, f"dem_{n}.tif"),
        "slope": os.path.join(data, f"slope_{n}.tif"),
    }
    paths["shapefile_parts"] = [os.path.splitext(paths["parcels"])[0] + ext
                                for ext in SHAPEFILE_PARTS]
    missing = [p for p in paths["shapefile_parts"] + [paths["redline"], paths["dem"],
                                                      paths["slope"]] if not os.path.exists(p)]
    if missing:
        raise BenchError(f"missing {', '.join(missing)}: generate the data first "
                         "(see tests/bench/README.md)")
    return paths


def coverage_reference(shared, paths, data, n):
    """Coverage-weighted mean slope per parcel (DataFrame id, mean_slope_cov), cached in data.

    The shared ref_coverage.py is pure Python (minutes at N = 100000), so its result is kept as
    coverage_ref_N.csv and reused while it is newer than the parcels, the slope grid and the
    reference code. Its main() has hard-coded paths, hence the import of coverage_means alone."""
    cache = os.path.join(data, f"coverage_ref_{n}.csv")
    reference_code = os.path.join(shared, "ref_coverage.py")
    inputs = paths["shapefile_parts"] + [paths["slope"], reference_code]
    if os.path.exists(cache) and os.path.getmtime(cache) > max(map(os.path.getmtime, inputs)):
        return pd.read_csv(cache, dtype={"id": str})
    log(f"N={n}: computing the coverage-weighted slope reference (slow; cached as {cache})")
    if shared not in sys.path:
        sys.path.insert(0, shared)
    # Imported here: geopandas and the reference take seconds to load and are only needed when
    # the cache must be rebuilt.
    import geopandas
    from ref_coverage import coverage_means
    start = time.perf_counter()
    parcels = geopandas.read_file(paths["parcels"])
    means = coverage_means(parcels, paths["slope"])
    reference = pd.DataFrame({"id": parcels["BSM"].astype(str), "mean_slope_cov": means})
    # Written aside and renamed, so an interrupted run never leaves a truncated cache behind.
    partial = cache + ".part"
    reference.to_csv(partial, index=False, float_format="%.6f")
    os.replace(partial, cache)
    log(f"N={n}: reference done in {time.perf_counter() - start:.0f} s")
    return reference


def read_peer_csv(peer, path):
    """A peer's per-parcel results as a DataFrame indexed by id: overlap_m2, eligible (bool)."""
    table = pd.read_csv(path, dtype={"id": str, "BSM": str})
    if peer == "qgis_process":
        # qgis_process 3.22 cannot run refactorfields from the command line, so its CSV keeps
        # QGIS's own names: BSM, and the overlap as <redline layer>_area (empty without overlap),
        # the mapping the shared report.py makes.
        overlap = [c for c in table.columns if c.startswith("redline") and c.endswith("_area")]
        if len(overlap) != 1:
            raise BenchError(f"{path}: no single redline*_area column in {list(table.columns)}")
        table = pd.DataFrame({"id": table["BSM"],
                              "redline_overlap_m2": table[overlap[0]].fillna(0.0),
                              "eligible": table["eligible"]})
    ids = table["id"].astype(str).str.strip('"')
    return pd.DataFrame({"overlap_m2": table["redline_overlap_m2"].to_numpy(dtype=float),
                         "eligible": table["eligible"].to_numpy() == 1},
                        index=pd.Index(ids, name="id"))


def read_export(path, n):
    """gengbao's exported parcels as a DataFrame indexed by id: slope_deg, overlap_m2, eligible."""
    table = pd.read_csv(path, dtype={"id": str, "eligible": str, "reasons": str})
    missing = [c for c in EXPORT_COLUMNS if c not in table.columns]
    if missing:
        raise BenchError(f"gengbao-cli export wrote no {', '.join(missing)} column ({path})")
    if len(table) != n or table["id"].duplicated().any():
        raise BenchError(f"gengbao-cli export wrote {len(table)} rows, "
                         f"{table['id'].nunique()} distinct ids, for {n} parcels ({path})")
    flags = table["eligible"].str.lower()
    if not flags.isin(("true", "false")).all():
        raise BenchError(f"gengbao-cli export: eligible is not true/false everywhere ({path})")
    return pd.DataFrame({"slope_deg": table["slope_deg"].to_numpy(dtype=float),
                         "overlap_m2": table["redline_overlap_m2"].to_numpy(dtype=float),
                         "eligible": (flags == "true").to_numpy()},
                        index=pd.Index(table["id"], name="id"))


def worst_ids(diff, mask):
    """Up to LISTED_IDS ids where mask holds, the largest diff first."""
    return diff[mask].sort_values(ascending=False).index[:LISTED_IDS].tolist()


def slope_agreement(gengbao, reference):
    joined = gengbao.join(reference.set_index("id"), how="inner")
    if len(joined) != len(gengbao):
        raise BenchError(f"the slope reference covers {len(joined)} of {len(gengbao)} parcels")
    ours, ref = joined["slope_deg"], joined["mean_slope_cov"]
    # A parcel with a slope on one side only (no valid cell on the other) is a disagreement too.
    one_sided = ours.isna() != ref.isna()
    diff = (ours - ref).abs()
    over = (diff > SLOPE_TOL_DEG) | one_sided
    finite = diff.dropna()
    return {
        "compared": int(len(finite)),
        "max_abs_deg": float(finite.max()) if len(finite) else 0.0,
        "p99_abs_deg": float(finite.quantile(0.99)) if len(finite) else 0.0,
        "over": int(over.sum()),
        "one_sided": int(one_sided.sum()),
        "ids": worst_ids(diff.fillna(math.inf), over),
        "met": not over.any(),
    }


def overlap_agreement(gengbao, peer):
    joined = gengbao.join(peer, how="inner", rsuffix="_peer")
    if len(joined) != len(gengbao):
        raise BenchError(f"the peer's results cover {len(joined)} of {len(gengbao)} parcels")
    ours, theirs = joined["overlap_m2"].fillna(0.0), joined["overlap_m2_peer"]
    larger = np.maximum(ours, theirs)
    compared = larger >= OVERLAP_FLOOR_M2
    rel = ((ours - theirs).abs() / larger).where(compared, 0.0)
    outside = rel > OVERLAP_REL_TOL
    return {
        "compared": int(compared.sum()),
        "outside": int(outside.sum()),
        "max_rel": float(rel.max()),
        "ids": worst_ids(rel, outside),
        "met": not outside.any(),
    }


def eligibility_agreement(gengbao, reference, peer):
    """gengbao's flag against the rule applied to the reference slope and the peer's overlap.

    A parcel within the agreement tolerances of either limit may legitimately land on the other
    side, so those differences are counted apart and only the others fail the check."""
    joined = gengbao.join(reference.set_index("id"), how="inner").join(peer, rsuffix="_peer")
    ref_slope, overlap = joined["mean_slope_cov"], joined["overlap_m2_peer"]
    # NaN compares False: a parcel without any valid slope cell is not eligible, as in the peers.
    rule = (ref_slope <= SLOPE_LIMIT_DEG) & (overlap <= OVERLAP_LIMIT_M2)
    differ = joined["eligible"] != rule
    borderline = (((ref_slope - SLOPE_LIMIT_DEG).abs() <= SLOPE_TOL_DEG)
                  | ((overlap - OVERLAP_LIMIT_M2).abs() <= OVERLAP_REL_TOL * OVERLAP_LIMIT_M2))
    unexplained = differ & ~borderline
    explained = differ & borderline
    return {
        "differ": int(differ.sum()),
        "borderline": int(explained.sum()),
        # The failures first.
        "ids": (unexplained[unexplained].index.tolist()
                + explained[explained].index.tolist())[:LISTED_IDS],
        "met": not unexplained.any(),
    }


def phase_timings(stderr_path):
    """The phase timings a shared peer prints to stderr as one JSON line, if any."""
    with open(stderr_path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.startswith("{") and "phases_s" in line:
                try:
                    return json.loads(line)["phases_s"]
                except (ValueError, KeyError):
                    return None
    return None


class Tools:
    def __init__(self, cli, python, shared, work):
        self.cli = cli
        self.python = python
        self.shared = shared
        self.work = work

    def sample(self, argv, name, n, tag):
        out = os.path.join(self.work, f"{name}_{n}_{tag}.out")
        err = os.path.join(self.work, f"{name}_{n}_{tag}.err")
        code, wall, peak, cpu, foreign = run_timed(argv, out, err)
        if code != 0:
            raise BenchError(f"{name} at N={n} exited {code}: {read_text(err)[-2000:]}")
        return out, err, {"wall_s": wall, "peak_kib": peak, "cpu_s": cpu,
                          "foreign_cpu_s": foreign}

    def template(self, n):
        return os.path.join(self.work, f"template_{n}.gpkg")

    def project(self, n):
        return os.path.join(self.work, f"gengbao_{n}.gpkg")

    def peer_csv(self, peer, n):
        return os.path.join(self.work, f"{peer}_{n}.csv")

    def setup_gengbao(self, paths, n):
        """The imported project every timed run starts from (a copy of it, so each run screens
        the same file, whatever an earlier run stored in it)."""
        template = self.template(n)
        remove_gpkg(template)
        run_quiet([self.cli, "new", template, "--town", "T", "--year", "2023", "--target", "1",
                   "--crs", "EPSG:4545"])
        try:
            summary = json.loads(run_quiet([self.cli, "import", template, paths["parcels"]]))
        except json.JSONDecodeError as error:
            raise BenchError(f"gengbao-cli import printed no JSON summary ({error})")
        if summary.get("imported") != n:
            raise BenchError(f"gengbao-cli imported {summary.get('imported')} of {n} parcels")

    def gengbao(self, paths, n, tag):
        project = self.project(n)
        copy_gpkg(self.template(n), project)
        out, _, sample = self.sample([self.cli, "screen", project, "--redline", paths["redline"],
                                      "--dem", paths["dem"]], "gengbao", n, tag)
        try:
            summary = json.loads(read_text(out))
        except json.JSONDecodeError as error:
            raise BenchError(f"gengbao-cli screen printed no JSON summary ({error}); see {out}")
        eligible = summary.get("eligible")
        # bool is an int in Python; a true/false here would be a broken summary.
        if (summary.get("screened") != n or not isinstance(eligible, int)
                or isinstance(eligible, bool)):
            raise BenchError(f"gengbao-cli screen summary says screened "
                             f"{summary.get('screened')!r} of {n}, eligible {eligible!r}; "
                             f"see {out}")
        sample["eligible"] = eligible
        return sample

    def export_gengbao(self, n):
        target = os.path.join(self.work, f"gengbao_{n}.csv")
        run_quiet([self.cli, "export", self.project(n), "parcels", "--format", "csv", "-o", target])
        return read_export(target, n)

    def peer(self, peer, paths, n, tag):
        script = os.path.join(self.shared, "peers", "peer_qgis.sh" if peer == "qgis_process"
                              else f"peer_{peer}.py")
        out_csv = self.peer_csv(peer, n)
        inputs = [paths["parcels"], paths["redline"], paths["slope"], out_csv]
        if peer == "qgis_process":
            argv = ["/bin/bash", script, *inputs, os.path.join(self.work, f"qgis_{n}")]
        else:
            argv = [self.python, script, *inputs]
        _, err, sample = self.sample(argv, peer, n, tag)
        try:
            results = read_peer_csv(peer, out_csv)
        except (OSError, ValueError, KeyError) as error:
            raise BenchError(f"{peer} at N={n} wrote no usable {out_csv}: {error}")
        if len(results) != n:
            raise BenchError(f"{peer} at N={n} wrote {len(results)} rows into {out_csv}")
        sample["eligible"] = int(results["eligible"].sum())
        sample["phases_s"] = phase_timings(err)
        return sample


def qgis_process_version():
    """The first line of `qgis_process --version` ("QGIS 3.22.16-..."), or None if it fails."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        result = subprocess.run([QGIS_PROCESS, "--version"], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    return next((line for line in result.stdout.splitlines() if line.startswith("QGIS")),
                "QGIS (unknown version)")


def bench_size(tools, args, peers, n):
    paths = input_paths(args.data, n)
    reference = coverage_reference(args.shared, paths, args.data, n)
    tools.setup_gengbao(paths, n)
    if args.wait_quiet > 0:
        wait_until_quiet(args.wait_quiet, log)
    size = warm(paths["shapefile_parts"] + [paths["redline"], paths["dem"], paths["slope"],
                                            tools.cli, tools.template(n)])
    log(f"N={n}: page cache warmed ({size / 1e6:.1f} MB read)")

    small = n <= PEER_SMALL_N
    runs = {"gengbao": args.runs}
    warmups = {"gengbao": args.warmup}
    for peer in peers:
        runs[peer] = args.peer_runs or (PEER_RUNS_SMALL if small else PEER_RUNS_LARGE)
        warmups[peer] = args.warmup if small else 0

    def run(name, tag):
        return (tools.gengbao(paths, n, tag) if name == "gengbao"
                else tools.peer(name, paths, n, tag))

    for name, count in warmups.items():
        for k in range(count):
            run(name, f"warm{k}")
    results = {name: [] for name in runs}
    for r in range(max(runs.values())):
        order = [name for name in runs if r < runs[name]]
        if r % 2:
            order.reverse()
        for name in order:
            sample = run(name, f"r{r}")
            results[name].append(sample)
            log(f"N={n} run {r + 1}/{runs[name]} {name:12s} {sample['wall_s']:8.3f} s "
                f"{sample['peak_kib'] / 1024:7.1f} MB  cpu {sample['cpu_s']:7.2f} s  "
                f"other load {foreign_load(sample):4.2f} cores")

    row = {"n": n, "samples": results, "tools": {}}
    for name, samples in results.items():
        row["tools"][name] = {
            "runs": len(samples),
            "wall_s": summarise(samples, "wall_s"),
            "peak_mb": summarise([{"v": s["peak_kib"] / 1024} for s in samples], "v"),
            "cpu_s": summarise(samples, "cpu_s"),
            "eligible": samples[-1]["eligible"],
        }
    g_median = row["tools"]["gengbao"]["wall_s"]["median"]
    row["speedup"] = {peer: row["tools"][peer]["wall_s"]["median"] / g_median for peer in peers}
    timed = [s for v in results.values() for s in v if s.get("foreign_cpu_s") is not None]
    wall = sum(s["wall_s"] for s in timed)
    row["other_load"] = sum(s["foreign_cpu_s"] for s in timed) / wall if timed and wall else 0.0

    # Agreement, from the project the last gengbao run screened.
    exported = tools.export_gengbao(n)
    summary_eligible = row["tools"]["gengbao"]["eligible"]
    exported_eligible = int(exported["eligible"].sum())
    row["agreement"] = {
        "slope": slope_agreement(exported, reference),
        "summary_eligible": {"summary": summary_eligible, "exported": exported_eligible,
                             "met": summary_eligible == exported_eligible},
        "overlap": {},
        "eligible": {},
    }
    for peer in peers:
        peer_results = read_peer_csv(peer, tools.peer_csv(peer, n))
        row["agreement"]["overlap"][peer] = overlap_agreement(exported, peer_results)
        row["agreement"]["eligible"][peer] = eligibility_agreement(exported, reference,
                                                                   peer_results)
    if n == TARGET_N:
        g = row["tools"]["gengbao"]
        row["checks"] = {
            "seconds": g["wall_s"]["median"] < TARGET_SECONDS,
            "peak": g["peak_mb"]["max"] < TARGET_PEAK_MB,
            **{f"speedup_{peer}": ratio >= TARGET_SPEEDUP
               for peer, ratio in row["speedup"].items()},
        }
    return row


def yes_no(met):
    return "yes" if met else "**no**"


def seconds_cell(stats):
    return f"{stats['median']:.2f} ({stats['min']:.2f}–{stats['max']:.2f})"


def ids_note(ids):
    return f" (e.g. {', '.join(ids)})" if ids else ""


def markdown_size(row, peers):
    n = row["n"]
    measured = row["tools"]
    lines = [
        f"### N = {n:,}",
        "",
        "| tool | median wall s (min–max) | peak MB | runs | eligible | gengbao speed-up |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name in ["gengbao"] + peers:
        t = measured[name]
        speedup = "—" if name == "gengbao" else f"{row['speedup'][name]:.1f}x"
        lines.append(f"| {GENGBAO_LABEL if name == 'gengbao' else PEERS[name]} "
                     f"| {seconds_cell(t['wall_s'])} | {t['peak_mb']['max']:.0f} | {t['runs']} "
                     f"| {t['eligible']:,} | {speedup} |")
    lines.append("")
    if "checks" in row:
        g = measured["gengbao"]
        c = row["checks"]
        lines += [
            "| target (issue, N = 100,000) | measured | met? |",
            "|---|---|---|",
            f"| gengbao median under {TARGET_SECONDS:g} s | {g['wall_s']['median']:.2f} s "
            f"| {yes_no(c['seconds'])} |",
            f"| gengbao peak under {TARGET_PEAK_MB:g} MB (every run) "
            f"| {g['peak_mb']['max']:.0f} MB | {yes_no(c['peak'])} |",
        ]
        for peer in peers:
            lines.append(f"| at least {TARGET_SPEEDUP:g}x faster than {PEERS[peer]} "
                         f"| {row['speedup'][peer]:.1f}x | {yes_no(c['speedup_' + peer])} |")
        lines.append("")
    a = row["agreement"]
    s = a["slope"]
    e = a["summary_eligible"]
    lines += [
        "| agreement (gengbao's export) | target | result | met? |",
        "|---|---|---|---|",
        f"| slope vs coverage-weighted reference | every parcel within {SLOPE_TOL_DEG:g}° "
        f"| max {s['max_abs_deg']:.4f}°, p99 {s['p99_abs_deg']:.4f}°, {s['over']:,} over"
        + (f" ({s['one_sided']:,} with a slope on one side only)" if s["one_sided"] else "")
        + f"{ids_note(s['ids'])} | {yes_no(s['met'])} |",
        f"| summary's eligible vs exported flags | equal | {e['summary']:,} vs {e['exported']:,} "
        f"| {yes_no(e['met'])} |",
    ]
    for peer in peers:
        o = a["overlap"][peer]
        lines.append(f"| red-line overlap vs {PEERS[peer]} | within {OVERLAP_REL_TOL:.1%} "
                     f"| {o['outside']:,} of {o['compared']:,} outside, max rel. diff "
                     f"{o['max_rel']:.2e}{ids_note(o['ids'])} | {yes_no(o['met'])} |")
    for peer in peers:
        el = a["eligible"][peer]
        lines.append(f"| eligible vs rule (reference slope ≤ {SLOPE_LIMIT_DEG:g}°, "
                     f"{PEERS[peer]} overlap ≤ {OVERLAP_LIMIT_M2:g} m²) | none beyond borderline "
                     f"| {el['differ']:,} differ, {el['borderline']:,} of them borderline"
                     f"{ids_note(el['ids'])} | {yes_no(el['met'])} |")
    lines.append("")
    return lines


def markdown(rows, peers, args, skipped):
    lines = []
    for row in rows:
        lines += markdown_size(row, peers)
    lines.append(
        f"Median of the runs (gengbao {args.runs}; peers "
        + (f"{args.peer_runs}" if args.peer_runs else
           f"{PEER_RUNS_SMALL} up to N = {PEER_SMALL_N:,}, {PEER_RUNS_LARGE} above")
        + "); peak MB is the largest peak RSS of any run"
        + (" (for the qgis_process chain: of its largest single process)"
           if "qgis_process" in peers else "")
        + ". Speed-up: the peer's median over gengbao's. CPU time (user + system), median: "
        + "; ".join(f"N={r['n']:,} " + ", ".join(f"{name} {t['cpu_s']['median']:.2f} s"
                                                for name, t in r["tools"].items())
                    for r in rows) + ".")
    lines.append("")
    lines.append(
        "gengbao computes the slope from dem_N.tif itself (Horn's method), inside its time; the "
        "peers read slope_N.tif, precomputed by `gdaldem slope` outside theirs (`gdaldem slope` "
        "alone: 0.45 s at N ≤ 10,000 and 5.9 s at N = 100,000 in the shared benchmark's "
        "figures). "
        "The peers average the cells whose centre is inside a parcel; gengbao weighs every cell "
        "by its covered fraction, so its slopes are checked against the coverage-weighted "
        "reference, not against the peers, and the peers' eligible counts differ from gengbao's "
        "by the parcels near 25°. gengbao's overlap is ellipsoidal (CGCS2000), the peers' planar: "
        "about 2e-4 relative at this location, well inside the tolerance; on slivers of a few "
        "tenths of a m², the peers' rounding to 0.0001 m² and QGIS's own departures from GEOS "
        "(up to ~0.001 m², ~3e-3 relative, against geopandas at N = 100,000) show more. "
        f"Borderline: the reference slope within {SLOPE_TOL_DEG:g}° of {SLOPE_LIMIT_DEG:g}°, "
        f"or the peer's overlap within {OVERLAP_REL_TOL:.1%} of {OVERLAP_LIMIT_M2:g} m².")
    if skipped:
        lines.append("")
        lines.append(f"Not run: {', '.join(skipped)} (`{QGIS_PROCESS} --version` failed; see the "
                     "shared NOTES.md).")
    lines.append("")
    lines.append("Other processes kept, on average over the timed runs, "
                 + ", ".join(f"{r['other_load']:.2f} cores busy at N={r['n']:,}" for r in rows)
                 + " (from /proc/stat, 10 ms ticks: noisy for short runs).")
    noisy = [r for r in rows if r["other_load"] > NOISE_LOAD]
    if noisy:
        lines.append("")
        lines.append("**Warning:** the machine was not quiet at N="
                     + ", ".join(f"{r['n']:,}" for r in noisy)
                     + f" (other load above {NOISE_LOAD:g} core): rerun when it is.")
    return "\n".join(lines) + "\n"


def versions(qgis):
    found = {"python": platform.python_version()}
    for module in ("numpy", "pandas", "geopandas", "shapely", "GDAL"):
        try:
            found[module] = importlib.metadata.version(module)
        except importlib.metadata.PackageNotFoundError:
            found[module] = "unknown"
    if qgis:
        found["qgis"] = qgis
    return found


def parse_peers(text):
    if text.strip().lower() == "none":
        return []
    chosen = [p.strip() for p in text.split(",") if p.strip()]
    unknown = [p for p in chosen if p not in PEERS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown peer {', '.join(unknown)} "
                                         f"(choose from {', '.join(PEERS)}, or none)")
    return chosen


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
                    help="folder with the generated data (default: /tmp/gengbao-bench-data); "
                         "the slope references are cached there too")
    ap.add_argument("--shared", default="/work/shared/bench",
                    help="the shared peer benchmark (peers/, ref_coverage.py; "
                         "default: /work/shared/bench)")
    ap.add_argument("--peers", type=parse_peers, default=None, metavar="LIST",
                    help="comma-separated peers to run: geopandas,pyqgis,qgis_process (the "
                         "default; qgis_process is left out if it does not start) or none")
    ap.add_argument("--runs", type=int, default=5, help="timed gengbao runs per N (default 5)")
    ap.add_argument("--peer-runs", type=int, default=None,
                    help=f"timed runs per peer and N (default {PEER_RUNS_SMALL} up to "
                         f"N = {PEER_SMALL_N}, {PEER_RUNS_LARGE} above)")
    ap.add_argument("--warmup", type=int, default=1,
                    help="untimed runs per tool and N before the timed ones (default 1; none for "
                         f"the peers above N = {PEER_SMALL_N})")
    ap.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS",
                    help="before each N, wait up to this long for the machine to be idle "
                         "(other load under 0.1 core for 3 s); default 0: do not wait")
    ap.add_argument("--reference-only", action="store_true",
                    help="only compute (or check) the cached slope references for the sizes")
    ap.add_argument("--work", help="folder for the outputs (default: a new temporary folder, "
                                   "removed afterwards unless --keep)")
    ap.add_argument("--keep", action="store_true", help="keep the outputs and logs")
    ap.add_argument("--markdown", help="write the result tables (markdown) to this file")
    ap.add_argument("--json", help="write every measurement (JSON) to this file")
    args = ap.parse_args()

    if args.reference_only:
        try:
            for n in args.sizes:
                coverage_reference(args.shared, input_paths(args.data, n), args.data, n)
        except BenchError as error:
            sys.exit(f"screen_bench: {error}")
        return 0

    if not os.access(args.cli, os.X_OK):
        sys.exit(f"screen_bench: {args.cli} is not an executable (see --help)")
    if args.runs < 1 or (args.peer_runs is not None and args.peer_runs < 1):
        sys.exit("screen_bench: --runs and --peer-runs must be at least 1")
    skipped = []
    peers = list(PEERS) if args.peers is None else args.peers
    qgis = qgis_process_version() if "qgis_process" in peers else None
    if "qgis_process" in peers and qgis is None:
        if args.peers is not None:
            sys.exit(f"screen_bench: {QGIS_PROCESS} does not start (see the shared NOTES.md)")
        peers.remove("qgis_process")
        skipped.append("qgis_process")
        log(f"screen_bench: {QGIS_PROCESS} does not start; leaving the qgis_process peer out")

    work = args.work or tempfile.mkdtemp(prefix="gengbao-screen-bench-")
    os.makedirs(work, exist_ok=True)
    # The peers run under this Python: they need the same Debian modules as the reference.
    tools = Tools(os.path.abspath(args.cli), sys.executable, args.shared, work)
    info = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cli": tools.cli,
        "peers": peers,
        "skipped": skipped,
        "versions": versions(qgis),
        "cpus": os.cpu_count(),
        "machine": platform.platform(),
        "runs": args.runs,
        "peer_runs": args.peer_runs,
        "warmup": args.warmup,
        "work": work,
    }
    log(f"screen_bench: {info['cli']} vs {', '.join(peers) or 'no peers'}, outputs in {work}")
    rows = []
    try:
        for n in args.sizes:
            rows.append(bench_size(tools, args, peers, n))
    except BenchError as error:
        sys.exit(f"screen_bench: {error} (outputs kept in {work})")
    table = markdown(rows, peers, args, skipped)
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
