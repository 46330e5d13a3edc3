"""Real multi-outlet stories from `shared/data`, as lists of crosscheck input records.

- AllSides (`allsides_neus`): one story = the 2-3 outlets' leads of one roundup.
- ECB+ (`ecbplus`): one story = up to four documents of one event cluster; the
  corpus is tokenised, so sentences are detokenised and paired into paragraphs.
- SemEval-2022 task 8 (`semeval2022_task8_bl_subset`): English pairs rated as the
  same story (Overall <= 1.5 on its 1-4 scale, 1 = very similar), each article
  cut to its first ~400 words so one story takes seconds, not minutes.
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Record = dict[str, Any]
DATASETS = ("allsides", "ecbplus", "semeval")
MAX_ECB_DOCUMENTS = 4
SAME_STORY_OVERALL = 1.5
MAX_WORDS = 400


@dataclass(frozen=True, slots=True)
class Story:
    dataset: str
    id: str
    articles: tuple[Record, ...]


def load_dataset(dataset: str, data: Path, rng: random.Random) -> list[Story]:
    loaders = {"allsides": allsides, "ecbplus": ecbplus, "semeval": semeval}
    return list(loaders[dataset](data, rng))


def read_jsonl(path: Path) -> Iterator[Record]:
    """The records of a JSON Lines file, blank lines skipped."""
    with path.open(encoding="utf-8") as f:
        yield from (json.loads(line) for line in f if line.strip())


def allsides(data: Path, rng: random.Random) -> Iterator[Story]:
    clusters: dict[int, list[Record]] = defaultdict(list)
    for i, row in enumerate(read_jsonl(data / "allsides_neus" / "allsides_articles_flat.jsonl")):
        if row.get("text", "").strip():
            clusters[row["cluster_id"]].append(
                {
                    "id": f"as{row['cluster_id']}-{row['stance']}-{i}",
                    "title": row.get("title") or "",
                    "text": row["text"].strip(),
                    "outlet": row.get("source"),
                    "published": (row.get("cluster_date") or "")[:10] or None,
                }
            )
    for cid, records in sorted(clusters.items()):
        if len({r["outlet"] for r in records}) >= 2:
            yield Story("allsides", f"allsides:{cid}", tuple(records))


def ecbplus(data: Path, rng: random.Random) -> Iterator[Story]:
    clusters: dict[str, list[Record]] = defaultdict(list)
    for row in read_jsonl(data / "ecbplus" / "ecbplus_docs.jsonl"):
        record = _ecb_record(row)
        if record:
            clusters[row["cluster_id"]].append(record)
    for cid, records in sorted(clusters.items()):
        if len(records) >= 2:
            chosen = rng.sample(records, min(MAX_ECB_DOCUMENTS, len(records)))
            yield Story("ecbplus", f"ecbplus:{cid}", tuple(sorted(chosen, key=lambda r: r["id"])))


def _ecb_record(row: Record) -> Record | None:
    """ECB+ documents open with their URL then headline; ECB ones start with the body."""
    outlet, url = f"ECB+ {row['doc_name']}", False
    sentences = []
    for raw in row["sentences"]:
        if re.match(r"https? :", raw) or "www ." in raw:
            domain = re.search(r"www \. (\w+) \.", raw)
            outlet, url = (domain.group(1) if domain else outlet), True
            continue
        sentences.append(detokenize(raw))
    title, body = (sentences[0], sentences[1:]) if url and sentences else ("", sentences)
    if len(body) < 3:
        return None
    paras = [" ".join(body[i : i + 2]) for i in range(0, len(body), 2)]
    doc_id = "ecb" + row["doc_name"].removesuffix(".xml").replace("_", "-")
    return {"id": doc_id, "title": title, "text": "\n\n".join(paras), "outlet": outlet}


def detokenize(text: str) -> str:
    """Undo ECB+'s tokenisation: 'Reid , 33 , has n't' -> 'Reid, 33, hasn't'."""
    text = re.sub(r"`` ?", '"', text)
    text = re.sub(r" ?''", '"', text)
    text = re.sub(r"\. \. \.", "...", text)
    text = re.sub(r"(\d) ([-:]) (\d)", r"\1\2\3", text)  # 10 : 03, 15 - 2
    text = re.sub(r"(\d) , (\d{3})\b", r"\1,\2", text)  # 7 , 000
    text = re.sub(r"(\d) - ([a-z])", r"\1-\2", text)  # 90 - day
    text = re.sub(r"- -", "--", text)
    text = re.sub(r"\b([A-Z])\. ([A-Z])\.", r"\1.\2.", text)  # U. S.
    text = re.sub(r" ([,.;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    text = re.sub(r" ?(n't|'s|'re|'ve|'ll|'d|'m|’s|’re|’ll|’d)\b", r"\1", text)
    text = re.sub(r"(\w) ’ (s|re|ll|d|ve|m)\b", r"\1’\2", text)
    return text.strip()


def semeval(data: Path, rng: random.Random) -> Iterator[Story]:
    for row in read_jsonl(data / "semeval2022_task8_bl_subset" / "semeval2022_task8_pairs.jsonl"):
        if row["lang"] != "en" or row["Overall"] > SAME_STORY_OVERALL:
            continue
        texts = [_lead(row["text_1"]), _lead(row["text_2"])]
        if min(len(t.split()) for t in texts) < 50:
            continue
        articles = tuple(
            {
                "id": f"se{row['row_id']}-{n}",
                "title": row.get(f"title_{n}") or "",
                "text": text,
                "outlet": f"SemEval pair {row['row_id']} outlet {n}",
            }
            for n, text in ((1, texts[0]), (2, texts[1]))
        )
        yield Story("semeval", f"semeval:{row['row_id']}", articles)


def _lead(text: str) -> str:
    """The first paragraphs, about MAX_WORDS words (whole sentences)."""
    kept: list[str] = []
    words = 0
    for para in re.split(r"\n\s*\n|\n", text):
        para = para.strip()
        if not para:
            continue
        if words + len(para.split()) > MAX_WORDS:
            para = _cut(para, MAX_WORDS - words)
            if para:
                kept.append(para)
            break
        kept.append(para)
        words += len(para.split())
    return "\n\n".join(kept)


def _cut(para: str, budget: int) -> str:
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", para)
    kept: list[str] = []
    for sentence in sentences:
        budget -= len(sentence.split())
        if budget < 0:
            break
        kept.append(sentence)
    return " ".join(kept)
