"""spaCy factories for spacecoop's components, all registered here.

Exposed through the ``spacy_factories`` entry point, so ``nlp.add_pipe("spacecoop_cooperation")``
works in any pipeline once spacecoop is installed.
"""

from __future__ import annotations

from spacy.language import Language

from .cooperation import CooperationComponent
from .entity_filter import EntityFilter
from .mission_choice import MissionChoice
from .open_missions import OpenMissions
from .open_organisations import OpenOrganisations


@Language.factory(
    "spacecoop_entity_filter",
    assigns=["doc.ents"],
    requires=["doc.ents"],
    default_config={"patterns_dir": None},
)
def make_entity_filter(nlp: Language, name: str, patterns_dir: str | None) -> EntityFilter:
    """Post-ruler checks: ambiguous names, shared acronyms, places, datelines, calendar dates."""
    return EntityFilter(nlp, name, patterns_dir=patterns_dir)


@Language.factory(
    "spacecoop_open_missions",
    assigns=["doc.ents"],
    requires=["doc.ents"],
    default_config={"patterns_dir": None},
)
def make_open_missions(nlp: Language, name: str, patterns_dir: str | None) -> OpenMissions:
    """Missions the gazetteer does not list, tagged by their form ("the NG-20 mission")."""
    return OpenMissions(nlp, name, patterns_dir=patterns_dir)


@Language.factory(
    "spacecoop_open_organisations",
    assigns=["doc.ents"],
    requires=["doc.ents"],
    default_config={"patterns_dir": None},
)
def make_open_organisations(
    nlp: Language, name: str, patterns_dir: str | None
) -> OpenOrganisations:
    """Organisations the gazetteer does not list: statistical ORG names with a telling word."""
    return OpenOrganisations(nlp, name, patterns_dir=patterns_dir)


@Language.factory(
    "spacecoop_cooperation",
    assigns=["doc._.spacecoop"],
    requires=["doc.ents", "doc.sents"],
    default_config={"patterns_dir": None},
)
def make_cooperation(nlp: Language, name: str, patterns_dir: str | None) -> CooperationComponent:
    """The relation step: sentence-level cooperation findings from rules."""
    return CooperationComponent(nlp, name, patterns_dir=patterns_dir)


@Language.factory(
    "spacecoop_mission_choice",
    assigns=["doc._.spacecoop"],
    requires=["doc._.spacecoop", "doc.ents"],
    default_config={"patterns_dir": None},
)
def make_mission_choice(nlp: Language, name: str, patterns_dir: str | None) -> MissionChoice:
    """Each partner set's missions, chosen by a learned model over the rules' candidates."""
    return MissionChoice(nlp, name, patterns_dir=patterns_dir)
