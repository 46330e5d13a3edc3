from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from crosscheck.claims.dates import DateValue, parse_date
from crosscheck.claims.numbers import parse_quantity


def test_dates_compare_only_the_parts_the_text_fixes() -> None:
    june, august = parse_date("June 15"), parse_date("Monday, August 15")
    assert june and august and june.conflicts(august)
    assert parse_date("August 15").agrees(august)  # type: ignore[union-attr]
    assert not parse_date("in 2022").conflicts(june)  # type: ignore[union-attr]


def test_dates_resolve_anaphora_and_relative_expressions() -> None:
    july = parse_date("in July")
    same_month = parse_date("The same month", previous=july)
    assert same_month == DateValue(month=7)
    assert same_month.conflicts(parse_date("In February"))  # type: ignore[union-attr,arg-type]
    last_week = parse_date("last week", base=date(2022, 8, 16))
    assert last_week is not None and (last_week.year, last_week.month) == (2022, 8)
    assert parse_date("last week") is None  # no publication date: nothing to resolve against


def test_durations_and_ages_are_not_dates() -> None:
    for text in ("69-year-old", "six months", "recent months", "between 2006 and 2017"):
        assert parse_date(text) is None, text


def test_a_date_followed_by_a_duration_keeps_the_date() -> None:
    """spaCy tags "February 6, five days [before the playoff loss]" as one DATE."""
    assert parse_date("February 6, five days") == DateValue(month=2, day=6)
    assert parse_date("2010 until 2012") is None  # a span, not a point in time


def test_quantities_agree_within_hedges_and_scales() -> None:
    assert parse_quantity("about 50").agrees(parse_quantity("50"))  # type: ignore[union-attr,arg-type]
    assert parse_quantity("50").conflicts(parse_quantity("30"))  # type: ignore[union-attr,arg-type]
    assert parse_quantity("1.5 million").agrees(parse_quantity("1,500,000"))  # type: ignore[union-attr,arg-type]
    assert parse_quantity("two dozen").agrees(parse_quantity("24"))  # type: ignore[union-attr,arg-type]
    assert parse_quantity("$4.5 million").conflicts(parse_quantity("$45 million"))  # type: ignore[union-attr,arg-type]
    assert parse_quantity("more than 50").agrees(parse_quantity("60"))  # type: ignore[union-attr,arg-type]
    assert parse_quantity("30%").conflicts(parse_quantity("40%"))  # type: ignore[union-attr,arg-type]


@given(st.integers(min_value=1, max_value=10**9))
def test_quantity_agrees_with_itself_and_conflicts_with_double(n: int) -> None:
    q = parse_quantity(f"{n:,}")
    assert q is not None and q.agrees(parse_quantity(str(n)))  # type: ignore[arg-type]
    assert q.conflicts(parse_quantity(str(n * 2)))  # type: ignore[arg-type]


def test_a_date_is_closer_to_one_that_shares_its_month_than_to_another_month() -> None:
    """'January 17' against 'Jan. 6' (the day changed) and against a Wednesday in July."""
    january = parse_date("January 17")
    same_month = parse_date("Jan. 6")
    wednesday = parse_date("Wednesday", base=date(2021, 7, 8))
    assert january and same_month and wednesday
    assert january.conflicts(same_month) and january.conflicts(wednesday)
    assert january.closeness(same_month) == (1, 2)  # the month agrees, the day does not
    assert january.closeness(wednesday) == (0, 1)  # only the month is compared, and it differs
    assert january.closeness(same_month) > january.closeness(wednesday)
