"""Missions the gazetteer does not list, tagged by their form (blank pipeline, rule data)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from spacecoop.schema import Record

Extract = Callable[..., list[Record]]


@pytest.fixture(scope="module")
def open_nlp(blank_nlp: Language, patterns_dir: Path) -> Language:
    """The blank rule pipeline with a sentencizer and the open-mission component."""
    nlp = copy.deepcopy(blank_nlp)
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("spacecoop_open_missions", config={"patterns_dir": str(patterns_dir)})
    return nlp


def missions(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.ent_id_) for e in nlp(text).ents if e.label_ == "MISSION"]


def test_a_named_instrument_and_its_acronym(open_nlp: Language) -> None:
    text = (
        "The Jovian Dust Spectrometer (JDS) was built in Kiel. "
        "JDS weighs four kilograms. The Cosmic Dust Analyzer for Comets flew too."
    )
    assert missions(open_nlp, text) == [
        ("Jovian Dust Spectrometer", "JDS"),
        ("JDS", "JDS"),
        ("JDS", "JDS"),
        ("Cosmic Dust Analyzer for Comets", "Cosmic Dust Analyzer for Comets"),
    ]

    text = "The Jovian Dust Spectrometer, or JDS, was built in Kiel; JDS flew in 2030."
    assert missions(open_nlp, text) == [
        ("Jovian Dust Spectrometer", "JDS"),
        ("JDS", "JDS"),
        ("JDS", "JDS"),
    ]
    text = "Italy supplied the Visible and Infrared Mapping Spectrometer, or VIR, for Dawn."
    assert ("Visible and Infrared Mapping Spectrometer", "VIR") in missions(open_nlp, text)


def test_a_designator_needs_a_mission_noun(open_nlp: Language) -> None:
    assert missions(open_nlp, "The XR-7 satellite launched on Tuesday.") == [("XR-7", "XR-7")]
    assert missions(open_nlp, "XR-7, the first demonstration satellite, flew.") == [
        ("XR-7", "XR-7")
    ]
    assert missions(open_nlp, "COVID-19 delayed the work.") == []
    assert missions(open_nlp, "The PSLV-C59 rocket lifted off.") == []


def test_a_head_inside_a_longer_name_or_a_listed_mission_is_not_one(open_nlp: Language) -> None:
    assert missions(open_nlp, "It flew on India's Polar Satellite Launch Vehicle.") == []
    assert missions(
        open_nlp, "The Global Precipitation Measurement (GPM) Core Observatory flew."
    ) == [
        ("Global Precipitation Measurement", "GPM"),
        ("GPM", "GPM"),
    ]
    assert missions(open_nlp, "The Hubble Space Telescope took the image.") == [
        ("Hubble Space Telescope", "Hubble")
    ]


def test_an_unlisted_instrument_made_jointly_gets_a_record(extract: Extract) -> None:
    records = extract("The Jovian Dust Spectrometer (JDS) was developed jointly by DLR and CNES.")
    assert [({p.id for p in r.partners}, r.mission and r.mission.id) for r in records] == [
        ({"CNES", "DLR"}, "JDS")
    ]


def test_a_designator_licensed_once_is_a_mission_in_each_mention(open_nlp: Language) -> None:
    text = (
        "Spacecom leased capacity on Zorba-6 to Eutelsat. The blast destroyed the Zorba-6 "
        "communications satellite. The RD-191 engine is not a mission."
    )
    assert missions(open_nlp, text) == [("Zorba-6", "Zorba-6"), ("Zorba-6", "Zorba-6")]
