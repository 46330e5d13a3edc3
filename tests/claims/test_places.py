from __future__ import annotations

import pytest

from crosscheck.claims.places import nested


@pytest.mark.parametrize(
    ("inner", "outer"),
    [
        ("Kabul", "Afghanistan"),
        ("Dallas", "Texas"),
        ("Dallas", "U.S."),  # through its state, and the alias
        ("Moscow", "Russia"),  # the largest Moscow, not Idaho's
        ("Texas", "America"),
        ("Paris", "Europe"),
    ],
)
def test_a_place_lies_in_its_regions(inner: str, outer: str) -> None:
    assert nested(inner, outer)
    assert nested(outer, inner)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Kabul", "India"), ("Moscow", "Washington"), ("Flint", "Saudi Arabia"), ("Paris", "Germany")],
)
def test_places_apart_are_not_nested(a: str, b: str) -> None:
    assert not nested(a, b)
