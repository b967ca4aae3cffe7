"""Generated patterns and the entity ruler + filter, on a blank pipeline (no statistical model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from spacecoop.patterns import load_lexicon, stale_files
from spacecoop.rules import load_entity_rules, load_relation_rules

from .conftest import ents


def test_generated_files_are_fresh(patterns_dir: Path) -> None:
    assert stale_files(patterns_dir) == [], "run: spacecoop patterns build"


def test_every_pattern_carries_a_canonical_id(patterns_dir: Path) -> None:
    lexicon = load_lexicon(patterns_dir)
    known = set(lexicon.orgs) | set(lexicon.missions)
    for name in ("organisations.jsonl", "missions.jsonl"):
        for line in (patterns_dir / name).read_text(encoding="utf-8").splitlines():
            pattern = json.loads(line)
            assert pattern["id"] in known, pattern


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ESA’s RAMSES mission will launch.",
            [("ESA", "AGENCY", "ESA"), ("RAMSES", "MISSION", "RAMSES")],
        ),
        (
            "The ESA-led Athena mission.",
            [("ESA", "AGENCY", "ESA"), ("Athena", "MISSION", "Athena")],
        ),
        ("A JAXA-ESA study.", [("JAXA", "AGENCY", "JAXA"), ("ESA", "AGENCY", "ESA")]),
        ("The lander was built by ispace for the mission.", [("ispace", "COMPANY", "ispace")]),
        (
            "the Indian Space Research Organisation (ISRO)",
            [("Indian Space Research Organisation", "AGENCY", "ISRO"), ("ISRO", "AGENCY", "ISRO")],
        ),
        (
            "NASA's Artemis program is delayed.",
            [("NASA", "AGENCY", "NASA"), ("Artemis", "MISSION", "Artemis")],
        ),
    ],
)
def test_ruler_recognises_forms(
    blank_nlp: Language, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert ents(blank_nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hope is fading for a quick fix.",  # ordinary word at sentence start
        "Rwanda signed the Artemis Accords.",  # an agreement, not a mission
        "The satellites flew on Arianespace's Soyuz rocket.",  # the launch vehicle, not the craft
        "The asteroid Apophis will pass Earth.",  # a celestial body
        "The probe flew to Mercury last year.",  # a destination
        "She said Lucy was pleased.",  # a person's name
        "She thanked Lucy, a colleague who built the probe.",  # the noun is in a clause
    ],
)
def test_ambiguous_names_need_context(blank_nlp: Language, text: str) -> None:
    assert [e for e in ents(blank_nlp, text) if e[1] == "MISSION"] == []


@pytest.mark.parametrize(
    ("text", "mission"),
    [
        ("The UAE's Hope probe reached Mars.", "Hope"),
        ("NASA's Lucy spacecraft flew past an asteroid.", "Lucy"),
        ("commitments to Gateway and Artemis", "Gateway"),
        ("ESA's Hera mission launched in October.", "Hera"),
        ("Canada will support science on the lunar Gateway.", "Gateway"),
        ("Odysseus landed on its side.", "IM-1"),  # the lander named for its one mission
        ("Its main instrument, Resolve, is a spectrometer.", "Resolve"),
        ("The data were lost with Hitomi, a JAXA X-ray observatory.", "Hitomi"),
        ("ESA picked SpaceX to launch its Euclid space telescope.", "Euclid"),
        ("Astrobotic will fly payloads on its Peregrine lander.", "Peregrine"),  # alias + noun
    ],
)
def test_ambiguous_names_with_context(blank_nlp: Language, text: str, mission: str) -> None:
    assert mission in {e[2] for e in ents(blank_nlp, text) if e[1] == "MISSION"}


def test_one_sense_per_discourse(blank_nlp: Language) -> None:
    text = "NASA's Psyche spacecraft launched in 2023. Psyche will reach its target in 2029."
    assert [e[0] for e in ents(blank_nlp, text) if e[1] == "MISSION"] == ["Psyche", "Psyche"]


def test_case_matters_for_acronyms(blank_nlp: Language) -> None:
    assert ents(blank_nlp, "the esa and nasa budgets") == []


def test_shared_acronym_binds_to_bracketed_full_name(
    blank_nlp: Language, patterns_dir: Path
) -> None:
    lexicon = load_lexicon(patterns_dir)
    assert "ISA" in lexicon.shared_aliases
    default = ents(blank_nlp, "ISA signed a deal.")
    assert default == [("ISA", "AGENCY", lexicon.shared_aliases["ISA"])]
    bound = ents(blank_nlp, "The Iranian Space Agency (ISA) said ISA would launch.")
    assert [e[2] for e in bound] == ["Iranian Space Agency"] * 3
    # another entity's acronym that spells the bracketed name's initials is that name's
    spelled = ents(blank_nlp, "The China Earthquake Administration (CEA) leads it. CEA said so.")
    assert [e[2] for e in spelled] == ["China Earthquake Administration"] * 3


def test_country_as_place_is_not_a_government(blank_nlp: Language) -> None:
    assert ents(blank_nlp, "They met in Tsukuba, Japan, on Tuesday.") == []
    assert ents(blank_nlp, "Japan will return to the moon.") == [("Japan", "GOVERNMENT", "JP")]


def test_dateline_country_is_not_a_government(blank_nlp: Language) -> None:
    assert ents(blank_nlp, "BREMEN, Germany — The agencies met.") == []
    assert ents(blank_nlp, "TOKYO, Japan, 16 May 2024 — The agencies met.") == []


def test_rule_files_validate(patterns_dir: Path) -> None:
    assert (
        load_entity_rules(patterns_dir / "entity_rules.json").version == "spacecoop.entity_rules.v1"
    )
    rules = load_relation_rules(patterns_dir / "relation_rules.json")
    assert rules.version == "spacecoop.relation_rules.v1"
    orgs = load_lexicon(patterns_dir).orgs
    named = [*rules.launch_sellers, *(f.counterparty for f in rules.bilateral_frames)]
    assert [i for i in named if i not in orgs] == []  # ids the rules name are gazetteer ids


def test_rule_file_typo_is_a_load_error(tmp_path: Path, patterns_dir: Path) -> None:
    data = json.loads((patterns_dir / "relation_rules.json").read_text(encoding="utf-8"))
    data["cues"][0]["statuss"] = "signed"
    bad = tmp_path / "relation_rules.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=r"relation_rules\.json: invalid relation rules"):
        load_relation_rules(bad)
    data["cues"][0].pop("statuss")
    data["cues"][0]["status"] = "agreed"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="status"):
        load_relation_rules(bad)


def test_a_company_named_in_full_is_then_named_by_its_first_word(blank_nlp: Language) -> None:
    found = ents(blank_nlp, "Firefly Aerospace landed. Firefly said it would fly again.")
    assert [e[2] for e in found] == ["Firefly Aerospace", "Firefly Aerospace"]
    assert ents(blank_nlp, "Firefly said it would fly.") == []  # no full name first
    rocket = ents(blank_nlp, "Firefly Aerospace flew a Firefly Alpha rocket.")
    assert [e[0] for e in rocket] == ["Firefly Aerospace"]  # "Firefly Alpha" is the rocket
    listed = ents(blank_nlp, "ESA chose Isar Aerospace, Orbex and PLD Space.")
    assert [e[2] for e in listed] == ["ESA", "Isar Aerospace", "Orbex", "PLD Space"]
    assert ents(blank_nlp, "Planet, Vast and Spire.") == []  # no name in the list needs none
    blocked = ents(blank_nlp, "Rocket Lab launched. Rocket science is hard.")
    assert [e[0] for e in blocked] == ["Rocket Lab"]


def test_a_nationality_is_no_short_form_of_a_company(nlp: Language) -> None:
    # "Dutch" after "Dutch Space" is the adjective the model reads as a nationality.
    found = ents(nlp, "Dutch Space is the prime contractor. A Dutch consortium develops it.")
    assert [e[0] for e in found] == ["Dutch Space"]
    # "Israel" after "Israel Aerospace Industries" is the country, named as a place
    place = ents(nlp, "Israel Aerospace Industries built it. The camera was built in Israel.")
    assert [e[0] for e in place] == ["Israel Aerospace Industries"]


def test_a_company_span_takes_its_legal_form_and_drops_a_description(
    blank_nlp: Language,
) -> None:
    found = ents(blank_nlp, "Orbital Sciences Corp. and Surrey Satellite Technology Ltd. agreed.")
    assert [e[0] for e in found] == ["Orbital Sciences Corp.", "Surrey Satellite Technology Ltd."]
    # "the French space agency CNES": the name is the entity, not the description before it
    named = ents(blank_nlp, "IDEFIX was built by the French space agency CNES.")
    assert [e[0] for e in named if e[1] == "AGENCY"] == ["CNES"]
    alone = ents(blank_nlp, "The French space agency said so.")
    assert [e[2] for e in alone] == ["CNES"]


def test_countries_and_centres_named_as_places(blank_nlp: Language) -> None:
    assert ents(blank_nlp, "The agency will host a center in the United States.") == []
    assert ents(blank_nlp, "Teams worked from offices in Japan and India.") == []
    assert ents(blank_nlp, "The minister signed for Nigeria.") == [("Nigeria", "GOVERNMENT", "NG")]
    found = ents(blank_nlp, "It lifted off from NASA's Kennedy Space Center on Friday.")
    assert [e[0] for e in found] == ["NASA"]
    # an organisation's name inside a longer place name is the place
    launch = (
        "It lifted off from Cape Canaveral Space Force Station and Vandenberg Space Force Base."
    )
    assert ents(blank_nlp, launch) == []
    assert ents(blank_nlp, "The Space Force will launch it.") == [("Space Force", "AGENCY", "USSF")]


def test_an_acronym_inside_a_rocket_designator_is_no_organisation(blank_nlp: Language) -> None:
    assert ents(blank_nlp, "It flew on an H-IIA rocket.") == []
    assert [e[2] for e in ents(blank_nlp, "The camera was built by IIA.")] == [
        "Indian Institute of Astrophysics"
    ]


def test_a_company_named_like_a_place_is_the_place_after_the(blank_nlp: Language) -> None:
    assert ents(blank_nlp, "The radar sees through the clouds over the Amazon.") == []
    assert [e[0] for e in ents(blank_nlp, "Amazon booked launches.")] == ["Amazon"]


def test_a_country_that_is_the_subject_after_a_place_acts(nlp: Language) -> None:
    # the tagger decides that "followed" is a verb: the real model, not a blank pipeline
    text = "Poland signed the accords in Dubai, and Romania followed in March 2022."
    assert ("Romania", "GOVERNMENT", "RO") in ents(nlp, text)
    landed = ents(nlp, "Two astronauts from Saudi Arabia docked with the station.")
    assert all(label != "GOVERNMENT" for _, label, _ in landed)


def test_a_country_in_a_hyphenated_compound_is_a_modifier(blank_nlp: Language) -> None:
    found = ents(blank_nlp, "Modi hosted Putin for the annual India-Russia summit.")
    assert all(label != "GOVERNMENT" for _, label, _ in found)


def test_a_foreign_ministry_named_for_its_government(blank_nlp: Language) -> None:
    found = ents(blank_nlp, "The State Department and India's Department of Space met.")
    assert [e[2] for e in found] == ["US", "IN"]


def test_a_mission_span_is_its_name_without_trailing_descriptors(nlp: Language) -> None:
    found = ents(nlp, "NASA's Perseverance rover met the Zvezda service module crew.")
    assert [e[0] for e in found if e[1] == "MISSION"] == ["Perseverance", "Zvezda"]
    designator = ents(nlp, "Arianespace will fly StriX-α as a rideshare payload.")
    assert [e[0] for e in designator if e[1] == "MISSION"] == ["StriX-α"]


def test_a_name_that_capitalises_its_acronym_matches_as_news_text_writes_it(
    blank_nlp: Language, patterns_dir: Path
) -> None:
    # the gazetteer writes "CALorimetric Electron Telescope" and "PLAnetary Transits and
    # Oscillations of stars"; articles write the words in ordinary case
    assert ents(blank_nlp, "JAXA operates the Calorimetric Electron Telescope.") == [
        ("JAXA", "AGENCY", "JAXA"),
        ("Calorimetric Electron Telescope", "MISSION", "CALET"),
    ]
    assert ents(blank_nlp, "The Planetary Transits and Oscillations of Stars mission.") == [
        ("Planetary Transits and Oscillations of Stars", "MISSION", "PLATO")
    ]
    # a brand written in mixed case is no spelled-out acronym: no lower-case twin is made
    lines = (patterns_dir / "missions.jsonl").read_text(encoding="utf-8")
    assert '"pattern": "VNREDSat 1"' in lines and '"pattern": "Vnredsat 1"' not in lines
