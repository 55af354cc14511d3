"""The NER model at runtime: onnxruntime + tokenizers only (no torch).

Three stages, as in fastembed: tokenize the whole text once (offsets are characters), run
the ONNX token classifier over overlapping windows (feeding only the inputs the model
declares), then turn BIO tags into character spans. Every file is checked against the
sha256 pinned in `manifest.json` before it is used: a missing or altered model raises
`ModelError`, and the detector then runs on rules alone, visibly degraded.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from guard.detect.finding import Finding
from guard.detect.labels import Label, display_name
from guard.detect.windows import Window, plan_windows
from guard.detect.rules._precompiled import compiled_re

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
ENV_MODEL_DIR = "VIGIE_MODEL_DIR"
DEFAULT_WINDOW = 512
DEFAULT_OVERLAP = 64
# Windows per onnxruntime call. Measured on 10,000 characters: 1 window per call 18.3 ms and
# 106 MB RSS, 2 per call 20.6 ms / 119 MB, 4 per call 21.5 ms / 139 MB: batching does not pay
# on one CPU thread, and it bounds the memory a 200,000-character paste takes.
_BATCH = 1
# Graph rewrites that cost time on this model. SkipLayerNormFusion turns the residual Add and
# the next LayerNorm into one SkipLayerNormalization node that runs 7x slower than the two it
# replaces at these sizes (66 µs against 9 µs for 92 tokens x 128; whole 1,000-character text
# 1.11 -> 0.96 ms). Same maths up to float rounding; see benchmarks/bench_model.py.
_DISABLED_OPTIMIZERS = ("SkipLayerNormFusion",)
# Above this many characters a text is cut into slices before tokenizing, to bound memory.
_MAX_CHARS = 2_000_000


@dataclass(frozen=True, slots=True)
class Encoded:
    """A text's tokens (ids, character offsets) and the windows the model reads."""

    ids: np.ndarray
    offsets: list[tuple[int, int]]
    windows: tuple[Window, ...]


class ModelError(Exception):
    """The model cannot be used. The message is French, for people, and holds no patient text."""


@dataclass(frozen=True, slots=True)
class ModelFiles:
    directory: Path
    model: Path
    tokenizer: Path
    labels: Path
    window: int
    overlap: int


def default_model_dir() -> Path:
    """`$VIGIE_MODEL_DIR` if set, else the repository's `models/` next to the package."""
    env = os.environ.get(ENV_MODEL_DIR)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "models"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def verify(model_dir: Path) -> ModelFiles:
    """Read the manifest and check every listed file's sha256; raise ModelError otherwise."""
    manifest_path = model_dir / MANIFEST
    if not manifest_path.is_file():
        raise ModelError(f"modèle introuvable : pas de {MANIFEST} dans {model_dir}")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        files = manifest["files"]
        names = {role: manifest[role] for role in ("model", "tokenizer", "labels")}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"manifeste du modèle illisible ({type(exc).__name__})") from None
    for role, name in names.items():
        path = model_dir / name
        expected = files.get(name) if isinstance(files, dict) else None
        if not path.is_file():
            raise ModelError(f"fichier du modèle manquant : {name}")
        if not expected:
            raise ModelError(f"empreinte sha256 absente du manifeste pour {name}")
        if _sha256(path) != expected:
            raise ModelError(f"fichier du modèle altéré (sha256 différent) : {name}")
    return ModelFiles(
        model_dir,
        model_dir / names["model"],
        model_dir / names["tokenizer"],
        model_dir / names["labels"],
        int(manifest.get("window", DEFAULT_WINDOW)),
        int(manifest.get("overlap", DEFAULT_OVERLAP)),
    )


def make_session(model_path: Path, threads: int = 1):
    """The one place that builds an InferenceSession: one intra-op thread (the guard shares
    the user's CPU with the browser), full graph optimisations, CPU provider."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.log_severity_level = 3
    return ort.InferenceSession(str(model_path), sess_options=opts, providers=["CPUExecutionProvider"],
                                disabled_optimizers=list(_DISABLED_OPTIMIZERS))


def _parse_tags(raw: object) -> list[tuple[str, Label | None]]:
    """labels.json: a list of tags "O", "B-NOM", "I-NOM"... -> (prefix, label)."""
    if not isinstance(raw, list) or not raw or raw[0] != "O":
        raise ValueError("labels")
    out: list[tuple[str, Label | None]] = []
    for tag in raw:
        if tag == "O":
            out.append(("O", None))
            continue
        prefix, _, name = str(tag).partition("-")
        if prefix not in ("B", "I"):
            raise ValueError("labels")
        out.append((prefix, Label(name)))
    return out


def _explanation(label: Label) -> str:
    return f"modèle : {display_name(label)} probable"


_EXPLANATIONS = {label: _explanation(label) for label in Label}


class NerModel:
    """Recognizer backed by the ONNX token classifier. Thread-safe: the tokenizer and the
    session are only read after construction (onnxruntime's `run` is safe to call
    concurrently), and every call keeps its state on the stack."""

    name = "model"

    def __init__(self, files: ModelFiles, threads: int = 1) -> None:
        from tokenizers import Tokenizer

        try:
            self._tokenizer = Tokenizer.from_file(str(files.tokenizer))
            self._tags = _parse_tags(json.loads(files.labels.read_text(encoding="utf-8")))
            self._session = make_session(files.model, threads)
        except ModelError:
            raise
        except Exception as exc:  # corrupted file, incompatible runtime...
            raise ModelError(f"modèle illisible ({type(exc).__name__})") from None
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._outputs = [self._session.get_outputs()[0].name]
        if "input_ids" not in self._inputs:
            raise ModelError("modèle incompatible : entrée input_ids absente")
        self._window = max(16, files.window)
        self._overlap = min(files.overlap, self._window // 4)
        self.files = files

    # -- stage 1: tokens -------------------------------------------------------------------
    def _encode(self, text: str) -> tuple[np.ndarray, list[tuple[int, int]]]:
        # `encode_batch` rather than `encode`: same tokens and offsets, but it releases the GIL
        # while it works (the rules can run meanwhile) and was measured faster (0.41 against
        # 0.66 ms for 1,000 characters).
        if len(text) <= _MAX_CHARS:  # the usual case: one call, no copying of offsets
            enc = self._tokenizer.encode_batch([text], add_special_tokens=False)[0]
            return np.asarray(enc.ids, dtype=np.int64), enc.offsets
        ids: list[int] = []
        offsets: list[tuple[int, int]] = []
        for base in range(0, len(text), _MAX_CHARS):
            enc = self._tokenizer.encode_batch([text[base:base + _MAX_CHARS]], add_special_tokens=False)[0]
            ids.extend(enc.ids)
            offsets.extend((s + base, e + base) for s, e in enc.offsets)
        return np.asarray(ids, dtype=np.int64), offsets

    def encode(self, text: str) -> Encoded | None:
        """Tokens of `text` and the windows the model reads them in (None: no token)."""
        ids, offsets = self._encode(text)
        if len(ids) == 0:
            return None
        return Encoded(ids, offsets, tuple(plan_windows(len(ids), self._window, self._overlap)))

    # -- stage 2: model over windows -------------------------------------------------------
    def infer(self, enc: Encoded) -> list[np.ndarray]:
        """Raw logits, one (window length x tags) array per window: onnxruntime only, which
        releases the GIL while it computes.

        Every window has the same length (the last one ends at the text's end), so windows
        could go through the session in batches of `_BATCH` (one, as measured fastest)."""
        out: list[np.ndarray] = []
        windows = enc.windows
        for i in range(0, len(windows), _BATCH):
            group = windows[i:i + _BATCH]
            batch = np.stack([enc.ids[w.start:w.end] for w in group])
            feeds = {"input_ids": batch}
            if "attention_mask" in self._inputs:
                feeds["attention_mask"] = np.ones_like(batch)
            out.extend(self._session.run(self._outputs, feeds)[0])
        return out

    def decode(self, text: str, enc: Encoded, logits: list[np.ndarray]) -> list[Finding]:
        """Character spans from the windows' logits (see `_stitch` and `_spans`)."""
        tag, prob = self._stitch(len(enc.ids), enc.windows, logits)
        return self._spans(text, enc.offsets, tag, prob)

    @staticmethod
    def _stitch(n: int, windows: tuple[Window, ...],
                logits: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Per-token (tag id, probability), each token taken from the window that owns it.

        The probability is only computed where the winning tag is not "O" (it is 0 elsewhere):
        the spans are the only reader and most tokens are O."""
        tag = np.empty(n, dtype=np.int64)
        prob = np.zeros(n, dtype=np.float32)
        for row, w in zip(logits, windows):
            kept = row[w.keep_start - w.start:w.keep_end - w.start]
            best = kept.argmax(axis=-1)
            tag[w.keep_start:w.keep_end] = best
            hot = np.flatnonzero(best)
            if len(hot):
                rows = kept[hot]
                rows = rows - rows.max(axis=-1, keepdims=True)
                prob[w.keep_start + hot] = 1.0 / np.exp(rows).sum(axis=-1)
        return tag, prob

    # -- stage 3: tags -> spans ------------------------------------------------------------
    def _spans(self, text: str, offsets: list[tuple[int, int]], tag: np.ndarray,
               prob: np.ndarray) -> list[Finding]:
        found: list[Finding] = []
        # Only tagged tokens are visited (most tokens are O): a gap between two visited
        # indices means O tokens in between, which end the current entity.
        hot = np.flatnonzero(tag)
        if not len(hot):
            return found
        tags = self._tags
        n_tags = len(tags)
        cur_label: Label | None = None
        cur_start = cur_end = 0
        total = 0.0
        count = 0
        previous = -2
        for i, t, p in zip(hot.tolist(), tag[hot].tolist(), prob[hot].tolist()):
            prefix, label = tags[t] if t < n_tags else ("O", None)
            if i != previous + 1 or label is None:
                if cur_label is not None and cur_end > cur_start:
                    found.append(_finding(text, cur_start, cur_end, cur_label, total / count))
                cur_label = None
            previous = i
            if label is None:
                continue
            s, e = offsets[i]
            if prefix == "I" and label == cur_label and _joinable(text, cur_end, s):
                if e > cur_end:
                    cur_end = e
                total += p
                count += 1
                continue
            if cur_label is not None and cur_end > cur_start:
                found.append(_finding(text, cur_start, cur_end, cur_label, total / count))
            cur_label, cur_start, cur_end, total, count = label, s, e, p, 1
        if cur_label is not None and cur_end > cur_start:
            found.append(_finding(text, cur_start, cur_end, cur_label, total / count))
        return _merge_same_label(text, found)

    def find(self, text: str) -> list[Finding]:
        if not text or not isinstance(text, str):
            return []
        try:
            enc = self.encode(text)
            if enc is None:
                return []
            return self.decode(text, enc, self.infer(enc))
        except Exception as exc:  # never raise into the detector; never log the text
            log.error("model inference failed: %s", type(exc).__name__)
            return []


def _finding(text: str, start: int, end: int, label: Label, score: float) -> Finding:
    start, end = _widen(text, start, end)
    return Finding(start, end, label, min(1.0, max(0.0, score)), "model", _EXPLANATIONS[label])


def _joinable(text: str, end: int, start: int) -> bool:
    """Continue an entity across a gap only if the gap is short and has no line break."""
    gap = text[end:start]
    return len(gap) <= 3 and "\n" not in gap


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a span to whole words: a subword tagged alone still hides the whole name; and
    along a hyphenated name whose tail the model left out ("Saint-Julien" of
    "Saint-Julien-Molin-Molette", "Montceau" of "Montceau-les-Mines")."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    while True:
        tail = _HYPHEN_TAIL.match(text, end)
        if tail is None:
            return start, end
        end = tail.end()


# "-Molette", "-les-Mines", "-sur-Mer": a capitalised part, or particles then one, glued by hyphens.
_HYPHEN_TAIL = compiled_re(r"-(?:(?:les|lès|lez|sur|sous|en|de|des|du|la|le|aux|au|d['’]|l['’])-?)*[A-ZÀ-ÖØ-Þ][\w]*")


def _merge_same_label(text: str, found: list[Finding]) -> list[Finding]:
    """Join adjacent spans of one label separated by a hyphen/apostrophe/space only, and
    drop the overlaps that widening can create."""
    out: list[Finding] = []
    for f in found:
        if out:
            last = out[-1]
            if f.start < last.end or (
                f.label == last.label and f.start - last.end <= 1
                and text[last.end:f.start] in ("", "-", "'", "’")
            ):
                end = max(last.end, f.end)
                out[-1] = Finding(last.start, end, last.label, max(last.score, f.score),
                                  "model", last.explanation)
                continue
        out.append(f)
    return out


def load_model(model_dir: Path | None = None, threads: int = 1) -> NerModel:
    """Load and verify the shipped model; raises ModelError (French message) on any problem."""
    directory = Path(model_dir) if model_dir is not None else default_model_dir()
    files = verify(directory)
    model = NerModel(files, threads)
    log.info("model loaded from %s", directory)
    return model
