"""Locate the rule and pattern files shipped with the package (``spacecoop.data``, the repository's ``patterns/``)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def default_patterns_dir() -> Path:
    """Return the directory of the packaged ``patterns/`` resources.

    In a development checkout (editable install) this is the repository's ``patterns/`` folder,
    so editing a table there and running ``spacecoop patterns build`` takes effect at once.
    """
    return Path(str(files("spacecoop.data")))
