"""The GCAT import: which organisations and forms it keeps, and that the pipeline uses them."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from spacecoop.gcat import gcat_rows

from .conftest import ents

HEADER = (
    "#Code\tUCode\tStateCode\tType\tClass\tTStart\tTStop\tShortName\tName\tLocation\t"
    "Longitude\tLatitude\tError\tParent\tShortEName\tEName\tUName\n"
)


def _row(
    code: str, state: str, kind: str, cls: str, short: str, name: str, ename: str, lineage: str = ""
) -> str:
    ucode = lineage or code
    cells = [code, ucode, state, kind, cls, "-", "-", short, name, "-", "-", "-", "-", "-", "-"]
    return "\t".join([*cells, ename, "-"]) + "\n"


def _hand_tables(directory: Path) -> Path:
    directory.mkdir()
    header = "id,name,kind,country,aliases,wikidata\n"
    (directory / "governments.csv").write_text(
        header + "JP,Japan,government,JP,,\nMX,Mexico,government,MX,,\n", encoding="utf-8"
    )
    (directory / "agencies.csv").write_text(
        header + "NASA,National Aeronautics and Space Administration,agency,US,,\n",
        encoding="utf-8",
    )
    (directory / "companies.csv").write_text(
        header + "Arianespace,Arianespace,company,FR,,\n", encoding="utf-8"
    )
    return directory


def test_import_keeps_new_organisations_and_printable_forms(tmp_path: Path) -> None:
    tsv = tmp_path / "orgs.tsv"
    tsv.write_text(
        "# Updated 2026 Mar 26\n"
        + HEADER
        + _row("KE", "KE", "CY", "C", "Kenya", "Jamhuri ya Kenya", "Kenya")
        + _row("KEIO", "J", "PL", "A", "Keio U", "Keio Gijuku Daigaku", "Keio University")
        + _row("UPAEP", "MX", "O/PL", "A", "UPAEP", "Univ. Popular de Puebla", "-")
        + _row("HOKK", "J", "S", "A", "HKU", "Hokkaido daigaku", "Hokkaido University")
        + _row("ARSP", "F", "LA", "B", "Arianespace", "Arianespace", "Arianespace")
        + _row("ARSP0", "F", "LA", "B", "-", "Societe Europeenne de Lancement", "-", "ARSP")
        + _row("AMES", "US", "O", "C", "Ames", "NASA Ames Research Center", "-")
        + _row("SPSY", "US", "PL", "B", "SpSys", "Space Systems", "-")
        + _row("45SW", "US", "LA", "D", "45SW", "45th Space Wing", "-")
        + _row("XZKJ", "J", "PL", "B", "-   -", "-      -", "-"),
        encoding="utf-8",
    )
    rows = {r["id"]: r for r in gcat_rows(tsv, _hand_tables(tmp_path / "gazetteer"))}
    assert set(rows) == {
        "Keio University",
        "Univ. Popular de Puebla",
        "Hokkaido University",
    }  # not the country, the known Arianespace or its earlier name, NASA's centre, a generic
    # name, a military unit or a name of dashes
    keio = rows["Keio University"]
    assert (keio["kind"], keio["country"], keio["aliases"]) == (
        "institution",
        "JP",
        "Keio Gijuku Daigaku",
    )
    assert rows["Univ. Popular de Puebla"]["aliases"] == "UPAEP"  # a long acronym is kept
    assert rows["Hokkaido University"]["aliases"] == "Hokkaido daigaku"  # not the short "HKU"


def test_the_pipeline_knows_an_imported_organisation(blank_nlp: Language) -> None:
    found = ents(blank_nlp, "The CubeSat was built by Istanbul Technical University.")
    assert (
        "Istanbul Technical University",
        "INSTITUTION",
        "Istanbul Technical University",
    ) in found
