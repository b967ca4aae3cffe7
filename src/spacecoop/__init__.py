"""spacecoop: cooperation records between space organisations, extracted from news articles."""

from .about import __version__

__all__ = ["__version__"]
