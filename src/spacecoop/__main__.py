"""Allow ``python -m spacecoop``."""

from .cli import main

main()
