"""Training pairs generated on the fly from real news: what two outlets agree on, and edits that break it.

A `Corpus` is stories → documents (one outlet's text) → sentences, read from
the shared data (AllSides leads, ECB+ clusters, tgcontest English same-story
pairs). Sentences of one story are aligned with the bundled MiniLM embedder
once; `pairs(corpus, seed)` then draws premise/hypothesis pairs for ever:

- entailment: one outlet's sentence against another outlet's aligned sentence,
  or against itself with a clause dropped;
- contradiction: the same pairs with the hypothesis edited (`edits.py`);
- neutral: the clause-dropped sentence against the full one (the hypothesis
  adds a fact), same-story sentences about different facts, other stories;
- the MNLI/SNLI samples (their held-out part is never drawn).

Evaluation-only data (ANLI, ClaimDiff, SemEval texts, SummaC/FRANK/AggreFact
labels and the XSum/FRANK articles those benchmarks are built on) is never read.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from crosscheck.training.edits import contradict, drop_clause

LABELS = ("entailment", "neutral", "contradiction")
ALIGNED = 0.72  # cosine above which two outlets' sentences state the same fact
RELATED = (0.3, 0.6)  # same story, different fact
NLI_SAMPLES = ("mnli_matched", "mnli_mismatched", "snli")
HELD_OUT_SHARE = 0.3  # of each NLI sample, kept for evaluation
DEV_SHARE = 0.1  # of the stories, kept for calibration
MIN_OVERLAP = 0.5  # share of the shorter aligned sentence's words the other repeats: embeddings alone
# pair sentences that share a topic, not a fact


@dataclass(frozen=True, slots=True)
class Pair:
    premise: str
    hypothesis: str
    label: str
    source: str  # how it was made: "aligned", "edit:negation", "mnli_matched", ...


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    documents: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Corpus:
    stories: tuple[Story, ...]
    aligned: tuple[tuple[int, str, str], ...]  # (story index, sentence, other outlet's sentence)
    related: tuple[tuple[int, str, str], ...]
    nli: tuple[Pair, ...]


def load_corpus(data: Path, *, split: str = "train", cache: Path | None = None) -> Corpus:
    """Stories of the shared data for `split` ("train" or "dev"), aligned once (cached)."""
    stories = [s for s in read_stories(data) if _split_of(s.id) == split]
    key = hashlib.sha1("".join(s.id for s in stories).encode()).hexdigest()[:12]
    cached = cache / f"aligned-{split}-{key}.json" if cache else None
    if cached and cached.exists():
        payload = json.loads(cached.read_text())
    else:
        payload = _align(stories)
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps(payload))
    nli = read_nli(data, held_out=split != "train")
    aligned = [tuple(x) for x in payload["aligned"] if word_overlap(x[1], x[2]) >= MIN_OVERLAP]
    return Corpus(
        tuple(stories),
        tuple(aligned),
        tuple(tuple(x) for x in payload["related"]),
        tuple(nli),
    )


def read_stories(data: Path) -> list[Story]:
    """Same-story documents from different outlets, split into sentences."""
    stories: dict[str, list[tuple[str, ...]]] = {}
    for row in _jsonl(data / "allsides_neus" / "allsides_articles_flat.jsonl"):
        stories.setdefault(f"allsides:{row['cluster_id']}", []).append(split_sentences(row.get("text", "")))
    for row in _jsonl(data / "ecbplus" / "ecbplus_docs.jsonl"):
        sentences = [_detokenise(s) for s in row["sentences"] if "http" not in s]
        stories.setdefault(f"ecb:{row['cluster_id']}", []).append(tuple(s for s in sentences if _usable(s)))
    for i, row in enumerate(_jsonl(data / "tgcontest_same_story_pairs" / "tgcontest_pairs.jsonl")):
        if row.get("lang") == "en" and row.get("label") == "same_story":
            stories[f"tg:{i}"] = [split_sentences(row["text_1"]), split_sentences(row["text_2"])]
    return [Story(k, tuple(d for d in docs if d)) for k, docs in stories.items() if len(docs) >= 1]


def read_nli(data: Path, *, held_out: bool) -> list[Pair]:
    """The MNLI/SNLI samples: the training part, or the held-out part (every third-or-so pair by hash)."""
    out = []
    for name in NLI_SAMPLES:
        for line in (data / "textfooler_nli_samples" / f"{name}.tsv").read_text().splitlines():
            label, premise, hypothesis = line.split("\t")[:3]
            if label in LABELS and _is_held_out(premise + hypothesis) == held_out:
                out.append(Pair(_detokenise(premise), _detokenise(hypothesis), label, name))
    return out


def split_sentences(text: str) -> tuple[str, ...]:
    """A light sentence splitter: enough for news leads, no parser needed on the fly."""
    text = re.sub(r"\.\.\.$|…$", "", text.strip())
    parts = re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“‘]?[A-Z])|\n+", text)
    return tuple(p.strip() for p in parts if _usable(p.strip()))


def pairs(corpus: Corpus, seed: int) -> Iterator[Pair]:
    """An endless, reproducible stream of labelled pairs."""
    rng = random.Random(seed)
    makers = [
        (0.20, _nli),
        (0.14, _aligned),
        (0.10, _shortened),
        (0.30, _edited),
        (0.08, _extended),
        (0.13, _related),
        (0.05, _unrelated),
    ]
    weights = [w for w, _ in makers]
    if not corpus.stories:  # NLI pairs only (a test sample)
        makers = [(1.0, _nli)]
        weights = [1.0]
    if not corpus.stories and not corpus.nli:
        raise ValueError("an empty corpus: no stories and no NLI pairs")
    while True:
        maker = rng.choices([m for _, m in makers], weights)[0]
        pair = maker(corpus, rng)
        if pair is not None:
            yield pair


def batch_at(corpus: Corpus, seed: int, step: int, size: int) -> list[Pair]:
    """The pairs of one training step: depends only on (seed, step), so training resumes exactly."""
    stream = pairs(corpus, seed * 1_000_003 + step)
    return [next(stream) for _ in range(size)]


def _nli(corpus: Corpus, rng: random.Random) -> Pair | None:
    return rng.choice(corpus.nli) if corpus.nli else None


def _aligned(corpus: Corpus, rng: random.Random) -> Pair | None:
    if not corpus.aligned:
        return None
    _, a, b = rng.choice(corpus.aligned)
    return Pair(a, b, "entailment", "aligned")


def _sentence(corpus: Corpus, rng: random.Random) -> tuple[Story, tuple[str, ...], int]:
    story = rng.choice(corpus.stories)
    doc = rng.choice(story.documents)
    return story, doc, rng.randrange(len(doc))


def _context(doc: tuple[str, ...], i: int, rng: random.Random) -> str:
    """The sentence alone or with its neighbours: claims are also checked against passages."""
    if rng.random() < 0.6:
        return doc[i]
    return " ".join(doc[max(0, i - rng.randint(0, 2)) : i + 1 + rng.randint(0, 2)])


def _shortened(corpus: Corpus, rng: random.Random) -> Pair | None:
    _, doc, i = _sentence(corpus, rng)
    short = drop_clause(doc[i], rng)
    if short is None:
        return Pair(_context(doc, i, rng), doc[i], "entailment", "same") if rng.random() < 0.3 else None
    return Pair(_context(doc, i, rng), short, "entailment", "shortened")


def _extended(corpus: Corpus, rng: random.Random) -> Pair | None:
    _, doc, i = _sentence(corpus, rng)
    short = drop_clause(doc[i], rng)
    return Pair(short, doc[i], "neutral", "extended") if short else None


def _edited(corpus: Corpus, rng: random.Random) -> Pair | None:
    story, doc, i = _sentence(corpus, rng)
    premise, target = _context(doc, i, rng), doc[i]
    if corpus.aligned and rng.random() < 0.4:
        si, premise, target = rng.choice(corpus.aligned)
        story = corpus.stories[si]
    others = [s for d in story.documents for s in d][:40]
    edited = contradict(target, rng, others)
    if edited is None:
        return None
    text, kind = edited
    if rng.random() < 0.2:  # contradiction is symmetric: sometimes the premise is the edited side
        premise, text = text, premise
    return Pair(premise, text, "contradiction", f"edit:{kind}")


def _related(corpus: Corpus, rng: random.Random) -> Pair | None:
    if not corpus.related:
        return None
    _, a, b = rng.choice(corpus.related)
    return Pair(a, b, "neutral", "related")


def _unrelated(corpus: Corpus, rng: random.Random) -> Pair | None:
    _, doc_a, i = _sentence(corpus, rng)
    _, doc_b, j = _sentence(corpus, rng)
    return Pair(doc_a[i], doc_b[j], "neutral", "unrelated") if doc_a is not doc_b else None


def _align(stories: list[Story]) -> dict[str, list[list[object]]]:
    """Cross-outlet sentence pairs of each story: aligned (same fact) and related (same story)."""
    from crosscheck.models.loading import load_embedder

    embedder = load_embedder("minilm")
    aligned: list[list[object]] = []
    related: list[list[object]] = []
    for si, story in enumerate(stories):
        sentences = [(d, s) for d, doc in enumerate(story.documents) for s in doc]
        if len(story.documents) < 2 or len(sentences) < 2:
            continue
        vectors = embedder.encode([s for _, s in sentences])
        sims = vectors @ vectors.T
        for i, j in zip(*np.triu_indices(len(sentences), k=1), strict=True):
            if sentences[i][0] == sentences[j][0]:
                continue
            a, b = sentences[i][1], sentences[j][1]
            if sims[i, j] >= ALIGNED and a.lower() != b.lower():
                aligned.append(
                    [si, a, b] if random.Random(int(i) * 7 + int(j)).random() < 0.5 else [si, b, a]
                )
            elif RELATED[0] <= sims[i, j] <= RELATED[1]:
                related.append([si, a, b])
    rng = random.Random(0)
    rng.shuffle(related)
    return {"aligned": aligned, "related": related[: max(5 * len(aligned), 2000)]}


def word_overlap(a: str, b: str) -> float:
    """Share of the shorter sentence's words (3+ letters) that the other has."""
    words_a, words_b = (set(re.findall(r"[a-z0-9]{3,}", t.lower())) for t in (a, b))
    return len(words_a & words_b) / max(min(len(words_a), len(words_b)), 1)


def _split_of(story_id: str) -> str:
    digest = int(hashlib.sha1(story_id.encode()).hexdigest()[:8], 16)
    return "dev" if digest % 1000 < DEV_SHARE * 1000 else "train"


def _is_held_out(text: str) -> bool:
    return int(hashlib.sha1(text.encode()).hexdigest()[:8], 16) % 1000 < HELD_OUT_SHARE * 1000


def _usable(sentence: str) -> bool:
    return 5 <= len(sentence.split()) <= 70


def _detokenise(text: str) -> str:
    """Undo PTB tokenisation ('do n't', ' ,', -LRB-) so training text looks like runtime text."""
    text = text.replace("-LRB-", "(").replace("-RRB-", ")").replace("``", '"').replace("''", '"')
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r" ([,.;:!?%)])", r"\1", text)
    return re.sub(r"([($]) ", r"\1", text).strip()


def _jsonl(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
