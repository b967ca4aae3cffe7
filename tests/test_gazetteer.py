"""The gazetteer tables: strict loading with file and row in every error, and coverage."""

from __future__ import annotations

from pathlib import Path

import pytest

from spacecoop.gazetteer import GazetteerError, load_gazetteer

ORG_HEADER = "id,name,kind,country,aliases,wikidata\n"
MISSION_HEADER = "id,name,type,operators,launch_year,aliases,context_required\n"


def _tables(tmp_path: Path, agencies: str = "", missions: str = "", shared: str = "") -> Path:
    gaz = tmp_path / "gazetteer"
    gaz.mkdir(parents=True)
    (gaz / "governments.csv").write_text(
        ORG_HEADER + "JP,Japan,government,JP,,\nUS,United States,government,US,U.S.,\n"
    )
    (gaz / "agencies.csv").write_text(
        ORG_HEADER + "JAXA,Japan Aerospace Exploration Agency,agency,JP,,\n" + agencies
    )
    (gaz / "companies.csv").write_text(ORG_HEADER + "ispace,ispace,company,JP,,\n")
    (gaz / "missions.csv").write_text(
        MISSION_HEADER + "SLIM,Smart Lander,mission,JAXA,2023,,false\n" + missions
    )
    if shared:
        (gaz / "shared_aliases.csv").write_text("alias,default_id,note\n" + shared)
    return gaz


def test_valid_tables_load(tmp_path: Path) -> None:
    gaz = load_gazetteer(_tables(tmp_path))
    assert [o.id for o in gaz.orgs] == ["JP", "US", "JAXA", "ispace"]
    assert gaz.missions[0].operators == ("JAXA",)


@pytest.mark.parametrize(
    ("agencies", "missions", "message"),
    [
        ("jaxa,Duplicate,agency,JP,,\n", "", "agencies.csv:3: duplicate organisation id 'jaxa'"),
        ("NASA,NASA,space agency,US,,\n", "", "agencies.csv:3: kind"),
        ("XX,Nowhere Agency,agency,ZZ,,\n", "", "agencies.csv:3: unknown country 'ZZ'"),
        ("", "Hope,Hope,probe,JAXA,2020,,true\n", "missions.csv:3: type"),
        ("", "Hope,Hope,mission,NASA,2020,,true\n", "missions.csv:3: unknown operator 'NASA'"),
        ("", "Hope,Hope,mission,JAXA,20x0,,true\n", "missions.csv:3: launch_year"),
        ("", "slim,Other,mission,JAXA,,,false\n", "duplicate mission id 'slim'"),
        ("", "Hope,Hope,mission,JAXA,,,maybe\n", "context_required"),
    ],
)
def test_bad_rows_name_file_and_row(
    tmp_path: Path, agencies: str, missions: str, message: str
) -> None:
    with pytest.raises(GazetteerError, match=message.replace("(", r"\(")):
        load_gazetteer(_tables(tmp_path, agencies, missions))


def test_shared_alias_needs_a_rule(tmp_path: Path) -> None:
    agencies = "ISA,Israel Space Agency,agency,JP,,\nIrSA,Iranian Space Agency,agency,JP,ISA,\n"
    with pytest.raises(GazetteerError, match="'ISA' is claimed by ISA, IrSA with no rule"):
        load_gazetteer(_tables(tmp_path / "a", agencies))
    gaz = load_gazetteer(_tables(tmp_path / "b", agencies, shared="ISA,ISA,Israel by default\n"))
    assert gaz.shared[0].default_id == "ISA"


def test_real_gazetteer_coverage(patterns_dir: Path) -> None:
    gaz = load_gazetteer(patterns_dir / "gazetteer")
    kinds: dict[str, int] = {}
    for org in gaz.orgs:
        kinds[org.kind] = kinds.get(org.kind, 0) + 1
    assert kinds["agency"] + kinds["intergovernmental"] > 70
    assert kinds["company"] + kinds["institution"] >= 150
    assert kinds["government"] >= 193
    assert len(gaz.missions) >= 1000
    ids = {o.id for o in gaz.orgs}
    for required in (
        "NASA",
        "ESA",
        "JAXA",
        "ISRO",
        "CNSA",
        "Roscosmos",
        "KASA",
        "UAESA",
        "AEB",
        "CONAE",
        "SANSA",
        "PhilSA",
        "EUMETSAT",
        "APSCO",
        "SpaceX",
        "ispace",
        "Astroscale",
    ):
        assert required in ids, required
