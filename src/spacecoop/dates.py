"""Resolve a date expression against the article's publication date, with ``dateparser``.

Only expressions that name a point in time at day, month or year precision resolve; vague spans
("the 2030s", "late 2025") resolve to a year only when a year is written, decades never.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

_DECADE = re.compile(r"\b\d{3}0s\b|\bdecade\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_LEADING = re.compile(
    r"^(the|on|in|by|since|early|late|mid|mid-|around|earlier|later|the end of|the start of|"
    r"the beginning of|the first half of|the second half of|the (?:first|second|third|fourth) "
    r"quarter of)\s+",
    re.IGNORECASE,
)
_MID = re.compile(r"^mid-(?=\w)", re.IGNORECASE)
_RANGE = re.compile(r"\b(1[89]|20)\d\d\s*[-–/]\s*\d{2,4}\b")
_LAST_MONTH = re.compile(
    r"^last\s+(january|february|march|april|may|june|july|august|september|october|november|"
    r"december)$",
    re.IGNORECASE,
)


@lru_cache(maxsize=64)
def _parser(published: dt.date | None) -> Any:
    from dateparser.date import DateDataParser  # slow import: only when a date needs resolving

    base = dt.datetime.combine(published, dt.time(12)) if published else dt.datetime(2000, 1, 1)
    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
    }
    return DateDataParser(languages=["en"], settings=settings)


def resolve(text: str, published: dt.date | None) -> str | None:
    """Return ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` for ``text``, or ``None``.

    Relative expressions ("Nov. 20", "Tuesday", "next year") need ``published``; without it they
    do not resolve. A bare day-month or weekday is taken as the most recent such day on or
    before publication, since news reports past events by default.
    """
    cleaned = text.strip()
    if not cleaned or _DECADE.search(cleaned):
        return None
    if _RANGE.search(cleaned):
        return None  # "2022-23", "2024–2026": a span, not a point in time
    while True:
        stripped = _MID.sub("", _LEADING.sub("", cleaned))
        if stripped == cleaned:
            break
        cleaned = stripped
    if re.fullmatch(r"(1[89]\d\d|20\d\d)", cleaned):
        return cleaned
    month = _LAST_MONTH.match(cleaned)
    if month:
        cleaned = month.group(1)  # "last July": the most recent July, as a bare month is
    if cleaned.casefold() in _WEEKDAYS and published is not None:
        # dateparser takes a bare weekday strictly before its base (a week back when the article
        # appeared on that weekday); the guideline wants the most recent one *on or before*.
        back = (published.weekday() - _WEEKDAYS.index(cleaned.casefold())) % 7
        return (published - dt.timedelta(days=back)).isoformat()
    has_year = bool(_YEAR.search(cleaned))
    if not has_year and published is None:
        return None
    data = _parser(published).get_date_data(cleaned)
    if data is None or data.date_obj is None:
        years = _YEAR.findall(cleaned)
        return years[0] if len(set(years)) == 1 else None  # "the end of fiscal 2023"
    when: dt.datetime = data.date_obj
    period = data.period or "day"
    if period == "year" or (period == "month" and not re.search(r"[A-Za-z]{3}", cleaned)):
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        return None
    return when.date().isoformat()
