"""The six canonical questions of issue 6, in TQL and in DuckDB SQL, and how their answers
are normalised so that both systems can be compared cell by cell.

`base` is the level where the data is stored: `epci` for size S, `commune` for M and L.
Every SQL answer is computed from the very CSV files tiq reads, with tiq's semantics
(protocol.md, "What queries mean"): strict sums in which `na` cells add nothing, EPCI → TI weights and
flags derived from commune populations, an EPCI's région = the région holding the largest
population share of its communes (ties: lowest code).
"""

REGION = "Grand Est"
COMMUNE = "69123"          # Lyon: Q5 at commune level (M, L)
EPCI = "200046977"         # Métropole de Lyon: Q5 at EPCI level (S)


def tql(base: str, prefix: str) -> dict:
    """The six questions as `tiq serve` requests: name → (method, params)."""
    code = COMMUNE if base == "commune" else EPCI
    return {
        "Q1": ("query", {"q": "from emploi_ind at epci | where complete(emploi_ind, 2018, 2022) "
                              "| compare ti1 on growth(sum(emploi_ind), 2018, 2022)"}),
        "Q2": ("query", {"q": f'from emploi_ind at epci | where region == "{REGION}" '
                              "| derive g = growth(emploi_ind, 2018, 2022) | top 10 by g | show code, name, g"}),
        "Q3": ("query", {"q": f"from emploi_ind at {base} | rollup to ti2"}),
        "Q4": ("query", {"q": "from emploi_ind at epci | where complete(emploi_ind, 2015..2024) "
                              "| agg emp = sum(emploi_ind) by ti1 | derive idx = index(emp, 2018) "
                              "| show ti1, idx as wide"}),
        "Q5": ("query", {"q": f'from emploi_ind at {base} | where code == "{code}"'}),
        "Q6": ("lookup", {"name": prefix, "match": "prefix", "limit": 10}),
    }


# A strict sum: absent when any contributing cell is absent, except `na` cells, which add nothing.
STRICT_SUM = ("CASE WHEN bool_or(o.value IS NULL AND coalesce(o.status, '') <> 'na') "
              "THEN NULL ELSE sum(o.value * c.w) END")


def _epci_series(base: str, years: str) -> str:
    """Per EPCI and year, `emploi_ind` at EPCI level: stored (S) or the strict sum of its communes."""
    if base == "commune":
        return (f"SELECT c.parent AS epci, o.period AS y, {STRICT_SUM} AS v "
                "FROM obs o JOIN cover c ON c.commune = o.territory AND c.plevel = 'epci' "
                f"WHERE o.indicator = 'emploi_ind' AND {years} GROUP BY c.parent, o.period")
    return ("SELECT o.territory AS epci, o.period AS y, o.value AS v FROM obs o "
            f"WHERE o.indicator = 'emploi_ind' AND starts_with(o.territory, 'epci:') AND {years}")


def sql(base: str, prefix: str) -> dict:
    """The six questions in SQL over the tables built by `LOAD_SQL`."""
    code = COMMUNE if base == "commune" else EPCI
    endpoints = ("WITH e AS (" + _epci_series(base, "o.period IN (2018, 2022)") + "), "
                 "w AS (SELECT epci, max(v) FILTER (WHERE y = 2018) AS v0, "
                 "max(v) FILTER (WHERE y = 2022) AS v1 FROM e GROUP BY epci) ")
    if base == "commune":
        q3 = (f"SELECT c.parent AS ti2, o.period AS y, {STRICT_SUM} AS v "
              "FROM obs o JOIN cover c ON c.commune = o.territory AND c.plevel = 'ti2' "
              "WHERE o.indicator = 'emploi_ind' GROUP BY c.parent, o.period ORDER BY 1, 2")
    else:
        q3 = (f"SELECT c.grp AS ti2, o.period AS y, {STRICT_SUM} AS v "
              "FROM obs o JOIN epci_w c ON c.epci = o.territory AND c.plevel = 'ti2' "
              "WHERE o.indicator = 'emploi_ind' GROUP BY c.grp, o.period ORDER BY 1, 2")
    return {
        "Q1": endpoints +
              "SELECT a.ti1, count(*) AS n, 100 * (sum(w.v1) / sum(w.v0) - 1) AS growth "
              "FROM w JOIN epci_attr a ON a.epci = w.epci "
              "WHERE w.v0 IS NOT NULL AND w.v1 IS NOT NULL GROUP BY a.ti1 ORDER BY a.ti1 DESC",
        "Q2": endpoints +
              "SELECT a.code, a.name, 100 * (w.v1 / w.v0 - 1) AS g "
              "FROM w JOIN epci_attr a ON a.epci = w.epci "
              f"WHERE a.region_name = '{REGION}' AND w.v0 IS NOT NULL AND w.v1 IS NOT NULL AND w.v0 <> 0 "
              "ORDER BY g DESC, a.code LIMIT 10",
        "Q3": q3,
        "Q4": "WITH e AS (" + _epci_series(base, "TRUE") + "), "
              "k AS (SELECT epci FROM e WHERE y BETWEEN 2015 AND 2024 AND v IS NOT NULL "
              "GROUP BY epci HAVING count(*) = 10), "
              "g AS (SELECT a.ti1, e.y, CASE WHEN bool_or(e.v IS NULL) THEN NULL ELSE sum(e.v) END AS emp "
              "FROM e JOIN k ON k.epci = e.epci JOIN epci_attr a ON a.epci = e.epci GROUP BY a.ti1, e.y) "
              "SELECT ti1, y, 100 * emp / max(emp) FILTER (WHERE y = 2018) OVER (PARTITION BY ti1) AS idx "
              "FROM g ORDER BY ti1, y",
        "Q5": f"SELECT period, value FROM obs WHERE territory = '{base}:{code}' "
              "AND indicator = 'emploi_ind' ORDER BY period",
        "Q6": f"SELECT level, code, name FROM terr WHERE name ILIKE '{prefix}%' ORDER BY name LIMIT 10",
    }


def q6_full_sql(prefix: str) -> str:
    """Every territory whose name starts with the prefix (untimed; the reference set for Q6)."""
    return f"SELECT level || ':' || code FROM terr WHERE name ILIKE '{prefix}%'"


def load_sql(directory: str, links_has_weight: bool, obs_columns: list[str]) -> list[tuple[str, str, str]]:
    """(phase, label, statement): what an analyst runs to load the dataset and derive the
    territory attributes tiq derives at load (memberships, EPCI flags and région)."""
    d = directory.replace("'", "''")
    weight = "coalesce(TRY_CAST(weight AS DOUBLE), 1.0)" if links_has_weight else "1.0"
    types = {"territory": "VARCHAR", "indicator": "VARCHAR", "period": "INTEGER",
             "value": "DOUBLE", "status": "VARCHAR"}
    columns = ", ".join(f"'{c}': '{types.get(c, 'VARCHAR')}'" for c in obs_columns)
    return [
        ("geo", "read territories.csv",
         "CREATE TABLE terr AS SELECT level || ':' || code AS key, level, code, name, "
         f"TRY_CAST(population AS DOUBLE) AS population FROM read_csv('{d}/territories.csv', header = true, all_varchar = true)"),
        ("geo", "read links.csv",
         f"CREATE TABLE links AS SELECT child, parent, {weight} AS w "
         f"FROM read_csv('{d}/links.csv', header = true, all_varchar = true)"),
        ("geo", "read indicators.csv",
         f"CREATE TABLE indicators AS SELECT * FROM read_csv('{d}/indicators.csv', header = true, all_varchar = true)"),
        ("geo", "derive commune cover",
         "CREATE TABLE cover AS WITH RECURSIVE p(commune, parent, w) AS ("
         "SELECT child, parent, w FROM links WHERE starts_with(child, 'commune:') UNION ALL "
         "SELECT p.commune, l.parent, p.w * l.w FROM p JOIN links l ON l.child = p.parent) "
         "SELECT commune, parent, split_part(parent, ':', 1) AS plevel, least(sum(w), 1.0) AS w "
         "FROM p GROUP BY commune, parent"),
        ("geo", "derive EPCI weights",
         "CREATE TABLE epci_tot AS SELECT c.parent AS epci, sum(t.population * c.w) AS pop, sum(c.w) AS cnt "
         "FROM cover c JOIN terr t ON t.key = c.commune WHERE c.plevel = 'epci' GROUP BY c.parent"),
        ("geo", "derive EPCI weights",
         "CREATE TABLE epci_w AS SELECT * FROM (SELECT e.parent AS epci, g.parent AS grp, g.plevel, "
         "least(1.0, CASE WHEN any_value(x.pop) > 0 "
         "THEN sum(coalesce(t.population, 0) * least(e.w, g.w)) / any_value(x.pop) "
         "ELSE sum(least(e.w, g.w)) / any_value(x.cnt) END) AS w "
         "FROM cover e JOIN cover g ON g.commune = e.commune AND g.plevel NOT IN ('epci', 'commune') "
         "JOIN terr t ON t.key = e.commune JOIN epci_tot x ON x.epci = e.parent "
         "WHERE e.plevel = 'epci' GROUP BY e.parent, g.parent, g.plevel) WHERE w > 1e-12"),
        ("geo", "derive EPCI attributes",
         "CREATE TABLE epci_attr AS WITH s AS (SELECT epci, sum(w) FILTER (WHERE plevel = 'ti1') AS s1, "
         "sum(w) FILTER (WHERE plevel = 'ti2') AS s2 FROM epci_w GROUP BY epci), "
         "r AS (SELECT epci, grp FROM (SELECT epci, grp, row_number() OVER (PARTITION BY epci ORDER BY w DESC, grp) AS rn "
         "FROM epci_w WHERE plevel = 'region') WHERE rn = 1) "
         "SELECT t.key AS epci, t.code, t.name, least(coalesce(s.s1, 0), 1) >= 0.5 AS ti1, "
         "least(coalesce(s.s2, 0), 1) >= 0.5 AS ti2, rt.name AS region_name "
         "FROM terr t LEFT JOIN s ON s.epci = t.key LEFT JOIN r ON r.epci = t.key "
         "LEFT JOIN terr rt ON rt.key = r.grp WHERE t.level = 'epci'"),
        ("obs", "read observations.csv",
         f"CREATE TABLE obs AS SELECT * FROM read_csv('{d}/observations.csv', header = true, columns = {{{columns}}})"),
    ]


# ---------------------------------------------------------------------------------------------
# Normalised answers: plain JSON-able structures, compared with a relative tolerance.

def norm_sql(name: str, rows: list) -> object:
    """The SQL answer of a question in the shape `norm_tiq` gives."""
    if name == "Q1":
        d = {("true" if r[0] else "false"): {"value": r[2], "n": r[1]} for r in rows}
        if "true" in d and "false" in d and d["true"]["value"] is not None and d["false"]["value"] is not None:
            d["diff"] = {"value": d["true"]["value"] - d["false"]["value"], "n": None}
        return d
    if name == "Q2":
        return [[r[0], r[2]] for r in rows]
    if name == "Q3":
        return {f"{r[0].split(':', 1)[1]}@{r[1]}": r[2] for r in rows}
    if name == "Q4":
        return {f"{str(bool(r[0])).lower()}@{r[1]}": r[2] for r in rows}
    if name == "Q5":
        return {str(r[0]): r[1] for r in rows}
    if name == "Q6":
        return [f"{r[0]}:{r[1]}" for r in rows]
    raise ValueError(name)


def norm_tiq(name: str, result: dict) -> object:
    """The answer of a `tiq serve` reply's `result`."""
    if name == "Q6":
        return [f"{m['level']}:{m['code']}" for m in result["matches"]]
    cols = [c["name"] for c in result["columns"]]
    rows, periods = result["rows"], result.get("periods", [])
    if name == "Q1":
        i_v, i_n = cols.index("value"), cols.index("n")
        return {str(r[0]).lower(): {"value": r[i_v], "n": r[i_n]} for r in rows}
    if name == "Q2":
        return [[r[cols.index("code")], r[cols.index("g")]] for r in rows]
    if name == "Q3":
        i_s = cols.index("emploi_ind")
        return {f"{r[0]}@{p}": v for r in rows for p, v in zip(periods, r[i_s])}
    if name == "Q4":
        out = {}
        for r in rows:
            for c, v in zip(cols[1:], r[1:]):
                out[f"{str(r[0]).lower()}@{c.split('@', 1)[1]}"] = v
        return out
    if name == "Q5":
        i_s = cols.index("emploi_ind")
        return {p: v for p, v in zip(periods, rows[0][i_s])} if rows else {}
    raise ValueError(name)


def _close(a, b, rel=1e-6) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) <= rel * max(abs(a), abs(b), 1e-9)
    return a == b


def same(a, b) -> bool:
    """Equality of two normalised answers, numbers to a relative tolerance of 1e-6."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return _close(a, b)


def compare(name: str, duck: object, tiq: object, q6_reference: list | None = None) -> tuple[str, str]:
    """(verdict, detail). Q6 compares sets: tiq's matches must be names starting with the
    prefix (DuckDB's full `ILIKE 'prefix%'` set) and there must be min(10, N) of them."""
    if name == "Q6":
        ref = set(q6_reference or [])
        inside = [k for k in tiq if k in ref]
        want = min(10, len(ref))
        ok = len(inside) == len(tiq) == want
        return ("match" if ok else "MISMATCH",
                f"{len(inside)} of tiq's {len(tiq)} matches start with the prefix "
                f"(DuckDB: {len(ref)} names do; expected {want})")
    if same(duck, tiq):
        return "match", ""
    if isinstance(duck, dict) and isinstance(tiq, dict):
        keys = sorted(set(duck) | set(tiq))
        bad = [k for k in keys if not same(duck.get(k, "∅"), tiq.get(k, "∅"))]
        shown = "; ".join(f"{k}: duckdb={duck.get(k, '∅')} tiq={tiq.get(k, '∅')}" for k in bad[:6])
        return "MISMATCH", f"{len(bad)} of {len(keys)} cells differ — {shown}"
    return "MISMATCH", f"duckdb={duck} tiq={tiq}"
