"""The relation step: cooperation between organisations, sentence by sentence, driven by rules.

For each sentence (split further at line breaks; headings, bylines and author bios skipped) the
component collects the organisations named in it, resolves references back to organisations named
earlier ("the two agencies", "the agency", "they"), and looks for cues from
``relation_rules.json``: cooperation words, status signals, negation, competition. A sentence with
a cooperation cue and two or more partners yields one finding per mission named in it (or one with
no mission). Findings are plain data written to ``doc._.spacecoop``; records are built from them
in :mod:`spacecoop.records`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .gazetteer import norm_key
from .patterns import FINITE_TAGS, ORG_LABELS, POSSESSIVE, Lexicon, OrgEntry, load_lexicon
from .resources import default_patterns_dir
from .rules import Cue, Frame, Reference, RelationRules, load_relation_rules
from .schema import STATUS_ORDER

EXTENSION = "spacecoop"
MISSION_REF = "ref.mission"
VEHICLE = "vehicle"  # a mission type records never name (the flight is named instead)
NOOP_CUE = "noop.idiom"  # phrases that hold a cue word but state nothing ("building on")
JOINT_CUE = "coop.joint"  # the cue id a "developed X with Y" match is labelled with
CLIENT_CUE = "coop.contribution"  # the cue id a "leads X for Y" match is labelled with
_KIND_OF_LABEL = {
    "AGENCY": "agency",
    "COMPANY": "company",
    "INSTITUTION": "institution",
    "GOVERNMENT": "government",
}
_CLAUSE_BREAKS = frozenset({"said", "says", "stated", "told", ";"})
_ARTICLES = frozenset({"the", "a", "an"})
_SUBJECT_LABELS = ORG_LABELS | {"MISSION", "PERSON"}
_RELATIVES = frozenset({"which", "who", "whose", "whom", "that", "where"})
_COPULAS = frozenset({"is", "'s", "was", "’s"})
_LIST_GLUE = frozenset({",", "and", "or", "the", "(", ")"})  # between names of one list
_TERMINAL = frozenset('.!?"”’:;)')
LAUNCH, END = "event.launch", "completed.ended"
_EVENT_CUES = (LAUNCH, END)
_RIDE_WORDS = frozenset({"on", "aboard", "atop", "by"})  # "on a Falcon 9": the ride


def is_vehicle(lexicon: Lexicon, mission_id: str) -> bool:
    """A vehicle flown on numbered flights (a shuttle orbiter): never a record's mission."""
    entry = lexicon.missions.get(mission_id)
    return entry is not None and entry.type == VEHICLE


def ensure_extension() -> None:
    """Register ``Doc._.spacecoop`` once; the component writes its findings there."""
    if not Doc.has_extension(EXTENSION):
        Doc.set_extension(EXTENSION, default=None)


#: Relative pronouns that open a clause about the organisation named before them.
_ORG_RELATIVES = frozenset({"which", "who"})


@dataclass
class Mention:
    """An organisation named (or referred to) at a token position."""

    id: str
    kind: str
    start: int
    sentence: int
    text: str = ""  # as written, for references by name ("the commission")


@dataclass
class Unit:
    """A sentence, or a piece of one between line breaks."""

    start: int
    end: int
    index: int
    skip: str | None = None
    clauses: list[tuple[int, int]] | None = field(default=None, repr=False)  # see _clause_bounds


@dataclass
class DocState:
    """What the relation step remembers while it reads one doc, sentence by sentence.

    Kept per call, not on the component, so one component can serve several docs at once.
    """

    event_dates: dict[tuple[str, str], Span]
    vehicle_starts: set[int]
    launch_starts: set[int]
    ended: set[str]  # missions the article says ended
    history: list[Mention] = field(default_factory=list)
    mission_history: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    last_frame: tuple[int, Frame] | None = None
    last_partners: tuple[int, list[str]] | None = None
    first_partners: list[str] | None = None  # the lede's partners: the article's main pair
    people: dict[str, str] = field(default_factory=dict)  # person name -> organisation id
    subject: tuple[int, Span] | None = None  # the last sentence's subject: an org or mission


@dataclass
class Finding:
    """One sentence-level cooperation: the plain data records are built from."""

    partners: list[dict[str, str]]
    mission: dict[str, str] | None
    status: str
    start: int
    end: int
    date_text: str | None
    date_start: int | None
    rules: list[str] = field(default_factory=list)
    general: bool = False  # an agreement in general: no mission unless one is named

    def as_dict(self) -> dict[str, Any]:
        """JSON-serialisable form, for ``Doc._.spacecoop``."""
        return {
            "partners": self.partners,
            "mission": self.mission,
            "status": self.status,
            "start": self.start,
            "end": self.end,
            "date_text": self.date_text,
            "date_start": self.date_start,
            "rules": self.rules,
            "general": self.general,
        }


class CooperationComponent:
    """Find cooperation records in a doc whose entities the ruler and filter have set."""

    def __init__(self, nlp: Language, name: str, *, patterns_dir: str | None = None) -> None:
        directory = Path(patterns_dir) if patterns_dir else default_patterns_dir()
        self.name = name
        self.rules: RelationRules = load_relation_rules(directory / "relation_rules.json")
        self.lexicon: Lexicon = load_lexicon(directory)
        self._cues: dict[str, Cue] = {c.id: c for c in self.rules.cues}
        self._refs: dict[str, Reference] = {r.id: r for r in self.rules.references}
        self._launch_sellers = frozenset(self.rules.launch_sellers)
        self._context_types = frozenset(self.rules.context_mission_types)
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for cue in self.rules.cues:
            self._matcher.add(cue.id, [nlp.make_doc(p) for p in cue.phrases])
        self._described = Matcher(nlp.vocab)  # "the Bremen-based company"
        for ref in self.rules.references:
            self._matcher.add(ref.id, [nlp.make_doc(p) for p in ref.phrases])
            if ref.described:
                head = {"LOWER": {"IN": [n.lower() for n in ref.described]}}
                the, named = {"LOWER": "the"}, {"IS_TITLE": True, "OP": "+"}
                self._described.add(
                    ref.id,
                    [
                        [the, named, {"IS_LOWER": True, "OP": "?"}, head],
                        [the, named, {"TEXT": "-"}, {"LOWER": "based"}, head],
                    ],
                )
        self._frames = {f.id: f for f in self.rules.bilateral_frames}
        for frame in self.rules.bilateral_frames:
            self._matcher.add(frame.id, [nlp.make_doc(p) for p in frame.phrases])
        self._part_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._part_matcher.add("part", [nlp.make_doc(p) for p in self.rules.part_phrases])
        self._losers_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._losers_matcher.add("lost", [nlp.make_doc(p) for p in self.rules.loser_phrases])
        self._venture_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._venture_matcher.add("venture", [nlp.make_doc(p) for p in self.rules.venture_phrases])
        self._vehicles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._vehicles.add("vehicle", [nlp.make_doc(p) for p in self.rules.launch_vehicles])
        self._joint_verbs = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._joint_verbs.add("made", [nlp.make_doc(v) for v in self.rules.joint_verbs])
        self._roster = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._roster.add("roster", [nlp.make_doc(p) for p in self.rules.roster_phrases])
        self._roster.add("award", [nlp.make_doc(p) for p in self.rules.award_verbs])
        self._client_verbs = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._client_verbs.add("for", [nlp.make_doc(v) for v in self.rules.client_verbs])
        self._event_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for cue in self.rules.cues:
            if cue.id in _EVENT_CUES:
                self._event_matcher.add(cue.id, [nlp.make_doc(p) for p in cue.phrases])
        if self.rules.mission_references:
            refs = [nlp.make_doc(p) for p in self.rules.mission_references]
            self._matcher.add(MISSION_REF, refs)
        self._gov_cues = frozenset([*self.rules.government_cues, "frame"])
        self._defence_words = frozenset(w.lower() for w in self.rules.defence_words)
        self._government_words = frozenset(w.lower() for w in self.rules.government_words)
        self._bio_openings = [re.compile(p) for p in self.rules.bio_openings]
        self._function_verbs = frozenset(w.lower() for w in self.rules.function_verbs)
        self._function_cues = frozenset(w.lower() for w in self.rules.function_cues)
        self._formal = frozenset(self.rules.formal_cues)
        self._we = frozenset(self.rules.quote_pronouns)
        self._agent_words = frozenset(self.rules.agent_words)
        self._hub_words = frozenset(self.rules.hub_words)
        self._joint_words = frozenset(self.rules.joint_words)
        self._team_words = frozenset(self.rules.team_words)
        self._clause_joins = frozenset(self.rules.clause_joins)
        self._former_words = frozenset(self.rules.former_words)
        self._part_nouns = frozenset(self.rules.part_nouns)
        self._person_nouns = frozenset(self.rules.person_nouns)
        self._list_words = frozenset(self.rules.list_words)
        self._receiver_words = frozenset(self.rules.receiver_words)
        self._reporting = frozenset(self.rules.reporting_verbs)
        self._subordinators = frozenset(self.rules.subordinators)
        self._fact_tags = frozenset(self.rules.fact_tags)
        self._fact_describers = frozenset(self.rules.fact_describers)
        self._context_markers = frozenset(self.rules.mission_context_markers)
        self._blocked_prefixes = frozenset(self.rules.mission_blocked_prefixes)
        ensure_extension()

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def set_annotations(self, doc: Doc, findings: list[Finding]) -> None:
        """Write the findings, as plain data, to ``doc._.spacecoop``, with the character
        offsets of mission mentions that only give a time or a context ("post-ISS", "given
        commitments to Gateway"): no cooperation is about them."""
        background = [
            e.start_char
            for e in doc.ents
            if e.label_ == "MISSION"
            and (self._time_reference(doc, e) or self._in_context_clause(doc, e))
        ]
        doc._.set(
            EXTENSION,
            {"findings": [f.as_dict() for f in findings], "background_missions": background},
        )

    def cue_spans(self, doc: Doc) -> list[Span]:
        """Cue and reference matches in ``doc`` (longest wins), labelled with their rule ids.

        Matches inside a date ("May" in "28 May") or a name ("the University" in "the
        University of Arizona") are not cues.
        """
        inside = {
            i
            for e in doc.ents
            if e.label_ == "DATE" or e.label_ in ORG_LABELS
            for i in range(e.start, e.end)
        }
        named = {e.start for e in doc.ents if e.label_ in ORG_LABELS}
        described = [(m, s, e) for m, s, e in self._described(doc) if e not in named]
        spans = [  # "the Spanish company GMV" names it: no reference
            Span(doc, s, e, label=m)
            for m, s, e in [*self._matcher(doc), *described]
            if not any(i in inside for i in range(s, e))
        ]
        return filter_spans(spans + self._made_with(doc))

    def _made_with(self, doc: Doc) -> list[Span]:
        """ "KARI developed Naro with Russia's Khrunichev" (a ``joint_verbs`` verb, then 'with';
        label ``coop.joint``) and "ASU leads the Psyche mission for NASA" (a ``client_verbs``
        verb, then 'for'; label ``coop.contribution``): the preposition, within
        ``joint_verb_window`` words of the verb (no punctuation between but a short aside in
        commas, which the window skips) and followed by an organisation, is a cue."""
        out: list[Span] = []
        window = self.rules.joint_verb_window
        for matcher, word, label in (
            (self._joint_verbs, "with", JOINT_CUE),
            (self._client_verbs, "for", CLIENT_CUE),
        ):
            for _, _, verb_end in matcher(doc):
                j, end = verb_end, min(verb_end + window, len(doc) - 1)
                while j < end:
                    if doc[j].text == ",":  # "a pressurized rover, named Lunar Cruiser, with"
                        close = _aside_end(doc, j, end + _ASIDE_WORDS)
                        if close is not None:
                            end = min(end + close - j + 1, len(doc) - 1)
                            j = close + 1
                            continue
                    if doc[j].is_punct or "\n" in doc[j].text:
                        break
                    if doc[j].lower_ == word:
                        if _org_follows(doc, j + 1):
                            out.append(Span(doc, j, j + 1, label=label))
                        break
                    j += 1
        return out

    # -- matching -------------------------------------------------------------------------------

    def match(self, doc: Doc) -> list[Finding]:
        """Return the sentence-level cooperation findings of ``doc``."""
        units = self.units(doc)
        unit_of = {}
        for unit in units:
            for i in range(unit.start, unit.end):
                unit_of[i] = unit.index
        spans = self.cue_spans(doc)
        by_unit: dict[int, list[Span]] = {}
        for span in spans:
            by_unit.setdefault(unit_of.get(span.start, -1), []).append(span)
        ents_by_unit: dict[int, list[Span]] = {}
        for ent in doc.ents:
            ents_by_unit.setdefault(unit_of.get(ent.start, -1), []).append(ent)
        idioms = [s for s in spans if s.label_ == NOOP_CUE]  # "completed its tests": no end
        events = [
            Span(doc, s, e, label=doc.vocab.strings[m])
            for m, s, e in self._event_matcher(doc)
            if not any(i.start <= s and e <= i.end for i in idioms)
        ]
        ended: set[str] = set()
        state = DocState(
            event_dates=self._mission_event_dates(units, unit_of, events, ents_by_unit, ended),
            ended=ended,
            vehicle_starts={start for _, start, _ in self._vehicles(doc)},
            launch_starts={e.start for e in events if e.label_ == LAUNCH},
        )
        findings: list[Finding] = []
        found_in: dict[int, list[Finding]] = {}
        text = doc.text
        dateline_end = _dateline_end(text[:200])
        rosters = self._roster_matches(doc)
        for unit in units:
            ents = ents_by_unit.get(unit.index, [])
            if unit.skip:
                continue
            found = self._roster_findings(doc, unit, ents, rosters, state) or self._unit(
                doc, unit, ents, by_unit.get(unit.index, []), state
            )
            found = found + self._relative_findings(
                doc, unit, ents, by_unit.get(unit.index, []), state, found
            )
            for finding in found:
                if finding.start < dateline_end < finding.end:
                    rest = text[dateline_end : finding.end]
                    finding.start = dateline_end + len(rest) - len(rest.lstrip())
            if found:
                findings.extend(found)
                found_in[unit.index] = found
                state.last_partners = (unit.index, [p["id"] for p in found[0].partners])
                if state.first_partners is None:
                    state.first_partners = [p["id"] for p in found[0].partners]
            subject = self._subject(doc, unit, ents)
            if subject is not None:
                state.subject = (unit.index, subject)
            for ent in ents:
                if ent.label_ in ORG_LABELS:
                    state.history.append(
                        Mention(ent.ent_id_, self._kind(ent), ent.start, unit.index, ent.text)
                    )
                elif ent.label_ == "MISSION" and is_vehicle(self.lexicon, ent.ent_id_):
                    flight = self._flight(doc)  # "Columbia" is the flight it flies
                    if flight is not None:
                        state.mission_history.append((unit.index, flight))
                elif ent.label_ == "MISSION" and not self._is_instrument(ent.ent_id_):
                    state.mission_history.append((unit.index, self._mission(ent)))
                elif ent.label_ == "PERSON":
                    self._remember_person(ent, ents, state)
        self._followup_dates(units, found_in, by_unit, ents_by_unit)
        return self._implied_missions(doc, findings, state)

    def _implied_missions(
        self, doc: Doc, findings: list[Finding], state: DocState
    ) -> list[Finding]:
        """Give a mission to a record that names none but is about one.

        A contract or award stated without a mission name ("NASA awarded Rocket Lab the launch
        contract") is about the mission the same partners cooperate on elsewhere in the article;
        other cooperation of partners with no mission record is about the article's subject (its
        most-named mission, with at least ``topic_mentions`` mentions, "post-ISS" not counted,
        no launch site or other ``topic_skip_types``)
        when one of the partners operates it (gazetteer ``operators``; unknown operators allow
        it), unless the sentence is about a launch vehicle it names and launches nothing ("Vega-C
        was developed ... with Avio as prime contractor": no mission). Agreements in general
        (frameworks, memoranda, joint statements) and government
        parties keep no mission. A past-tense record that takes the subject mission ("the
        payloads were developed by ISRO with ...") is ``active`` unless the article says that
        mission ended (``state.ended``), as in a sentence that names it.
        """
        ended = state.ended
        with_mission: dict[frozenset[str], list[dict[str, str]]] = {}
        for f in findings:
            if f.mission is not None:
                key = frozenset(p["id"] for p in f.partners)
                if f.mission not in with_mission.setdefault(key, []):
                    with_mission[key].append(f.mission)
        counts: dict[str, int] = {}
        first: dict[str, Span] = {}
        for ent in doc.ents:
            if ent.label_ != "MISSION" or self._time_reference(doc, ent):
                continue  # "post-ISS" is no mention of the ISS as a subject
            if (
                not self._is_instrument(ent.ent_id_)
                and not is_vehicle(self.lexicon, ent.ent_id_)
                and self._type(ent.ent_id_) not in self.rules.topic_skip_types
            ):
                counts[ent.ent_id_] = counts.get(ent.ent_id_, 0) + 1
                first.setdefault(ent.ent_id_, ent)
        topic = None
        if counts:
            best = min(counts, key=lambda m: (-counts[m], first[m].start))
            if counts[best] >= self.rules.topic_mentions:
                topic = self._mission(first[best])
        out: list[Finding] = []
        for f in findings:
            if f.general and f.mission is None:
                scope = self._agreement_scope(doc, f)
                if scope is not None:  # "... signed a memorandum. The memorandum covers X."
                    f.mission = scope
                    f.rules = sorted({*f.rules, "mission.agreement_scope"})
            if (
                f.mission is not None
                or f.general
                or any(p["kind"] == "government" for p in f.partners)
            ):
                out.append(f)
                continue
            key = frozenset(p["id"] for p in f.partners)
            if key in with_mission:
                if f.status == "signed":
                    continue  # the contract of the same partners' mission records
                out.append(f)  # talks or work in an area besides their missions
                continue
            industrial = all(p["kind"] in {"company", "institution"} for p in f.partners)
            if (
                topic is not None
                and (industrial or self._operated_by(topic["id"], key))
                and not self._about_vehicle(doc, f, state)
            ):
                f.mission = topic
                f.rules = sorted({*f.rules, "mission.topic"})
                if "status.past_tense" in f.rules and topic["id"] not in ended:
                    f.status = self.rules.default_status  # "were developed": it still flies
                    f.rules = sorted({*f.rules, "status.past_development"} - {"status.past_tense"})
            out.append(f)
        return out

    def _about_vehicle(self, doc: Doc, finding: Finding, state: DocState) -> bool:
        """The finding's sentence names a launch vehicle (``launch_vehicles``), not as a ride
        ("on a Falcon 9"), and no launch."""
        span = doc.char_span(finding.start, finding.end, alignment_mode="expand")
        if span is None or any(span.start <= i < span.end for i in state.launch_starts):
            return False
        return any(
            span.start <= i < span.end
            and not any(t.lower_ in _RIDE_WORDS for t in doc[max(span.start, i - 3) : i])
            for i in state.vehicle_starts
        )

    def _agreement_scope(self, doc: Doc, finding: Finding) -> dict[str, str] | None:
        """The one mission the next sentence gives as the scope of an agreement just reported
        ("The memorandum covers joint activities under India's human spaceflight programme,
        Gaganyaan"): the sentence opens with a reference to the agreement."""
        nxt = next((s for s in doc.sents if s.start_char >= finding.end), None)
        if nxt is None:
            return None
        opening = " ".join(t.lower_ for t in nxt[:4])
        if not any(opening.startswith(p) for p in self.rules.agreement_refs):
            return None
        ents = [e for e in nxt.ents if e.label_ == "MISSION"]
        missions = self._missions(doc, ents)
        return missions[0] if len(missions) == 1 else None

    def _followup_dates(
        self,
        units: list[Unit],
        found_in: dict[int, list[Finding]],
        cues: dict[int, list[Span]],
        ents: dict[int, list[Span]],
    ) -> None:
        """Date a signing from the sentence that follows it ("The memorandum was signed on
        Oct. 1.", "The agreement was announced on Wednesday."): a sentence within two after
        that yields no finding of its own, names the instrument and dates its signing."""
        for index, found in found_in.items():
            undated = [f for f in found if f.status == "signed" and f.date_text is None]
            if not undated:
                continue
            for later in units[index + 1 : index + 3]:
                if later.skip or later.index in found_in:
                    continue
                spans = cues.get(later.index, [])
                names_it = any(
                    s.label_ in self._formal
                    or (s.label_ in self._refs and not self._refs[s.label_].count)
                    for s in spans
                )
                events = [
                    s for s in spans if s.label_ in self._cues and self._cues[s.label_].signing
                ]
                dates = [e for e in ents.get(later.index, []) if e.label_ == "DATE"]
                if not (names_it and events and dates):
                    continue
                nearest = min(dates, key=lambda d: _gap(d, events[0]))
                if _gap(nearest, events[0]) > 4:
                    continue
                for finding in undated:
                    finding.date_text = nearest.text
                    finding.date_start = nearest.start_char
                    finding.rules = sorted({*finding.rules, "date.followup"})
                break

    def _kind(self, ent: Span) -> str:
        org = self.lexicon.orgs.get(ent.ent_id_)
        return org.kind if org else _KIND_OF_LABEL.get(ent.label_, "company")

    def units(self, doc: Doc) -> list[Unit]:
        """Sentences split at line breaks and at full stops the sentence model ran past, each
        marked when skipped (heading, byline, bio)."""
        units: list[Unit] = []
        text = doc.text  # computed from the tokens on every access: read it once
        paragraphs = _paragraph_bounds(text)
        bio_paragraphs = {
            i
            for i, (s, e) in enumerate(paragraphs)
            if i >= len(paragraphs) - 2
            and (
                any(m in text[s:e] for m in self.rules.bio_markers)
                or any(r.match(text, s, e) for r in self._bio_openings)
            )
        }
        for sent in doc.sents:
            start = sent.start
            for i in range(sent.start, sent.end):
                if (
                    "\n" in doc[i].text
                    or "\n" in doc[i].whitespace_
                    or _full_stop(doc, i, sent.end)
                ):
                    end = i if "\n" in doc[i].text else i + 1
                    if end > start:
                        units.append(Unit(start, end, len(units)))
                    start = i + 1
            if sent.end > start:
                units.append(Unit(start, sent.end, len(units)))
        for unit in units:
            span = doc[unit.start : unit.end]
            text = span.text.strip()
            if not text or all(t.is_space or t.is_punct for t in span):
                unit.skip = "empty"
            elif any(text.startswith(p) for p in self.rules.byline_prefixes) and len(span) <= 12:
                unit.skip = "byline"
            elif text[-1] not in _TERMINAL and len(span) <= 14:
                unit.skip = "heading"
            elif _paragraph_index(paragraphs, span.start_char) in bio_paragraphs:
                unit.skip = "bio"
        return units

    def _local_pairs(
        self,
        pairs: list[tuple[list[tuple[str, str]], dict[str, str] | None]],
        ents: list[Span],
        local: list[Span],
        changed: dict[tuple[frozenset[str], str | None], str],
    ) -> list[tuple[list[tuple[str, str]], dict[str, str] | None]]:
        """Three or more parties named side by side, which ``_star_split`` gives no record
        ("developed by ESA on behalf of the EU, which funds Copernicus, and EUMETSAT is
        responsible for operating it"): each local cue (``local``: "on behalf of", "built by")
        pairs the last organisation at most ``local_pair_window`` tokens before it with the first
        at most that far after it (ESA and the EU); no such cue, no record."""
        out: list[tuple[list[tuple[str, str]], dict[str, str] | None]] = []
        window = self.rules.local_pair_window
        for partner_set, mission in pairs:
            kind = dict(partner_set)
            orgs = [e for e in ents if e.label_ in ORG_LABELS and e.ent_id_ in kind]
            for cue in local:
                left = [e for e in orgs if e.end <= cue.start and cue.start - e.end <= window]
                right = [e for e in orgs if e.start >= cue.end and e.start - cue.end <= window]
                if not left or not right:
                    continue
                a, b = left[-1].ent_id_, right[0].ent_id_
                if a == b:
                    continue
                pair = [(a, kind[a]), (b, kind[b])]
                if all({x for x, _ in p} != {a, b} or m != mission for p, m in out):
                    out.append((pair, mission))
                    key = (frozenset({a, b}), mission["id"] if mission else None)
                    changed[key] = "partner.local_pair"
        return out

    def _relative_findings(
        self,
        doc: Doc,
        unit: Unit,
        ents: list[Span],
        cues: list[Span],
        state: DocState,
        found: list[Finding],
    ) -> list[Finding]:
        """ "Boeing, which built the rovers under contract to NASA": a relative clause on an
        organisation (", which" or ", who" right after its name) that names exactly one other
        organisation is read as a statement of its own, from the name to the clause's end (";",
        a comma before a ``clause_joins`` word or another relative pronoun, or the sentence's
        end). The sentence's own statement ends at the relative clause (``_scope_end``), so
        without this its cooperation is lost. Findings that do not include the named
        organisation, or whose partners the sentence already pairs, are dropped; the evidence is
        the whole sentence, and the rule ``clause.relative`` marks them."""
        out: list[Finding] = []
        have = {frozenset(p["id"] for p in f.partners) for f in found}
        for ent in ents:
            if ent.label_ not in ORG_LABELS or ent.label_ == "GOVERNMENT":
                continue
            i = ent.end
            if i < unit.end and doc[i].text == ")":
                i += 1
            if not (
                i + 1 < unit.end and doc[i].text == "," and doc[i + 1].lower_ in _ORG_RELATIVES
            ):
                continue
            splits = [a for a, _ in self._clause_bounds(doc, unit)[1:]]  # ";", ", and" ...
            end = min(
                [j for j in splits if j >= i + 2]
                + [
                    j
                    for j in range(i + 2, unit.end - 1)
                    if doc[j].text == "," and doc[j + 1].lower_ in _ORG_RELATIVES
                ],
                default=unit.end,
            )
            inside = {e.ent_id_ for e in ents if i < e.start < end and e.label_ in ORG_LABELS}
            if len(inside - {ent.ent_id_}) != 1:
                continue
            sub = Unit(start=ent.start, end=end, index=unit.index)
            sub_ents = [e for e in ents if ent.start <= e.start < end]
            sub_cues = [c for c in cues if ent.start <= c.start < end and c.start != i]
            start, stop = _char_bounds(doc, unit)
            for f in self._unit(doc, sub, sub_ents, sub_cues, state):
                ids = frozenset(p["id"] for p in f.partners)
                if ent.ent_id_ not in ids or ids in have:
                    continue
                f.start, f.end = start, stop
                f.rules = sorted({*f.rules, "clause.relative"})
                have.add(ids)
                out.append(f)
        return out

    def _unit(
        self,
        doc: Doc,
        unit: Unit,
        ents: list[Span],
        cues: list[Span],
        state: DocState,
    ) -> list[Finding]:
        rules: list[str] = []
        history, last_partners = state.history, state.last_partners
        if not any(e.label_ in ORG_LABELS for e in ents) and not any(
            s.label_ in self._refs for s in cues
        ):
            return []  # nobody named or referred to: the common case, decided cheaply
        quoted = _quoted(doc, unit)
        if self._attributed(doc, unit, quoted):  # '"...," Yamakawa said at the signing'
            cues = [s for s in cues if s.start in quoted]
        aside = self._aside(doc, unit, cues, ents)
        if aside is not None:  # "MHI, which has run H-IIA launches since 2007, conducted ..."
            cues = [  # a mission reference in it still names the mission ("which will operate
                # the satellite, picked Thales Alenia Space")
                s
                for s in cues
                if not aside[0] <= s.start < aside[1] or s.label_ == MISSION_REF
            ]
            ents = [e for e in ents if not aside[0] <= e.start < aside[1]]
        cue_spans = [s for s in cues if s.label_ in self._cues]
        ref_spans = [s for s in cues if s.label_ in self._refs]
        frames = [self._frames[s.label_] for s in cues if s.label_ in self._frames]
        mission_refs = [s for s in cues if s.label_ == MISSION_REF]
        mission_ref = bool(mission_refs)
        ref_types = frozenset(
            self.rules.mission_reference_types.get(mission_refs[0].text.lower(), ())
            if mission_refs
            else ()
        )
        scope_end = self._scope_end(cue_spans, unit)
        cooperation = False
        negated = False
        blocked = False
        cue_ids: set[str] = set()
        for span in cue_spans:
            cue = self._cues[span.label_]
            if cue.block:
                blocked = True
            if cue.cooperation and span.start < scope_end:
                if self._negated(span, cue_spans):
                    negated = True
                    continue
                cooperation = True
                cue_ids.add(cue.id)
        partners: list[tuple[str, str]] = []  # (id, kind)

        def add(entity_id: str, kind: str) -> None:
            if all(p[0].casefold() != entity_id.casefold() for p in partners):
                partners.append((entity_id, kind))

        formal = any(s.label_ in self._formal for s in cue_spans if s.start < scope_end)
        for ent in ents:
            if ent.label_ in ORG_LABELS:
                if not formal and ent.end in state.vehicle_starts:
                    rules.append("partner.vehicle_maker")
                    continue  # "lifted off on a SpaceX Falcon 9": the rocket's maker, no deal
                if self._former_affiliation(doc, ent):
                    rules.append("partner.former_affiliation")
                    continue  # "president of Sierra Space and a former NASA astronaut"
                if ent.ent_id_ in self.rules.licensing_bodies:
                    continue  # "asking the FCC for more time": a licence, no cooperation
                add(ent.ent_id_, self._kind(ent))
        speaker = self._quote_speaker(doc, unit, ents, quoted, state)
        if speaker is not None:
            rules.append("ref.quote_speaker")
            add(speaker, self._org_kind(speaker))
        pronoun_mission: dict[str, str] | None = None  # "It" when the last subject was one
        for span in ref_spans:
            ref = self._refs[span.label_]
            if ref.previous_subject:
                subject = self._previous_subject(doc, span, unit, state)
                resolved = []
                if subject is not None and subject.label_ in ORG_LABELS:
                    resolved = [(subject.ent_id_, self._kind(subject))]
                elif subject is not None and not self._is_instrument(subject.ent_id_):
                    pronoun_mission = self._mission(subject)
                    mission_ref = True
                    rules.append("mission.pronoun")
            else:
                resolved = self._resolve(
                    ref,
                    span.start,
                    unit,
                    history,
                    last_partners,
                    ents,
                    state.first_partners,
                    doc[span.end - 1].lower_,
                    next((c for t in span if (c := self.rules.demonyms.get(t.lower_))), None),
                )
            if resolved:
                rules.append(ref.id)
                for entity_id, kind in resolved:
                    add(entity_id, kind)
                if ref.cooperation and ref.count >= 2:
                    cooperation = True
        if not frames and state.last_frame and unit.index - state.last_frame[0] <= 3:
            frames = [state.last_frame[1]]  # "The two countries signed ..." after the accords
        if frames:
            state.last_frame = (unit.index, frames[0])
        gov_cues = cue_ids | ({"frame"} if frames else set())
        acting = {e.ent_id_ for e in ents if e.label_ == "GOVERNMENT" and _acts(e)}
        words = (  # scanned only when a government is a party
            {doc[i].lower_ for i in range(unit.start, unit.end)}
            if any(p[1] == "government" for p in partners)
            else set()
        )
        defence = bool(words & self._defence_words)
        as_governments = bool(words & self._government_words)  # "the two governments agreed"
        partners = self._governments(
            partners, gov_cues, acting, defence, rules, as_governments, ents
        )
        stated = self._stated_parents(doc, unit, ents) if len(partners) > 1 else None
        partners = self._drop_parts(partners, rules, ents, stated)
        orgs = {e.start: e for e in ents if e.label_ in ORG_LABELS}
        losers = self._losers(doc, unit, orgs)
        if losers and any(p[0] not in losers for p in partners):
            partners = [p for p in partners if p[0] not in losers]
            rules.append("partner.lost_bid")
        owners = self._venture_owners(doc, unit, orgs)
        if owners and any(p[0] not in owners for p in partners):
            partners = [p for p in partners if p[0] not in owners]
            rules.append("partner.venture_owners")
        agents = self._agents(doc, unit, orgs)
        if agents is not None and {a for a, _ in partners} >= set(agents[0]):
            partners = [p for p in partners if p[0] in agents[0]]  # "developed by A and B"
            rules.append("partner.agents")
            if any(e.label_ == "MISSION" and e.start < agents[1] for e in ents):
                ents = [e for e in ents if e.label_ != "MISSION" or e.start < agents[1]]
        formal_cue = bool(cue_ids & self._formal)
        if blocked and not formal_cue:
            return []
        mission_end = scope_end
        if any(  # "an agreement that will let Galileo and GPS operate side by side": its object
            s.label_ == "coop.instrument" and 0 <= scope_end - s.end <= 3 for s in cue_spans
        ):
            mission_end = unit.end
        missions = self._missions(doc, [e for e in ents if e.start < mission_end])
        local = [s for s in cue_spans if self._cues[s.label_].local and s.start < scope_end]
        if local and len(missions) > 1 and not cue_ids - {"coop.local"}:
            missions = self._nearest_missions(doc, ents, local, missions)
        hosts = [m for m in missions if not self._is_instrument(m["id"])]
        made_by_all = "partner.agents" in rules or self._jointly_made(ents, cue_spans)
        if not hosts and missions and not mission_ref and made_by_all:
            hosts = missions  # "LuGRE, a joint effort of NASA and ASI": the instrument itself
            rules.append("mission.joint_instrument")
        makers = (
            self._instrument_makers(ents, partners, scope_end, unit.index, state)
            if not hosts and missions and not mission_ref
            else None
        )
        if makers is not None:  # "PACS comes from a team led by MPE, and SPIRE from one led
            hosts = [makers[0]]  # by Cardiff University": each team with the host's owner
            rules.append("partner.instrument_makers")
        elif not hosts and missions and self._made_by(ents, cue_spans):
            hosts = missions  # "LND, built by Kiel University with funding from DLR"
            rules.append("mission.made_instrument")
        if not hosts and (missions or mission_ref):
            host = pronoun_mission or self._last_mission(unit.index, state, ref_types)
            if host is not None:
                hosts = [host]
                rules.append(MISSION_REF)
        missions = self._specific(hosts, rules)
        made = self._makers_instrument(partners, ents, scope_end)
        if made is not None and (
            made in missions
            or (
                MISSION_REF not in rules
                and any(self._operated(m["id"], (p for p, _ in partners)) for m in hosts)
            )
        ):
            made = None  # "CNES provided parts of SuperCam on NASA's Perseverance": the host
        if len(missions) > 1 and not formal_cue:
            missions = self._receivers(ents, missions, rules)
        joined = (  # within an accords frame, joining is signing the accords
            None
            if frames
            else self._joined(partners, missions, cue_spans, scope_end, unit, state, rules)
        )
        if joined is not None:  # "South Africa joined the project": a member of CNSA's ILRS
            programme_owner, joiners, target = joined
            partners, missions = [*joiners, programme_owner], [target]
        if cooperation and len(partners) == 1 and len(missions) == 1:
            owner = self._implied_owner(partners[0], missions[0], cue_spans, scope_end)
            if owner is not None:
                partners.append(owner)
                rules.append("partner.mission_owner")
        if (
            cooperation
            and frames
            and len(partners) == 1
            and partners[0][1] == "government"
            and partners[0][0] != frames[0].counterparty
        ):  # "Israel signed the Artemis Accords on Wednesday": with the frame's counterparty
            partners.append((frames[0].counterparty, "government"))
            rules.append("partner.frame_counterparty")
        if not cooperation or len(partners) < 2:
            return []
        if (
            speaker is None
            and not frames
            and not any(r.startswith("ref.") for r in rules)
            and self._separate_clauses(doc, unit, ents, partners)
        ):
            return []  # "Euglena is flying a module, and NCU has provided a probe"
        possessed = _possessors(ents)
        if (
            not formal_cue
            and MISSION_REF not in rules
            and _side_by_side(partners, possessed)
            and not _between(doc, ents)
        ):
            return []  # "SpaceX's Starship and Blue Origin's Blue Moon": each its own
        if negated and not cue_ids:
            return []
        rules.extend(sorted(cue_ids))
        general = any(self._cues[s.label_].general for s in cue_spans if s.start < scope_end)
        status, status_cue = self._status(cue_spans, scope_end)
        if status != "signed" and (
            _named_only_after(scope_end, partners, ents)
            or _partner_relative(scope_end, partners, ents)
        ):
            wider, wider_cue = self._status(cue_spans, unit.end)
            if wider == "signed":  # "SAC-D, which was built ... under contract by INVAP"
                status, status_cue = wider, wider_cue
        if (
            status_cue is not None
            and self._cues[status_cue].yields_to_fact
            and self._stated_fact(cue_spans, scope_end)
        ):  # "which it developed with CNSA, and CSES will now spend five years": under way
            status, status_cue = self.rules.default_status, "status.stated_fact"
        launch_cue = not status_cue and any(
            s.label_ == LAUNCH and s.start < scope_end for s in cue_spans
        )
        if status_cue:
            rules.append(status_cue)
        elif self._past_tense(doc[unit.start : min(unit.end, scope_end)]):
            if any(unit.start <= i < scope_end for i in state.launch_starts):
                rules.append("status.launched")  # "lifted off on 1 July": the mission began
            elif formal_cue:
                status = self.rules.past_formal_status  # "KASA followed up with an agreement"
                rules.append("status.past_instrument")
            elif missions and not any(m["id"] in state.ended for m in missions):
                rules.append("status.past_development")  # "developed jointly": still flying
            else:
                status = self.rules.past_status
                rules.append("status.past_tense")
        if (
            "partner.mission_owner" in rules
            and partners[0][1] == "company"
            and status == self.rules.default_status
            and status_cue in (None, "status.stated_fact")
        ):  # "The spacecraft was built by CAST": a maker's stated contract with the owner
            status = self.rules.maker_status
            rules.append("status.company_maker")
        in_scope = [e for e in ents if e.start < scope_end]
        date = self._date(in_scope, [s for s in cue_spans if s.start < scope_end], status)
        start, end = _char_bounds(doc, unit)
        partner_sets = self._hub_split(partners, ents, cue_spans, rules, doc[unit.start : unit.end])
        if speaker is not None and len(partners) > 2:
            # "We have worked with both space agencies": the speaker with each of them
            partner_sets = [
                [p, (speaker, self._org_kind(speaker))] for p in partners if p[0] != speaker
            ]
        if joined is not None:
            partner_sets = [[joiner, joined[0]] for joiner in joined[1]]
        elif makers is not None:
            partner_sets = [[maker, makers[1]] for maker in partners]
        elif len(partner_sets) == 1:
            contributed = self._contributors(partners, missions, cue_spans, scope_end)
            if contributed is not None:  # "The lander carried ESA's NILS and CNES's DORN"
                partner_sets = contributed
                rules.append("partner.contributors")
        governments = [p for p in partners if p[1] == "government"]
        if frames and governments:
            counter = frames[0].counterparty
            rules.append(frames[0].id)
            partner_sets = [[g, (counter, "government")] for g in governments if g[0] != counter]
        own_dates = _signatory_dates(ents) if frames and governments else {}
        out = []
        owner_of = (
            possessed if len(partner_sets) > 1 and "partner.contributors" not in rules else {}
        )
        pairs: list[tuple[list[tuple[str, str]], dict[str, str] | None]] = []
        if len(partner_sets) == 1:
            pairs = self._clause_pairs(doc, unit, ents, partners, missions)
            if pairs:  # "A and B develop X, and C and B work on Y"
                rules.append("mission.clause_split")
                partner_sets = []
            else:
                pairs = _owner_split(partners, missions, possessed)
                if pairs:  # "JAXA supplies batteries for ESA's ESPRIT and for NASA's HALO"
                    rules.append("mission.owner_split")
                    partner_sets = []
        hub_split = "hub.bilateral" in rules or "hub.with" in rules
        by_clause = (
            self._clause_missions(doc, unit, ents, missions)
            if hub_split and len(missions) > 1
            else []
        )
        changed: dict[tuple[frozenset[str], str | None], str] = {}  # record -> rule that made it
        for partner_set in partner_sets:
            ids = {pid for pid, _ in partner_set}
            targets: list[dict[str, str] | None] = list(missions) or [None]
            if owner_of:  # "NASA contracted SpaceX's Dragon and Northrop Grumman's Cygnus"
                own = [self._mission(e) for e in ents if owner_of.get(e.ent_id_) in ids]
                free = [m for m in missions if m["id"] not in owner_of]
                targets = list(own or free) or [None]
                if targets != list(missions):
                    rules.append("mission.possessed")
            elif hub_split and len(missions) > 1:
                targets = self._hub_missions(partner_set, partner_sets, missions, rules, by_clause)
            elif "hub.bilateral" in rules and not missions:
                others = {p[0] for p in partners} - {p[0] for p in partner_set}
                own = self._relative_missions(doc, partner_set[1][0], others, ents, cue_spans, unit)
                if own:  # "awarded task orders to Astrobotic, which will fly ... its Peregrine"
                    targets = list(own)
                    for m in own:
                        changed[(frozenset(ids), m["id"])] = "mission.relative"
            pairs.extend((partner_set, m) for m in targets)
        joiner = None
        if "hub.owner" in rules:  # "X joins A and B as NASA's partners": A and B already are
            first_named = [e.ent_id_ for e in ents if e.label_ in ORG_LABELS]
            joiner = next((i for i in first_named if i != _partners_owner(ents)), None)
        clause_status: dict[str, str] = {}
        if "partner.contributors" in rules and status_cue:
            clause_status = self._clause_statuses(ents, cue_spans, scope_end, partners, unit)
        elif "hub.with" in rules and status_cue and len(partner_sets) > 1:
            # "developed by CNES in partnership with EUMETSAT, with Alcatel Alenia Space as the
            # prime contractor": each counterpart takes the status words up to the next one
            signer = set.intersection(*({pid for pid, _ in ps} for ps in partner_sets))
            clause_status = self._counterpart_statuses(ents, cue_spans, scope_end, signer, unit)
        joint = any(self._cues[s.label_].joint for s in cue_spans if s.start < scope_end)
        if not frames and not joint:
            before_split = pairs
            pairs = _star_split(pairs, ents, changed, keep_unlisted="partner.agents" in rules)
            if not pairs:  # side by side, no list: the pairs local cues join, if any
                pairs = self._local_pairs(before_split, ents, local, changed)
        if any(m is not None for _, m in pairs) and any(
            all(kind == "government" for _, kind in ps) for ps, _ in pairs
        ):
            pairs = self._government_clauses(doc, unit, ents, pairs, changed)
        for partner_set, mission in pairs:
            if made is not None and self._made_by_all(made["id"], (p for p, _ in partner_set)):
                # "KaT, built by Thales Alenia Space under a contract with ASI", not Juno
                mission = made
                changed[(frozenset(pid for pid, _ in partner_set), made["id"])] = (
                    "mission.makers_instrument"
                )
            partner_data = [self._partner(pid, kind) for pid, kind in partner_set]
            partner_data.sort(key=lambda p: p["id"].casefold())
            when = next((own_dates[p] for p, _ in partner_set if p in own_dates), date)
            date_rule: list[str] = []
            set_status = next(
                (clause_status[p] for p, _ in partner_set if p in clause_status), status
            )
            if joiner is not None and all(pid != joiner for pid, _ in partner_set):
                set_status, when = self.rules.default_status, None
            own_rules = list(rules)
            key = (frozenset(pid for pid, _ in partner_set), mission["id"] if mission else None)
            if key in changed:
                own_rules.append(changed[key])
            past = "status.past_tense" in rules
            if past and mission is not None and mission["id"] not in state.ended:  # DART, Hera
                set_status = self.rules.default_status  # Hera flies on
                own_rules.remove("status.past_tense")
                own_rules.append("status.past_development")
            if (
                launch_cue
                and set_status == self.rules.default_status
                and any(pid in self._launch_sellers for pid, _ in partner_set)
            ):  # "NSIL, which provided the launch service": a launch bought
                set_status = "signed"
                own_rules.append("status.launch_service")
            if when is None and mission is not None and set_status in {"active", "completed"}:
                events = (END, LAUNCH) if set_status == "completed" else (LAUNCH,)
                dated = [mission]
                if self._is_instrument(mission["id"]):  # an instrument flies with its host
                    host = self._last_mission(unit.index, state)
                    dated += [host] if host is not None else []
                for event, target in ((e, m) for m in dated for e in events):
                    when = state.event_dates.get((event, target["id"]))  # end, else launch
                    if when is not None:
                        date_rule = ["date.end" if event == END else "date.launch"]
                        break
            out.append(
                Finding(
                    partners=partner_data,
                    mission=mission,
                    status=set_status,
                    start=start,
                    end=end,
                    date_text=when.text if when is not None else None,
                    date_start=when.start_char if when is not None else None,
                    rules=sorted(set(own_rules + date_rule)),
                    general=general,
                )
            )
        return out

    def _roster_matches(self, doc: Doc) -> list[tuple[int, int, bool]]:
        """(start, end, is_phrase) of each ``roster_phrases`` phrase, and of each
        ``award_verbs`` verb followed within ``award_window`` words by an amount of money
        ("received $89.7 million")."""
        money = {e.start for e in doc.ents if e.label_ == "MONEY"}
        window = self.rules.award_window
        out = []
        for match_id, start, end in self._roster(doc):
            phrase = doc.vocab.strings[match_id] == "roster"
            if phrase or any(end <= i <= end + window for i in money):
                out.append((start, end, phrase))
        return out

    def _roster_findings(
        self,
        doc: Doc,
        unit: Unit,
        ents: list[Span],
        rosters: list[tuple[int, int, bool]],
        state: DocState,
    ) -> list[Finding]:
        """ "NASA will put $370 million into demonstrations by 14 companies. ... Lockheed Martin
        received the largest award, $89.7 million": the subject of an award of money, or the
        organisations after a roster phrase ("The selected companies are A; B; C"), when they
        are companies or institutions and the sentence names no agency, each pair with the
        article's awarder (the first agency it names), status ``signed``, dated by the
        sentence's date, else by the date of the awarder's first sentence (the announcement).
        The mission is the one the sentence names, unless the organisation operates it itself
        ("a Starship vehicle"); else the first programme of the awarder the article has named
        ("NASA's Tipping Point program")."""
        matches = [r for r in rosters if unit.start <= r[0] < unit.end]
        if not matches:
            return []
        all_orgs = [e for e in ents if e.label_ in ORG_LABELS]
        if any(self._kind(e) not in ("company", "institution") for e in all_orgs):
            return []
        orgs: list[Span] = []
        for n, (start_tok, end_tok, phrase) in enumerate(matches):
            if phrase:  # the organisations up to the next award in the sentence
                stop = matches[n + 1][0] if n + 1 < len(matches) else unit.end
                orgs.extend(e for e in all_orgs if end_tok <= e.start < stop)
                continue
            # the subject: "Blue Origin, which leads a team with X, received $579 million"
            begin = max(
                [unit.start, matches[n - 1][1] if n else unit.start]
                + [i + 1 for i in range(unit.start, start_tok) if doc[i].text == ";"]
            )
            clause = next(
                (i for i in range(begin, start_tok) if doc[i].lower_ in _RELATIVES), start_tok
            )
            orgs.extend(e for e in all_orgs if begin <= e.start and e.end <= clause)
        kinds = {e.ent_id_: self._kind(e) for e in orgs}
        if not kinds:
            return []
        awarder = next(
            (m for m in state.history if m.kind in ("agency", "intergovernmental")), None
        )
        if awarder is None:
            return []
        named = [m for m in self._missions(doc, ents) if not self._is_instrument(m["id"])]
        programme = next(
            (
                m
                for _, m in state.mission_history
                if self._type(m["id"]) == "programme"
                and awarder.id.casefold() in self._operators(m["id"])
            ),
            None,
        )
        dates = [e for e in ents if e.label_ == "DATE"] or [
            e for e in doc[awarder.start].sent.ents if e.label_ == "DATE"
        ]  # else the date of the announcement, in the awarder's first sentence
        start, end = _char_bounds(doc, unit)
        out = []
        for org_id, kind in kinds.items():
            others = [m for m in named if org_id.casefold() not in self._operators(m["id"])]
            mission = others[0] if len(others) == 1 else programme  # not its own Starship
            partners = [self._partner(org_id, kind), self._partner(awarder.id, awarder.kind)]
            partners.sort(key=lambda p: p["id"].casefold())
            out.append(
                Finding(
                    partners=partners,
                    mission=mission,
                    status="signed",
                    start=start,
                    end=end,
                    date_text=dates[0].text if dates else None,
                    date_start=dates[0].start_char if dates else None,
                    rules=["partner.awarder"],
                )
            )
        return out

    def _aside(
        self, doc: Doc, unit: Unit, cues: list[Span], ents: list[Span]
    ) -> tuple[int, int] | None:
        """A relative clause inside the sentence, as a token range whose cues, dates and names
        are no part of the statement: between the subject and its verb ("MHI, which has run
        launches since 2007, conducted the launch under contract to JAXA"), or before a clause
        of its own that names an organisation ("NASA and ISRO are developing NISAR, a satellite
        that will track ice, and JAXA and ISRO are working on LUPEX"). None when the sentence
        has none, or when the rest of the sentence has no cooperation cue of its own. A mission
        reference inside it ("the satellite") still counts (the caller keeps it)."""
        span = next(
            (s for s in cues if s.label_ in self._cues and self._cues[s.label_].scope_end), None
        )
        if span is None:
            return None
        close = next((i for i in range(span.end, unit.end - 1) if doc[i].text == ","), None)
        if close is not None and (
            doc[close + 1].tag_ in FINITE_TAGS
            or (  # "between NASA's MAVEN orbiter, which arrived on Sept. 21, and ISRO's MOM"
                doc[close + 1].lower_ in {"and", "or"}
                and close + 2 < unit.end
                and doc[close + 2].ent_type_ in ORG_LABELS
            )
        ):
            aside = (span.start, close + 1)
        else:
            following = [b for b in self._clause_bounds(doc, unit)[1:] if b[0] > span.end]
            if not following or not self._independent(doc, *following[0]):
                return None  # ", and which provides ...", "; KORDI, which will ...": no clause
            if not any(e.label_ in ORG_LABELS and e.start > following[0][0] for e in ents):
                return None
            aside = (span.start, following[0][0])
        outside = {e.ent_id_ for e in ents if e.label_ in ORG_LABELS} - {
            e.ent_id_ for e in ents if aside[0] <= e.start < aside[1]
        }
        if len(outside) < 2 and not any(
            c.label_ in self._refs and not aside[0] <= c.start < aside[1] for c in cues
        ):
            return None  # "PSN, which bought the launch from SpaceX, will provide ...": one party
        if any(
            not aside[0] <= c.start < aside[1]
            and c.label_ in self._cues
            and self._cues[c.label_].cooperation
            for c in cues
        ):
            return aside
        return None

    def _independent(self, doc: Doc, start: int, end: int) -> bool:
        """The clause has a finite verb of its own before any relative word ("and JAXA and
        ISRO are working on LUPEX"), unlike a list item ("the KMA, which will run ...")."""
        for token in doc[start:end]:
            if token.lower_ in _RELATIVES:
                return False
            if token.tag_ in FINITE_TAGS:
                return True
        return False

    def _relative_missions(
        self,
        doc: Doc,
        party: str,
        others: set[str],
        ents: list[Span],
        cue_spans: list[Span],
        unit: Unit,
    ) -> list[dict[str, str]]:
        """The missions a relative clause right after a party names ("Astrobotic of Pittsburgh,
        which will fly NASA payloads on its Peregrine lander"), up to the next relative clause,
        the next of the ``others`` parties, ";" or the end of the sentence."""
        mention = next((e for e in ents if e.label_ in ORG_LABELS and e.ent_id_ == party), None)
        if mention is None:
            return []
        relative = next(
            (
                s
                for s in cue_spans
                if self._cues[s.label_].scope_end and 0 <= s.start - mention.end <= 3
            ),
            None,
        )
        if relative is None:
            return []
        stops = [s.start for s in cue_spans if self._cues[s.label_].scope_end]
        stops += [e.start for e in ents if e.label_ in ORG_LABELS and e.ent_id_ in others]
        stops += [t.i for t in doc[relative.end : unit.end] if t.text == ";"]
        end = min([i for i in stops if i > relative.start] + [unit.end])
        return [
            self._mission(e)
            for e in ents
            if e.label_ == "MISSION"
            and relative.end <= e.start < end
            and not self._is_instrument(e.ent_id_)
        ]

    def _scope_end(self, cue_spans: list[Span], unit: Unit) -> int:
        """Where the sentence's own statement ends: at its first ``scope_end`` cue (", which"),
        unless no cooperation cue comes before it; then the relative clause is the statement
        ("the European Service Module, which Airbus builds under ESA contract and which ...")
        and the scope runs to the next ``scope_end`` cue, or to the end of the sentence. A
        relative clause the main clause resumes after is no end ("Thales Alenia Space built
        the spacecraft, which weighs 4.1 tons, on its Spacebus platform under a contract
        signed on Dec. 3")."""
        opened = sorted(s.start for s in cue_spans if self._cues[s.label_].scope_end)
        ends = [e for e in opened if not _closed_aside(cue_spans[0].doc, unit, e, opened)]
        if not ends:
            return unit.end
        if any(self._cues[s.label_].cooperation and s.start < ends[0] for s in cue_spans):
            return ends[0]
        return ends[1] if len(ends) > 1 else unit.end

    def _hub_split(
        self,
        partners: list[tuple[str, str]],
        ents: list[Span],
        cue_spans: list[Span],
        rules: list[str],
        sent: Span,
    ) -> list[list[tuple[str, str]]]:
        """ "NASA selected A, B and C": one party before a hub cue and several after it give
        one bilateral record per party after it, not one record with all of them."""
        if len(partners) >= 3:
            owner = _partners_owner(ents)
            if owner is not None and any(p[0] == owner for p in partners):
                rules.append("hub.owner")  # "X joins A, B and C as NASA's partners"
                hub = next(p for p in partners if p[0] == owner)
                return [[hub, other] for other in partners if other[0] != owner]
        if len(partners) >= 3:
            counterparts = {e.ent_id_ for e in _with_objects(ents)}
            signer = [p for p in partners if p[0] not in counterparts]
            if len(signer) == 1:
                rules.append("hub.with")  # "the agency signed a memorandum with JAXA, and ...
                # an agreement with the UAE Space Agency": one record per counterpart
                return [[signer[0], other] for other in partners if other != signer[0]]
        hubs = [s for s in cue_spans if self._cues[s.label_].hub]
        hubs += [
            sent[i : i + 1]
            for i, t in enumerate(sent)
            if t.lower_ in self._hub_words
            and (i == 0 or sent[i - 1].lower_ not in self._joint_words)
        ]
        hubs.sort(key=lambda s: s.start)
        if len(partners) < 3 or not hubs:
            return [partners]
        cue = hubs[0]
        position = _first_mentions(ents)
        before = [p for p in partners if position.get(p[0], cue.start) < cue.start]
        after = [p for p in partners if position.get(p[0], -1) >= cue.end]
        if len(before) != 1 or len(after) < 2 or len(before) + len(after) != len(partners):
            return [partners]
        doc = sent.doc
        if any(
            t.lower_ in self._team_words
            and any(w.lower_ in {"a", "an"} for w in doc[max(t.i - 2, 0) : t.i])
            for t in doc[position[before[0][0]] : cue.start]
        ):  # "X leads a team that includes two partners: A, B"; not "the Dawn team: A, B"
            rules.append("partner.team")
            return [partners]
        rules.append("hub.bilateral")
        return [[before[0], other] for other in after]

    def _mission_event_dates(
        self,
        units: list[Unit],
        unit_of: dict[int, int],
        event_spans: list[Span],
        ents: dict[int, list[Span]],
        ended: set[str],
    ) -> dict[tuple[str, str], Span]:
        """Launch and end dates the article states, by (event cue id, mission id).

        "EarthCARE lifted off on 28 May", "Rosetta ended its mission on 30 September": an active
        or completed joint mission takes its launch (a completed one its end) date when the
        article states it, even outside the sentence that states the cooperation
        (docs/annotation.md, Dates). Event words are matched on their own, so a longer cue
        around them ("launched on") does not hide them; the date is the nearest one within
        ``event_date_window`` tokens. Every mission a launch sentence names takes its date
        ("Herschel and Planck lifted off together Thursday"), except a station, programme or
        facility named beside another ("launched Dragon toward the ISS on Thursday"). Missions
        named beside an end word are added to ``ended``.
        """
        events: dict[int, list[Span]] = {}
        for span in event_spans:
            index = unit_of.get(span.start)
            if index is not None and not units[index].skip:
                events.setdefault(index, []).append(span)
        out: dict[tuple[str, str], Span] = {}
        topic = self._topic_mission(units, ents)
        body = [u.index for u in units if not u.skip][: self.rules.lede_sentences]
        for index, cues in sorted(events.items()):
            dates = [e for e in ents.get(index, []) if e.label_ == "DATE"]
            missions = {e.ent_id_ for e in ents.get(index, []) if e.label_ == "MISSION"}
            if any(c.label_ == END for c in cues):
                ended.update(missions)
            if not missions and topic is not None and index in body:
                missions = {topic}  # "A satellite built by ... lifted off on Friday": the lede
            if len(missions) > 1:  # "launched Dragon toward the ISS on Thursday, carrying
                # AztechSat-1": each mission launched, not the station it goes to
                missions = {m for m in missions if self._type(m) not in self._context_types}
            if not dates:
                continue
            for mission in sorted(missions):  # "Herschel and Planck lifted off together"
                for cue in cues:
                    nearest = min(dates, key=lambda d: _gap(d, cue))
                    if _gap(nearest, cue) <= self.rules.event_date_window:
                        out.setdefault((cue.label_, mission), nearest)
        return out

    def _topic_mission(self, units: list[Unit], ents: dict[int, list[Span]]) -> str | None:
        """The mission the article is about: named in at least ``topic_mentions`` sentences,
        more than any other (no tie)."""
        counts: dict[str, int] = {}
        for unit in units:
            for mission_id in {
                e.ent_id_
                for e in ents.get(unit.index, [])
                if e.label_ == "MISSION" and not is_vehicle(self.lexicon, e.ent_id_)
            }:
                counts[mission_id] = counts.get(mission_id, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < self.rules.topic_mentions:
            return None
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None
        return ranked[0][0]

    def _past_tense(self, span: Span) -> bool:
        """All finite verbs past tense (tagger's VBD), ignoring verbs of saying and a clause
        that a subordinating word opens after the first of them ("as the solar wind strikes")."""
        finite: list[Token] = []
        for t in span:
            if finite and t.lower_ in self._subordinators:
                break
            if t.tag_ in FINITE_TAGS and t.lower_ not in self._reporting:
                finite.append(t)
        return bool(finite) and all(t.tag_ == "VBD" for t in finite)

    def _specific(self, missions: list[dict[str, str]], rules: list[str]) -> list[dict[str, str]]:
        """A programme named beside one of its own missions is that mission's context
        (docs/annotation.md: "IM-1, not CLPS"): Artemis beside Artemis III is dropped."""
        out = [
            m
            for m in missions
            if self._type(m["id"]) != "programme"
            or not any(
                o is not m and norm_key(o["id"]).startswith(norm_key(m["id"])) for o in missions
            )
        ]
        if len(out) < len(missions):
            rules.append("mission.specific")
        return out

    def _receivers(
        self, ents: list[Span], missions: list[dict[str, str]], rules: list[str]
    ) -> list[dict[str, str]]:
        """A part supplied "for" another mission attaches to the receiver (docs/annotation.md:
        "ESA supplies the European Service Module ... for NASA's Orion" is about Orion); a
        contract for the part (a formal cue) keeps the part."""
        named = [e for e in ents if e.label_ == "MISSION"]
        parts = set()
        for part in named:
            doc = part.doc
            end = min(part.end + 12, len(doc))
            for t in doc[part.end : end]:  # "RAMSES, and ... on BepiColombo": another clause
                if t.text == ";" or (
                    t.text == "," and t.i + 1 < end and doc[t.i + 1].lower_ == "and"
                ):
                    end = t.i
                    break
            window = doc[part.end : end]
            fors = [  # "for ESA's ESPRIT and for NASA's HALO": two receivers, not a part
                t.i
                for t in window
                if t.lower_ in self._receiver_words and doc[t.i - 1].lower_ != "and"
            ]
            for i in fors:
                if any(
                    e.start > i and e.start - i <= 3 and e.ent_id_ != part.ent_id_ for e in named
                ):
                    parts.add(part.ent_id_)
        kept = [m for m in missions if m["id"] not in parts]
        if kept and len(kept) < len(missions):
            rules.append("mission.receiver")
            return kept
        return missions

    def _agents(self, doc: Doc, unit: Unit, orgs: dict[int, Span]) -> tuple[list[str], int] | None:
        """ "CIRCE, developed jointly by Dstl and the U.S. Naval Research Laboratory (NRL),
        as well as ...": the organisations listed after a participle's 'by' (two or more,
        nothing but names, articles, commas and 'and' between them) are the cooperating
        parties, whatever else the sentence names; returns their ids and the 'by' position.
        ``orgs``: the sentence's organisation entities by start token."""
        for i in range(unit.start + 1, unit.end):
            if doc[i].lower_ not in self._agent_words:
                continue
            before = doc[i - 1] if doc[i - 1].tag_ != "RB" or i < 2 else doc[i - 2]
            if before.tag_ != "VBN":
                continue
            found = self._listed(doc, i + 1, unit.end, orgs)
            if len(found) >= 2:
                return found, i
        return None

    def _listed(self, doc: Doc, start: int, end: int, orgs: dict[int, Span]) -> list[str]:
        """Ids of the organisations listed from ``start`` on ("the French space agency CNES and
        the German Aerospace Center (DLR)"): names, articles, commas and 'and' between them."""
        found: list[str] = []
        j = start
        while j < end:
            ent = orgs.get(j)
            if ent is not None:
                if ent.ent_id_ not in found:
                    found.append(ent.ent_id_)
                j = ent.end
                continue
            token = doc[j]
            if token.lower_ in self._list_words or token.tag_ in _LIST_TAGS:
                j += 1
                continue
            break
        return found

    def _losers(self, doc: Doc, unit: Unit, orgs: dict[int, Span]) -> set[str]:
        """Organisations named as beaten rivals ("selected ahead of rival bids from Airbus,
        Northrop Grumman and Optus", "beating Blue Origin"), from the phrase to the next finite
        verb or semicolon: bids that lost are no record."""
        out: set[str] = set()
        if not orgs:
            return out
        for _, _, end in self._losers_matcher(doc[unit.start : unit.end]):
            out |= _orgs_up_to_verb(doc, end, unit.end, orgs)
        return out

    def _venture_owners(self, doc: Doc, unit: Unit, orgs: dict[int, Span]) -> set[str]:
        """The owners an apposition names for a joint venture ("ULA, the joint venture that
        Boeing and Lockheed Martin formed in 2006"): ``venture_phrases`` within four tokens of
        a comma after an organisation, the owners from the phrase to the next finite verb or
        semicolon. They own the venture; they are no parties to its deal."""
        out: set[str] = set()
        ends = {e.end for e in orgs.values()}
        for _, start, end in self._venture_matcher(doc[unit.start : unit.end]):
            comma = next(
                (
                    i
                    for i in range(start - 1, max(start - 5, unit.start) - 1, -1)
                    if doc[i].text == ","
                ),
                None,
            )
            if comma is None or not (
                comma in ends or (doc[comma - 1].text == ")" and comma - 1 in ends)
            ):
                continue  # no venture named right before the apposition ("LKEI),")
            out |= _orgs_up_to_verb(doc, end, unit.end, orgs)
        return out

    def _hub_missions(
        self,
        pair: list[tuple[str, str]],
        pairs: list[list[tuple[str, str]]],
        missions: list[dict[str, str]],
        rules: list[str],
        clause_missions: list[tuple[list[str], list[dict[str, str]]]],
    ) -> list[dict[str, str] | None]:
        """ "ESA signed a contract with Airbus to build service modules for Orion, the capsule
        NASA will use": in a hub split each party takes the missions of its own clause when the
        sentence has several (``clause_missions``), else the missions the gazetteer says it
        operates (Airbus the module, NASA Orion), and the missions no party after the hub
        operates go to the parties that operate none."""
        hub = {pid for pid, _ in pairs[0]}
        for other in pairs[1:]:
            hub &= {pid for pid, _ in other}
        party = next(pid for pid, _ in pair if pid not in hub)
        for names, own in clause_missions:  # "A will build Cheops, while B will lead Proba-3"
            if own and set(names) - hub == {party}:
                rules.append("mission.clause")
                return list(own)
        others = {pid for p in pairs for pid, _ in p if pid not in hub}
        claimed = {
            m["id"]: {o for o in others if o.casefold() in self._operators(m["id"])}
            for m in missions
        }
        own = [m for m in missions if party in claimed[m["id"]]]
        free = [m for m in missions if not claimed[m["id"]]]
        targets: list[dict[str, str] | None] = list(own or free or missions)
        if targets != list(missions):
            rules.append("mission.operated")
        return targets

    def _operators(self, mission_id: str) -> frozenset[str]:
        """The gazetteer's operators of a mission, case-folded (empty when unknown)."""
        entry = self.lexicon.missions.get(mission_id)
        return frozenset(o.casefold() for o in entry.operators) if entry else frozenset()

    def _owner(self, mission_id: str) -> tuple[str, OrgEntry] | None:
        """A mission's owner: the first operator the gazetteer lists, when it is an organisation."""
        entry = self.lexicon.missions.get(mission_id)
        if entry is None or not entry.operators:
            return None
        org = self.lexicon.orgs.get(entry.operators[0])
        return (entry.operators[0], org) if org is not None else None

    def _jointly_made(self, ents: list[Span], cue_spans: list[Span]) -> bool:
        """Every cooperation cue says the parties work together, and one stands next to an
        instrument ('LuGRE, a joint effort of', 'the jointly built MEGANE')."""
        cues = [s for s in cue_spans if self._cues[s.label_].cooperation]
        if not cues or not all(self._cues[s.label_].joint for s in cues):
            return False
        window = self.rules.joint_window
        return any(
            _gap(ent, cue) <= window
            for ent in ents
            if ent.label_ == "MISSION" and self._is_instrument(ent.ent_id_)
            for cue in cues
        )

    def _operated(self, mission_id: str, partner_ids: Iterable[str]) -> bool:
        """A partner is among the mission's gazetteer operators."""
        return bool(self._operators(mission_id) & {p.casefold() for p in partner_ids})

    def _made_by_all(self, mission_id: str, partner_ids: Iterable[str]) -> bool:
        """Every partner is among the mission's gazetteer operators (its makers)."""
        return {p.casefold() for p in partner_ids} <= self._operators(mission_id)

    def _makers_instrument(
        self, partners: list[tuple[str, str]], ents: list[Span], scope_end: int
    ) -> dict[str, str] | None:
        """The instrument the sentence names whose makers (gazetteer operators) include every
        partner named, two or more: what they made together is the record's object, not the
        host it flies on ('SuperCam ... developed by LANL together with ... CNES')."""
        if len(partners) < 2:
            return None
        for ent in ents:
            if (
                ent.label_ == "MISSION"
                and ent.start < scope_end
                and self._is_instrument(ent.ent_id_)
                and self._made_by_all(ent.ent_id_, (p for p, _ in partners))
            ):
                return self._mission(ent)
        return None

    def _instrument_makers(
        self,
        ents: list[Span],
        partners: list[tuple[str, str]],
        scope_end: int,
        unit_index: int,
        state: DocState,
    ) -> tuple[dict[str, str], tuple[str, str]] | None:
        """The host mission and its owner, when the sentence lists instruments each with its
        own team ("PACS comes from a team led by MPE, and SPIRE from one led by Cardiff
        University"): two or more institutions or companies, each named once, in turn with
        instruments, in the cue's scope (a list behind relative clauses, "from NRL, which led
        LASCO; from Stanford, ...", is not seen), and no host named; the host is the mission
        the last sentences name, its owner the first operator the gazetteer lists. Each team
        then pairs with the owner, not with the other teams."""
        ids = {pid for pid, _ in partners}
        if len(ids) < 2 or any(kind not in {"institution", "company"} for _, kind in partners):
            return None
        order: list[str] = []
        for ent in ents:
            if ent.start >= scope_end:
                continue
            if ent.label_ == "MISSION" and self._is_instrument(ent.ent_id_):
                kind = "instrument"
            elif ent.label_ in ORG_LABELS and ent.ent_id_ in ids:
                kind = "team"
            else:
                continue
            if not order or order[-1] != kind:
                order.append(kind)
        teams = sum(
            1 for e in ents if e.start < scope_end and e.label_ in ORG_LABELS and e.ent_id_ in ids
        )
        if not len(ids) == teams == order.count("team") <= order.count("instrument"):
            return None  # not each named once, in turn: "built by A together with B"
        host = self._last_mission(unit_index, state)
        found = self._owner(host["id"]) if host is not None else None
        if host is None or found is None or found[0] in ids:
            return None
        if {i.casefold() for i in ids} & self._operators(host["id"]):
            return None
        return host, (found[0], found[1].kind)

    def _made_by(self, ents: list[Span], cue_spans: list[Span]) -> bool:
        """ "UVIT ... was built by IIA in collaboration with the CSA": an instrument named
        before every organisation of the sentence, then a ``local`` cue ("built by",
        "developed by"), and two or more organisations: they made the instrument together,
        which is the record's object, not a host it may fly on."""
        orgs = [e.start for e in ents if e.label_ in ORG_LABELS]
        if len({e.ent_id_ for e in ents if e.label_ in ORG_LABELS}) < 2:
            return False  # "LEND was provided by Roscosmos": a contribution to its host
        made = [s.start for s in cue_spans if self._cues[s.label_].local]
        return bool(made) and any(
            e.label_ == "MISSION"
            and self._is_instrument(e.ent_id_)
            and e.end <= min(orgs)
            and e.end <= min(made)
            for e in ents
        )

    def _type(self, mission_id: str) -> str | None:
        entry = self.lexicon.missions.get(mission_id)
        return entry.type if entry else None

    def _remember_person(self, person: Span, ents: list[Span], state: DocState) -> None:
        """ "Takeshi Hakamada, ispace founder and CEO": the person speaks for the organisation
        named right beside them (within four tokens), under full name and surname."""
        orgs = [
            e
            for e in ents
            if e.label_ in ORG_LABELS and max(e.start - person.end, person.start - e.end) <= 4
        ]
        if orgs:
            org = min(orgs, key=lambda e: max(e.start - person.end, person.start - e.end))
            state.people.setdefault(person.text, org.ent_id_)
            state.people.setdefault(person[-1].text, org.ent_id_)

    def _attributed(self, doc: Doc, unit: Unit, inside: set[int]) -> bool:
        """A quote with a verb of saying outside it ("...," Yamakawa said)."""
        return bool(inside) and any(
            doc[i].lower_ in self._reporting for i in range(unit.start, unit.end) if i not in inside
        )

    def _quote_speaker(
        self, doc: Doc, unit: Unit, ents: list[Span], inside: set[int], state: DocState
    ) -> str | None:
        """The organisation "we" stands for in a quote (``inside``: the quoted positions): named
        in the attribution ("an ESA spokesperson said") or the one its speaker was introduced
        with ("Hakamada added")."""
        if not any(doc[i].lower_ in self._we for i in inside):
            return None
        if not self._attributed(doc, unit, inside):
            return None
        for ent in ents:
            if ent.start in inside:
                continue
            if ent.label_ in ORG_LABELS:
                return str(ent.ent_id_)
            if ent.label_ in {"PERSON", "ORG"}:  # the statistical model calls some surnames ORG
                org = state.people.get(ent.text) or state.people.get(ent[-1].text)
                if org is not None:
                    return org
        return None

    def _implied_owner(
        self,
        partner: tuple[str, str],
        mission: dict[str, str],
        cue_spans: list[Span],
        scope_end: int,
    ) -> tuple[str, str] | None:
        """The mission's owner, as second partner of an organisation that contributes to it.

        "The spacecraft carries TIRI, supplied by JAXA" (the spacecraft: ESA's Hera) gives ESA
        and JAXA: the guideline's "a mission owned by one partner that another contributes to";
        so does a mission named only by reference ("The spacecraft itself was built by CAST":
        Túpac Katari, the Bolivian agency's, gives ABE and CAST).
        The owner is the first operator the gazetteer lists; only contribution cues imply it.
        """
        if partner[1] == "government" or not any(
            self._cues[s.label_].implies_owner for s in cue_spans if s.start < scope_end
        ):
            return None
        found = self._owner(mission["id"])
        if found is None or partner[0].casefold() in self._operators(mission["id"]):
            return None  # no known owner; or a partner of a joint mission, which names them all
        owner, org = found
        if owner in (self.rules.parent_orgs.get(partner[0]), self.rules.parent_orgs.get(owner)):
            return None
        return owner, org.kind

    def _contributors(
        self,
        partners: list[tuple[str, str]],
        missions: list[dict[str, str]],
        cue_spans: list[Span],
        scope_end: int,
    ) -> list[list[tuple[str, str]]] | None:
        """Each contributor with the mission's owner, when two or more organisations each
        contribute to one mission someone else owns ("The lander carried ESA's NILS and CNES's
        DORN": ESA and CNES each with CNSA, not with each other). Only when every cooperation
        cue is a contribution (none says the parties work jointly)."""
        if len(missions) != 1 or len(partners) < 2:
            return None
        cues = [
            self._cues[s.label_]
            for s in cue_spans
            if s.start < scope_end and self._cues[s.label_].cooperation
        ]
        if not cues or not all(c.implies_owner and not c.joint for c in cues):
            return None
        if any(p[1] == "government" for p in partners):
            return None  # a country's part goes through the government rules
        found = self._owner(missions[0]["id"])
        if found is None:
            return None
        owner_id, org = found
        operators = self._operators(missions[0]["id"])
        contributors = [p for p in partners if p[0].casefold() not in operators]
        if len(contributors) < 2:
            return None
        owner = (owner_id, org.kind)
        return [[c, owner] for c in contributors]

    def _joined(
        self,
        partners: list[tuple[str, str]],
        missions: list[dict[str, str]],
        cue_spans: list[Span],
        scope_end: int,
        unit: Unit,
        state: DocState,
        rules: list[str],
    ) -> tuple[tuple[str, str], list[tuple[str, str]], dict[str, str]] | None:
        """(owner, joiners, programme) when the sentence says organisations joined a programme
        someone else owns: "Azerbaijan has signed up to China's ILRS", "South Africa joined the
        project", "Venezuela and APSCO have also signed on" (the programme the article is
        about). The owner's own government is not a joiner ("though China has not ...")."""
        if len(missions) > 1 or not partners:
            return None
        if not any(self._cues[s.label_].joins for s in cue_spans if s.start < scope_end):
            return None
        target = missions[0] if missions else self._last_mission(unit.index, state)
        if target is None:
            return None
        found = self._owner(target["id"])
        if found is None:
            return None
        owner_id, org = found
        ids = {p[0].casefold() for p in partners}
        if owner_id.casefold() in ids and len(partners) > 1 and not missions:
            return None
        joiners = [
            p for p in partners if p[0].casefold() != owner_id.casefold() and p[0] != org.country
        ]
        if not joiners:
            return None
        rules.append("partner.joined_owner")
        if not missions:
            rules.append(MISSION_REF)
        country = org.country
        if country and all(p[1] == "government" for p in joiners) and country.casefold() in ids:
            return (country, "government"), joiners, target  # "join the United States"
        return (owner_id, org.kind), joiners, target

    def _operated_by(self, mission_id: str, partners: frozenset[str]) -> bool:
        """A partner operates the mission, or the gazetteer names no operator."""
        return not self._operators(mission_id) or self._operated(mission_id, partners)

    def _is_instrument(self, mission_id: str) -> bool:
        return self._type(mission_id) == "instrument"

    def _last_mission(
        self, unit_index: int, state: DocState, types: frozenset[str] = frozenset()
    ) -> dict[str, str] | None:
        """The mission "the mission" or "the satellite" refers to: of those named in the last
        ``mission_lookback`` sentences, the one the most sentences name (ties: the latest);
        only those of the ``types`` the reference prefers, when any is ("the project": a
        programme)."""
        recent = [
            (i, m)
            for i, m in state.mission_history
            if unit_index - i <= self.rules.mission_lookback
        ]
        typed = [(i, m) for i, m in recent if self._type(m["id"]) in types]
        recent = typed or recent
        if not recent:
            return None
        counts: dict[str, int] = {}  # sentences naming it: "the Double Asteroid Redirection
        for key in {(i, m["id"]) for i, m in state.mission_history}:  # Test (DART)" counts once
            counts[key[1]] = counts.get(key[1], 0) + 1
        best = max(range(len(recent)), key=lambda k: (counts[recent[k][1]["id"]], k))
        return recent[best][1]

    def _stated_parents(self, doc: Doc, unit: Unit, ents: list[Span]) -> dict[str, str]:
        """Parents the sentence states in an apposition: "KARI, now affiliated with KASA, ..."
        (``part_phrases`` right after an organisation and a comma, the parent within three
        tokens after the phrase), or "DFH Satellite Co., a CAST subsidiary" (an article, the
        parent and one of ``part_nouns`` right after the organisation and a comma)."""
        out: dict[str, str] = {}
        orgs = [e for e in ents if e.label_ in ORG_LABELS]
        for part, whole in pairwise(orgs):
            if (
                whole.start == part.end + 2
                and doc[part.end].text == ","
                and doc[part.end + 1].lower_ in {"a", "an", "the"}
                and whole.end < len(doc)
                and doc[whole.end].lower_ in self._part_nouns
                and part.ent_id_ != whole.ent_id_
            ):
                out[part.ent_id_] = whole.ent_id_
        if not self.rules.part_phrases:
            return out
        for _, start, end in self._part_matcher(doc[unit.start : unit.end]):
            child = next((e for e in orgs if e.end in (start - 1, start - 2)), None)
            parent = next((e for e in orgs if end <= e.start <= end + 3), None)
            if (
                child is not None
                and parent is not None
                and doc[start - 1].text == ","
                and all(t.text in {",", ")"} for t in doc[child.end : start])
                and child.ent_id_ != parent.ent_id_
            ):
                out[child.ent_id_] = parent.ent_id_
        return out

    def _drop_parts(
        self,
        partners: list[tuple[str, str]],
        rules: list[str],
        ents: list[Span],
        stated: dict[str, str] | None = None,
    ) -> list[tuple[str, str]]:
        """No record between an organisation and what it is part of (JPL and NASA) or acts for.

        The part is dropped ("NASA's JPL" is NASA), unless the parent only describes it in an
        apposition ("NSIL, the commercial arm of ISRO"; any parent ``stated`` so): then the
        parent is dropped.
        """
        ids = {p[0] for p in partners}
        parents = {**self.rules.parent_orgs, **(stated or {})}
        described = {
            parent
            for child, parent in parents.items()
            if child in ids
            and parent in ids
            and (child in (stated or {}) or _describes(ents, child, parent))
        }
        out = [
            p
            for p in partners
            if p[0] not in described
            and (parents.get(p[0]) not in ids or parents[p[0]] in described)
        ]
        govs = {p[0] for p in out if p[1] == "government"}
        if govs:
            kept = []
            for pid, kind in out:
                org = self.lexicon.orgs.get(pid)
                if kind != "government" and org is not None and org.country in govs:
                    rules.append("government.acts_for")
                    continue  # an agency signing on behalf of its own government
                kept.append((pid, kind))
            out = kept
        if len(out) < len(partners) and "government.acts_for" not in rules:
            rules.append("partner.part_of")
        return out

    def _negated(self, span: Span, cue_spans: list[Span]) -> bool:
        for other in cue_spans:
            if self._cues[other.label_].negation and 0 < span.start - other.end + 1 <= 4:
                return True
        return False

    def _resolve(
        self,
        ref: Reference,
        position: int,
        unit: Unit,
        history: list[Mention],
        last_partners: tuple[int, list[str]] | None,
        ents: list[Span],
        first_partners: list[str] | None = None,
        head: str | None = None,
        country: str | None = None,
    ) -> list[tuple[str, str]]:
        """The organisations a reference stands for: the latest of its kind named within
        ``lookback_sentences`` ("the agency"), the article's main pair for "the two agencies"
        after a longer list, the last record's partners for "they"; a reference by name ("the
        commission") takes the latest organisation with the phrase's last word (``head``) in
        its name; one with a nationality ("the Swiss university", ``country``) the latest of
        that country, preferring one with ``head`` in its name."""
        noun = head if ref.by_name else None
        if ref.count == 0:
            if last_partners is None or unit.index - last_partners[0] > 2:
                return []
            if any(e.label_ in ORG_LABELS for e in ents):
                return []
            return [(pid, self._org_kind(pid)) for pid in last_partners[1]]
        counterparts = (  # "a memorandum with UNOOSA ...; the agency signed": the other side
            {e.ent_id_ for e in _with_objects(ents)} if ref.count == 1 else set()
        )
        earlier = [
            m for m in history if unit.index - m.sentence <= self.rules.lookback_sentences
        ] + [
            Mention(e.ent_id_, self._kind(e), e.start, unit.index, e.text)
            for e in ents
            if e.label_ in ORG_LABELS and e.start < position and e.ent_id_ not in counterparts
        ]
        matching = [m for m in earlier if _kind_matches(ref.kind, m.kind)]
        if country is not None:  # "the Swiss university": of Switzerland, with that word
            of_country = [m for m in matching if self._country(m.id) == country]
            national = self.rules.national_agencies.get(country)
            if not of_country and ref.kind == "agency" and ref.count == 1 and national:
                return [(national, self._org_kind(national))]  # "the Russian agency": Roscosmos
            matching = of_country or matching
            if head is not None:
                matching = [m for m in matching if head in self._name_words(m)] or matching
        if noun is not None:
            matching = [m for m in matching if noun in self._name_words(m)]
        elif matching and first_partners is not None and len(first_partners) == ref.count:
            latest = matching[-1].sentence
            named = {m.id for m in matching if m.sentence == latest}
            pair = [(pid, self._org_kind(pid)) for pid in first_partners]
            if (
                latest < unit.index
                and len(named) > ref.count
                and all(_kind_matches(ref.kind, k) for _, k in pair)
            ):
                return pair  # "... with ESA, JAXA and CSA. The two agencies": the article's pair
        out: list[tuple[str, str]] = []
        for mention in reversed(matching):
            if all(mention.id != o[0] for o in out):
                out.append((mention.id, mention.kind))
            if len(out) == ref.count:
                return out
        return []

    def _country(self, entity_id: str) -> str | None:
        org = self.lexicon.orgs.get(entity_id)
        return org.country if org else None

    def _name_words(self, mention: Mention) -> set[str]:
        """Lower-case words of a mention's text and of its gazetteer name."""
        org = self.lexicon.orgs.get(mention.id)
        return {w.lower() for w in f"{mention.text} {org.name if org else ''}".split()}

    def _subject(self, doc: Doc, unit: Unit, ents: list[Span]) -> Span | None:
        """The organisation or mission a sentence is about: its first entity, when that is one
        named before any finite verb ("Thales Alenia Space has signed ..."); else None."""
        first = next((e for e in ents if e.label_ in _SUBJECT_LABELS), None)
        if first is None or first.label_ == "PERSON":
            return None
        if any(t.tag_ in FINITE_TAGS for t in doc[unit.start : first.start]):
            return None
        return first

    def _previous_subject(self, doc: Doc, span: Span, unit: Unit, state: DocState) -> Span | None:
        """ "Thales Alenia Space signed ... . It builds the Cygnus modules under contract to
        Northrop Grumman": a pronoun that opens the sentence, or follows the comma of an
        opening phrase ("Under a subcontract from X, it will ..."), is the previous sentence's
        subject, an organisation or a mission ("LISA Pathfinder launched in 2015. It carried
        NASA-supplied thrusters")."""
        if state.subject is None or state.subject[0] != unit.index - 1:
            return None
        before = [t for t in doc[unit.start : span.start] if not t.is_space]
        opens = all(t.is_punct for t in before) or (
            before[-1].text == "," and not any(t.tag_ in FINITE_TAGS for t in before)
        )
        after = doc[span.end : span.end + 2]
        if not opens or (len(after) == 2 and after[0].lower_ in _COPULAS and after[1].tag_ == "JJ"):
            return None  # "It's vital to ...": no one
        return state.subject[1]

    def _org_kind(self, entity_id: str) -> str:
        org = self.lexicon.orgs.get(entity_id)
        return org.kind if org else "company"

    def _governments(
        self,
        partners: list[tuple[str, str]],
        cue_ids: set[str],
        acting: set[str],
        defence: bool,
        rules: list[str],
        as_governments: bool = False,
        ents: list[Span] | None = None,
    ) -> list[tuple[str, str]]:
        """A country is a party only under formal-agreement cues; else, when it is the subject
        acting ("Japan will return to the moon"), it stands for its agency that operates a
        mission the sentence names, else its national agency, unless
        the sentence is about defence ("Australia has cancelled a military satellite
        programme": the government, whose space agency has no part in it). A sentence that
        says governments act (``government_words``) keeps countries as governments."""
        if as_governments or cue_ids & self._gov_cues:
            return partners
        out: list[tuple[str, str]] = []
        for pid, kind in partners:
            if kind == "government":
                if pid not in acting:
                    continue  # "the two countries", "cooperation with China": no agency implied
                if defence:
                    rules.append("government.defence")
                    if all(p[0] != pid for p in out):
                        out.append((pid, kind))
                    continue
                agency = self._operating_agency(pid, ents or [])
                if agency is None or agency not in self.lexicon.orgs:
                    continue
                rules.append("government.as_agency")
                pid, kind = agency, self.lexicon.orgs[agency].kind
            if all(p[0] != pid for p in out):
                out.append((pid, kind))
        return out

    def _operating_agency(self, country: str, ents: list[Span]) -> str | None:
        """The agency a country stands for: the one of its agencies that operates a mission the
        sentence names (``ents``; "China launched Tiangong-2": CMSA), else its national
        agency."""
        for ent in ents:
            if ent.label_ != "MISSION":
                continue
            entry = self.lexicon.missions.get(ent.ent_id_)
            for operator in entry.operators if entry else []:
                org = self.lexicon.orgs.get(operator)
                if org is not None and org.kind == "agency" and org.country == country:
                    return operator
        return self.rules.national_agencies.get(country)

    def _clause_statuses(
        self,
        ents: list[Span],
        cue_spans: list[Span],
        scope_end: int,
        partners: list[tuple[str, str]],
        unit: Unit,
    ) -> dict[str, str]:
        """Each contributor's status from the status words of its own clause, which runs to
        the next contributor's name ("ESA is supplying a system, and JAXA is expected to
        provide batteries": ESA active, JAXA planned)."""
        first = _first_mentions(ents)
        ids = {p[0] for p in partners}
        starts = sorted(pos for pid, pos in first.items() if pid in ids)
        out: dict[str, str] = {}
        for pid, pos in first.items():
            if pid not in ids:
                continue
            begin = pos if starts[0] < pos else unit.start  # the first clause opens the sentence
            end = min((s for s in starts if s > pos), default=scope_end)
            out[pid] = self._segment_status(cue_spans, begin, end, scope_end)
        return out

    def _counterpart_statuses(
        self,
        ents: list[Span],
        cue_spans: list[Span],
        scope_end: int,
        signer: set[str],
        unit: Unit,
    ) -> dict[str, str]:
        """Each 'with' counterpart's status from the status words between the counterpart
        before it and the one after it ("a memorandum with UNOOSA ...; it has since also
        concluded an agreement with the UAE Space Agency": the agreement is the UAE's)."""
        mentions = [e for e in _with_objects(ents) if e.ent_id_ not in signer]
        out: dict[str, str] = {}
        for k, ent in enumerate(mentions):
            if ent.ent_id_ in out:
                continue
            begin = mentions[k - 1].end if k else unit.start
            end = mentions[k + 1].start if k + 1 < len(mentions) else scope_end
            out[ent.ent_id_] = self._segment_status(cue_spans, begin, end, scope_end)
        return out

    def _segment_status(self, cue_spans: list[Span], begin: int, end: int, scope_end: int) -> str:
        """The status the cues starting in tokens ``begin``..``end`` state (within the scope)."""
        own = [c for c in cue_spans if begin <= c.start < end]
        return self._status(own, min(end, scope_end))[0]

    def _former_affiliation(self, doc: Doc, ent: Span) -> bool:
        """ "a former NASA astronaut": a ``former_words`` word before the organisation and a
        ``person_nouns`` word after it; the organisation is a person's past, not a party."""
        return (
            ent.start > 0
            and doc[ent.start - 1].lower_ in self._former_words
            and ent.end < len(doc)
            and doc[ent.end].lower_ in self._person_nouns
        )

    def _clause_bounds(self, doc: Doc, unit: Unit) -> list[tuple[int, int]]:
        """The sentence's clauses as token ranges, split at ";" and at a comma before a
        ``clause_joins`` word; one range when there is no such split. Computed once per unit
        (the aside, clause-split and government-clause rules all ask)."""
        if unit.clauses is None:
            bounds = [unit.start]
            for i in range(unit.start + 1, unit.end - 1):
                if doc[i].text == ";" or (
                    doc[i].text == "," and doc[i + 1].lower_ in self._clause_joins
                ):
                    bounds.append(i)
            bounds.append(unit.end)
            unit.clauses = list(pairwise(bounds))
        return unit.clauses

    def _government_clauses(
        self,
        doc: Doc,
        unit: Unit,
        ents: list[Span],
        pairs: list[tuple[list[tuple[str, str]], dict[str, str] | None]],
        changed: dict[tuple[frozenset[str], str | None], str],
    ) -> list[tuple[list[tuple[str, str]], dict[str, str] | None]]:
        """ "France and China signed an agreement in 1997, and in 2006 the two agencies agreed
        to build CFOSAT": governments take only the missions of the clauses that name them,
        else none (docs/annotation.md: government parties keep no mission by implication)."""
        missions = [m for _, m in pairs if m is not None]
        clauses = self._clause_missions(doc, unit, ents, missions)
        if not clauses:
            return pairs
        out: list[tuple[list[tuple[str, str]], dict[str, str] | None]] = []
        for partner_set, mission in pairs:
            ids = {pid for pid, kind in partner_set}
            if mission is not None and all(kind == "government" for _, kind in partner_set):
                own = {m["id"] for names, ms in clauses if ids & set(names) for m in ms}
                if mission["id"] not in own:
                    mission = None
                    changed[(frozenset(ids), None)] = "mission.government_clause"
            if (partner_set, mission) not in out:
                out.append((partner_set, mission))
        return out

    def _clause_missions(
        self,
        doc: Doc,
        unit: Unit,
        ents: list[Span],
        missions: list[dict[str, str]],
        ids: set[str] | None = None,
    ) -> list[tuple[list[str], list[dict[str, str]]]]:
        """The organisations (of ``ids`` when given) and the ``missions`` each clause of the
        sentence names, both in order of first mention, when it has several clauses; else
        empty."""
        clauses = self._clause_bounds(doc, unit)
        if len(clauses) < 2:
            return []
        by_id = {m["id"]: m for m in missions}
        out = []
        for lo, hi in clauses:
            inside = [e for e in ents if lo <= e.start < hi]
            names = [
                i
                for i in dict.fromkeys(e.ent_id_ for e in inside if e.label_ in ORG_LABELS)
                if ids is None or i in ids
            ]
            own = [
                by_id[i]
                for i in dict.fromkeys(e.ent_id_ for e in inside if e.label_ == "MISSION")
                if i in by_id
            ]
            out.append((names, own))
        return out

    def _clause_pairs(
        self,
        doc: Doc,
        unit: Unit,
        ents: list[Span],
        partners: list[tuple[str, str]],
        missions: list[dict[str, str]],
    ) -> list[tuple[list[tuple[str, str]], dict[str, str] | None]]:
        """ "NASA and ISRO are jointly developing NISAR, and JAXA and ISRO are working together
        on LUPEX"; "Airbus will build Cheops, while Sener will lead Proba-3": when every clause
        of the sentence names missions of its own and a partner, each clause's missions go to the
        partners it names, with the sentence's first partner added to a clause that names only
        one. Empty when the sentence is one clause or a clause lacks a mission or a partner."""
        if len(missions) < 2 or len(partners) < 3:
            return []
        kind = dict(partners)
        first = next(
            (e.ent_id_ for e in ents if e.label_ in ORG_LABELS and e.ent_id_ in kind), None
        )
        clauses = self._clause_missions(doc, unit, ents, missions, set(kind))
        if first is None or not clauses:
            return []
        out: list[tuple[list[tuple[str, str]], dict[str, str] | None]] = []
        seen: set[str] = set()
        for names, own in clauses:
            ids = {m["id"] for m in own}
            if not names or not own or seen & ids:
                return []
            seen |= ids
            if len(names) == 1 and first not in names:
                names.insert(0, first)
            if len(names) < 2:
                return []
            out.extend(([(n, kind[n]) for n in names], m) for m in own)
        return out if seen == {m["id"] for m in missions} else []

    def _separate_clauses(
        self, doc: Doc, unit: Unit, ents: list[Span], partners: list[tuple[str, str]]
    ) -> bool:
        """True when the sentence is independent clauses (split at ";" or at a comma before a
        ``clause_joins`` word, each clause with a subject of its own) and no clause names two
        of the partners: "Galactic Energy flew Ceres-1 seven times, and LandSpace's Zhuque-2
        reached orbit" puts two facts side by side."""
        clauses = self._clause_bounds(doc, unit)
        if len(clauses) == 1:
            return False
        ids = {p[0] for p in partners}
        named_as = {  # "China is preparing": the agency China stands for as a partner
            e.start: e.ent_id_
            if e.ent_id_ in ids
            else (self._operating_agency(e.ent_id_, ents) or "")
            for e in ents
            if e.label_ in ORG_LABELS
        }
        subjects = {e.start: e for e in ents if named_as.get(e.start) in ids}
        if not all(_partner_subject(doc[lo:hi], subjects) for lo, hi in clauses):
            return False  # ", and launched it in May"; "They are built by A, while B ..."
        named: dict[int, set[str]] = {}
        for start in subjects:
            k = next(n for n, (lo, hi) in enumerate(clauses) if lo <= start < hi)
            named.setdefault(k, set()).add(named_as[start])
        found = set().union(*named.values()) if named else set()
        return found == ids and all(len(v) < 2 for v in named.values())

    def _describes_function(self, span: Span) -> bool:
        """ "will track", "will also measure": the future of what a mission or instrument does,
        not of the cooperation (a ``function_cues`` word, then a verb of ``function_verbs``
        within two words)."""
        if span.text.lower() not in self._function_cues:
            return False  # "is set to carry": a plan, not a description
        doc = span.doc
        after = doc[span.end : min(len(doc), span.end + 2)]
        return any(t.lower_ in self._function_verbs for t in after)

    def _status(self, cue_spans: list[Span], scope_end: int) -> tuple[str, str | None]:
        best: tuple[int, str] | None = None
        status_spans = [s for s in cue_spans if self._cues[s.label_].status and s.start < scope_end]
        described = [
            s.start
            for s in status_spans
            if self._cues[s.label_].weak and self._describes_function(s)
        ]
        if described:  # "MOXIE will test whether oxygen could be made": all of it describes MOXIE
            status_spans = [s for s in status_spans if s.start < min(described)]
        overriding = next((s for s in status_spans if self._cues[s.label_].overrides), None)
        if overriding is not None:  # "had originally booked it under a contract": replaced
            cue = self._cues[overriding.label_]
            return cue.status or self.rules.default_status, cue.id
        for span in status_spans:
            cue = self._cues[span.label_]
            governed = [o for o in status_spans if o is not span and 0 <= o.start - span.end <= 2]
            if cue.weak and any(self._cues[o.label_].status == "proposed" for o in governed):
                continue  # "will discuss": the future applies to the discussion
            if cue.modified and any(
                self._cues[o.label_].status in {"proposed", "planned"}
                and 0 <= span.start - o.end <= 3
                for o in status_spans
            ):
                continue  # "a possible agreement": the agreement is not concluded
            if (
                not cue.weak
                and any(
                    self._cues[o.label_].weak and 0 <= span.start - o.end <= 2 for o in status_spans
                )
                and cue.status in {"signed", "completed", "terminated"}
            ):
                continue  # "will sign", "will join": an event in the future is planned
            rank = STATUS_ORDER.index(cue.status)
            if best is None or rank < best[0]:
                best = (rank, cue.id)
        if best is None:
            return self.rules.default_status, None
        return STATUS_ORDER[best[0]], best[1]

    def _stated_fact(self, cue_spans: list[Span], scope_end: int) -> bool:
        """A cooperation cue, or the word just before it, in a stated tense (``fact_tags``:
        "developed with", "built by", "hosts", "developed together with") that no future or
        modal cue governs from up to 3 tokens before it."""
        yielding = [
            s for s in cue_spans if s.label_ in self._cues and self._cues[s.label_].yields_to_fact
        ]
        for span in cue_spans:
            cue = self._cues.get(span.label_)
            if cue is None or not cue.cooperation or cue.status or span.start >= scope_end:
                continue
            verbs = span.doc[max(span.start - 1, 0) : span.end]  # "developed | together with"
            if not any(
                t.tag_ in self._fact_tags
                and not (t.i > 0 and t.doc[t.i - 1].lower_ in self._fact_describers)
                for t in verbs
            ):
                continue  # none, or "the company that built the Vega probes": background
            if any(0 <= span.start - o.end <= 3 for o in yielding):
                continue  # "will be built by", "could be developed with"
            return True
        return False

    def _date(self, ents: list[Span], cue_spans: list[Span], status: str) -> Span | None:
        anchors = [
            s
            for s in cue_spans
            if self._cues[s.label_].dated and (self._cues[s.label_].status in (None, status))
        ]
        best: tuple[int, Span] | None = None
        doc = ents[0].doc if ents else None
        for ent in ents:
            if ent.label_ != "DATE" or doc is None:
                continue
            for anchor in anchors:
                gap = min(abs(ent.start - anchor.end), abs(anchor.start - ent.end))
                lo, hi = (
                    sorted((ent.end, anchor.start))
                    if ent.end <= anchor.start
                    else (anchor.end, ent.start)
                )
                if any(t.lower_ in _CLAUSE_BREAKS for t in doc[lo:hi]):
                    continue  # "said on Nov. 21 that ...": the date of another event
                if gap <= 10 and (best is None or gap < best[0]):
                    best = (gap, ent)
        if best is None and status in {"signed", "terminated", "completed"} and anchors:
            dates = [e for e in ents if e.label_ == "DATE"]
            if len(dates) == 1:
                return dates[0]  # the one date of a sentence that states the event
        return best[1] if best else None

    def _missions(self, doc: Doc, ents: list[Span]) -> list[dict[str, str]]:
        out: list[dict[str, str]] = []
        for ent in ents:
            if ent.label_ != "MISSION":
                continue
            if self._time_reference(doc, ent):
                continue
            if is_vehicle(self.lexicon, ent.ent_id_):
                # "the space shuttle Columbia lifted off on a research flight": the flight
                flight = self._flight(doc)
                if flight is not None and flight not in out:
                    out.append(flight)
                continue
            if self._in_context_clause(doc, ent):
                continue
            if _in_apposition(doc, ent, ents):
                continue  # "HALO, the first crew cabin of the agency's planned Gateway"
            if _describes_org(doc, ent, ents):
                continue  # "Lavochkin, the company that built the Vega probes": its record
            if self._type(ent.ent_id_) == "programme" and any(
                e.start == ent.end and e.label_ == "MISSION" for e in ents
            ):
                continue  # "Europe's ExoMars Rosalind Franklin mission": the specific one
            mission = self._mission(ent)
            if mission not in out:
                out.append(mission)
        return out

    def _flight(self, doc: Doc) -> dict[str, str] | None:
        """The flight a vehicle named in ``doc`` stands for: the one mission of type
        ``mission`` the article names ("STS-107" beside "Columbia"), else ``None``."""
        flights = {
            e.ent_id_: e
            for e in doc.ents
            if e.label_ == "MISSION" and self._type(e.ent_id_) == "mission"
        }
        return self._mission(next(iter(flights.values()))) if len(flights) == 1 else None

    def _time_reference(self, doc: Doc, ent: Span) -> bool:
        """ "post-ISS", "pre-Artemis": the mission names a time, not an object."""
        return (
            ent.start >= 2
            and doc[ent.start - 1].text == "-"
            and doc[ent.start - 2].lower_ in self._blocked_prefixes
        )

    def _mission(self, ent: Span) -> dict[str, str]:
        entry = self.lexicon.missions.get(ent.ent_id_)
        return {"id": ent.ent_id_, "name": entry.name if entry else ent.text}

    def _in_context_clause(self, doc: Doc, ent: Span) -> bool:
        """True after "given", "following"...: the mission is background, not the object."""
        i = ent.start - 1
        while (
            i >= ent.sent.start
            and doc[i].text not in {",", ";", ":", "(", "—", "–", ".", "!", "?"}
            and "\n" not in doc[i].text
        ):
            if doc[i].lower_ in self._context_markers:
                return True
            i -= 1
        return False

    def _nearest_missions(
        self, doc: Doc, ents: list[Span], local: list[Span], allowed: list[dict[str, str]]
    ) -> list[dict[str, str]]:
        """For local cues ("X supported by Y"): the mission just before, else just after."""
        out: list[dict[str, str]] = []
        mission_ents = [e for e in ents if e.label_ == "MISSION" and self._mission(e) in allowed]
        for cue in local:
            before = [e for e in mission_ents if e.end <= cue.start and cue.start - e.end <= 8]
            after = [e for e in mission_ents if e.start >= cue.end and e.start - cue.end <= 8]
            pick = before[-1] if before else (after[0] if after else None)
            if pick is not None and self._mission(pick) not in out:
                out.append(self._mission(pick))
        return out or allowed

    def _partner(self, entity_id: str, kind: str) -> dict[str, str]:
        org = self.lexicon.orgs.get(entity_id)
        return {"id": entity_id, "name": org.name if org else entity_id, "kind": kind}


def _dateline_end(text: str) -> int:
    from .entity_filter import _DATELINE

    found = _DATELINE.match(text[:200])
    return found.end() if found else 0


def _signatory_dates(ents: list[Span]) -> dict[str, Span]:
    """Each signatory's own date ("India signed in June and Argentina in July"): the first
    date within six tokens after the country, when the sentence gives several dates."""
    dates = [e for e in ents if e.label_ == "DATE"]
    if len(dates) < 2:
        return {}
    out: dict[str, Span] = {}
    for ent in ents:
        if ent.label_ != "GOVERNMENT":
            continue
        after = [d for d in dates if 0 <= d.start - ent.end <= 6]
        if after:
            out.setdefault(str(ent.ent_id_), after[0])
    return out


def _describes(ents: list[Span], child: str, parent: str) -> bool:
    """The parent is first named in an apposition right after the child ("NSIL, the commercial
    arm of ISRO"): a comma follows a mention of the child and the parent comes within eight
    tokens."""
    first_parent = next((e for e in ents if e.ent_id_ == parent), None)
    if first_parent is None:
        return False
    before = [e for e in ents if e.ent_id_ == child and e.end <= first_parent.start]
    if not before:
        return False
    doc = first_parent.doc
    between = doc[before[-1].end : first_parent.start]
    return len(between) <= 8 and any(t.text == "," for t in between[:3])


def _quoted(doc: Doc, unit: Unit) -> set[int]:
    """Token positions inside quotation marks in the unit (an unclosed quote runs to its end)."""
    inside: set[int] = set()
    opened: int | None = None
    for i in range(unit.start, unit.end):
        text = doc[i].text
        if text in {"“", '"'} and opened is None:
            opened = i
        elif text in {"”", '"'} and opened is not None:
            inside.update(range(opened, i + 1))
            opened = None
    if opened is not None:
        inside.update(range(opened, unit.end))
    return inside


def _full_stop(doc: Doc, i: int, sent_end: int) -> bool:
    """A period token of its own, then a space and a capitalised word: a sentence end.

    The tokenizer keeps abbreviations whole ("Nov.", "U.S."), so a lone "." ends a sentence.
    """
    if doc[i].text not in {".", "!", "?"} or not doc[i].whitespace_ or i + 1 >= sent_end:
        return False
    nxt = doc[i + 1]
    return nxt.is_title or nxt.is_upper or nxt.text in {"“", '"'}


#: tags of the words that may stand between names in a list of parties ("the U.S. Naval ...")
_LIST_TAGS = frozenset({"DT", "CC", ",", "-LRB-", "-RRB-", "POS", "NNP", "NNPS", "HYPH", "JJ"})


def _in_apposition(doc: Doc, ent: Span, ents: list[Span]) -> bool:
    """The mission is named inside a description of another mission ("HALO, the first crew
    cabin of the agency's planned Gateway", "MMX, a mission to Phobos led by JAXA" does not
    apply: no mission there): a noun phrase opened by a comma and an article right after the
    other mission, with no verb before this one."""
    for other in ents:
        if other.label_ != "MISSION" or other.end > ent.start or other.ent_id_ == ent.ent_id_:
            continue
        i = other.end
        if i < ent.start and doc[i].text == ")":
            i += 1
        if i + 1 >= ent.start or doc[i].text != "," or doc[i + 1].lower_ not in _ARTICLES:
            continue
        between = doc[i + 1 : ent.start]
        if any(
            (t.tag_.startswith("VB") and t.tag_ != "VBN") or t.text in {",", ";"} for t in between
        ):
            continue
        if any(t.lower_ == "of" for t in between):
            return True
    return False


def _org_follows(doc: Doc, i: int) -> bool:
    """An organisation starts at ``i``, after articles, possessives and country names
    ("with Russia's Khrunichev", "with the German Aerospace Center")."""
    while i < len(doc) and (
        doc[i].tag_ in {"DT", "POS"}
        or doc[i].ent_type_ == "GOVERNMENT"
        or (doc[i].tag_ == "NNP" and not doc[i].ent_type_)
    ):
        i += 1
    return i < len(doc) and doc[i].ent_type_ in ORG_LABELS


def _describes_org(doc: Doc, ent: Span, ents: list[Span]) -> bool:
    """The mission is named in a relative clause that describes an organisation ("the
    Lavochkin Association, the company that built the Vega probes"): an organisation, a comma,
    an article, a noun, then 'that', 'which' or 'whose' before the mission, with no other comma."""
    i = ent.start - 1
    while i > ent.sent.start and doc[i].text not in {",", ";", "(", "—", "–"}:
        i -= 1
    if doc[i].text != "," or i < 1 or doc[i - 1].ent_type_ not in ORG_LABELS:
        return False
    phrase = doc[i + 1 : ent.start]
    return (
        len(phrase) >= 3
        and phrase[0].lower_ in _ARTICLES
        and any(t.lower_ in {"that", "which", "whose"} for t in phrase[2:])
    )


def _named_only_after(scope_end: int, partners: list[tuple[str, str]], ents: list[Span]) -> bool:
    """A partner the sentence names only after its own statement ends, in the relative clause
    that follows: that clause states the partner's contract, so a formal status there counts."""
    ids = {p[0] for p in partners}
    before = {e.ent_id_ for e in ents if e.label_ in ORG_LABELS and e.start < scope_end}
    return any(
        e.label_ in ORG_LABELS and e.start >= scope_end and e.ent_id_ in ids - before for e in ents
    )


def _partner_relative(scope_end: int, partners: list[tuple[str, str]], ents: list[Span]) -> bool:
    """The scope ends at a relative clause right after a partner's name ("Thales Alenia Space,
    which signed its own contract with OHB"): what the clause states is the partner's own."""
    ids = {p[0] for p in partners}
    return any(
        e.label_ in ORG_LABELS and e.ent_id_ in ids and scope_end - 2 <= e.end <= scope_end
        for e in ents
    )


#: After the comma that closes a relative clause, these tags say the main clause goes on
#: (a preposition or a finite verb: ", which weighs 4.1 tons, on its platform").
_RESUMING_TAGS = FINITE_TAGS | {"IN"}


def _closed_aside(doc: Doc, unit: Unit, start: int, opened: list[int]) -> bool:
    """The relative clause opened at token ``start`` (", which") closes with a comma, before
    any semicolon and before another clause in ``opened`` begins, and the main clause resumes
    after that comma."""
    close = next((i for i in range(start + 2, unit.end - 1) if doc[i].text in {",", ";"}), None)
    if close is None or doc[close].text != "," or doc[close + 1].tag_ not in _RESUMING_TAGS:
        return False
    return not any(start < other < close for other in opened)


def _with_objects(ents: list[Span]) -> list[Span]:
    """The organisations named as objects of 'with' ("with JAXA", "with the United Nations
    Office ..."), in order."""
    out = []
    for ent in ents:
        i = ent.start - 1
        if i >= 0 and ent.doc[i].lower_ == "the":
            i -= 1
        if ent.label_ in ORG_LABELS and i >= 0 and ent.doc[i].lower_ == "with":
            out.append(ent)
    return out


_ASIDE_WORDS = 6  # how far past the window a comma aside may reach ("named Lunar Cruiser")


def _aside_end(doc: Doc, comma: int, limit: int) -> int | None:
    """The closing comma, before ``limit``, of an aside opened at ``comma`` that holds no
    finite verb and no other punctuation (", named Lunar Cruiser,"); else None."""
    for k in range(comma + 1, min(limit, len(doc))):
        if doc[k].text == ",":
            return k if k > comma + 1 else None
        if doc[k].is_punct or "\n" in doc[k].text or doc[k].tag_ in FINITE_TAGS:
            return None
    return None


def _partner_subject(clause: Span, partners: dict[int, Span]) -> bool:
    """A partner named before the clause's first finite verb, which the clause has: the
    partner is its subject (the tagger's view; the pipeline runs no parser)."""
    named = False
    for token in clause:
        if token.i in partners:
            named = True
        if token.tag_ in FINITE_TAGS:
            return named
    return False


def _char_bounds(doc: Doc, unit: Unit) -> tuple[int, int]:
    """The unit's character offsets without surrounding white space: a finding's evidence."""
    span = doc[unit.start : unit.end]
    text = span.text
    return span.start_char + len(text) - len(text.lstrip()), span.start_char + len(text.rstrip())


def _orgs_up_to_verb(doc: Doc, start: int, stop: int, orgs: dict[int, Span]) -> set[str]:
    """Ids of the organisations (``orgs`` by start token) from doc position ``start`` to the
    next finite verb or semicolon, at most to ``stop``: the rivals after "ahead of rival bids
    from", the owners after "the joint venture of"."""
    out: set[str] = set()
    j = start
    while j < stop and doc[j].tag_ not in FINITE_TAGS and doc[j].text != ";":
        if j in orgs:
            out.add(orgs[j].ent_id_)
            j = orgs[j].end
            continue
        j += 1
    return out


def _first_mentions(ents: list[Span]) -> dict[str, int]:
    """Organisation id -> token position of its first mention in ``ents``."""
    first: dict[str, int] = {}
    for ent in ents:
        if ent.label_ in ORG_LABELS:
            first.setdefault(ent.ent_id_, ent.start)
    return first


def _coordinated(ents: list[Span]) -> list[set[str]]:
    """Organisations listed together ("Blue Origin, Nanoracks and Northrop Grumman", "NASA, the
    European Space Agency (ESA) and JAXA"): runs of names joined only by commas, "and", "or",
    an article or a bracketed acronym; each run as a set of ids."""
    orgs = [e for e in ents if e.label_ in ORG_LABELS]
    runs: list[set[str]] = []
    previous: Span | None = None
    for ent in orgs:
        doc = ent.doc
        glue = doc[previous.end : ent.start] if previous is not None else None
        if glue is not None and all(t.lower_ in _LIST_GLUE for t in glue):
            runs[-1].add(ent.ent_id_)
        else:
            runs.append({ent.ent_id_})
        previous = ent
    return [run for run in runs if len(run) > 1]


def _star_split(
    pairs: list[tuple[list[tuple[str, str]], dict[str, str] | None]],
    ents: list[Span],
    changed: dict[tuple[frozenset[str], str | None], str],
    keep_unlisted: bool = False,
) -> list[tuple[list[tuple[str, str]], dict[str, str] | None]]:
    """Three or more parties with no joint cue are bilateral records with one hub
    (docs/annotation.md, "X has worked with both A and B"): "the agency signed agreements with
    A, B and C", "A and B will launch rockets under plans backed by C". The hub is the party
    outside the sentence's longest list of names (the first named of them, a reference first);
    parties all in one list stay one record ("operated by five agencies: ..."). With no such
    list the sentence names them side by side without saying they cooperate as one: no record,
    unless ``keep_unlisted`` (they are named as makers together), or unless all but two of them
    only possess a mission named ("... which Airbus builds under ESA contract for NASA's Orion":
    Airbus and ESA, on no mission those possessors own)."""
    if all(len(partner_set) < 3 for partner_set, _ in pairs):
        return pairs
    runs = _coordinated(ents)
    position = _first_mentions(ents)
    possessors_only, owned = _possessions(ents)
    out: list[tuple[list[tuple[str, str]], dict[str, str] | None]] = []
    for partner_set, mission in pairs:
        ids = {pid for pid, _ in partner_set}
        listed = max((run & ids for run in runs), key=len, default=set())
        outside = [p for p in partner_set if p[0] not in listed]
        if len(partner_set) < 3 or not outside:
            out.append((partner_set, mission))
            continue
        if len(listed) < 2:
            named = [p for p in partner_set if p[0] not in possessors_only]
            if keep_unlisted:
                out.append((partner_set, mission))
            elif len(named) == 2 and (mission is None or mission["id"] not in owned):
                # "Arianespace, from which Hispasat had bought a launch, sent up 36W-1 ... on
                # OHB's SmallGEO platform": the possessor and what it possesses are context
                out.append((named, mission))
                changed[(frozenset(p[0] for p in named), mission["id"] if mission else None)] = (
                    "partner.possessor_dropped"
                )
            continue
        hub = min(outside, key=lambda p: position.get(p[0], -1))
        for party in partner_set:
            if party != hub:
                out.append(([hub, party], mission))
                key = (frozenset({hub[0], party[0]}), mission["id"] if mission else None)
                changed[key] = "partner.star"
    return out


def _possessions(ents: list[Span]) -> tuple[set[str], set[str]]:
    """The organisations every mention of which possesses a mission named next ("OHB's
    SmallGEO"), and the missions they possess."""
    pairs = _possessive_pairs(ents)
    possessing = {org.start for org, _ in pairs}
    orgs = {e.ent_id_ for e in ents if e.label_ in ORG_LABELS} - {
        e.ent_id_ for e in ents if e.label_ in ORG_LABELS and e.start not in possessing
    }
    return orgs, {m.ent_id_ for org, m in pairs if org.ent_id_ in orgs}


def _possessive_pairs(ents: list[Span]) -> list[tuple[Span, Span]]:
    """(organisation, mission) mentions joined by a possessive ("SpaceX's Dragon",
    "Intuitive Machines' Nova-C"), in the missions' order."""
    orgs_ending = {e.end: e for e in ents if e.label_ in ORG_LABELS}
    return [
        (orgs_ending[ent.start - 1], ent)
        for ent in ents
        if ent.label_ == "MISSION"
        and ent.start - 1 in orgs_ending
        and ent.doc[ent.start - 1].lower_ in POSSESSIVE
    ]


def _gap(a: Span, b: Span) -> int:
    """Tokens between two spans (0 when they touch or overlap)."""
    return max(0, a.start - b.end, b.start - a.end)


def _partners_owner(ents: list[Span]) -> str | None:
    """The organisation whose partners a sentence lists ("as NASA's international partners")."""
    for ent in ents:
        if ent.label_ not in ORG_LABELS:
            continue
        doc = ent.doc
        after = doc[ent.end : min(ent.end + 4, len(doc))]
        if (
            len(after)
            and after[0].lower_ in {"'s", "’s"}
            and any(t.lower_ in {"partner", "partners"} for t in after[1:])
        ):
            return str(ent.ent_id_)
    return None


def _between(doc: Doc, ents: list[Span]) -> bool:
    """ "between NASA's MAVEN orbiter ... and ISRO's Mars Orbiter Mission": the first named
    organisation follows 'between', so the owners' missions are related, not listed."""
    first = next((e for e in ents if e.label_ in ORG_LABELS), None)
    return first is not None and first.start > 0 and doc[first.start - 1].lower_ == "between"


def _side_by_side(partners: list[tuple[str, str]], owner_of: dict[str, str]) -> bool:
    """Every partner owns a different mission named in the sentence: a list of owners."""
    owners = list(owner_of.values())
    return len(partners) >= 2 and all(p[0] in owners for p in partners)


def _possessors(ents: list[Span]) -> dict[str, str]:
    """Mission id -> the organisation that possesses it in the sentence ("SpaceX's Dragon")."""
    out: dict[str, str] = {}
    for org, mission in _possessive_pairs(ents):
        out.setdefault(mission.ent_id_, org.ent_id_)
    return out


def _owner_split(
    partners: list[tuple[str, str]],
    missions: list[dict[str, str]],
    owner_of: dict[str, str],
) -> list[tuple[list[tuple[str, str]], dict[str, str] | None]]:
    """ "JAXA is supplying batteries for ESA's ESPRIT and for NASA's HALO": when every mission is
    possessed by a different partner, and other partners possess none, each mission goes to
    its owner and the others (JAXA-ESA on ESPRIT, JAXA-NASA on HALO), not to all of them."""
    owners = [owner_of.get(m["id"]) for m in missions]
    ids = {pid for pid, _ in partners}
    if len(missions) < 2 or None in owners or len(set(owners)) != len(owners):
        return []
    if not set(owners) <= ids:
        return []
    rest = [p for p in partners if p[0] not in owners]
    if not rest:
        return []
    kind = dict(partners)
    return [
        ([*rest, (o, kind[o])], m) for o, m in zip(owners, missions, strict=True) if o is not None
    ]


def _acts(ent: Span) -> bool:
    """A country as the subject of a verb ("Japan will", "the United States and Canada agreed")."""
    doc = ent.doc
    i = ent.end
    while i < len(doc) and (doc[i].lower_ in {"and", ","} or doc[i].ent_type_ == "GOVERNMENT"):
        i += 1
    if i >= len(doc):
        return False
    return doc[i].tag_ == "MD" or (
        doc[i].tag_.startswith("VB") and doc[i].tag_ not in {"VBG", "VBN"}
    )


def _kind_matches(wanted: str, kind: str) -> bool:
    if wanted == "any":
        return True
    if wanted == "agency":
        return kind in {"agency", "intergovernmental"}
    return wanted == kind


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    bounds = []
    start = 0
    for block in text.split("\n\n"):
        bounds.append((start, start + len(block)))
        start += len(block) + 2
    return bounds


def _paragraph_index(bounds: list[tuple[int, int]], char: int) -> int:
    for i, (s, e) in enumerate(bounds):
        if s <= char <= e:
            return i
    return len(bounds) - 1
