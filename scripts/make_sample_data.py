#!/usr/bin/python3
"""Generate Gengbao's bundled sample data (synthetic 峨溶镇 2023 潜力图斑).

Usage:  /usr/bin/python3 scripts/make_sample_data.py [--out data/sample]

Writes, in the output folder:
  potential_2023.shp/.shx/.dbf/.prj  candidate parcels, GBK DBF with LDID 77 and no .cpg
  dem.tif                            10 m Float32 DEM (EPSG:4545)
  redline.gpkg                       layer stbhhx, ecological red line
  villages.gpkg                      layer cjdcq, village boundaries
  manifest.json                      expected figures for tests

Everything is synthetic and deterministic: a fixed numpy seed, fixed dates in the DBF header and
in gpkg_contents, so two runs give byte-identical files (with the same GDAL/PROJ/GEOS versions).
Needs Debian's python3-gdal, python3-numpy, python3-pyproj, python3-shapely.
"""

import argparse
import json
import math
import os
import sqlite3
import struct
import sys
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
from osgeo import gdal, ogr, osr
from pyproj import Geod, Transformer
from shapely import affinity, vectorized
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box
from shapely.ops import polygonize, unary_union
from shapely.prepared import prep

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

SEED = 20230413
FIXED_DATE = (2023, 4, 13)
FIXED_TIMESTAMP = "2023-04-13T00:00:00.000Z"

COUNTY = "500241"
TOWN = "500241111"
# 12-digit village code, name, eligible potential (mu, as printed in the plan's annex)
VILLAGES = [
    ("500241111001", "峨溶居委会", "273.41"),
    ("500241111201", "龙塘冲村", "232.35"),
    ("500241111202", "贵凳村", "247.89"),
    ("500241111203", "黄瓜村", "12.06"),
    ("500241111204", "三溪村", "17.64"),
    ("500241111205", "坝浪村", "31.47"),
    ("500241111206", "新场村", "17.5"),
    ("500241111207", "将家村", "42.16"),
]
# Village seed points (Voronoi generators) in EPSG:4545.
VILLAGE_SEEDS = {
    "500241111001": (587500, 3153900),
    "500241111201": (585200, 3155700),
    "500241111202": (589500, 3155500),
    "500241111203": (591400, 3156300),
    "500241111204": (591300, 3153300),
    "500241111205": (589600, 3152000),
    "500241111206": (587200, 3151700),
    "500241111207": (584900, 3152700),
}
STUDY = (584000.0, 3151000.0, 592000.0, 3157000.0)
PIX = 10.0
MU_PER_M2 = Decimal("0.0015")

# Restorable land classes: code, name, weight, probability of 即可恢复, size range (mu)
LAND_CLASSES = [
    ("0201", "果园", 0.14, 0.60, (0.5, 8.0)),
    ("0202", "茶园", 0.08, 0.50, (0.5, 8.0)),
    ("0204", "其他园地", 0.10, 0.60, (0.5, 6.0)),
    ("0301", "乔木林地", 0.18, 0.15, (0.5, 8.0)),
    ("0305", "灌木林地", 0.10, 0.30, (0.5, 8.0)),
    ("0307", "其他林地", 0.16, 0.35, (0.5, 8.0)),
    ("0404", "其他草地", 0.12, 0.70, (0.5, 6.0)),
    ("1104", "坑塘水面", 0.05, 0.25, (0.4, 2.5)),
    ("0201K", "可调整果园", 0.04, 0.85, (0.5, 6.0)),
    ("1104A", "养殖坑塘", 0.03, 0.20, (0.4, 2.5)),
]
STEEP_CLASSES = ["0301", "0305", "0307", "0202", "0201", "0204", "0404"]
# Remarks (BZ) and the land-class prefixes they suit
REMARKS = [
    ("实地已种植玉米", ("0404", "0204")),
    ("图斑内有零星坟地", ("03", "0404")),
    ("权属待核实", None),
    ("临时种植果树，耕作层未破坏", ("0201",)),
    ("现状撂荒，杂草丛生", ("0404", "0204", "0201")),
    ("需修建机耕道", None),
    ("坑塘已干涸", ("1104",)),
    ("群众恢复意愿较强", None),
    ("与相邻林地图斑界线待核实", ("02", "0404")),
    ("需清除杂灌", ("0305", "0307")),
]

# Karst ridges: spine start, spine end, height (m), flank angle (deg), half-width of the crest (m)
RIDGES = [
    ((584500, 3156350), (585700, 3156650), 210.0, 37.0, 40.0),
    ((589000, 3156350), (590150, 3156000), 200.0, 35.5, 45.0),
    ((584250, 3151950), (585150, 3151450), 180.0, 36.0, 40.0),
    ((588000, 3151350), (589150, 3151250), 200.0, 38.0, 40.0),
    ((591650, 3154150), (591850, 3152850), 230.0, 36.0, 45.0),
    ((586250, 3154850), (586750, 3155050), 150.0, 35.0, 35.0),
    ((590350, 3153850), (590700, 3153450), 170.0, 36.5, 40.0),
]
RIDGE_K = 12.0  # smoothing length of the ridge profile (m)
MODERATE_SHARE = 0.035  # share of eligible parcels put on 15-16.5° ground (PDJB 4)
ELIGIBLE_MAX_SLOPE = 16.5  # design limit for gentle parcels (tests allow 18)
STEEP_MIN_SLOPE = 32.5  # design limit for steep parcels (tests require 30)

# Ecological red line: name, type, list of parts; each part = (centre, radius, holes[(centre, radius)])
REDLINES = [
    ("武陵山水源涵养生态保护红线", "水源涵养",
     [((585350, 3154750), 680.0, [((585400, 3154700), 230.0)])]),
    ("武陵山生物多样性维护生态保护红线", "生物多样性维护",
     [((590800, 3155250), 330.0, []), ((591300, 3154350), 280.0, [])]),
    ("酉水水土保持生态保护红线", "水土保持",
     [((589750, 3152600), 300.0, [])]),
]

# Excluded parcels to place: village -> (red line full, red line partial, slope)
EXCLUSION_PLAN = {
    "500241111001": (0, 0, 0),
    "500241111201": (5, 4, 4),
    "500241111202": (1, 1, 3),
    "500241111203": (1, 1, 0),
    "500241111204": (1, 1, 3),
    "500241111205": (2, 2, 2),
    "500241111206": (0, 0, 1),
    "500241111207": (0, 1, 2),
}
# Special eligible parcels: village -> (holes, multiparts, stale PDJB 5, inside a red-line hole)
SPECIAL_PLAN = {
    "500241111001": (1, 1, 1, 0),
    "500241111201": (1, 0, 1, 2),
    "500241111202": (1, 1, 1, 0),
    "500241111207": (0, 1, 0, 0),
}
STEEP_STALE = 2  # slope-excluded parcels that carry PDJB "3"

GEOD = Geod(a=6378137.0, f=1 / 298.257222101)
TO_GEO = Transformer.from_crs("EPSG:4545", "EPSG:4490", always_xy=True)


# ----------------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------------
def polys_of(geom):
    if geom.geom_type == "Polygon":
        return [geom]
    return list(geom.geoms)


def ring_ell_area(coords):
    xy = np.asarray(coords, dtype=float)
    if len(xy) > 1 and (xy[0] == xy[-1]).all():
        xy = xy[:-1]
    lon, lat = TO_GEO.transform(xy[:, 0], xy[:, 1])
    area, _ = GEOD.polygon_area_perimeter(lon, lat)
    return abs(area)


def ell_area(geom):
    """Ellipsoidal area (m²) on CGCS2000: outer rings minus holes, summed over parts."""
    total = 0.0
    for p in polys_of(geom):
        total += ring_ell_area(p.exterior.coords)
        for h in p.interiors:
            total -= ring_ell_area(h.coords)
    return total


def round_geom(geom, nd=3):
    def rr(coords):
        return [(round(x, nd), round(y, nd)) for x, y in coords]

    out = [Polygon(rr(p.exterior.coords), [rr(h.coords) for h in p.interiors]) for p in polys_of(geom)]
    return out[0] if len(out) == 1 else MultiPolygon(out)


def slope_class(s):
    if s <= 2.0:
        return "1"
    if s <= 6.0:
        return "2"
    if s <= 15.0:
        return "3"
    if s <= 25.0:
        return "4"
    return "5"


def near_class_boundary(s, margin=0.3):
    return any(abs(s - b) < margin for b in (2.0, 6.0, 15.0, 25.0))


def softplus(x, k):
    return k * np.logaddexp(0.0, x / k)


def dist_to_segment(X, Y, p0, p1):
    x0, y0 = p0
    x1, y1 = p1
    dx, dy = x1 - x0, y1 - y0
    t = np.clip(((X - x0) * dx + (Y - y0) * dy) / (dx * dx + dy * dy), 0.0, 1.0)
    return np.hypot(X - (x0 + t * dx), Y - (y0 + t * dy))


def star_unit(rng, n, amp):
    """Unit star-shaped ring: monotonic angles, smooth radial noise (never self-intersecting)."""
    theta = (np.arange(n) + rng.uniform(-0.3, 0.3, n)) * (2 * np.pi / n)
    r = np.ones(n)
    for k in range(2, 6):
        r += (amp / k) * rng.uniform(0.3, 1.0) * np.cos(k * theta + rng.uniform(0, 2 * np.pi))
    r = np.maximum(r, 0.45)
    return theta, r


def smooth_blob(rng, cx, cy, radius, n, amp):
    theta, r = star_unit(rng, n, amp)
    return Polygon(np.column_stack([cx + radius * r * np.cos(theta), cy + radius * r * np.sin(theta)]))


# ----------------------------------------------------------------------------------------------
# villages
# ----------------------------------------------------------------------------------------------
def displacement(x, y):
    """Smooth displacement field (m) used to make Voronoi village borders look natural."""
    dx = (45 * np.sin(2 * np.pi * (0.8 * x + 0.6 * y) / 1900 + 0.7)
          + 25 * np.sin(2 * np.pi * (-0.3 * x + 0.95 * y) / 1500 + 2.1))
    dy = (40 * np.sin(2 * np.pi * (0.5 * x - 0.87 * y) / 1700 + 1.3)
          + 25 * np.sin(2 * np.pi * (0.99 * x + 0.1 * y) / 1600 + 4.0))
    return dx, dy


def densify(line, step):
    coords = np.asarray(line.coords)
    out = [coords[0]]
    for a, b in zip(coords[:-1], coords[1:]):
        n = max(1, int(math.ceil(np.hypot(*(b - a)) / step)))
        for i in range(1, n + 1):
            out.append(a + (b - a) * (i / n))
    return np.array(out)


def build_villages():
    codes = [v[0] for v in VILLAGES]
    env = box(*STUDY)
    cells = []
    for c in codes:  # Voronoi cell = study box cut by the bisector half-planes
        sx, sy = VILLAGE_SEEDS[c]
        cell = env
        for o in codes:
            if o == c:
                continue
            ox, oy = VILLAGE_SEEDS[o]
            mx, my = (sx + ox) / 2, (sy + oy) / 2
            ux, uy = (sx - ox), (sy - oy)
            n = math.hypot(ux, uy)
            ux, uy = ux / n * 50000, uy / n * 50000  # towards own seed
            vx, vy = -uy, ux  # along the bisector
            half = Polygon([(mx + vx, my + vy), (mx - vx, my - vy),
                            (mx - vx + ux, my - vy + uy), (mx + vx + ux, my + vy + uy)])
            cell = cell.intersection(half)
        cells.append(round_geom(cell, 1))
    network = unary_union([c.boundary for c in cells])
    lines = []
    for ln in network.geoms:
        xy = densify(ln, 40.0)
        dx, dy = displacement(xy[:, 0], xy[:, 1])
        moved = np.round(np.column_stack([xy[:, 0] + dx, xy[:, 1] + dy]), 3)
        lines.append(LineString(moved))
    polys = list(polygonize(lines))
    assert len(polys) == len(VILLAGES), len(polys)
    out = {}
    for code in codes:
        sx, sy = VILLAGE_SEEDS[code]
        dx, dy = displacement(np.array([sx]), np.array([sy]))
        p = Point(sx + dx[0], sy + dy[0])
        match = [q for q in polys if q.contains(p)]
        assert len(match) == 1
        out[code] = match[0]
    return out


# ----------------------------------------------------------------------------------------------
# terrain
# ----------------------------------------------------------------------------------------------
def build_dem(rng, extent):
    xmin, ymin, xmax, ymax = extent
    ncol = int(round((xmax - xmin) / PIX))
    nrow = int(round((ymax - ymin) / PIX))
    xs = xmin + PIX * (np.arange(ncol) + 0.5)
    ys = ymax - PIX * (np.arange(nrow) + 0.5)
    X, Y = np.meshgrid(xs, ys)

    # River valley winding west-east through the town; the floor is nearly flat.
    yc = 3153550 + 330 * np.sin(2 * np.pi * (X - 584000) / 7000 + 0.4)
    dv = np.abs(Y - yc)
    z = 418.0 - 0.0035 * (X - 584000)
    z += 0.075 * softplus(dv - 350.0, 180.0)
    # Rolling hills: random plane waves, weaker on the valley floor.
    rolling = np.zeros_like(X)
    nwave = 28
    for _ in range(nwave):
        lam = rng.uniform(500, 2600)
        ang = rng.uniform(0, np.pi)
        ph = rng.uniform(0, 2 * np.pi)
        amp = 0.030 * lam / (2 * np.pi)
        rolling += amp * np.sin(2 * np.pi * (X * np.cos(ang) + Y * np.sin(ang)) / lam + ph)
    mask = 0.25 + 0.75 / (1 + np.exp(-(dv - 600.0) / 150.0))
    z += rolling * mask
    # Steep karst ridges with planar flanks.
    for p0, p1, h, ang, crest in RIDGES:
        t = math.tan(math.radians(ang))
        d = dist_to_segment(X, Y, p0, p1)
        outer = crest + h / t
        z += t * (softplus(outer - d, RIDGE_K) - softplus(crest - d, RIDGE_K))
    # Quantise to 1/32 m: keeps slopes intact and lets DEFLATE+PREDICTOR=3 compress well.
    z = (np.round(z * 32.0) / 32.0).astype(np.float32)
    return z


def horn_slope(z):
    """Slope in degrees, Horn's method, as `gdaldem slope` (edges NaN)."""
    z = z.astype(np.float64)
    a, b, c = z[:-2, :-2], z[:-2, 1:-1], z[:-2, 2:]
    d, f = z[1:-1, :-2], z[1:-1, 2:]
    g, h, i = z[2:, :-2], z[2:, 1:-1], z[2:, 2:]
    dx = ((c + 2 * f + i) - (a + 2 * d + g)) / (8 * PIX)
    dy = ((g + 2 * h + i) - (a + 2 * b + c)) / (8 * PIX)
    out = np.full(z.shape, np.nan)
    out[1:-1, 1:-1] = np.degrees(np.arctan(np.hypot(dx, dy)))
    return out


class SlopeSampler:
    def __init__(self, slope, extent):
        self.s = slope
        self.xmin, self.ymin, self.xmax, self.ymax = extent

    def window(self, geom):
        minx, miny, maxx, maxy = geom.bounds
        c0 = int(math.floor((minx - self.xmin) / PIX))
        c1 = int(math.floor((maxx - self.xmin) / PIX))
        r0 = int(math.floor((self.ymax - maxy) / PIX))
        r1 = int(math.floor((self.ymax - miny) / PIX))
        return r0, r1, c0, c1

    def bbox_range(self, geom):
        r0, r1, c0, c1 = self.window(geom)
        w = self.s[r0:r1 + 1, c0:c1 + 1]
        return float(np.nanmin(w)), float(np.nanmax(w))

    def means(self, geom):
        """(coverage-weighted mean, pixel-centre mean) of slope over the polygon."""
        r0, r1, c0, c1 = self.window(geom)
        pg = prep(geom)
        wsum = 0.0
        vsum = 0.0
        for r in range(r0, r1 + 1):
            y1 = self.ymax - r * PIX
            for c in range(c0, c1 + 1):
                x0 = self.xmin + c * PIX
                cell = box(x0, y1 - PIX, x0 + PIX, y1)
                if pg.contains(cell):
                    w = PIX * PIX
                elif pg.intersects(cell):
                    w = geom.intersection(cell).area
                else:
                    continue
                wsum += w
                vsum += w * self.s[r, c]
        cov = vsum / wsum
        rr, cc = np.mgrid[r0:r1 + 1, c0:c1 + 1]
        cx = self.xmin + (cc + 0.5) * PIX
        cy = self.ymax - (rr + 0.5) * PIX
        inside = vectorized.contains(geom, cx, cy)
        ctr = float(np.mean(self.s[rr[inside], cc[inside]])) if inside.any() else cov
        return cov, ctr


# ----------------------------------------------------------------------------------------------
# red line
# ----------------------------------------------------------------------------------------------
def build_redlines(rng):
    out = []
    for name, kind, parts in REDLINES:
        polys = []
        for (cx, cy), radius, holes in parts:
            outer = smooth_blob(rng, cx, cy, radius, 96, 0.28)
            hole_rings = []
            for (hx, hy), hr in holes:
                hole_rings.append(smooth_blob(rng, hx, hy, hr, 48, 0.2).exterior.coords)
            p = round_geom(Polygon(outer.exterior.coords, hole_rings))
            assert p.is_valid
            polys.append(p)
        out.append((name, kind, MultiPolygon(polys)))
    return out


# ----------------------------------------------------------------------------------------------
# parcels
# ----------------------------------------------------------------------------------------------
def parcel_shape(rng, cx, cy, area, hole=False, multipart=False):
    """Irregular parcel of the given planar area (m²) centred near (cx, cy)."""
    def one(cx, cy, area, with_hole):
        n = int(np.clip(round(8 + 5 * math.sqrt(area / 666.67) + rng.integers(-2, 5)), 8, 30))
        theta, r = star_unit(rng, n, rng.uniform(0.15, 0.4))
        aspect = rng.uniform(1.0, 2.3)
        rot = rng.uniform(0, np.pi)
        ux, uy = r * np.cos(theta) * math.sqrt(aspect), r * np.sin(theta) / math.sqrt(aspect)
        holes = []
        if with_hole:
            hn = int(rng.integers(8, 13))
            ht, hr = star_unit(rng, hn, 0.15)
            scale = 0.28 * r.min() / hr.max()
            holes.append((hr * scale * np.cos(ht) * math.sqrt(aspect), hr * scale * np.sin(ht) / math.sqrt(aspect)))
        cr, sr = math.cos(rot), math.sin(rot)

        def place(px, py):
            return np.column_stack([px * cr - py * sr, px * sr + py * cr])

        p = Polygon(place(ux, uy), [place(hx, hy) for hx, hy in holes])
        k = math.sqrt(area / p.area)
        return affinity.affine_transform(p, [k, 0, 0, k, cx, cy])

    if not multipart:
        return one(cx, cy, area, hole)
    share = rng.uniform(0.35, 0.5)
    a = one(cx, cy, area * (1 - share), False)
    ang = rng.uniform(0, 2 * np.pi)
    gap = rng.uniform(4.0, 9.0)
    step = math.sqrt(area) * 0.5
    off = step
    while True:
        b = one(cx + off * math.cos(ang), cy + off * math.sin(ang), area * share, False)
        dist = a.distance(b)
        if dist >= gap:
            if dist <= gap + 2.0:
                return MultiPolygon([a, b])
            off -= (dist - gap) * 0.9
        else:
            off += (gap - dist) + 0.5


class Placer:
    GAP = 3.0

    def __init__(self, villages, redline_union, sampler):
        self.villages = villages
        self.inner = {c: prep(g.buffer(-12.0)) for c, g in villages.items()}
        self.red = redline_union
        self.red_prep = prep(redline_union)
        self.red_core = prep(redline_union.buffer(-6.0))
        self.red_near = prep(redline_union.buffer(36.0))
        self.sampler = sampler
        self.geoms = []
        self.bounds = np.zeros((0, 4))

    def clear_of_others(self, g):
        if not self.geoms:
            return True
        minx, miny, maxx, maxy = g.bounds
        b = self.bounds
        hit = np.nonzero((b[:, 0] < maxx + self.GAP) & (b[:, 2] > minx - self.GAP)
                         & (b[:, 1] < maxy + self.GAP) & (b[:, 3] > miny - self.GAP))[0]
        return all(self.geoms[i].distance(g) >= self.GAP for i in hit)

    def accept(self, g):
        self.geoms.append(g)
        self.bounds = np.vstack([self.bounds, np.array(g.bounds)[None, :]])

    def check(self, code, g, kind):
        """Return (ok, info) for a candidate of kind eligible / red_full / red_partial / slope."""
        if not g.is_valid or not self.inner[code].contains(g):
            return False, None
        smin, smax = self.sampler.bbox_range(g)
        if kind == "slope":
            if smin < 30.0 or self.red_near.intersects(g):
                return False, None
        else:
            if smax > 24.0:
                return False, None
            if kind == "eligible" and self.red_near.intersects(g):
                return False, None
            if kind == "red_full" and not self.red_core.contains(g):
                return False, None
            if kind == "red_partial":
                inter = g.intersection(self.red).area
                if inter < 120.0 or g.area - inter < 120.0:
                    return False, None
        if not self.clear_of_others(g):
            return False, None
        cov, ctr = self.sampler.means(g)
        if kind == "slope":
            if min(cov, ctr) < STEEP_MIN_SLOPE:
                return False, None
        else:
            if max(cov, ctr) > ELIGIBLE_MAX_SLOPE:
                return False, None
            if near_class_boundary(cov) or near_class_boundary(ctr) or slope_class(cov) != slope_class(ctr):
                return False, None
        return True, {"slope_cov": cov, "slope_ctr": ctr}


def draw_size(rng, lo_hi):
    lo, hi = lo_hi
    return float(np.clip(math.exp(rng.normal(math.log(2.2), 0.65)), lo, hi))


def choose_class(rng, steep=False):
    if steep:
        code = STEEP_CLASSES[int(rng.integers(len(STEEP_CLASSES)))]
        return next(c for c in LAND_CLASSES if c[0] == code)
    w = np.array([c[2] for c in LAND_CLASSES])
    return LAND_CLASSES[int(rng.choice(len(LAND_CLASSES), p=w / w.sum()))]


def eligible_sizes(rng, target_mu):
    """Split a village's potential (mu) into parcel sizes with their land classes."""
    out = []
    rem = target_mu
    while rem > 1e-9:
        lc = choose_class(rng)
        a = draw_size(rng, lc[4])
        if a <= rem - 0.5:
            out.append([lc, a])
            rem -= a
            continue
        if rem > 8.0:
            out.append([lc, rem / 2])
            rem -= rem / 2
            continue
        if rem >= 0.45:
            if rem > lc[4][1]:
                lc = next(c for c in LAND_CLASSES if c[0] == "0301")
            out.append([lc, rem])
        else:
            biggest = max(range(len(out)), key=lambda i: out[i][1])
            out[biggest][1] += rem
        rem = 0.0
    return out


def sample_in(rng, poly, clusters, spread):
    minx, miny, maxx, maxy = poly.bounds
    for _ in range(200):
        if clusters and rng.random() < 0.8:
            cx, cy = clusters[int(rng.integers(len(clusters)))]
            x, y = cx + rng.normal(0, spread), cy + rng.normal(0, spread)
        else:
            x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if poly.contains(Point(x, y)):
            return x, y
    return None


def place_parcels(rng, villages, redlines, sampler):
    red_union = unary_union([g for _, _, g in redlines])
    placer = Placer(villages, red_union, sampler)
    parcels = []  # dicts
    red_polys = [p for _, _, g in redlines for p in g.geoms]
    red_holes = [Polygon(h.coords) for p in red_polys for h in p.interiors]

    def try_place(code, kind, area, center_fn, hole=False, multipart=False, tries=4000, required=True):
        for _ in range(tries):
            c = center_fn()
            if c is None:
                continue
            g = round_geom(parcel_shape(rng, c[0], c[1], area, hole, multipart))
            ok, info = placer.check(code, g, kind)
            if ok:
                placer.accept(g)
                return g, info
        if required:
            raise RuntimeError(f"could not place {kind} parcel in {code}")
        return None, None

    # 1. Slope-excluded parcels on ridge flanks.
    for code, (_, _, n_slope) in EXCLUSION_PLAN.items():
        vpoly = villages[code]
        for _ in range(n_slope):
            lc = choose_class(rng, steep=True)
            area = draw_size(rng, (0.5, 3.0)) * 10000 / 15

            def center():
                p0, p1, h, ang, crest = RIDGES[int(rng.integers(len(RIDGES)))]
                outer = crest + h / math.tan(math.radians(ang))
                t = rng.uniform(0.05, 0.95)
                x = p0[0] + t * (p1[0] - p0[0])
                y = p0[1] + t * (p1[1] - p0[1])
                ux, uy = p1[0] - p0[0], p1[1] - p0[1]
                ln = math.hypot(ux, uy)
                nx, ny = -uy / ln, ux / ln
                side = 1 if rng.random() < 0.5 else -1
                d = rng.uniform(crest + 60, outer - 60)
                x, y = x + side * d * nx, y + side * d * ny
                return (x, y) if vpoly.contains(Point(x, y)) else None

            g, info = try_place(code, "slope", area, center)
            parcels.append(dict(code=code, geom=g, lc=lc, status="slope", **info))

    # 2. Red-line parcels (fully inside / partly overlapping).
    for code, (n_full, n_part, _) in EXCLUSION_PLAN.items():
        vpoly = villages[code]
        vred = vpoly.intersection(red_union)
        for kind, n in (("red_full", n_full), ("red_partial", n_part)):
            for _ in range(n):
                lc = choose_class(rng)
                area = draw_size(rng, (0.6, 5.0)) * 10000 / 15
                if kind == "red_full":
                    def center():
                        return sample_in(rng, vred, None, 0)
                else:
                    bnd = vred.boundary.intersection(red_union.boundary.buffer(0.5))

                    def center():
                        lines = [ln for ln in getattr(bnd, "geoms", [bnd]) if ln.length > 0]
                        ln = lines[int(rng.integers(len(lines)))]
                        p = ln.interpolate(rng.uniform(0, ln.length))
                        r = math.sqrt(area / math.pi)
                        return p.x + rng.uniform(-0.6, 0.6) * r, p.y + rng.uniform(-0.6, 0.6) * r

                g, info = try_place(code, kind, area, center)
                ov = g.intersection(red_union).area
                parcels.append(dict(code=code, geom=g, lc=lc, status=kind, red_overlap=ov, **info))

    # 3. Eligible parcels.
    with np.errstate(invalid="ignore"):
        moderate = np.argwhere((sampler.s > 15.4) & (sampler.s < 16.2))
    for code, _, mu in VILLAGES:
        vpoly = villages[code]
        sizes = eligible_sizes(rng, float(mu))
        mx = sampler.xmin + (moderate[:, 1] + 0.5) * PIX
        my = sampler.ymax - (moderate[:, 0] + 0.5) * PIX
        inside = vectorized.contains(vpoly.buffer(-40.0), mx, my)
        vmod = np.column_stack([mx[inside], my[inside]])
        n_hole, n_multi, n_stale, n_redhole = SPECIAL_PLAN.get(code, (0, 0, 0, 0))
        # cluster centres on gentle ground
        clusters = []
        minx, miny, maxx, maxy = vpoly.bounds
        while len(clusters) < 4:
            x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
            if not vpoly.buffer(-150).contains(Point(x, y)):
                continue
            probe = Point(x, y).buffer(60)
            if sampler.bbox_range(probe)[1] < 14.0 and not placer.red_near.intersects(probe):
                clusters.append((x, y))
        spread = 180.0 + 60.0 * math.sqrt(len(sizes))
        order = sorted(range(len(sizes)), key=lambda i: -sizes[i][1])
        special = {}
        big = [i for i in order if sizes[i][0][0] not in ("1104", "1104A")]
        for i in big[:n_hole]:
            special[i] = "hole"
        for i in big[n_hole:n_hole + n_multi]:
            special[i] = "multi"
        rest = [i for i in range(len(sizes)) if i not in special]
        for i in rest[:n_redhole]:
            special[i] = "redhole"
        for idx in range(len(sizes)):
            lc, mu_size = sizes[idx]
            area = mu_size * 10000 / 15
            kind = special.get(idx)
            g = None
            if kind is None and len(vmod) and mu_size <= 2.0 and rng.random() < MODERATE_SHARE * 2:
                def on_moderate():  # a 15-16° spot: the parcel gets PDJB 4
                    return tuple(vmod[int(rng.integers(len(vmod)))])
                g, info = try_place(code, "eligible", area, on_moderate, tries=300, required=False)
            if g is None:
                if kind == "redhole":  # an enclave inside a red-line hole, eligible
                    hole_poly = next(h for h in red_holes if h.intersects(vpoly)).buffer(-40)

                    def center():
                        return sample_in(rng, hole_poly, None, 0)
                else:
                    def center():
                        return sample_in(rng, vpoly, clusters, spread)
                g, info = try_place(code, "eligible", area, center,
                                    hole=(kind == "hole"), multipart=(kind == "multi"))
            parcels.append(dict(code=code, geom=g, lc=lc, status="eligible", special=kind, **info))
        # stale PDJB 5 on gentle eligible parcels
        elig = [p for p in parcels if p["code"] == code and p["status"] == "eligible"
                and p.get("special") is None and 6.5 < p["slope_cov"] < 12.0]
        for p in elig[:n_stale]:
            p["stale"] = True
    return parcels


def adjust_areas(parcels):
    """Scale each village's eligible parcels to the potential, then spread the residual (平差)."""
    mu_of = {c: Decimal(m) for c, _, m in VILLAGES}
    for code, _, _ in VILLAGES:
        group = [p for p in parcels if p["code"] == code and p["status"] == "eligible"]
        target_cents = int((mu_of[code] / MU_PER_M2 * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
        # leave a small control-area residual (as a real 平差 does): a few 0.01 m² steps per parcel
        goal = target_cents / 100.0 * (1.0 - 4e-6)
        for _ in range(3):
            total = sum(ell_area(p["geom"]) for p in group)
            k = math.sqrt(goal / total)
            for p in group:
                c = p["geom"].centroid
                p["geom"] = round_geom(affinity.scale(p["geom"], k, k, origin=c))
        for p in group:
            p["ell"] = ell_area(p["geom"])
            p["cents"] = int(round(p["ell"] * 100))
        resid = target_cents - sum(p["cents"] for p in group)
        order = sorted(group, key=lambda p: -p["ell"])
        step = 1 if resid > 0 else -1
        i = 0
        while resid != 0:
            order[i % len(order)]["cents"] += step
            resid -= step
            i += 1
        for p in group:
            assert abs(p["cents"] / 100 - p["ell"]) <= 0.0005 * p["ell"]
    for p in parcels:
        if p["status"] != "eligible":
            p["ell"] = ell_area(p["geom"])
            p["cents"] = int(round(p["ell"] * 100))
    # geometry sanity after scaling
    gs = [p["geom"] for p in parcels]
    for g in gs:
        assert g.is_valid
    for i, a in enumerate(gs):
        for b in gs[i + 1:]:
            if a.bounds[0] <= b.bounds[2] and b.bounds[0] <= a.bounds[2] and \
               a.bounds[1] <= b.bounds[3] and b.bounds[1] <= a.bounds[3]:
                assert a.intersection(b).area == 0.0


def assign_attributes(rng, parcels):
    bsm_seq = 0
    for code, name, _ in VILLAGES:
        group = [p for p in parcels if p["code"] == code]
        # number parcels north-west to south-east in 300 m bands, like a survey numbering
        group.sort(key=lambda p: (-int(p["geom"].centroid.y // 300), p["geom"].centroid.x))
        tbbh = int(rng.integers(3, 40))
        for p in group:
            bsm_seq += 1
            p["BSM"] = f"{COUNTY}2023{bsm_seq + 10000:08d}"
            p["TBBH"] = f"{tbbh:04d}"
            p["TBYBH"] = f"2023{code[6:12]}{tbbh:04d}"
            tbbh += int(rng.integers(1, 30))
            lc = p["lc"]
            p["DLBM"], p["DLMC"] = lc[0], lc[1]
            jk = rng.random() < lc[3]
            p["ZZSXDM"], p["ZZSXMC"] = ("JKHF", "即可恢复") if jk else ("GCHF", "工程恢复")
            p["dem_pdjb"] = slope_class(p["slope_cov"])
            p["PDJB"] = p["dem_pdjb"]
            if p.get("stale"):
                p["PDJB"] = "5"
            p["BZ"] = ""
    steep_all = [p for p in parcels if p["status"] == "slope"]
    steep_all.sort(key=lambda p: p["BSM"])
    for i in (1, len(steep_all) - 3):
        steep_all[i]["PDJB"] = "3"
        steep_all[i]["stale"] = True
    assert sum(1 for p in steep_all if p.get("stale")) == STEEP_STALE
    # a few remarks, each on a parcel whose land class suits it
    parcels.sort(key=lambda p: p["BSM"])
    for text, prefixes in REMARKS:
        pool = [p for p in parcels if not p["BZ"]
                and (prefixes is None or p["DLBM"].startswith(prefixes))]
        pool[int(rng.integers(len(pool)))]["BZ"] = text


# ----------------------------------------------------------------------------------------------
# writers
# ----------------------------------------------------------------------------------------------
def srs_4545():
    s = osr.SpatialReference()
    s.ImportFromEPSG(4545)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def to_ogr(geom):
    return ogr.CreateGeometryFromWkb(geom.wkb)


def write_shapefile(path_shp, parcels, villages_name):
    base = os.path.splitext(path_shp)[0]
    for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
        if os.path.exists(base + ext):
            os.remove(base + ext)
    drv = ogr.GetDriverByName("ESRI Shapefile")
    ds = drv.CreateDataSource(path_shp)
    lyr = ds.CreateLayer("potential_2023", srs_4545(), ogr.wkbPolygon, options=["ENCODING=LDID/77"])
    fields = [
        ("BSM", ogr.OFTString, 18, 0), ("YSDM", ogr.OFTString, 10, 0), ("TBYBH", ogr.OFTString, 18, 0),
        ("TBBH", ogr.OFTString, 8, 0), ("DLBM", ogr.OFTString, 5, 0), ("DLMC", ogr.OFTString, 60, 0),
        ("QSXZ", ogr.OFTString, 2, 0), ("QSDWDM", ogr.OFTString, 19, 0), ("QSDWMC", ogr.OFTString, 60, 0),
        ("ZLDWDM", ogr.OFTString, 19, 0), ("ZLDWMC", ogr.OFTString, 60, 0), ("TBMJ", ogr.OFTReal, 15, 2),
        ("KCDLBM", ogr.OFTString, 5, 0), ("KCXS", ogr.OFTReal, 6, 4), ("KCMJ", ogr.OFTReal, 15, 2),
        ("TBDLMJ", ogr.OFTReal, 15, 2), ("GDLX", ogr.OFTString, 2, 0), ("GDPDJB", ogr.OFTString, 2, 0),
        ("PDJB", ogr.OFTString, 2, 0), ("ZZSXDM", ogr.OFTString, 6, 0), ("ZZSXMC", ogr.OFTString, 20, 0),
        ("SJNF", ogr.OFTInteger, 4, 0), ("BZ", ogr.OFTString, 254, 0),
    ]
    for name, typ, width, prec in fields:
        fd = ogr.FieldDefn(name, typ)
        fd.SetWidth(width)
        if prec:
            fd.SetPrecision(prec)
        lyr.CreateField(fd)
    defn = lyr.GetLayerDefn()
    for p in parcels:
        f = ogr.Feature(defn)
        code19 = p["code"] + "0000000"
        vname = villages_name[p["code"]]
        tbmj = p["cents"] / 100.0
        vals = dict(BSM=p["BSM"], YSDM="2001010100", TBYBH=p["TBYBH"], TBBH=p["TBBH"], DLBM=p["DLBM"],
                    DLMC=p["DLMC"], QSXZ="30", QSDWDM=code19, QSDWMC=vname, ZLDWDM=code19, ZLDWMC=vname,
                    TBMJ=tbmj, KCDLBM="", KCMJ=0.0, TBDLMJ=tbmj, GDLX="", GDPDJB="", PDJB=p["PDJB"],
                    ZZSXDM=p["ZZSXDM"], ZZSXMC=p["ZZSXMC"], SJNF=2022, BZ=p["BZ"])
        for k, v in vals.items():
            f.SetField(k, v)
        f.SetGeometry(to_ogr(p["geom"]))
        lyr.CreateFeature(f)
    ds = None
    cpg = base + ".cpg"
    if os.path.exists(cpg):
        os.remove(cpg)
    with open(base + ".dbf", "rb") as fh:
        dbf = bytearray(fh.read())
    # fixed "last update" date in the DBF header, for reproducible output
    dbf[1:4] = bytes([FIXED_DATE[0] - 1900, FIXED_DATE[1], FIXED_DATE[2]])
    # GDAL writes an unset numeric as '*' fill; store empty numerics as blanks instead (also read as null)
    nrec, hlen, rlen = struct.unpack("<IHH", bytes(dbf[4:12]))
    pos, off = 32, 1
    while dbf[pos] != 0x0D:
        ftype, flen = chr(dbf[pos + 11]), dbf[pos + 16]
        if ftype in "NF":
            for i in range(nrec):
                s = hlen + i * rlen + off
                if dbf[s:s + flen] == b"*" * flen:
                    dbf[s:s + flen] = b" " * flen
        off += flen
        pos += 32
    with open(base + ".dbf", "wb") as fh:
        fh.write(dbf)


def write_gpkg(path, layer_name, geom_type, fields, rows):
    if os.path.exists(path):
        os.remove(path)
    gdal.SetConfigOption("OGR_CURRENT_DATE", FIXED_TIMESTAMP)
    try:
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
        lyr = ds.CreateLayer(layer_name, srs_4545(), geom_type, options=["GEOMETRY_NAME=geom", "FID=fid"])
        for name, width in fields:
            fd = ogr.FieldDefn(name, ogr.OFTString)
            fd.SetWidth(width)
            lyr.CreateField(fd)
        defn = lyr.GetLayerDefn()
        ds.StartTransaction()
        for vals, geom in rows:
            f = ogr.Feature(defn)
            for k, v in vals.items():
                f.SetField(k, v)
            f.SetGeometry(to_ogr(geom))
            lyr.CreateFeature(f)
        ds.CommitTransaction()
        ds = None
    finally:
        gdal.SetConfigOption("OGR_CURRENT_DATE", None)
    con = sqlite3.connect(path)
    con.execute("UPDATE gpkg_contents SET last_change = ?", (FIXED_TIMESTAMP,))
    con.commit()
    con.execute("VACUUM")
    con.close()


def write_dem(path, z, extent):
    if os.path.exists(path):
        os.remove(path)
    xmin, _, _, ymax = extent
    mem = gdal.GetDriverByName("MEM").Create("", z.shape[1], z.shape[0], 1, gdal.GDT_Float32)
    mem.SetGeoTransform((xmin, PIX, 0.0, ymax, 0.0, -PIX))
    mem.SetSpatialRef(srs_4545())
    band = mem.GetRasterBand(1)
    band.SetNoDataValue(-9999.0)
    band.WriteArray(z)
    gdal.GetDriverByName("GTiff").CreateCopy(
        path, mem, options=["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=DEFLATE",
                            "PREDICTOR=3", "ZLEVEL=9"])
    mem = None


# ----------------------------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "sample"))
    args = ap.parse_args()
    out = os.path.normpath(args.out)
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(SEED)

    villages = build_villages()
    ub = unary_union(list(villages.values())).bounds
    extent = (math.floor(ub[0] / 100) * 100 - 400, math.floor(ub[1] / 100) * 100 - 400,
              math.ceil(ub[2] / 100) * 100 + 400, math.ceil(ub[3] / 100) * 100 + 400)
    z = build_dem(rng, extent)
    slope = horn_slope(z)
    sampler = SlopeSampler(slope, extent)
    redlines = build_redlines(rng)
    parcels = place_parcels(rng, villages, redlines, sampler)
    adjust_areas(parcels)
    assign_attributes(rng, parcels)
    names = {c: n for c, n, _ in VILLAGES}

    write_shapefile(os.path.join(out, "potential_2023.shp"), parcels, names)
    write_dem(os.path.join(out, "dem.tif"), z, extent)
    write_gpkg(os.path.join(out, "redline.gpkg"), "stbhhx", ogr.wkbMultiPolygon,
               [("HXMC", 100), ("HXLX", 50)],
               [({"HXMC": n, "HXLX": k}, g) for n, k, g in redlines])
    write_gpkg(os.path.join(out, "villages.gpkg"), "cjdcq", ogr.wkbPolygon,
               [("ZLDWDM", 19), ("XZQDM", 12), ("ZLDWMC", 60)],
               [({"ZLDWDM": c + "0000000", "XZQDM": c, "ZLDWMC": n}, villages[c]) for c, n, _ in VILLAGES])

    # manifest
    red_holes = [Polygon(h.coords) for _, _, g in redlines for q in g.geoms for h in q.interiors]
    vill = []
    for code, name, mu in VILLAGES:
        g = [p for p in parcels if p["code"] == code and p["status"] == "eligible"]
        cents = sum(p["cents"] for p in g)
        vill.append({"code": code, "name": name, "eligible_mu": float(mu), "eligible_count": len(g),
                     "eligible_tbmj_m2_sum": cents / 100.0})
    total_cents = sum(p["cents"] for p in parcels if p["status"] == "eligible")
    per_parcel = {}
    for p in parcels:
        e = {"village": p["code"], "status": p["status"], "dem_slope_mean": round(p["slope_cov"], 2),
             "dem_pdjb": p["dem_pdjb"], "pdjb": p["PDJB"], "tbmj": p["cents"] / 100.0}
        if "red_overlap" in p:
            e["redline_overlap_m2"] = round(p["red_overlap"], 2)
        per_parcel[p["BSM"]] = e
    ncol, nrow = z.shape[1], z.shape[0]
    manifest = {
        "description": "Synthetic 峨溶镇 2023 耕地恢复潜力图斑 sample; generated by scripts/make_sample_data.py",
        "crs": "EPSG:4545",
        "town": {"code": TOWN, "name": "峨溶镇", "county_code": COUNTY, "county_name": "秀山土家族苗族自治县"},
        "villages": vill,
        "eligible_total_mu": float(sum(Decimal(m) for _, _, m in VILLAGES)),
        "eligible_total_tbmj_m2": total_cents / 100.0,
        "eligible_count": sum(v["eligible_count"] for v in vill),
        "total_parcel_count": len(parcels),
        "excluded_redline": [{"bsm": p["BSM"], "kind": "full" if p["status"] == "red_full" else "partial",
                              "overlap_m2": round(p["red_overlap"], 2)}
                             for p in parcels if p["status"] in ("red_full", "red_partial")],
        "excluded_slope": [p["BSM"] for p in parcels if p["status"] == "slope"],
        "stale_pdjb": {
            "eligible_marked_5": [p["BSM"] for p in parcels if p["status"] == "eligible" and p.get("stale")],
            "steep_marked_3": [p["BSM"] for p in parcels if p["status"] == "slope" and p.get("stale")],
        },
        "multipart_bsm": [p["BSM"] for p in parcels if p["geom"].geom_type == "MultiPolygon"],
        "with_hole_bsm": [p["BSM"] for p in parcels
                          if any(len(q.interiors) for q in polys_of(p["geom"]))],
        "in_redline_hole_bsm": [p["BSM"] for p in parcels if any(h.contains(p["geom"]) for h in red_holes)],
        "dem": {"file": "dem.tif", "xmin": extent[0], "ymin": extent[1], "xmax": extent[2], "ymax": extent[3],
                "pixel_size": PIX, "width": ncol, "height": nrow, "nodata": -9999.0,
                "elev_min": round(float(z.min()), 2), "elev_max": round(float(z.max()), 2)},
        "generation_margins": {
            "slope_method": "pixel-coverage-weighted mean of Horn slope (as gdaldem slope), degrees",
            "eligible_slope_max_deg": ELIGIBLE_MAX_SLOPE,
            "steep_slope_min_deg": STEEP_MIN_SLOPE,
            "pdjb_class_boundary_clearance_deg": 0.3,
            "eligible_min_distance_to_redline_m": 36.0,
            "redline_full_min_inset_m": 6.0,
            "redline_partial_min_overlap_m2": 120.0,
            "redline_partial_min_outside_m2": 120.0,
            "min_gap_between_parcels_m": Placer.GAP,
        },
        "parcels": per_parcel,
    }
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, sort_keys=True, indent=2)
        fh.write("\n")

    counts = {}
    for p in parcels:
        counts[p["status"]] = counts.get(p["status"], 0) + 1
    print(f"wrote {out}: {len(parcels)} parcels {counts}")
    for v in vill:
        print(f"  {v['code']} {v['name']}: {v['eligible_count']} eligible, "
              f"{v['eligible_tbmj_m2_sum']:.2f} m² = {v['eligible_mu']:.2f} mu")
    print(f"  total eligible {manifest['eligible_total_mu']:.2f} mu; DEM {ncol}x{nrow} "
          f"{manifest['dem']['elev_min']}-{manifest['dem']['elev_max']} m")
    return 0


if __name__ == "__main__":
    sys.exit(main())
