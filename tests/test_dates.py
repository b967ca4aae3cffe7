"""Date resolution against the publication date (dateparser underneath)."""

from __future__ import annotations

import datetime as dt

import pytest

from spacecoop.dates import resolve

PUB = dt.date(2024, 11, 22)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nov. 20", "2024-11-20"),
        ("November 20, 2024", "2024-11-20"),
        ("May 2024", "2024-05"),
        ("in 2014", "2014"),
        ("2029", "2029"),
        ("next year", "2025"),
        ("late 2025", "2025"),
        ("the 2030s", None),
        ("decades", None),
        ("Friday", "2024-11-22"),  # PUB is a Friday: the weekday of publication is that day
        ("on Tuesday", "2024-11-19"),
        ("earlier this year", "2024"),
        ("last July", "2024-07"),
        ("the end of 2023", "2023"),
        ("mid-2025", "2025"),
        ("the first quarter of 2026", "2026"),
        ("2022-23", None),  # a fiscal span, not a point in time
    ],
)
def test_resolve(text: str, expected: str | None) -> None:
    assert resolve(text, PUB) == expected


def test_relative_dates_need_a_publication_date() -> None:
    assert resolve("Nov. 20", None) is None
    assert resolve("March 2022", None) == "2022-03"
