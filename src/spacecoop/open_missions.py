"""Missions the gazetteer does not list, recognised by their form.

New missions and instruments appear in the news every week; the gazetteer cannot list them all.
This component tags two forms the statistical model misses or mislabels, by rule data in
``entity_rules.json`` (``open_missions``):

- a capitalised name ending in a head word such as "Spectrometer", "Imager" or "Observatory",
  with its bracketed acronym when one follows ("the Emirates Mars InfraRed Spectrometer
  (EMIRS)"), and later mentions of that acronym;
- a hyphenated designator with a number ("NG-20", "STS-134", "Longjiang-2") right before a
  mission noun ("the NG-20 mission"), one lower-case word before it ("the Amos-6
  communications satellite") or described by one in apposition ("LOXSAT, a small flight
  demonstration" does not qualify: no number); once so licensed, each of its mentions.

Gazetteer entities always win: a span touching one is left alone. The id of a new mission is its
acronym when it has one, else its name as written. It runs after ``spacecoop_entity_filter``.
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .resources import default_patterns_dir
from .rules import OpenMissionRules, load_entity_rules

_DESIGNATOR = re.compile(r"^[A-Z][A-Za-z]{1,15}-\d{1,3}[A-Z]?$")
_LEADING = {"the", "a", "an", "its", "their", "this", "that", "our"}
_CONNECTORS = {"of", "for", "and", "de", "at"}


class OpenMissions:
    """Tag missions outside the gazetteer by their form (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, *, patterns_dir: str | None = None) -> None:
        directory = Path(patterns_dir) if patterns_dir else default_patterns_dir()
        self.rules: OpenMissionRules = load_entity_rules(
            directory / "entity_rules.json"
        ).open_missions
        self._heads = frozenset(self.rules.heads)
        self._nouns = frozenset(w.lower() for w in self.rules.designator_nouns)

    def __call__(self, doc: Doc) -> Doc:
        if not self._heads and not self._nouns:
            return doc
        taken = {  # gazetteer entities and dates; statistical guesses may be replaced
            i
            for ent in doc.ents
            if ent.ent_id_ or ent.label_ == "DATE"
            for i in range(ent.start, ent.end)
        }
        found: list[Span] = []
        acronyms: dict[str, str] = {}
        designators = {t.text for t in doc if _DESIGNATOR.match(t.text) and self._licensed(doc, t)}
        for token in doc:
            if token.text in self._heads:
                found.extend(self._named(doc, token, taken, acronyms))
            elif token.text in designators and token.i not in taken:
                # every mention of a designator licensed once: "the Amos-6 communications
                # satellite" ... "capacity on Amos-6"
                found.append(Span(doc, token.i, token.i + 1, label="MISSION", span_id=token.text))
        for token in doc:  # later mentions of an acronym introduced in brackets
            if token.text in acronyms and token.i not in taken:
                found.append(
                    Span(doc, token.i, token.i + 1, label="MISSION", span_id=acronyms[token.text])
                )
        if not found:
            return doc
        found = [s for s in found if not any(i in taken for i in range(s.start, s.end))]
        keep = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in found)]
        doc.ents = filter_spans([*keep, *found])
        return doc

    def _named(
        self, doc: Doc, head: Token, taken: set[int], acronyms: dict[str, str]
    ) -> list[Span]:
        """ "Emirates Mars InfraRed Spectrometer (EMIRS)": the name and its acronym."""
        sent_start = head.sent.start
        nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
        if nxt is not None and nxt.is_alpha and nxt.text[:1].isupper():
            return []  # "Polar Satellite Launch Vehicle": the name goes on, the head is inside
        start = head.i
        i = head.i - 1
        while i >= sent_start and i not in taken:
            word = doc[i]
            if _capitalised(word):
                start = i
            elif word.text == "-" and not word.whitespace_ and i - 1 >= sent_start:
                pass  # "Low-Frequency Explorer"
            elif word.lower_ in _CONNECTORS and i - 1 >= sent_start and _capitalised(doc[i - 1]):
                pass
            else:
                break
            i -= 1
        if i >= sent_start and doc[i].text == ")" and i - 1 >= sent_start:
            i -= 1  # "Global Precipitation Measurement (GPM) Core Observatory"
        if i >= sent_start and i in taken and doc[i].ent_type_ == "MISSION":
            return []  # "the GPM Core Observatory": more of a listed mission's name
        while start < head.i and doc[start].lower_ in _LEADING | _CONNECTORS:
            start += 1
        if head.i - start < 1 or any(i in taken for i in range(start, head.i + 1)):
            return []
        end = head.i + 1
        if end + 1 < len(doc) and doc[end].lower_ in {"for", "of"} and _capitalised(doc[end + 1]):
            tail = end + 1  # "Advanced Small Analyzer for Neutrals"
            while tail < min(len(doc), end + 5) and _capitalised(doc[tail]) and tail not in taken:
                tail += 1
            end = tail
        at = acronym_after(doc, end)
        if at is not None and at in taken:  # "..., or VIR,": a listed mission's full name
            known = doc[at]
            if known.ent_type_ == "MISSION" and known.ent_id_:
                return [Span(doc, start, end, label="MISSION", span_id=known.ent_id_)]
            at = None
        name = doc[start:end].text
        mission_id = doc[at].text if at is not None else name
        spans = [Span(doc, start, end, label="MISSION", span_id=mission_id)]
        if at is not None:
            acronyms[mission_id] = mission_id
            spans.append(Span(doc, at, at + 1, label="MISSION", span_id=mission_id))
        return spans

    def _licensed(self, doc: Doc, token: Token) -> bool:
        """A designator is a mission when a mission noun follows it, directly, after one
        lower-case word ("the Amos-6 communications satellite") or in an apposition ("NG-20,
        the 20th resupply mission")."""
        nxt = token.i + 1
        if nxt < len(doc) and doc[nxt].lower_ in self._nouns:
            return True
        if nxt + 1 < len(doc) and doc[nxt].is_lower and doc[nxt + 1].lower_ in self._nouns:
            return True
        if (
            nxt + 1 < len(doc)
            and doc[nxt].text == ","
            and doc[nxt + 1].lower_ in {"a", "an", "the"}
        ):
            window = doc[nxt + 2 : min(len(doc), nxt + 8, token.sent.end)]
            return any(t.lower_ in self._nouns for t in window)
        return False


def _capitalised(token: Token) -> bool:
    return (token.is_alpha and (token.is_title or token.is_upper or token.text[:1].isupper())) or (
        any(c.isdigit() for c in token.text) and token.text[:1].isalnum()
    )


def acronym_after(doc: Doc, end: int) -> int | None:
    """The position of an acronym introduced right after a name that ends at ``end``:
    "(EMIRS)" or ", or VIR,"; shared with :mod:`spacecoop.open_organisations`."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        return end + 1 if _acronym(doc[end + 1]) else None
    if (
        end + 2 < len(doc)
        and doc[end].text == ","
        and doc[end + 1].lower_ == "or"
        and _acronym(doc[end + 2])
        and (end + 3 == len(doc) or doc[end + 3].text in {",", ".", ";", ")"})
    ):
        return end + 2
    return None


def _acronym(token: Token) -> bool:
    text = token.text
    return 2 <= len(text) <= 10 and sum(c.isupper() for c in text) >= 2 and text[:1].isupper()
