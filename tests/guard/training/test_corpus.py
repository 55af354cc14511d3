"""The synthetic corpus: exact offsets, determinism, and a held-out name pool that never
leaks into training text."""

from __future__ import annotations

import random

from guard.detect.labels import Label
from guard.training.corpus import names
from guard.training.corpus.generate import generate, one
from guard.training.corpus.noise import strip_accents


def _norm(s: str) -> str:
    return strip_accents(s).casefold()


def test_spans_match_text_and_never_overlap() -> None:
    for doc in generate(400, seed=11):
        prev_end = 0
        for span in doc.spans:
            assert 0 <= span.start < span.end <= len(doc.text)
            value = doc.text[span.start:span.end]
            assert value == value.strip() and value
            assert span.start >= prev_end
            prev_end = span.end
            Label(span.label)


def test_generation_is_deterministic() -> None:
    a = [d.text for d in generate(50, seed=5)]
    b = [d.text for d in generate(50, seed=5)]
    c = [d.text for d in generate(50, seed=6)]
    assert a == b and a != c


def test_heldout_pool_disjoint_from_training_pool() -> None:
    train, held = names.pool(False), names.pool(True)
    train_keys = {_norm(n) for n in train.first + train.last + names.WORDLIKE_FIRST + names.WORDLIKE_LAST}
    held_keys = {_norm(n) for n in held.first + held.last}
    assert not train_keys & held_keys
    assert len(train.first) > 300 and len(train.last) > 500


def test_training_text_never_contains_heldout_names() -> None:
    held = {_norm(n) for n in names.HELDOUT_FIRST + names.HELDOUT_LAST if len(n) > 3}
    for doc in generate(300, seed=2):
        for span in doc.spans:
            if span.label in ("NOM", "PRENOM"):
                assert _norm(doc.text[span.start:span.end]) not in held


def test_heldout_documents_use_heldout_names() -> None:
    train = names.pool(False)
    train_keys = {_norm(n) for n in train.first + train.last}
    seen = 0
    for doc in generate(200, seed=3, heldout=True):
        for span in doc.spans:
            if span.label in ("NOM", "PRENOM") and span.end - span.start > 2:
                value = _norm(doc.text[span.start:span.end])
                assert value not in train_keys
                seen += 1
    assert seen > 100


def test_about_half_of_prompts_are_identifier_free() -> None:
    rng = random.Random(4)
    prompts = [one(rng) for _ in range(600)]
    prompts = [d for d in prompts if d.kind.startswith("prompt")]
    free = sum(1 for d in prompts if not d.spans)
    assert 0.35 < free / len(prompts) < 0.65
