"""Organisations the gazetteer does not list, recognised by the statistical model and their form.

New companies, institutes and offices appear in the news every week; the gazetteer cannot list
them all. The statistical model tags many of them as ``ORG``, together with places, events and
programmes. This component keeps an ``ORG`` name when one of its words says what kind of
organisation it is (rule data in ``entity_rules.json``, ``open_organisations``): "University of
Geneva" and "German SOFIA Institute" become ``INSTITUTION``, "Malin Space Science Systems" and
"China Development Bank" ``COMPANY``, "Bangladesh Telecommunication Regulatory Commission"
``AGENCY``.

The id of a new organisation is its acronym when one follows in brackets or after ", or"
("... Commission (BTRC)"), else its name without a leading article or a trailing legal suffix ("Inc."); later
mentions of that acronym are tagged too. Gazetteer entities always win: a name touching one is
left alone. It runs after ``spacecoop_open_missions``.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .open_missions import acronym_after
from .patterns import ORG_LABELS, POSSESSIVE
from .resources import default_patterns_dir
from .rules import OpenOrganisationRules, load_entity_rules

_LEADING = frozenset({"the", "a", "an"})
_CONNECTORS = frozenset({"of", "for", "de", "on", "in"})  # "University of Geneva"
_POSSESSIVE_NOUNS = frozenset({"agency", "company", "firm", "government", "country"})


class OpenOrganisations:
    """Tag organisations outside the gazetteer (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, *, patterns_dir: str | None = None) -> None:
        directory = Path(patterns_dir) if patterns_dir else default_patterns_dir()
        self.rules: OpenOrganisationRules = load_entity_rules(
            directory / "entity_rules.json"
        ).open_organisations
        self._label_of: dict[str, str] = {}
        for label, words in (
            ("AGENCY", self.rules.agency),
            ("COMPANY", self.rules.company),
            ("INSTITUTION", self.rules.institution),
        ):
            self._label_of.update(dict.fromkeys(words, label))
        self._suffixes = frozenset(self.rules.legal_suffixes)

    def __call__(self, doc: Doc) -> Doc:
        if not self._label_of:
            return doc
        taken = {i for ent in doc.ents if ent.ent_id_ for i in range(ent.start, ent.end)}
        found: list[Span] = []
        acronyms: dict[str, tuple[str, str]] = {}
        for ent in doc.ents:
            if ent.label_ == "ORG" and not any(i in taken for i in range(ent.start, ent.end)):
                found.extend(self._named(doc, ent, taken, acronyms))
        for token in doc:  # later mentions of an acronym introduced in brackets
            if token.text in acronyms and token.i not in taken:
                label, org_id = acronyms[token.text]
                found.append(Span(doc, token.i, token.i + 1, label=label, span_id=org_id))
        if not found:
            return doc
        keep = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in found)]
        doc.ents = filter_spans([*keep, *found])
        return doc

    def _named(
        self, doc: Doc, ent: Span, taken: set[int], acronyms: dict[str, tuple[str, str]]
    ) -> list[Span]:
        """ "the Korea Institute of Geoscience and Mineral Resources (KIGAM)": the name and its
        acronym, when a word of the name says what it is."""
        start = ent.start
        while start < ent.end and doc[start].lower_ in _LEADING:
            start += 1
        end = ent.end
        if doc[end - 1].text in {"'s", "’s"}:
            end -= 1
        words = doc[start:end]
        if len(words) < 2 or not words[0].text[:1].isupper():
            return []
        label = next(
            (
                self._label_of[t.text]
                for t in words
                if t.text in self._label_of
                and (t.i == end - 1 or doc[t.i + 1].lower_ in _CONNECTORS)
            ),
            None,
        )  # "Association Agreement" is no association
        if label is None or _owned(doc, ent.start) or _apposed(doc, ent.start):
            return []
        at = acronym_after(doc, end)
        if at is not None and at in taken:
            known = doc[at]  # "National Institute for Nuclear Physics (INFN)": a known name
            if known.ent_type_ in ORG_LABELS and known.ent_id_:
                return [Span(doc, start, end, label=known.ent_type_, span_id=known.ent_id_)]
            at = None
        name_end = end
        while name_end - 1 > start and doc[name_end - 1].text in self._suffixes:
            name_end -= 1
        if doc[name_end - 1].text == ",":
            name_end -= 1  # "Acme Space, Inc."
        org_id = doc[at].text if at is not None else doc[start:name_end].text
        spans = [Span(doc, start, end, label=label, span_id=org_id)]
        if at is not None:
            acronyms[org_id] = (label, org_id)
            spans.append(Span(doc, at, at + 1, label=label, span_id=org_id))
        return spans


def _owned(doc: Doc, start: int) -> bool:
    """ "NASA's Science Mission Directorate", "Russia's Federal Space Agency", "the agency's
    Space Technology Mission Directorate": a unit or another name of an organisation already
    named, not a new partner."""
    if start < 2 or doc[start - 1].text not in POSSESSIVE:
        return False
    owner = doc[start - 2]
    return owner.tag_ in {"NNP", "NNPS"} or owner.lower_ in _POSSESSIVE_NOUNS


def _apposed(doc: Doc, start: int) -> bool:
    """ "Rosaviakosmos, the Russian Aviation and Space Agency,": another name of the known
    organisation before the comma."""
    return start >= 2 and doc[start - 1].text == "," and doc[start - 2].ent_type_ in ORG_LABELS
