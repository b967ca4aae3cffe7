"""Import GCAT's organisations table as a gazetteer table (``gcat_orgs.csv``).

GCAT (Jonathan McDowell, GCAT, https://planet4589.org, CC-BY) lists about 4,000 space
organisations. The hand-kept tables (agencies.csv, companies.csv, governments.csv and the
mission tables) stay primary: a GCAT row is imported only when its name is not already a name or
alias there and does not contain one ("NASA Ames Research Center" is a part of NASA), and only
the forms a newspaper would print are kept:

* nothing from a lineage (GCAT's ``UCode``: one organisation under successive names) that has a
  name the hand tables know ("Rosaviakosmos" and "Russian Aviation and Space Agency" are
  Roscosmos);
* the English name (``EName``, else ``Name``), without a trailing location or qualifier
  ("Boeing, Huntsville", "Astrium (D)"), which is also the id, and the other of the two as an
  alias when it differs;
* the short name as an alias when it is an acronym of 4 characters or more (capitals and
  digits; three-letter ones such as "IAC" or "DNA" mean other things in the news);
* nothing from country rows (``CY``, ``CYP``) or astronomical bodies (``AP``), military units or
  places ("Squadron", "Base", "Plant"), or names with brackets, slashes or question marks;
* no name of one word unless it is such an acronym, and no name made only of generic words
  ("Space Systems"): those would match ordinary text.

The kind follows GCAT's class (A academic -> institution, B business -> company, C civil and D
defence -> agency); the country is GCAT's state code mapped to ISO 3166-1 when the gazetteer
knows that government. The output is sorted and deterministic. Run
``spacecoop patterns import-gcat PATH/TO/orgs.tsv`` after editing the hand tables, then
``spacecoop patterns build``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from .gazetteer import GCAT_TABLE, ORG_COLUMNS
from .io import atomic_writer

MISSION_ALIAS_COLUMNS = ("id", "name", "aliases")
SKIP_TYPES = {"CY", "CYP", "AP"}
KIND_BY_CLASS = {"A": "institution", "B": "company", "C": "agency", "D": "agency"}
STATE_TO_ISO = {
    "J": "JP", "UK": "GB", "F": "FR", "D": "DE", "I": "IT", "E": "ES", "S": "SE",
    "UAE": "AE", "N": "NO", "L": "LU", "B": "BE", "T": "TH", "P": "PT",
}  # fmt: skip
GENERIC = {
    "space", "systems", "system", "technologies", "technology", "inc", "inc.", "corp", "corp.",
    "corporation", "company", "co", "co.", "ltd", "ltd.", "limited", "llc", "gmbh", "ag", "sa",
    "university", "institute", "agency", "center", "centre", "research", "laboratory", "lab",
    "labs", "national", "international", "science", "sciences", "aerospace", "group", "the",
    "of", "and", "for", "de", "la", "del", "station", "satellite", "satellites", "services",
    "industries", "engineering", "department", "ministry", "office", "administration",
    "development", "communications", "air", "force", "navy", "army", "defense", "defence",
    "aviation", "astronautics", "electronics", "school", "college", "academy", "program",
    "project", "team", "network", "global", "orbital", "launch", "rocket", "technical",
    "applied", "physics", "state", "federal", "u.", "u", "dept", "dept.", "div", "div.",
}  # fmt: skip
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{2,}$")
#: words of military units and of places: such rows are not parties in civil space news
UNIT_OR_PLACE = {
    "squadron", "sqn", "wing", "battalion", "brigade", "artillery", "regiment", "army", "fleet",
    "base", "range", "plant", "facility", "site", "campus", "afb", "arsenal", "yard", "unit",
    "division", "div", "command", "corps", "troops",
}  # fmt: skip


def _forms(table: Path, columns: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    with table.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for column in columns:
                out.update(f for f in (row.get(column) or "").split("|") if f)
    return out


def _clean(name: str) -> str:
    """The name without a trailing location or qualifier ("Boeing, Huntsville", "Astrium (D)")."""
    name = name.split(",")[0]
    return re.sub(r"\s*[(\[][^)\]]*[)\]]\s*$", "", name).strip()


def _usable(name: str) -> bool:
    if not any(c.isalnum() for c in name) or any(c in name for c in "?/()[]"):
        return False  # GCAT's "-" placeholders, however spaced
    if name.startswith("Unknown"):
        return False
    words = name.split()
    if any(w.lower().strip(".()") in UNIT_OR_PLACE for w in words):
        return False
    if len(words) == 1:
        return bool(ACRONYM.match(name))
    return any(w.lower().strip(",.()") not in GENERIC for w in words)


def gcat_rows(tsv: Path, gazetteer: Path) -> list[dict[str, str]]:
    """The rows of ``gcat_orgs.csv`` for GCAT's ``orgs.tsv`` and the hand tables in ``gazetteer``."""
    known_forms = _known_forms(gazetteer)
    taken = {f.casefold() for f in known_forms}
    known = re.compile(
        r"\b(?:"
        + "|".join(re.escape(f) for f in sorted(known_forms, key=len, reverse=True) if len(f) >= 3)
        + r")\b"
    )
    with (gazetteer / "governments.csv").open(encoding="utf-8", newline="") as handle:
        countries = {row["id"] for row in csv.DictReader(handle)}
    records = _records(tsv)
    known_lineages = {  # one organisation under several names ("Rosaviakosmos", "Roskosmos")
        rec["UCode"]
        for rec in records
        if rec.get("UCode", "-") != "-"
        and any(
            _clean(rec.get(col, "-")).casefold() in taken
            for col in ("ShortName", "Name", "ShortEName", "EName")
        )
    }
    rows: dict[str, dict[str, str]] = {}
    for rec in records:
        if set(rec.get("Type", "-").split("/")) & SKIP_TYPES:
            continue
        if rec.get("UCode", "-") in known_lineages:
            continue  # an earlier or later name of an organisation the hand tables know
        english = _clean(rec.get("EName", "-"))
        native = _clean(rec.get("Name", "-"))
        name = english if _usable(english) else native
        if not _usable(name):
            continue
        forms = [name]
        if native != name and _usable(native):
            forms.append(native)
        short = rec.get("ShortName", "-").strip()
        if ACRONYM.match(short) and len(short) >= 4:  # three letters are too ambiguous
            forms.append(short)
        if forms[0].casefold() in taken or _part_of_known(forms[0], known):
            continue  # the hand-kept tables already know it, or its parent ("Boeing Space")
        forms = [f for f in dict.fromkeys(forms) if f.casefold() not in taken]
        for form in forms:
            taken.add(form.casefold())
        state = rec.get("StateCode", "")
        country = STATE_TO_ISO.get(state, state)
        rows[name] = {
            "id": name,
            "name": name,
            "kind": KIND_BY_CLASS.get(rec.get("Class", ""), "company"),
            "country": country if country in countries else "",
            "aliases": "|".join(forms[1:]),
            "wikidata": "",
        }
    return [rows[key] for key in sorted(rows, key=str.casefold)]


def write_gcat_table(tsv: Path, gazetteer: Path) -> tuple[Path, int]:
    """Write ``gazetteer/gcat_orgs.csv`` from GCAT's ``orgs.tsv``; return its path and size."""
    rows = gcat_rows(tsv, gazetteer)
    out = gazetteer / GCAT_TABLE
    with atomic_writer(out) as handle:
        writer = csv.DictWriter(handle, fieldnames=ORG_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return out, len(rows)


def _records(tsv: Path) -> list[dict[str, str]]:
    """The data rows of GCAT's ``orgs.tsv`` as dicts keyed by its header (``#Code`` line)."""
    out: list[dict[str, str]] = []
    header: list[str] = []
    with tsv.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if line.startswith("#Code"):
                header = [f.lstrip("#") for f in fields]
            elif header and not line.startswith("#"):
                out.append(dict(zip(header, fields, strict=False)))
    return out


def _part_of_known(name: str, known: re.Pattern[str]) -> bool:
    """The name contains a name the hand-kept tables know ("NASA Ames Research Center")."""
    return known.search(name) is not None


def _known_forms(gazetteer: Path) -> set[str]:
    forms: set[str] = set()
    for name in ("governments.csv", "agencies.csv", "companies.csv"):
        forms |= _forms(gazetteer / name, ("id", "name", "aliases"))
    for path in sorted(gazetteer.glob("missions*.csv")):
        forms |= _forms(path, MISSION_ALIAS_COLUMNS)
    return forms
