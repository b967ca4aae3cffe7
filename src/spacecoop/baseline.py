"""The obvious approach, for comparison: stock NER, pairs of ORG/GPE in a cooperation sentence.

No gazetteer, no references, no missions: every pair of ORG or GPE entities in a sentence that
contains a cooperation word gives a record with status ``active`` (``signed`` when the sentence
says signed). It is what every evaluation report sets spacecoop against.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher

from .records import record_id
from .resources import default_patterns_dir
from .rules import load_relation_rules
from .schema import Article, Evidence, Partner, Record


def baseline_records(
    nlp: Language, articles: Iterable[Article], patterns_dir: Path | None = None
) -> list[Record]:
    """Run the naive co-occurrence extractor over ``articles`` with the stock pipeline ``nlp``."""
    rules = load_relation_rules((patterns_dir or default_patterns_dir()) / "relation_rules.json")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for cue in rules.cues:
        if cue.cooperation:
            matcher.add(cue.id, [nlp.make_doc(p) for p in cue.phrases])
    signed = {c.id for c in rules.cues if c.status == "signed"}
    article_list = list(articles)
    out: list[Record] = []
    for article, doc in zip(article_list, nlp.pipe(a.text for a in article_list), strict=True):
        found: dict[frozenset[str], Record] = {}
        for sent in doc.sents:
            hits = matcher(sent.as_doc())
            if not hits:
                continue
            names = sorted(
                {e.text for e in sent.ents if e.label_ in {"ORG", "GPE"}}, key=str.casefold
            )
            status = (
                "signed" if any(nlp.vocab.strings[m] in signed for m, _, _ in hits) else "active"
            )
            text = sent.text.strip()
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            for pair in combinations(names, 2):
                key = frozenset(p.casefold() for p in pair)
                if key in found or len(key) < 2:
                    continue
                found[key] = Record(
                    record_id=record_id(article.id, pair, None),
                    article_id=article.id,
                    partners=[Partner(id=p, name=p, kind="agency") for p in pair],
                    mission=None,
                    status=status,
                    date=None,
                    evidence=[Evidence(text=text, start=start, end=start + len(text))],
                    rules=["baseline.cooccurrence"],
                )
        out.extend(found.values())
    return out
