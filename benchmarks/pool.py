"""Every distinct article text in `shared/data`, as crosscheck input records.

The corpus benchmarks need a large, varied pool of real news: AllSides leads,
ECB+ documents (detokenised), SemEval-2022 task 8 articles (six languages),
tgcontest en/ru articles, and the XSum and FRANK (CNN/DM) source articles.
Each record keeps the dataset it came from; duplicates (the same text in two
datasets or two pairs) are dropped by a hash of the text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.stories import _ecb_record, read_jsonl

Record = dict[str, Any]


def _allsides(data: Path) -> Iterator[Record]:
    for i, row in enumerate(read_jsonl(data / "allsides_neus" / "allsides_articles_flat.jsonl")):
        yield {
            "id": f"as{i}",
            "title": row.get("title") or "",
            "text": row.get("text") or "",
            "outlet": row.get("source"),
            "url": row.get("url"),
            "published": (row.get("cluster_date") or "")[:10] or None,
        }


def _ecbplus(data: Path) -> Iterator[Record]:
    for row in read_jsonl(data / "ecbplus" / "ecbplus_docs.jsonl"):
        record = _ecb_record(row)
        if record:
            yield record


def _pairs(path: Path, prefix: str) -> Iterator[Record]:
    for n, row in enumerate(read_jsonl(path)):
        for side in (1, 2):
            yield {
                "id": f"{prefix}{n}-{side}",
                "title": row.get(f"title_{side}") or "",
                "text": row.get(f"text_{side}") or "",
                "url": row.get(f"url_{side}"),
                "outlet": row.get(f"source_{side}"),
            }


def _xsum(data: Path) -> Iterator[Record]:
    for row in read_jsonl(data / "xsum_hallucination_annotations" / "xsum_source_documents_recovered.jsonl"):
        yield {"id": f"xsum{row['bbcid']}", "title": "", "text": row.get("document") or "", "outlet": "BBC"}


def _frank(data: Path) -> Iterator[Record]:
    for row in read_jsonl(data / "frank" / "frank_articles_initial_commit.jsonl"):
        yield {
            "id": f"frank{row['hash'][:12]}",
            "title": "",
            "text": row.get("article") or "",
            "url": row.get("url"),
        }


def shared_articles(data: Path) -> list[Record]:
    """All distinct articles with at least 40 words, in a fixed order."""
    sources = (
        ("allsides", _allsides(data)),
        ("ecbplus", _ecbplus(data)),
        ("semeval", _pairs(data / "semeval2022_task8_bl_subset" / "semeval2022_task8_pairs.jsonl", "se")),
        ("tgcontest", _pairs(data / "tgcontest_same_story_pairs" / "tgcontest_pairs.jsonl", "tg")),
        ("xsum", _xsum(data)),
        ("frank", _frank(data)),
    )
    seen: set[str] = set()
    pool: list[Record] = []
    for dataset, records in sources:
        for record in records:
            text = record["text"].strip()
            digest = hashlib.sha1(" ".join(text.split()).encode()).hexdigest()
            if len(text.split()) < 40 or digest in seen:
                continue
            seen.add(digest)
            pool.append({**record, "text": text, "dataset": dataset})
    return pool
