"""Rule files for the entity filter and the relation step, read through strict pydantic models.

A typo in a rule file (an unknown key, a status that does not exist) is a load-time error naming
the file, not a silent miss. Loaded rules are frozen models; callers never mutate them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .schema import Status

RefKind = Literal["agency", "company", "institution", "government", "any"]


class _Rules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OpenMissionRules(_Rules):
    """Forms that make a name a mission when the gazetteer does not list it."""

    heads: list[str] = Field(
        default_factory=list,
        description="Capitalised last words of mission and instrument names ('Spectrometer', "
        "'Observatory'), matched case-sensitively.",
    )
    designator_nouns: list[str] = Field(
        default_factory=list,
        description="Lower-case nouns that make a hyphenated designator before them a mission "
        "('the NG-20 mission').",
    )


class OpenOrganisationRules(_Rules):
    """Head words that make a statistical ORG name an organisation the gazetteer lacks."""

    agency: list[str] = Field(
        default_factory=list,
        description="Words naming a public body ('Commission', 'Administration'), case-sensitive.",
    )
    company: list[str] = Field(
        default_factory=list,
        description="Words naming a company ('Systems', 'Corp.'), case-sensitive.",
    )
    institution: list[str] = Field(
        default_factory=list,
        description="Words naming a university or institute ('University', 'Institute').",
    )
    legal_suffixes: list[str] = Field(
        default_factory=list,
        description="Trailing words left out of a new organisation's id ('Inc.', 'Ltd').",
    )


class EntityRules(_Rules):
    """Post-ruler checks: when an ambiguous match is kept, which statistical entities survive."""

    version: Literal["spacecoop.entity_rules.v1"]
    mission_nouns: list[str] = Field(
        description="Lower-case words after a context-requiring mission name that confirm it."
    )
    blocked_next: list[str] = Field(
        description="Words after a mission name that make it something else ('Artemis Accords', "
        "'a Soyuz rocket': the launch vehicle)."
    )
    blocked_prev: list[str] = Field(
        description="Words before a context-requiring mission name that make it something else."
    )
    context_prev: list[str] = Field(
        default_factory=list,
        description="Lower-case words before a context-requiring mission name that confirm it "
        "('the lunar Gateway').",
    )
    org_context_forms: list[str] = Field(
        description="Organisation names that are ordinary words: tagged only with context."
    )
    org_nouns: list[str] = Field(description="Words confirming an org name ('Planet Labs').")
    mission_modifiers: list[str] = Field(
        default_factory=list,
        description="Lower-case words that may stand between an ambiguous mission name and its "
        "mission noun ('Euclid space telescope', 'Hope Mars probe').",
    )
    place_homonyms: list[str] = Field(
        default_factory=list,
        description="Organisation names that after 'the' name a place ('over the Amazon').",
    )
    location_prev: list[str] = Field(
        description="Words before a country name that make it a place, not a government."
    )
    date_words: list[str] = Field(
        description="Lower-case words that make a statistical DATE a calendar expression."
    )
    stat_org_block: list[str] = Field(
        description="Statistical ORG entities never output (media outlets, events)."
    )
    site_words: list[str] = Field(
        default_factory=list,
        description="Words that make an organisation's name also a place ('Center', "
        "'Spaceport'); after a location word it is the place, not the organisation.",
    )
    short_form_block: list[str] = Field(
        default_factory=list,
        description="Lower-case first words of company names never used alone as the company "
        "('Blue' of Blue Origin, 'Rocket' of Rocket Lab).",
    )
    company_suffixes: list[str] = Field(
        default_factory=list,
        description="Legal-form words that belong to a company's name when they follow it "
        "directly ('Orbital Sciences Corp.', 'Surrey Satellite Technology Ltd.').",
    )
    open_missions: OpenMissionRules = Field(default_factory=OpenMissionRules)
    open_organisations: OpenOrganisationRules = Field(default_factory=OpenOrganisationRules)


class Cue(_Rules):
    """A word or phrase with a role in the relation step."""

    id: str = Field(pattern=r"^[a-z_]+\.[a-z_0-9]+$")
    phrases: list[str] = Field(min_length=1, description="Lower-case, matched on token LOWER.")
    cooperation: bool = Field(default=False, description="Signals that partners cooperate.")
    status: Status | None = Field(default=None, description="The status this cue states.")
    dated: bool = Field(default=False, description="A date attached to this cue dates the event.")
    signing: bool = Field(
        default=False,
        description="Reports an instrument's signing or announcement; a date next to it in a "
        "following sentence dates an undated signed record.",
    )
    implies_owner: bool = Field(
        default=False,
        description="A contribution: one organisation and one mission give a record with the "
        "mission's owner (first gazetteer operator).",
    )
    general: bool = Field(
        default=False,
        description="An agreement in general (framework, memorandum, joint statement): its "
        "record takes no implied mission.",
    )
    joins: bool = Field(
        default=False,
        description="Joining a programme: each party joining pairs with the programme's owner "
        "(first gazetteer operator), the programme named, referred to ('the project') or, "
        "with neither, the mission the article is about ('Venezuela has also signed on').",
    )
    joint: bool = Field(
        default=False,
        description="The parties do the work together: when the only missions named are "
        "instruments, the instrument itself is the object ('LuGRE, a joint effort of NASA and "
        "ASI'), not the host it flies on.",
    )
    modified: bool = Field(
        default=False,
        description="An instrument noun: a proposed or planned cue up to 3 tokens before it "
        "takes over ('discussing a possible agreement', 'plans a contract').",
    )
    negation: bool = Field(default=False, description="Negates a cooperation cue after it.")
    block: bool = Field(default=False, description="Competition/comparison: no record.")
    scope_end: bool = Field(default=False, description="Ends the clause status cues are read in.")
    local: bool = Field(
        default=False,
        description="Attaches to the nearest mission only ('the X mission supported by Y').",
    )
    hub: bool = Field(
        default=False,
        description="One party before the cue, several after: bilateral records with each "
        "('NASA selected A, B and C').",
    )
    weak: bool = Field(
        default=False,
        description="A status that yields to a proposed cue within 4 tokens after it ('will discuss').",
    )
    yields_to_fact: bool = Field(
        default=False,
        description="A future or modal status that yields to cooperation the sentence states as "
        "done or under way: a cooperation verb in a stated tense (``fact_tags``) that no "
        "such cue governs ('which it developed with ... and CSES will now spend': active).",
    )
    overrides: bool = Field(
        default=False,
        description="Its status is the sentence's, whatever else it states ('had originally "
        "booked the launch under a 2016 contract': the contract was replaced).",
    )


class Reference(_Rules):
    """A phrase that refers back to organisations named earlier ("the two agencies")."""

    id: str = Field(pattern=r"^ref\.[a-z_0-9]+$")
    phrases: list[str] = Field(min_length=1)
    count: int = Field(
        ge=0, le=3, description="How many organisations; 0: the last record's partners."
    )
    kind: RefKind = "any"
    cooperation: bool = Field(
        default=False, description="The reference itself states joint action."
    )
    previous_subject: bool = Field(
        default=False,
        description="A pronoun ('it') that opens its clause and names the organisation that "
        "is the subject of the previous sentence; unresolved when that subject is no "
        "organisation. Takes count 1.",
    )
    by_name: bool = Field(
        default=False,
        description="The phrase's last word names the organisation's kind ('the commission'): "
        "the latest organisation with that word in its name. Takes count 1.",
    )
    described: list[str] = Field(
        default_factory=list,
        description="Head nouns that, after 'the' and capitalised words, refer back the same "
        "way ('the Bremen-based company', 'the Houston company', 'the European launch "
        "company'): a place or nationality describing the organisation. Takes count 1.",
    )


class Frame(_Rules):
    """An instrument whose signatories each pair with one counterparty (the Artemis Accords)."""

    id: str = Field(pattern=r"^frame\.[a-z_0-9]+$")
    phrases: list[str] = Field(min_length=1)
    counterparty: str = Field(description="Canonical id every signatory pairs with.")


class RelationRules(_Rules):
    """Everything the cooperation component decides by: cues, references and mappings."""

    version: Literal["spacecoop.relation_rules.v1"]
    cues: list[Cue]
    references: list[Reference]
    national_agencies: dict[str, str] = Field(
        description="ISO code -> the agency a country stands for outside formal agreements."
    )
    government_cues: list[str] = Field(
        description="Cue ids under which a government is a party in its own right."
    )
    demonyms: dict[str, str] = Field(
        default_factory=dict,
        description="Nationality word -> ISO code: a reference with one ('the French agency', "
        "'the Russian company') takes the latest organisation of that country.",
    )
    government_words: list[str] = Field(
        default_factory=list,
        description="Words by which a sentence says governments act as such ('the two "
        "governments agreed', 'a government-to-government dialogue'): its countries are "
        "parties in their own right, as under a government cue.",
    )
    formal_cues: list[str] = Field(
        description="Cue ids naming a formal instrument or its conclusion (agreement, contract, "
        "signing): they outweigh a competition cue, and name the instrument a following "
        "sentence may date.",
    )
    mission_context_markers: list[str] = Field(
        description="Lower-case words before which-on named missions are context, not objects."
    )
    mission_blocked_prefixes: list[str] = Field(
        description="Prefixes that make a mission mention a time reference ('post-ISS')."
    )
    mission_references: list[str] = Field(
        description="Phrases that refer back to the last mission named ('the spacecraft')."
    )
    mission_reference_types: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Gazetteer mission types a reference prefers among the missions named "
        "recently ('the project': a programme, station or facility, when one was named).",
    )
    part_phrases: list[str] = Field(
        default_factory=list,
        description="Lower-case phrases that, right after an organisation and a comma, say it "
        "belongs to the organisation named next ('KARI, now affiliated with KASA', 'DFH "
        "Satellite, a subsidiary of CAST'): the two are no partners of each other there.",
    )
    part_nouns: list[str] = Field(
        default_factory=list,
        description="Lower-case nouns that, after an organisation, a comma, an article and a "
        "second organisation, say the first belongs to the second ('DFH Satellite Co., a CAST "
        "subsidiary'): the two are no partners of each other there.",
    )
    parent_orgs: dict[str, str] = Field(
        description="Organisation id -> the id it is part of; no record between the two."
    )
    receiver_words: list[str] = Field(
        default_factory=list,
        description="Lower-case words between a supplied part and the mission receiving it "
        "('the module ... for Orion'); the record is about the receiver.",
    )
    quote_pronouns: list[str] = Field(
        default_factory=list,
        description="Lower-case first-person plurals that, inside a quote, stand for the "
        "speaker's organisation ('we', 'our').",
    )
    launch_vehicles: list[str] = Field(
        default_factory=list,
        description="Lower-case rocket names; an organisation named just before one ('a SpaceX "
        "Falcon 9') is its maker, not a partner, unless a formal cue states a deal.",
    )
    bilateral_frames: list[Frame] = Field(default_factory=list)
    bio_markers: list[str] = Field(description="Phrases marking an author bio paragraph.")
    bio_openings: list[str] = Field(
        default_factory=list,
        description="Regular expressions matched at the start of one of the last two paragraphs "
        "that mark it as an author bio ('Jane Doe covers space policy'); a bare 'covers' "
        "elsewhere is news ('The agreement covers three years').",
    )
    byline_prefixes: list[str] = Field(description="Line starts marking a byline.")
    default_status: Status = "active"
    launch_sellers: list[str] = Field(
        default_factory=list,
        description="Canonical ids of organisations that sell launches (Arianespace, NSIL): a "
        "record with one of them in a sentence about a launch, and no status cue, is a launch "
        "service bought, 'signed' (docs/annotation.md: a launch under a contract).",
    )
    past_status: Status = Field(
        default="completed",
        description="Status of a cue-less sentence whose verbs are all past tense.",
    )
    fact_tags: list[str] = Field(
        default_factory=list,
        description="Tagger tags of a verb that states cooperation as done or under way "
        "(past tense, past participle, present); see ``Cue.yields_to_fact``.",
    )
    fact_describers: list[str] = Field(
        default_factory=list,
        description="Words that open a description of what came before ('the company that "
        "built the Vega probes'): a verb right after one states background, no fact.",
    )
    past_formal_status: Status = Field(
        default="signed",
        description="Status of a cue-less, all-past-tense sentence naming a formal instrument.",
    )
    maker_status: Status = Field(
        default="signed",
        description="Status of a company's contribution to a mission another organisation owns "
        "(the owner implied by the gazetteer) when no cue states one: the guideline's stated "
        "contract of a maker ('The spacecraft was built by CAST').",
    )
    reporting_verbs: list[str] = Field(
        default_factory=list, description="Verbs of saying, ignored when reading tense."
    )
    local_pair_window: int = Field(
        default=3,
        ge=0,
        description="Tokens between a local cue ('on behalf of') and the organisations it pairs "
        "when a sentence names three or more side by side with no list.",
    )
    licensing_bodies: list[str] = Field(
        default_factory=list,
        description="Organisation ids named in space news for licences, spectrum and filings "
        "(the FCC, the ITU): never partners, as licensing is not cooperation "
        "(docs/annotation.md).",
    )
    topic_skip_types: list[str] = Field(
        default_factory=list,
        description="Mission types never taken as the article's subject mission however often "
        "named (a launch site such as the Baikonur Cosmodrome is where, not what).",
    )
    topic_mentions: int = Field(
        default=3,
        ge=1,
        description="Mentions that make a mission the article's subject, implied by a record "
        "that names none.",
    )
    function_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs of what a mission or instrument does; a weak future cue right before "
        "one ('will measure') gives no status.",
    )
    function_cues: list[str] = Field(
        default_factory=list,
        description="Weak future cues ('will') that, before a function verb, describe what a "
        "mission does rather than when the cooperation happens.",
    )
    agreement_refs: list[str] = Field(
        default_factory=list,
        description="Lower-case openings of a sentence that refers to the agreement just "
        "reported ('the memorandum'); the one mission it names is the agreement's scope.",
    )
    defence_words: list[str] = Field(
        default_factory=list,
        description="Words that make a sentence about defence: an acting country stays a "
        "government instead of standing for its civil space agency.",
    )
    subordinators: list[str] = Field(
        default_factory=list,
        description="Words opening a subordinate clause, whose verbs do not decide whether "
        "a sentence reports the past ('carried ... as the solar wind strikes').",
    )
    lede_sentences: int = Field(
        default=2,
        ge=0,
        description="Opening sentences whose launch or end date, with no mission named, is the "
        "date of the mission the article is about.",
    )
    event_date_window: int = Field(
        default=15,
        ge=0,
        description="How many tokens a launch or end word and its date may lie apart "
        "('was launched from Baikonur at 18:28 CEST today, 19 October').",
    )
    context_mission_types: list[str] = Field(
        default_factory=lambda: ["station", "programme", "facility"],
        description="Mission types that, named beside other missions in a launch or end "
        "sentence, are where or what the launch serves ('toward the International Space "
        "Station'), not what was launched.",
    )
    mission_lookback: int = Field(
        default=12,
        ge=0,
        description="How many sentences back 'the mission' looks for the missions it may mean.",
    )
    hub_words: list[str] = Field(
        default_factory=list,
        description="Words that split like a hub cue: one party before, several after give "
        "bilateral records ('OneWeb signed with SpaceX and with NSIL').",
    )
    joint_words: list[str] = Field(
        default_factory=list,
        description="Words before a hub word that make the parties one team ('together with').",
    )
    team_words: list[str] = Field(
        default_factory=list,
        description="Words between the one party and the hub that name a team the parties after "
        "it belong to ('X leads a team that includes two partners: A and B'): one joint "
        "record, not bilateral ones.",
    )
    clause_joins: list[str] = Field(
        default_factory=list,
        description="Words that, after a comma, open a new independent clause ('Galactic "
        "Energy flew Ceres-1, and LandSpace's Zhuque-2 reached orbit'); partners named only "
        "in separate clauses of a sentence with no mission are two facts, not a record.",
    )
    joint_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs of making that, with 'with' and an organisation a few words later, "
        "state joint work ('KARI developed Naro with Khrunichev').",
    )
    client_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs of doing work that, with 'for' and an organisation a few words "
        "later, state work done for a client ('ASU leads the Psyche mission for NASA').",
    )
    joint_verb_window: int = Field(
        default=6,
        ge=1,
        description="Most words between a joint_verbs or client_verbs verb and its 'with' or "
        "'for'.",
    )
    roster_phrases: list[str] = Field(
        default_factory=list,
        description="Phrases that introduce the selected or awarded organisations of a list "
        "('The selected companies are', 'the award went to'); each organisation the sentence "
        "names pairs with the article's awarder.",
    )
    award_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs that, followed within award_window words by an amount of money, "
        "report an award to the organisation the sentence names ('Lockheed Martin received "
        "$89.7 million'); it pairs with the article's awarder.",
    )
    award_window: int = Field(
        default=3, ge=1, description="Most words between an award_verbs verb and the money."
    )
    former_words: list[str] = Field(
        default_factory=list,
        description="Words before an organisation that, with a person_nouns word after it, "
        "make it a person's past affiliation ('a former NASA astronaut'), not a party.",
    )
    person_nouns: list[str] = Field(
        default_factory=list,
        description="Lower-case nouns for people after an organisation name ('NASA astronaut').",
    )
    loser_phrases: list[str] = Field(
        default_factory=list,
        description="Lower-case phrases before the organisations a winner beat ('ahead of "
        "rival bids from'); they are not partners (a bid that lost is no record).",
    )
    venture_phrases: list[str] = Field(
        default_factory=list,
        description="Lower-case phrases of an apposition naming a joint venture's owners "
        "('ULA, the joint venture that Boeing and Lockheed Martin formed', 'Eurockot, the "
        "Bremen-based joint venture of Astrium and Khrunichev'): the owners named after it are "
        "no parties to the venture's deal in that sentence.",
    )
    agent_words: list[str] = Field(
        default_factory=list,
        description="Words that, after a participle, introduce the parties that did the work "
        "('developed jointly by A and B'); two or more listed parties are the partner set.",
    )
    list_words: list[str] = Field(
        default_factory=list,
        description="Words allowed between the names of a list of parties besides articles, "
        "commas, 'and' and proper nouns ('the French space agency CNES').",
    )
    joint_window: int = Field(
        default=4,
        ge=0,
        description="Most tokens between a 'joint' cue and an instrument it makes the object.",
    )
    lookback_sentences: int = Field(
        default=12, ge=1, description="How many sentences back a reference may reach."
    )


def load_entity_rules(path: Path) -> EntityRules:
    """Read ``entity_rules.json``; a malformed file raises ``ValueError`` naming it."""
    try:
        return EntityRules.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as err:
        raise ValueError(f"{path}: invalid entity rules:\n{err}") from None


def load_relation_rules(path: Path) -> RelationRules:
    """Read ``relation_rules.json``; a malformed file raises ``ValueError`` naming it."""
    try:
        rules = RelationRules.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as err:
        raise ValueError(f"{path}: invalid relation rules:\n{err}") from None
    ids = [c.id for c in rules.cues] + [r.id for r in rules.references]
    ids += [f.id for f in rules.bilateral_frames]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"{path}: duplicate rule ids {dupes}")
    for name in ("government_cues", "formal_cues"):
        unknown = sorted(set(getattr(rules, name)) - {c.id for c in rules.cues})
        if unknown:
            raise ValueError(f"{path}: {name} names unknown cues {unknown}")
    return rules
