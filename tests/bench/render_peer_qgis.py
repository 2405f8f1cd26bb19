#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The render benchmark's peer: QGIS drawing the same project file at the same views.

Usage: /usr/bin/python3 render_peer_qgis.py PROJECT.gpkg VIEWS.json [--runs N] [--json OUT]

VIEWS.json is what `gengbao_render_bench --json` wrote: the image size and, per case, the centre
and metres per pixel. The parcels layer of the GeoPackage is drawn categorised on its `eligible`
field (three classes: eligible, excluded, not screened; cheaper than gengbao's six, which read the
reasons too), with a thin darker outline, over the red line kept in the project
(`reference_features`, layer kind "redline") filled with Qt's BDiagPattern and outlined: the
vector content of gengbao's "no hillshade" case. QGIS's own defaults otherwise: antialiasing on,
geometry simplification at 1 px. Each view is rendered with QgsMapRendererParallelJob (layers in
parallel) and QgsMapRendererSequentialJob, once untimed, then N times; the medians are printed as
a markdown table, with the peak RSS of this process.
"""
import argparse
import json
import os
import resource
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_RUNTIME_DIR", f"/tmp/runtime-{os.getuid()}")
os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)

from qgis.core import (  # noqa: E402
    Qgis,
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsMapRendererParallelJob,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsRectangle,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsVectorSimplifyMethod,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402


def fill(colour, outline, extra=None):
    props = {"color": colour, "outline_color": outline, "outline_width": "0",
             "outline_width_unit": "Pixel", "style": "solid"}
    props.update(extra or {})
    return QgsFillSymbol.createSimple(props)


def simplified(layer):
    method = QgsVectorSimplifyMethod()
    method.setSimplifyHints(QgsVectorSimplifyMethod.GeometrySimplification
                            | QgsVectorSimplifyMethod.AntialiasingSimplification)
    method.setThreshold(1.0)
    layer.setSimplifyMethod(method)


def layers(project):
    parcels = QgsVectorLayer(f"{project}|layername=parcels", "parcels", "ogr")
    if not parcels.isValid():
        sys.exit(f"{project}: no parcels layer")
    # gengbao's colours (report/mapstyle.cpp): eligible 4daf4a, excluded e31a1c, not screened bdbdbd;
    # outlines 160% darker.
    categories = [
        QgsRendererCategory(1, fill("77,175,74,255", "48,109,46,255"), "eligible"),
        QgsRendererCategory(0, fill("227,26,28,255", "142,16,17,255"), "excluded"),
        QgsRendererCategory(None, fill("189,189,189,255", "118,118,118,255"), "not screened"),
    ]
    parcels.setRenderer(QgsCategorizedSymbolRenderer("eligible", categories))
    simplified(parcels)
    red = QgsVectorLayer(f"{project}|layername=reference_features", "redline", "ogr")
    if not red.isValid():
        return [parcels]
    red.setSubsetString("layer_id IN (SELECT id FROM reference_layers WHERE kind = 'redline')")
    red.setRenderer(QgsSingleSymbolRenderer(
        fill("215,25,28,150", "215,25,28,255", {"style": "b_diagonal"})))
    simplified(red)
    return [parcels, red]  # the first on top: parcels over the red line's hatching


def render(settings, parallel):
    job = QgsMapRendererParallelJob(settings) if parallel else QgsMapRendererSequentialJob(settings)
    start = time.perf_counter()
    job.start()
    job.waitForFinished()
    elapsed = (time.perf_counter() - start) * 1000.0
    image = job.renderedImage()
    if image.isNull():
        sys.exit("QGIS rendered nothing")
    return elapsed, image


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("project")
    parser.add_argument("views")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json")
    parser.add_argument("--save", help="write each view's last image to this folder")
    args = parser.parse_args()

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    with open(args.views) as f:
        views = json.load(f)
    width, height = views["width"], views["height"]
    map_layers = layers(args.project)

    by_name = {c["view"]: c for c in views["cases"]}
    cases = [c for c in views["cases"] if "one thread" not in c["view"]
             and "no hillshade" not in c["view"]]
    rows = []
    for case in cases:
        half_w = 0.5 * width * case["metres_per_pixel"]
        half_h = 0.5 * height * case["metres_per_pixel"]
        settings = QgsMapSettings()
        settings.setLayers(map_layers)
        settings.setDestinationCrs(map_layers[0].crs())
        settings.setOutputSize(QSize(width, height))
        settings.setBackgroundColor(QColor(250, 249, 245))
        settings.setExtent(QgsRectangle(case["centre_x"] - half_w, case["centre_y"] - half_h,
                                        case["centre_x"] + half_w, case["centre_y"] + half_h))
        for parallel in (True, False):
            render(settings, parallel)  # untimed: caches, fonts, the provider's first read
            times = []
            for _ in range(args.runs):
                elapsed, image = render(settings, parallel)
                times.append(elapsed)
            if args.save:
                os.makedirs(args.save, exist_ok=True)
                name = case["view"].replace(" ", "_").replace("/", "_")
                image.save(os.path.join(args.save, f"qgis_{name}_{'par' if parallel else 'seq'}.png"))
            # The same content: gengbao without its hillshade where the benchmark has that case
            # (at full extent); elsewhere gengbao's figure includes the hillshade (more work).
            ours = by_name.get(case["view"] + ", no hillshade", case)
            rows.append({"view": case["view"], "job": "parallel" if parallel else "sequential",
                         "median_ms": statistics.median(times), "min_ms": min(times),
                         "max_ms": max(times), "gengbao_view": ours["view"],
                         "gengbao_median_ms": ours["median_ms"]})
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print("| view | QGIS job | QGIS median ms | min–max ms | gengbao (case) median ms | QGIS / gengbao |")
    print("|---|---|---:|---:|---:|---:|")
    for row in rows:
        ratio = row["median_ms"] / row["gengbao_median_ms"] if row["gengbao_median_ms"] else 0
        print(f"| {row['view']} | {row['job']} | {row['median_ms']:.1f} | "
              f"{row['min_ms']:.1f}–{row['max_ms']:.1f} | "
              f"{row['gengbao_median_ms']:.1f} ({row['gengbao_view']}) | {ratio:.1f}x |")
    print(f"\nQGIS {Qgis.QGIS_VERSION}, peak RSS: {peak:.0f} MB")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rows": rows, "peak_rss_mb": peak}, f, indent=1)
    # QgsApplication's teardown crashes in PyQGIS 3.22 offscreen after map jobs; the figures are
    # out, so leave without it.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
