from __future__ import annotations

import pytest

from crosscheck.claims.names import same_entity


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong In", "Kim Jong Un"),
        ("Kim Jong-un", "Kim Jong Un"),
        ("Mr. Kim", "Kim Jong Un"),
        ("DPRK", "North Korea"),
        ("United States", "America"),
        ("U.S.", "United States"),
        ("North Korean", "North Korea"),
        ("Russian Federation", "Russia"),
        ("Ukrainian", "Ukraine"),
        ("German", "Germany"),
        ("Dutch", "Netherlands"),
        ("British", "United Kingdom"),
        ("Turkish", "Türkiye"),
        ("President Joe Biden", "Biden"),
        ("Deytsche Welle", "Deutsche Welle"),
        ("IMF", "International Monetary Fund"),
        ("NOAA", "National Oceanic and Atmospheric Administration"),
        ("U. K.", "United Kingdom"),
        ("Fla.", "Florida"),
        ("UN General Assembly", "United Nations General Assembly"),
        ("the US Open", "the United States Open"),
        ("the Islamic Republic", "Iran"),
        ("Americans", "American"),
    ],
)
def test_same_entity_aliases_and_variants(a: str, b: str) -> None:
    assert same_entity(a, b)
    assert same_entity(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("North Korea", "South Korea"),
        ("Near East Asia", "Northeastern Asian"),
        ("Moscow", "Ukraine"),
        ("Iran", "Iraq"),
        ("Austria", "Australia"),
        ("Austrian", "Australia"),
        ("German", "France"),
        ("Swedish", "Swiss"),
        ("East Germany", "West Germany"),
        ("Pelosi", "Biden"),
        ("UN Security Council", "United Nations General Assembly"),
        ("US Senate", "United Kingdom Senate"),
    ],
)
def test_same_entity_keeps_different_entities_apart(a: str, b: str) -> None:
    assert not same_entity(a, b)
