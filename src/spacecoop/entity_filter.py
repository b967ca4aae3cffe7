"""Post-ruler checks on the entities: ambiguity, shared acronyms, places and datelines.

The entity ruler tags every gazetteer form; this component decides which matches stand:

* a mission form that is an ordinary word or name ("Hope", "Gateway", "Juno") stays only with
  context: a mission noun after it, an owner before it ("NASA's Juno", "ESA-led Athena"),
  coordination with another mission, or an unambiguous mention of the same mission elsewhere;
* a mission name followed by "Accords" and the like is not a mission;
* an acronym several organisations share is bound, per article, to the entity whose full name it
  follows in brackets ("Iranian Space Agency (ISA)"), else to the gazetteer's default;
* a country named as a place ("in Tsukuba, Japan") or in the dateline is not a government;
* statistical DATE entities must be calendar expressions, and media outlets are dropped.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .patterns import (
    FINITE_TAGS,
    GAZ_LABELS,
    LABEL_BY_KIND,
    ORG_LABELS,
    POSSESSIVE,
    Lexicon,
    load_lexicon,
)
from .resources import default_patterns_dir
from .rules import EntityRules, load_entity_rules

_DATELINE = re.compile(
    r"\A\s*(?:By [^\n]{1,60}\n+\s*)?[A-Z][A-Za-z0-9 .,'’/-]{1,60}?(?:\s*\([^)\n]{1,30}\))?\s*(?:—|–|--| - )"
)
_OWNER_GLUE = POSSESSIVE | {"-", "led", "built", "run", "operated"}
_TARGET_PREP = frozenset({"to", "toward", "towards", "of", "around", "at"})
_SALIENT = 3  # mentions that make an ambiguous mission name the article's subject
_COORD = frozenset({"and", ",", "or", "&", "as", "well"})
_APPOSITION_WINDOW = 8  # tokens after the comma of an apposition, up to its first punctuation
_CLAUSE_WORDS = frozenset({"who", "which", "that", "whose"})  # the apposition's noun phrase ends


class EntityFilter:
    """Keep, drop or re-bind entity-ruler matches with rules from ``entity_rules.json``."""

    def __init__(self, nlp: Language, name: str, *, patterns_dir: str | None = None) -> None:
        directory = Path(patterns_dir) if patterns_dir else default_patterns_dir()
        self.name = name
        self.rules: EntityRules = load_entity_rules(directory / "entity_rules.json")
        self.lexicon: Lexicon = load_lexicon(directory)
        self._mission_nouns = frozenset(self.rules.mission_nouns)
        self._blocked_next = frozenset(self.rules.blocked_next)
        self._blocked_prev = frozenset(self.rules.blocked_prev)
        self._org_context = frozenset(self.rules.org_context_forms)
        self._context_prev = frozenset(self.rules.context_prev)
        self._org_nouns = frozenset(self.rules.org_nouns)
        self._location_prev = frozenset(self.rules.location_prev)
        self._date_words = frozenset(self.rules.date_words)
        self._stat_block = frozenset(self.rules.stat_org_block)
        self._short_block = frozenset(self.rules.short_form_block)
        self._suffixes = frozenset(self.rules.company_suffixes)
        self._site_words = frozenset(self.rules.site_words)
        self._place_homonyms = frozenset(self.rules.place_homonyms)
        self._mission_modifiers = frozenset(self.rules.mission_modifiers)

    def __call__(self, doc: Doc) -> Doc:
        keep = self.match(doc)
        self.set_annotations(doc, keep)
        return doc

    def match(self, doc: Doc) -> list[Span]:
        """Return the entities that stand, with shared acronyms re-bound."""
        dateline_end = self._dateline_end(doc)
        candidates: list[Span] = []
        for ent in doc.ents:
            label = ent.label_
            if ent.start_char < dateline_end and label in {"GOVERNMENT", "ORG", "GPE"}:
                continue
            if label == "DATE" and not self._calendar(ent):
                continue
            if label == "ORG" and (
                ent.text in self._stat_block or (ent.text.isupper() and len(ent) == 1)
            ):
                continue
            if label == "GOVERNMENT" and (self._is_place(ent) or self._is_attributive(ent)):
                continue
            if label in {"COMPANY", "INSTITUTION"} and self._is_site(ent) and self._is_place(ent):
                continue  # "from NASA's Kennedy Space Center": a field centre named as a place
            if label in ORG_LABELS and _in_designator(ent):
                continue  # "H-IIA": a rocket's designator, not the institute "IIA"
            if label in GAZ_LABELS and label != "MISSION" and self._in_site_name(ent):
                continue  # "Cape Canaveral Space Force Station": a place, not the Space Force
            if label == "MISSION" and self._blocked(ent):
                continue
            if (
                ent.text in self._place_homonyms
                and ent.start > 0
                and doc[ent.start - 1].lower_ == "the"
            ):
                continue  # "the clouds over the Amazon": the river basin, not the company
            candidates.append(ent)
        mentions = {id(ent): ent for ent in candidates}
        confirmed_ids: set[str] = set()
        pending: list[Span] = []
        for ent in candidates:
            if self._needs_context(ent):
                if self._has_context(ent, doc):
                    confirmed_ids.add(ent.ent_id_)
                else:
                    pending.append(ent)
            elif ent.label_ in GAZ_LABELS:
                confirmed_ids.add(ent.ent_id_)
        counts = Counter(ent.ent_id_ for ent in pending)
        has_orgs = any(ent.label_ in ORG_LABELS for ent in candidates)
        for ent in pending:
            # One sense per discourse: keep when the same entity is confirmed elsewhere, or is
            # the article's recurring subject ("Rosetta" five times in a story about ESA).
            if ent.ent_id_ in confirmed_ids:
                continue
            if ent.label_ == "MISSION" and has_orgs and counts[ent.ent_id_] >= _SALIENT:
                continue
            del mentions[id(ent)]
        kept = [self._with_suffix(_name_only(ent)) for ent in candidates if id(ent) in mentions]
        kept = [  # "the French space agency CNES": the name, not the description before it
            ent
            for i, ent in enumerate(kept)
            if i + 1 == len(kept)
            or kept[i + 1].start != ent.end
            or kept[i + 1].ent_id_ != ent.ent_id_
            or not any(t.is_lower for t in ent)
        ]
        return self._short_forms(doc, self._bind_shared(doc, kept))

    def _with_suffix(self, ent: Span) -> Span:
        """A company's span with the legal-form word right after it ("Orbital Sciences Corp."),
        as the name is written; the annotation marks it so."""
        doc = ent.doc
        if (
            ent.label_ in {"COMPANY", "INSTITUTION"}
            and ent.end < len(doc)
            and doc[ent.end].text in self._suffixes
            and not doc[ent.end].ent_type_
        ):
            return Span(doc, ent.start, ent.end + 1, label=ent.label_, span_id=ent.ent_id_)
        return ent

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        """Replace ``doc.ents`` with the spans that stand."""
        doc.set_ents(spans, default="outside")

    # -- checks ---------------------------------------------------------------------------------

    def _dateline_end(self, doc: Doc) -> int:
        found = _DATELINE.match(doc[:60].text)
        return found.end() if found else 0

    def _calendar(self, ent: Span) -> bool:
        """A number or calendar word, and no proper noun that is not one ("an Ariane 5")."""
        if any(t.tag_ in {"NNP", "NNPS"} and t.lower_ not in self._date_words for t in ent):
            return False
        return any(
            t.is_digit or (t.like_num and t.text[:1].isdigit()) or t.lower_ in self._date_words
            for t in ent
        )

    def _is_place(self, ent: Span) -> bool:
        doc = ent.doc
        if ent.start == 0:
            return False
        if (
            ent.end < len(doc)
            and doc[ent.end].tag_ in FINITE_TAGS
            and doc[ent.start - 1].lower_ in {"and", ","}
        ):
            return False  # "in Dubai, and Romania followed": a new subject, not a list of places
        i = ent.start - 1
        # walk back over a list of places ("in Europe and India"), a "the" and an owner
        # ("from NASA's Kennedy Space Center")
        while i > 0 and (
            doc[i].lower_ in {"and", ",", "the", "'s", "’s"}
            or doc[i].ent_type_ in {"GOVERNMENT", "GPE", "LOC", "AGENCY"}
        ):
            if doc[i].lower_ == "the" and doc[i - 1].lower_ not in self._location_prev:
                break
            i -= 1
        prev = doc[i]
        if prev.lower_ in self._location_prev:
            # "signed for Nigeria": the state a minister signs for is a party
            return not (prev.lower_ == "for" and i > 0 and doc[i - 1].lower_ in {"signed", "signs"})
        # "Tsukuba, Japan": a capitalised place name, then a comma, then the country.
        if doc[ent.start - 1].text == "," and ent.start >= 2:
            before = doc[ent.start - 2]
            return before.is_title and not before.is_sent_start and before.ent_type_ != "GOVERNMENT"
        return False

    def _is_site(self, ent: Span) -> bool:
        """A name that also names a place ("Kennedy Space Center", "Spaceport Cornwall")."""
        return any(t.text in self._site_words for t in ent)

    def _in_site_name(self, ent: Span) -> bool:
        """Part of a longer place name ("Cape Canaveral Space Force Station", "Vandenberg
        Space Force Base"): the next word is a capitalised site word."""
        return ent.end < len(ent.doc) and ent.doc[ent.end].text in self._site_words

    def _is_attributive(self, ent: Span) -> bool:
        """ "Japan's", "U.S. contributions": a modifier, not the state acting."""
        doc = ent.doc
        if ent.end >= len(doc):
            return False
        nxt = doc[ent.end]
        if nxt.text in POSSESSIVE:
            return True
        if _attached_hyphen(doc[ent.end - 1], nxt):
            return True  # "the annual India-Russia summit", "U.S.-India ties": a compound modifier
        if ent.start >= 2 and _attached_hyphen(doc[ent.start - 2], doc[ent.start - 1]):
            return True  # the second country of "India-Russia summit"
        if nxt.lower_ == "and" and ent.end + 1 < len(doc):  # "the U.S. and Russian segments"
            after = doc[ent.end + 1]
            if after.ent_type_ not in GAZ_LABELS and after.tag_ == "JJ":
                return True
        return nxt.tag_ in {"NN", "NNS", "JJ", "NNP"} and nxt.ent_type_ not in GAZ_LABELS

    def _blocked(self, ent: Span) -> bool:
        doc = ent.doc
        return ent.end < len(doc) and doc[ent.end].text in self._blocked_next

    def _needs_context(self, ent: Span) -> bool:
        if ent.label_ == "MISSION":
            return ent.text in self.lexicon.context_forms
        return ent.label_ in ORG_LABELS and ent.text in self._org_context

    def _has_context(self, ent: Span, doc: Doc) -> bool:
        prev = doc[ent.start - 1] if ent.start > 0 else None
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if ent.label_ != "MISSION":
            return (
                (nxt is not None and nxt.text in self._org_nouns)
                or (prev is not None and prev.lower_ in {"company", "startup", "firm", "operator"})
                or self._listed_with_org(doc, ent)  # "MaiaSpace, Orbex, PLD Space and RFA"
            )
        if prev is not None and prev.lower_ in self._blocked_prev:
            return False
        if (
            prev is not None
            and prev.lower_ in _TARGET_PREP
            and ent.start >= 2
            and doc[ent.start - 2].lower_ in self._mission_nouns
        ):
            return False  # "the mission to Mercury": a destination, not a mission
        if nxt is not None and nxt.lower_ in self._mission_nouns:
            return True
        if len(ent) > 1 and ent[-1].lower_ in self._mission_nouns:
            return True  # the name as written with its noun: "its Peregrine lander"
        if (
            nxt is not None
            and nxt.lower_ in self._mission_modifiers
            and ent.end + 1 < len(doc)
            and doc[ent.end + 1].lower_ in self._mission_nouns
        ):
            return True  # "its Euclid space telescope"
        if prev is not None and prev.lower_ in self._context_prev:
            return True  # "the lunar Gateway"
        if (
            prev is not None
            and prev.text == ","
            and ent.start >= 2
            and doc[ent.start - 2].lower_ in self._mission_nouns
        ):
            return True  # "its main instrument, Resolve,"
        if nxt is not None and nxt.text == "," and self._appositive_noun(doc, ent.end + 1):
            return True  # an apposition: "Gateway, the NASA-led station"
        if self._has_owner(ent, doc):
            return True
        if (
            prev is not None
            and prev.lower_ in _COORD
            and ent.start >= 2
            and doc[ent.start - 2].ent_type_ == "MISSION"
        ):
            return True
        if nxt is not None and nxt.lower_ in _COORD and ent.end + 1 < len(doc):
            return doc[ent.end + 1].ent_type_ == "MISSION"
        return False

    def _listed_with_org(self, doc: Doc, ent: Span) -> bool:
        """A neighbour across a list comma or conjunction is an organisation that needs no
        context itself ("MaiaSpace, Orbex and PLD Space", not "Planet, Vast and Spire")."""
        neighbours = []
        if ent.start >= 2 and doc[ent.start - 1].lower_ in _COORD:
            neighbours.append(doc[ent.start - 2])
        if ent.end + 1 < len(doc) and doc[ent.end].lower_ in _COORD:
            neighbours.append(doc[ent.end + 1])
        for token in neighbours:
            if token.ent_type_ not in ORG_LABELS:
                continue
            span = next((e for e in doc.ents if e.start <= token.i < e.end), None)
            if span is not None and span.text not in self._org_context:
                return True
        return False

    def _appositive_noun(self, doc: Doc, start: int) -> bool:
        """A mission noun within the phrase after a comma ("Hitomi, a JAXA X-ray observatory")."""
        for token in doc[start : start + _APPOSITION_WINDOW]:
            if token.lower_ in self._mission_nouns:
                return True
            if (token.is_punct and token.text != "-") or token.lower_ in _CLAUSE_WORDS:
                return False
        return False

    def _has_owner(self, ent: Span, doc: Doc) -> bool:
        i = ent.start - 1
        steps = 0
        while i >= 0 and steps < 3 and doc[i].text in _OWNER_GLUE:
            i -= 1
            steps += 1
        return i >= 0 and doc[i].ent_type_ in ORG_LABELS

    def _bind_shared(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Re-bind shared acronyms to the entity whose name they follow in brackets, and an
        acronym of another entity to a name whose initials it spells ("China Earthquake
        Administration (CEA)" is not the French CEA)."""
        claims = self.lexicon.alias_claims
        binding: dict[str, str] = {}
        for first, second in itertools.pairwise(ents):
            shared = second.text in claims and first.ent_id_ in claims[second.text]
            if not shared and not (
                first.label_ in ORG_LABELS
                and second.label_ in ORG_LABELS
                and first.ent_id_ != second.ent_id_
                and second.text == _initials(first)
            ):
                continue
            between = doc[first.end : second.start].text.strip()
            after = doc[second.end : second.end + 1].text.strip()
            if between == "(" and after.startswith(")"):
                binding.setdefault(second.text, first.ent_id_)
        if not binding:
            return ents
        out = []
        for ent in ents:
            target = binding.get(ent.text)
            if target is None or target == ent.ent_id_:
                out.append(ent)
                continue
            out.append(Span(doc, ent.start, ent.end, label=self._label_for(target), span_id=target))
        return out

    def _short_forms(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """After "Firefly Aerospace", a bare "Firefly" is the company: news names a company in
        full once, then by its first word. Only for a first word one company in the article
        claims, not in ``short_form_block``, not followed by another capitalised word
        ("Firefly Alpha", a rocket), and not read by the model as a nationality ("Dutch" after
        "Dutch Space" is the adjective: "a Dutch consortium") or tagged as a country or place
        ("Israel" after "Israel Aerospace Industries")."""
        claims: dict[str, set[str]] = {}
        first_seen: dict[str, int] = {}
        for ent in ents:
            if ent.label_ != "COMPANY" or len(ent) < 2:
                continue
            head = ent[0]
            if head.is_title and not head.is_stop and head.lower_ not in self._short_block:
                claims.setdefault(head.text, set()).add(ent.ent_id_)
                first_seen.setdefault(ent.ent_id_, ent.start)
        short = {word: next(iter(ids)) for word, ids in claims.items() if len(ids) == 1}
        if not short:
            return ents
        fixed = {
            i
            for e in ents
            if e.label_ in GAZ_LABELS or e.label_ == "DATE"
            for i in range(e.start, e.end)
        }
        fixed.update(  # "a Dutch consortium" after "Dutch Space"; "built in Israel" after
            # "Israel Aerospace Industries": a nationality or a country, before filtering
            i
            for e in doc.ents
            if e.label_ in _PLACE_LABELS
            for i in range(e.start, e.end)
        )
        added: list[Span] = []
        for token in doc:
            target = short.get(token.text)
            if target is None or token.i in fixed or token.i < first_seen[target]:
                continue
            following = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if following is not None and (following.is_title or following.like_num):
                continue
            added.append(Span(doc, token.i, token.i + 1, label="COMPANY", span_id=target))
        if not added:
            return ents
        taken = {i for e in added for i in range(e.start, e.end)}
        kept = [e for e in ents if not any(i in taken for i in range(e.start, e.end))]
        return sorted(kept + added, key=lambda e: e.start)

    def _label_for(self, entity_id: str) -> str:
        org = self.lexicon.orgs.get(entity_id)
        return LABEL_BY_KIND[org.kind] if org else "MISSION"


def _initials(ent: Span) -> str:
    """The capitals of a name's capitalised words ("China Earthquake Administration": CEA)."""
    return "".join(t.text[0] for t in ent if t.is_title and not t.is_stop)


_PLACE_LABELS = frozenset({"GOVERNMENT", "GPE", "LOC", "NORP"})


def _name_only(ent: Span) -> Span:
    """A mission's name without the lower-case words the gazetteer name adds after it: "the
    Zvezda service module", "the Perseverance rover" are the missions "Zvezda" and
    "Perseverance" (the annotation marks the name). Kept whole when nothing would be left, when
    the model tags the first word an adjective ("Chinese space station"), or when the words
    follow a hyphen ("StriX-α")."""
    if ent.label_ != "MISSION" or not ent[-1].is_lower:
        return ent
    end = ent.end
    while end > ent.start and ent.doc[end - 1].is_lower:
        end -= 1
    if end == ent.start or ent.doc[ent.start].tag_ == "JJ" or ent.doc[end - 1].text == "-":
        return ent  # nor when the lower-case word ends a designator ("StriX-α")
    return Span(ent.doc, ent.start, end, label=ent.label_, span_id=ent.ent_id_)


def _in_designator(ent: Span) -> bool:
    """The tail of a designator: one letter or digit, a hyphen, then the name ("H-IIA")."""
    if ent.start < 2:
        return False
    head, hyphen = ent.doc[ent.start - 2], ent.doc[ent.start - 1]
    return len(head.text) == 1 and head.text.isalnum() and _attached_hyphen(head, hyphen)


def _attached_hyphen(before: Token, hyphen: Token) -> bool:
    """ "India-Russia": a hyphen with no space on either side."""
    return hyphen.text in {"-", "–"} and not before.whitespace_ and not hyphen.whitespace_
