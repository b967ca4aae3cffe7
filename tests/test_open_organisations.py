"""Organisations outside the gazetteer: statistical ORG names with a word saying what they are."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language

from spacecoop.schema import Record

from .conftest import ents, identities

Extract = Callable[..., list[Record]]


def test_a_named_company_and_institute_outside_the_gazetteer(nlp: Language) -> None:
    found = ents(nlp, "Acme Orbital Systems of Denver and the University of Ruritania built it.")
    assert found == [
        ("Acme Orbital Systems", "COMPANY", "Acme Orbital Systems"),
        ("University of Ruritania", "INSTITUTION", "University of Ruritania"),
    ]
    found = ents(nlp, "The Ruritanian Space Regulatory Commission (RSRC) said RSRC would decide.")
    assert [(label, org_id) for _, label, org_id in found] == [("AGENCY", "RSRC")] * 3
    assert ents(nlp, "Acme Orbital Technologies, Inc. won.")[0][2] == "Acme Orbital Technologies"


def test_units_other_names_and_agreements_are_no_new_organisation(nlp: Language) -> None:
    assert ents(nlp, "NASA's Space Technology Mission Administration will negotiate.") == [
        ("NASA", "AGENCY", "NASA")
    ]
    found = ents(nlp, "Rosaviakosmos, the Russian Aviation and Space Agency, sold the seat.")
    assert [org_id for _, _, org_id in found] == ["Roscosmos"]
    assert ents(nlp, "Latvia signed the Association Agreement with ESA.")[-1][2] == "ESA"
    assert all(e[2] != "Association Agreement" for e in ents(nlp, "The Association Agreement ran."))
    found = ents(nlp, "Italy's Istituto Nazionale di Fisica Nucleare (INFN) built the tracker.")
    assert {org_id for _, _, org_id in found} <= {"INFN", "IT"}


def test_a_new_organisation_can_be_a_partner(extract: Extract) -> None:
    records = extract(
        "ShadowCam was built by Acme Orbital Systems of San Diego under a contract with NASA."
    )
    assert (frozenset({"Acme Orbital Systems", "NASA"}), "ShadowCam") in identities(records)
