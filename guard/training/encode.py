"""Annotated documents -> token ids and BIO tag ids, split into bounded training chunks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tokenizers import Tokenizer

from guard.detect.labels import ALL_LABELS

TAGS: tuple[str, ...] = ("O",) + tuple(f"{p}-{lab.value}" for lab in ALL_LABELS for p in ("B", "I"))
TAG_ID = {t: i for i, t in enumerate(TAGS)}


def char_labels(length: int, spans: Iterable[dict]) -> list[str | None]:
    out: list[str | None] = [None] * length
    for s in spans:
        for i in range(s["start"], s["end"]):
            out[i] = s["label"]
    return out


def token_tags(offsets: Sequence[tuple[int, int]], chars: list[str | None],
               span_starts: set[int]) -> list[int]:
    """Tag of a token = label of its first labelled char; B- when the entity starts inside it."""
    tags = []
    prev_label: str | None = None
    for start, end in offsets:
        label = None
        begins = False
        for i in range(start, end):
            if chars[i] is not None:
                label = chars[i]
                begins = i in span_starts
                break
        if label is None:
            tags.append(0)
        elif begins or prev_label != label:
            tags.append(TAG_ID[f"B-{label}"])
        else:
            tags.append(TAG_ID[f"I-{label}"])
        prev_label = label
    return tags


def encode_docs(tok: Tokenizer, docs: Sequence[dict], max_len: int = 256) -> list[tuple[list[int], list[int]]]:
    """(ids, tags) chunks of at most `max_len` tokens, cut with an overlap for context."""
    encodings = tok.encode_batch([d["text"] for d in docs], add_special_tokens=False)
    out: list[tuple[list[int], list[int]]] = []
    for doc, enc in zip(docs, encodings):
        chars = char_labels(len(doc["text"]), doc["spans"])
        tags = token_tags(enc.offsets, chars, {s["start"] for s in doc["spans"]})
        ids = enc.ids
        if not ids:
            continue
        step = max_len - 32
        for start in range(0, max(1, len(ids) - 32), step):
            out.append((ids[start:start + max_len], tags[start:start + max_len]))
    return out
