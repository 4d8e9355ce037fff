#!/usr/bin/env python3
"""Streams generated files in the published layouts through `tiq import sirene|urssaf` and
reports wall time and peak resident memory (from `/usr/bin/time -v`) per size, to show that
memory does not grow with the file. Used for the figures of docs/scale.md.

    python3 bench/import_scale.py [--rows 100000,1000000,3000000] [--tiq .build/release/tiq]

Files go to bench/data/import/ (git-ignored) and are reused. The Sirene stock has INSEE's 48
columns (SIRETs ascending, 35 % closed, six NAF codes), spread over the communes of the real
geography; the Urssaf file is the portal's commune × APE layout, 2006-2023.
"""

import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "data", "import")
GEO = os.path.join(ROOT, "..", "shared", "data", "geo")

STOCK_HEADER = (
    "siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement,trancheEffectifsEtablissement,"
    "anneeEffectifsEtablissement,activitePrincipaleRegistreMetiersEtablissement,dateDernierTraitementEtablissement,"
    "etablissementSiege,nombrePeriodesEtablissement,complementAdresseEtablissement,numeroVoieEtablissement,"
    "indiceRepetitionEtablissement,typeVoieEtablissement,libelleVoieEtablissement,codePostalEtablissement,"
    "libelleCommuneEtablissement,libelleCommuneEtrangerEtablissement,distributionSpecialeEtablissement,"
    "codeCommuneEtablissement,codeCedexEtablissement,libelleCedexEtablissement,codePaysEtrangerEtablissement,"
    "libellePaysEtrangerEtablissement,complementAdresse2Etablissement,numeroVoie2Etablissement,"
    "indiceRepetition2Etablissement,typeVoie2Etablissement,libelleVoie2Etablissement,codePostal2Etablissement,"
    "libelleCommune2Etablissement,libelleCommuneEtranger2Etablissement,distributionSpeciale2Etablissement,"
    "codeCommune2Etablissement,codeCedex2Etablissement,libelleCedex2Etablissement,codePaysEtranger2Etablissement,"
    "libellePaysEtranger2Etablissement,dateDebut,etatAdministratifEtablissement,enseigne1Etablissement,"
    "enseigne2Etablissement,enseigne3Etablissement,denominationUsuelleEtablissement,activitePrincipaleEtablissement,"
    "nomenclatureActivitePrincipaleEtablissement,caractereEmployeurEtablissement\n"
)
APES = ["10.71C", "47.11B", "35.11Z", "62.01Z", "25.11Z", "86.21Z", "43.21A", "29.10Z"]


def communes():
    with open(os.path.join(GEO, "communes.csv"), encoding="utf-8") as f:
        next(f)
        return [line.split(",", 1)[0] for line in f]


def sirene_stock(path, rows, codes):
    if os.path.exists(path):
        return
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(STOCK_HEADER)
        blank = "," * 18
        for i in range(rows):
            siret = str(10_000_000_000_000 + i * 7)
            created = f"{1990 + i % 34}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            closed = f"{2000 + i % 24}-06-30" if i % 20 < 7 else ""
            f.write(f"{siret[:9]},{siret[9:]},{siret},O,{created},NN,,,2024-01-01T00:00:00,true,1,,12,,RUE,"
                    f"\"DE LA GARE, BAT B\",01000,NOM DE COMMUNE,,,{codes[(i * 7919) % len(codes)]}{blank},"
                    f"{closed or created},{'F' if closed else 'A'},,,,,{APES[i % len(APES)]},NAFRev2,N\n")
    os.rename(path + ".tmp", path)


def urssaf(path, rows, codes):
    if os.path.exists(path):
        return
    years = range(2006, 2024)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        head = ["Code commune", "Intitulé commune", "Code APE"]
        for y in years:
            head += [f"Nombre d'établissements {y}", f"Effectifs salariés {y}"]
        f.write(";".join(head) + "\n")
        for i in range(rows):
            cells = []
            for y in years:
                cells += [str(1 + (i + y) % 3), str((i * 13 + y) % 250)]
            f.write(f"{codes[i % len(codes)]};Commune;{APES[i % len(APES)].replace('.', '')};" + ";".join(cells) + "\n")
    os.rename(path + ".tmp", path)


def timed(cmd):
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{r.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", r.stderr).group(1)
    parts = [float(p) for p in wall.split(":")]
    seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
    return seconds, rss / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", default="100000,1000000,3000000")
    ap.add_argument("--tiq", default=os.path.join(ROOT, ".build", "release", "tiq"))
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    codes = communes()
    geo = os.path.join(OUT, "geo")
    if not os.path.exists(os.path.join(geo, "territories.csv")):
        subprocess.run([args.tiq, "import", "geo", "--from", GEO, "--out", geo], check=True, capture_output=True)
    print("| file | rows | size | wall | peak RSS |\n|---|---|---|---|---|")
    for kind in ["sirene", "urssaf"]:
        for n in [int(x) for x in args.rows.split(",")]:
            path = os.path.join(OUT, f"{kind}_{n}.csv")
            (sirene_stock if kind == "sirene" else urssaf)(path, n if kind == "sirene" else n // 10, codes)
            work = os.path.join(OUT, "work")
            subprocess.run(["rm", "-rf", work], check=True)
            subprocess.run(["cp", "-r", geo, work], check=True)
            cmd = [args.tiq, "import", kind, path, "--out", work]
            if kind == "sirene":
                cmd += ["--years", "2000..2023"]
            seconds, rss = timed(cmd)
            size = os.path.getsize(path) / 1e6
            rows = n if kind == "sirene" else n // 10
            print(f"| {kind} | {rows:,} | {size:,.0f} MB | {seconds:.1f} s | {rss:,.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
