"""Rule and pattern files, installed as the ``spacecoop.data`` resource package."""
