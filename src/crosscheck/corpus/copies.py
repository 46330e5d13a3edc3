"""Copies across a whole corpus: which earlier article is this one a copy of?

MinHash (datasketch) over word 3-grams proposes candidates through banded LSH,
and the same containment test as check mode (`dedup.containment` of word
5-grams against `Settings.copy_threshold`) decides. 3-grams for proposing,
because a reworded reprint keeps far more of its 3-grams than of its 5-grams;
5-grams for deciding, because independent reports of one event rarely share
them. Below the threshold, a candidate that still shares a good part of its
5-grams is a copy when it is a *rewritten* reprint: nearly every sentence of
the shorter text has a close counterpart in the other (`reworded`), which
reports written independently, quoting the same people, do not have, and
it keeps the figures (a weekly story written on last week's template does
not).

Bands are short (2 rows), so a copy sharing only a fifth of its 3-grams with
its original (a trimmed and reworded cut) is still proposed; the chance
candidates that brings are dropped on the containment the two signatures
estimate, before any text is read. The band index is a sorted numpy array
(12 bytes per band and article) plus a dict of the latest arrivals, merged in
batches: datasketch's `MinHashLSH` keeps a Python set per band and article,
about 340 bytes, 2 GB for 100k articles at 64 bands. Signatures stay in memory
(516 bytes each); a candidate's text is read through `text_of` only when the
caller holds no shingles of it (`shingles_of`) or it may be a rewrite.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import numpy as np
from datasketch import MinHash
from rapidfuzz import fuzz, process

from crosscheck.corpus.dedup import containment, shingles, word_hashes

PROPOSE_WORDS = 3
SCHEME = "affine32"  # datasketch 2's 32-bit hashing, named so that stored signatures stay comparable
BANDS, ROWS = 64, 2
MIN_ESTIMATE = 0.2  # estimated 3-gram containment a candidate needs before its text is read
MAX_VERIFIED = 8  # candidates verified per article, best estimate first
MERGE_SHARE, MERGE_MOST = 0.05, 16_384  # arrivals kept unsorted: a share of the indexed, capped (memory)
REWRITE_FLOOR = 0.25  # 5-gram containment a rewritten reprint keeps at least (planted: 2nd percentile)
REWRITE_SENTENCES = 0.67  # share of its sentences with a close counterpart: more than two in three
CLOSE_SENTENCE = 75  # rapidfuzz ratio (0-100) of a sentence with a few words changed
KEPT_FIGURES = 0.75  # share of the shorter text's figures a rewrite keeps (a weekly template changes them)
_FIGURE = re.compile(r"\d[\d,.:]*\d")  # 2+ digits: style guides spell out one-digit numbers, not these
_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")
_MIX = np.uint64(0x9E3779B97F4A7C15)


class CopyIndex:
    """MinHash LSH over word shingles of cleaned texts; incremental, rebuildable from the store.

    A signature is `num_perm` MinHash values then the text's 3-gram count, as
    uint32 (`signature(text).tobytes()` is what the store keeps).
    """

    def __init__(
        self, *, threshold: float = 0.7, num_perm: int = BANDS * ROWS, seed: int = 1, merge_every: int = 2048
    ) -> None:
        if num_perm % ROWS:
            raise ValueError(f"num_perm must be a multiple of {ROWS}, got {num_perm}")
        self.threshold = threshold
        self.num_perm = num_perm
        self._permutations = MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations
        self._seed = seed
        self._bands = _BandIndex(merge_every)
        self._ids: list[str] = []
        self._signatures = np.zeros((1024, num_perm + 1), dtype=np.uint32)

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def nbytes(self) -> int:
        """Memory held in arrays (signatures and the band index), without the id strings."""
        return self._signatures.nbytes + self._bands.keys.nbytes + self._bands.rows.nbytes

    def signature(self, text: str | np.ndarray) -> np.ndarray:
        """The MinHash signature of a text (or of its `dedup.word_hashes`, when the caller has them)."""
        hashes = word_hashes(text) if isinstance(text, str) else text
        grams = shingles(hashes, PROPOSE_WORDS) >> np.uint64(32)  # the 32-bit scheme takes 32-bit input
        minhash = MinHash(
            num_perm=self.num_perm,
            seed=self._seed,
            hashfunc=int,
            permutations=self._permutations,
            scheme=SCHEME,
        )
        minhash.update_batch(grams.tolist())
        return np.append(minhash.hashvalues.astype(np.uint32), np.uint32(len(grams)))

    def add(self, article_id: str, signature: np.ndarray) -> None:
        n = len(self._ids)
        if n == len(self._signatures):
            self._signatures = np.concatenate([self._signatures, np.zeros_like(self._signatures)])
        self._signatures[n] = signature
        self._ids.append(article_id)
        if signature[-1]:  # an empty text is nobody's copy or original
            self._bands.add(n, self._band_keys(signature))

    def find_original(
        self,
        text: str,
        signature: np.ndarray,
        *,
        text_of: Callable[[str], str | None],
        shingles_of: Callable[[str], np.ndarray | None] = lambda _: None,
        own: np.ndarray | None = None,
        at_hand: Callable[[str], bool] = lambda _: False,
    ) -> str | None:
        """The id of an indexed article that `text` is a copy of (verified on both texts), or None.

        `own` is `dedup.shingles(text)` and `shingles_of(id)` another article's,
        when the caller has them: a candidate's text is then read only when its
        shingles alone cannot decide (a possible rewrite). Likely copies whose
        shingles are `at_hand` (in memory) are verified first: in a syndication
        group any member leads to the same first witness, and reading one costs."""
        if not signature[-1] or not (rows := self._bands.query(self._band_keys(signature))).size:
            return None
        estimate = _estimated_containment(signature, self._signatures[rows])
        handy = estimate >= self.threshold  # likely copies that cost no read: those in memory
        handy[handy] = [at_hand(self._ids[r]) for r in rows[handy].tolist()]
        order = np.lexsort((rows, -estimate, ~handy))  # those first, then best first; ties: earliest
        for k in order[estimate[order] >= MIN_ESTIMATE][:MAX_VERIFIED]:
            own = shingles(text) if own is None else own
            other_id = self._ids[rows[k]]
            other, other_text = shingles_of(other_id), None
            if other is None:
                if (other_text := text_of(other_id)) is None:
                    continue
                other = shingles(other_text)
            shared = containment(own, other)
            if shared >= self.threshold:
                return other_id
            if shared >= REWRITE_FLOOR and (other_text := other_text or text_of(other_id)) is not None:
                if is_rewrite(text, other_text):
                    return other_id
        return None

    @classmethod
    def from_signatures(cls, rows: Iterable[tuple[str, bytes]], **kw: object) -> CopyIndex:
        """The index as it was, from the `(id, signature bytes)` rows the store keeps, in arrival order."""
        index = cls(**kw)  # type: ignore[arg-type]
        ids, blobs = [], []
        for article_id, blob in rows:
            ids.append(article_id)
            blobs.append(blob)
        if not ids:
            return index
        signatures = np.frombuffer(b"".join(blobs), dtype=np.uint32).reshape(len(ids), -1)
        index._ids = ids
        index._signatures = np.concatenate([signatures, np.zeros((1024, signatures.shape[1]), np.uint32)])
        filled = np.flatnonzero(signatures[:, -1])  # an empty text is nobody's copy or original
        keys = index._band_keys(signatures[filled])
        index._bands.extend(np.repeat(filled.astype(np.int32), keys.shape[1]), keys.ravel())
        return index

    def _band_keys(self, signature: np.ndarray) -> np.ndarray:
        """One uint64 per band (ROWS = 2): its two MinHash values side by side, xor the band's constant.

        For one signature, or a row of keys per signature for a 2-d array of them."""
        values = signature[..., : self.num_perm].astype(np.uint64)
        first, second = values[..., 0::ROWS], values[..., 1::ROWS]
        bands = np.arange(1, first.shape[-1] + 1, dtype=np.uint64)
        return ((first << np.uint64(32)) | second) ^ (bands * _MIX)


def is_rewrite(a: str, b: str) -> bool:
    """Below the containment threshold: is one text a copy desk's rewrite of the other?"""
    return kept_figures(a, b) >= KEPT_FIGURES and reworded(a, b) >= REWRITE_SENTENCES


def kept_figures(a: str, b: str) -> float:
    """Share of the smaller set of figures (dates, amounts, scores) found in the other text; 1.0 if none.

    A rewritten reprint keeps the facts; this week's story written on last
    week's template (jobless claims, a second election notice) changes them.
    """
    fa, fb = set(_FIGURE.findall(a)), set(_FIGURE.findall(b))
    short, long = (fa, fb) if len(fa) <= len(fb) else (fb, fa)
    return len(short & long) / len(short) if short else 1.0


def reworded(a: str, b: str) -> float:
    """Share of the shorter text's sentences that have a close counterpart (a few words changed) in the other.

    A copy desk's rewrite keeps nearly every sentence close to one of the
    original's; independent reports of one event share a few quoted sentences
    and word the rest their own way.
    """
    sa, sb = _sentences(a), _sentences(b)
    short, long = (sa, sb) if sum(map(len, sa)) <= sum(map(len, sb)) else (sb, sa)
    if not short or not long:
        return 0.0
    best = process.cdist(short[:30], long, scorer=fuzz.ratio, processor=str.lower).max(axis=1)
    return float((best >= CLOSE_SENTENCE).mean())


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if len(s.split()) >= 4]


def _estimated_containment(signature: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Share of the smaller 3-gram set in the other, from MinHash Jaccard and the two set sizes."""
    jaccard = (others[:, :-1] == signature[:-1]).mean(axis=1)
    size, other_sizes = float(signature[-1]), others[:, -1].astype(np.float64)
    shared = jaccard * (size + other_sizes) / (1 + jaccard)
    return shared / np.maximum(np.minimum(size, other_sizes), 1)


class _BandIndex:
    """Band key -> article rows: a sorted array, and a dict of the arrivals not merged into it yet.

    A merge rewrites the whole array, so arrivals are merged once they are a share
    (MERGE_SHARE) of it: the merge cost per article stays flat as the index grows
    (up to MERGE_MOST pending arrivals, ~100 MB of dict).
    """

    def __init__(self, merge_every: int) -> None:
        self.keys = np.zeros(0, dtype=np.uint64)
        self.rows = np.zeros(0, dtype=np.int32)
        self.recent: dict[int, list[int]] = {}
        self.recent_keys: list[np.ndarray] = []
        self.recent_rows: list[int] = []
        self.merge_every = merge_every

    def add(self, row: int, keys: np.ndarray) -> None:
        for key in keys.tolist():
            self.recent.setdefault(key, []).append(row)
        self.recent_keys.append(keys)
        self.recent_rows.append(row)
        pending = min(max(self.merge_every, MERGE_SHARE * len(self.rows) / BANDS), MERGE_MOST)
        if len(self.recent_rows) >= pending:
            self._merge()

    def query(self, keys: np.ndarray) -> np.ndarray:
        """The rows sharing any of these band keys, once each, in ascending order."""
        found = [np.array(rows, dtype=np.int32) for key in keys.tolist() if (rows := self.recent.get(key))]
        if len(self.keys):
            lo, hi = np.searchsorted(self.keys, keys, "left"), np.searchsorted(self.keys, keys, "right")
            hit = lo < hi
            found += [
                self.rows[start:end] for start, end in zip(lo[hit].tolist(), hi[hit].tolist(), strict=True)
            ]
        return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int32)

    def _merge(self) -> None:
        counts = [len(k) for k in self.recent_keys]
        rows = np.repeat(np.array(self.recent_rows, dtype=np.int32), counts)
        self.extend(rows, np.concatenate(self.recent_keys))
        self.recent, self.recent_keys, self.recent_rows = {}, [], []

    def extend(self, rows: np.ndarray, keys: np.ndarray) -> None:
        """Add many (row, key) pairs to the sorted array at once: sort them, then merge them in
        (one pass over the array, where re-sorting it all took ten times as long at 100k articles)."""
        order = np.argsort(keys, kind="stable")
        at = np.searchsorted(self.keys, keys[order], side="right")  # after equal keys: arrival order
        self.keys, self.rows = np.insert(self.keys, at, keys[order]), np.insert(self.rows, at, rows[order])
