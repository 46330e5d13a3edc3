"""CopyIndex on real news: each kind of syndicated copy finds its original; independent reports stay apart."""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from conftest import SHARED
from crosscheck.cleaning import clean
from crosscheck.corpus.copies import CopyIndex, _BandIndex
from crosscheck.corpus.dedup import containment, shingles
from crosscheck.model import Article

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `benchmarks` lives beside `src`, not in the package
    sys.path.insert(0, str(ROOT))

from benchmarks._planting import KINDS, plant  # noqa: E402
from benchmarks.stories import detokenize  # noqa: E402

DATA = SHARED / "data"
THRESHOLD = 0.7  # Settings.copy_threshold
# Reports sharing less than this of their 5-grams were written independently (copies share more;
# the rewrite test looks from REWRITE_FLOOR = 0.25 up, so this can fail).
INDEPENDENT = 0.4


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _cleaned(record: dict) -> dict:
    article = clean(Article(id=record["id"], title=record.get("title") or "", text=record["text"]))
    return {**record, "text": article.text}


@pytest.fixture(scope="module")
def allsides() -> dict[str, dict]:
    """AllSides leads by id (`as<line>`): left, centre and right reports of each story."""
    rows = _jsonl(DATA / "allsides_neus" / "allsides_articles_flat.jsonl")
    return {
        f"as{i}": _cleaned({"id": f"as{i}", "title": r["title"], "text": r["text"], "story": r["cluster_id"]})
        for i, r in enumerate(rows)
    }


@pytest.fixture(scope="module")
def ecbplus() -> dict[str, dict]:
    """ECB+ documents of topics 1-12 by file name: several outlets' reports of each event."""
    docs = {}
    for row in _jsonl(DATA / "ecbplus" / "ecbplus_docs.jsonl"):
        if int(row["doc_name"].split("_")[0]) <= 12:
            text = "\n\n".join(detokenize(s) for s in row["sentences"] if "http" not in s)
            docs[row["doc_name"]] = _cleaned(
                {"id": row["doc_name"], "text": text, "story": row["cluster_id"]}
            )
    return docs


@pytest.fixture(scope="module")
def corpus(allsides: dict[str, dict], ecbplus: dict[str, dict]) -> dict[str, dict]:
    return {**dict(list(allsides.items())[:400]), **ecbplus}


def _indexed(records: list[dict], **kw: object) -> tuple[CopyIndex, list[tuple[str, bytes]]]:
    index, rows = CopyIndex(threshold=THRESHOLD, **kw), []
    for record in records:
        signature = index.signature(record["text"])
        index.add(record["id"], signature)
        rows.append((record["id"], signature.tobytes()))
    return index, rows


def _original(index: CopyIndex, text: str, texts: dict[str, str]) -> str | None:
    return index.find_original(text, index.signature(text), text_of=texts.get)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_copy_finds_its_original(kind: str, corpus: dict[str, dict]) -> None:
    index, _ = _indexed(list(corpus.values()))
    texts = {i: r["text"] for i, r in corpus.items()}
    rng = random.Random(KINDS.index(kind))
    originals = rng.sample(sorted(corpus), 12)
    found, shared = {}, []
    for original in originals:
        copy = _cleaned(plant(corpus[original], kind, rng, f"{original}~copy"))
        found[original] = _original(index, copy["text"], texts)
        shared.append(containment(shingles(copy["text"]), shingles(texts[original])))
    assert found == {o: o for o in originals}
    if kind == "rewritten":  # most are below the containment threshold: found as rewritten reprints
        assert sum(s < THRESHOLD for s in shared) >= 6


def _syndicated(
    corpus: dict[str, dict], at: int, kinds: tuple[str, str], seed: int
) -> tuple[CopyIndex, dict[str, str], str, str]:
    """200 pool articles and a copy of the one `at` ("copy-1") indexed; a second copy's text to
    look up. Returns the index, the indexed texts by id, the original's id and that text."""
    records = list(corpus.values())[:200]
    rng = random.Random(seed)
    first = _cleaned(plant(records[at], kinds[0], rng, "copy-1"))
    second = _cleaned(plant(records[at], kinds[1], rng, "copy-2"))
    index, _ = _indexed([*records, first])
    return index, {r["id"]: r["text"] for r in [*records, first]}, records[at]["id"], second["text"]


def test_a_copy_of_a_copy_points_into_the_same_group(corpus: dict[str, dict]) -> None:
    index, texts, original, second = _syndicated(corpus, 10, ("trimmed", "reordered"), seed=3)
    assert _original(index, second, texts) in {original, "copy-1"}


def test_a_group_member_in_memory_is_verified_before_any_text_is_read(corpus: dict[str, dict]) -> None:
    index, texts, original, later = _syndicated(corpus, 20, ("boilerplate", "reordered"), seed=4)
    read: list[str] = []

    def find(at_hand: set[str]) -> str | None:
        read.clear()
        return index.find_original(
            later,
            index.signature(later),
            text_of=lambda i: read.append(i) or texts.get(i),
            shingles_of=lambda i: shingles(texts[i]) if i in at_hand else None,
            at_hand=lambda i: i in at_hand,
        )

    assert find(set()) in {original, "copy-1"} and read  # nothing in memory: a text is read
    assert (find({"copy-1"}), read) == ("copy-1", [])


def test_independent_reports_of_one_story_are_not_linked(
    allsides: dict[str, dict], ecbplus: dict[str, dict]
) -> None:
    """Every AllSides story's left/centre/right leads and every ECB+ event's reports, in arrival order.

    Only pairs that share less than INDEPENDENT of their 5-grams count as
    independently written: ECB+ and AllSides also hold real reprints (a wire
    story reworded by a second outlet), which are copies.
    """
    records = [*list(allsides.values())[:600], *ecbplus.values()]
    stories = defaultdict(set)
    for record in records:
        stories[record["story"]].add(record["id"])
    texts = {r["id"]: r["text"] for r in records}
    index, links = CopyIndex(threshold=THRESHOLD), {}
    for record in records:
        signature = index.signature(record["text"])
        links[record["id"]] = index.find_original(record["text"], signature, text_of=texts.get)
        index.add(record["id"], signature)
    independent = [
        (a, b)
        for a, b in links.items()
        if b is not None and containment(shingles(texts[a]), shingles(texts[b])) < INDEPENDENT
    ]
    same_story_pairs = sum(len(ids) * (len(ids) - 1) // 2 for ids in stories.values())
    assert same_story_pairs > 1000
    assert independent == []


def test_a_template_story_with_new_figures_is_not_a_copy(allsides: dict[str, dict]) -> None:
    """Bloomberg's weekly jobless-claims story: same sentences, another week's numbers."""
    may_1, may_29 = allsides["as1351"]["text"], allsides["as1117"]["text"]
    assert "498,000" in may_1 and "385,000" in may_29
    index = CopyIndex(threshold=THRESHOLD)
    index.add("may_1", index.signature(may_1))
    assert index.find_original(may_29, index.signature(may_29), text_of={"may_1": may_1}.get) is None


def test_rebuilt_from_signatures_gives_the_same_answers(corpus: dict[str, dict]) -> None:
    records = list(corpus.values())
    index, rows = _indexed(records, merge_every=64)  # most rows merged, the latest still pending
    rebuilt = CopyIndex.from_signatures(rows, threshold=THRESHOLD, merge_every=64)
    texts = {r["id"]: r["text"] for r in records}
    rng = random.Random(11)
    queries = [
        _cleaned(plant(r, rng.choice(KINDS), rng, f"q{n}")) for n, r in enumerate(rng.sample(records, 30))
    ]
    queries += rng.sample(records, 30)  # already indexed: each finds itself or an earlier copy
    answers = [_original(index, q["text"], texts) for q in queries]
    assert answers == [_original(rebuilt, q["text"], texts) for q in queries]
    assert sum(a is not None for a in answers) >= 50
    assert np.array_equal(index.signature(records[0]["text"]), np.frombuffer(rows[0][1], dtype=np.uint32))


def test_band_index_finds_every_row_sharing_a_key_across_merges() -> None:
    """Arrivals pending in the dict and those merged into the sorted array answer alike."""
    rng = np.random.default_rng(0)
    bands, holders, keys_of = _BandIndex(merge_every=16), defaultdict(set), []
    for row in range(500):
        keys = rng.integers(0, 400, size=8).astype(np.uint64)  # few distinct keys: most are shared
        bands.add(row, keys)
        keys_of.append(keys)
        for key in keys.tolist():
            holders[key].add(row)
    assert bands.recent and len(bands.keys) >= 400 * 8  # some rows merged, the latest pending
    for keys in keys_of:
        found = bands.query(keys).tolist()
        assert found == sorted(set().union(*(holders[k] for k in keys.tolist())))


def test_empty_text_is_nobodys_copy() -> None:
    index = CopyIndex()
    index.add("empty", index.signature(""))
    index.add("words", index.signature("a b c d e f g h i j"))
    assert index.find_original("", index.signature(""), text_of=lambda _: "") is None
    assert len(index) == 2
    rebuilt = CopyIndex.from_signatures([("empty", index.signature("").tobytes())])
    rebuilt.add("words", index.signature("a b c d e f g h i j"))
    assert rebuilt.find_original("", index.signature(""), text_of=lambda _: "") is None
    words = "a b c d e f g h i j"
    assert rebuilt.find_original(words, index.signature(words), text_of=lambda _: words) == "words"


def test_a_few_words_left_of_a_page_are_nobodys_copy(corpus: dict[str, dict]) -> None:
    """A scrap ("Listen to article", a lone credit line) is in many texts: linking it would make it
    a hub that chains unrelated articles into one copy group. (A short indexed text, so that the
    scrap is proposed: against a long one its MinHash bands rarely meet.)"""
    index = CopyIndex()
    words = next(iter(corpus.values()))["text"].split()
    original = " ".join(words[:14])
    index.add("original", index.signature(original))
    scrap = " ".join(words[:6])
    assert index.find_original(scrap, index.signature(scrap), text_of=lambda _: original) is None
    lead = " ".join(words[:11])
    assert index.find_original(lead, index.signature(lead), text_of=lambda _: original) == "original"
