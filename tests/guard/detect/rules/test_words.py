"""The shared word set: cue pre-checks never change what a rule finds."""

import json
from pathlib import Path

import pytest

from guard.detect.rules import _words, default_rules, firstnames
from guard.detect.rules._words import cue_set, has_any, words

REPO = Path(__file__).resolve().parents[4]


def test_words_are_folded_letter_runs() -> None:
    assert words("l'IDÉ de sa sœur, petit-fils, prélevement 12ans") >= {
        "l", "ide", "sa", "soeur", "petit", "fils", "prelevement", "ans"}
    assert has_any("demande de Prélevement", cue_set("prélèvement"))
    assert not has_any("rien ici", cue_set("mutuelle"))


class _Everything(frozenset):
    def isdisjoint(self, other: object) -> bool:  # every cue "occurs": pre-checks never skip
        return False


def _texts() -> list[str]:
    from guard.training.corpus.generate import generate

    texts = [d.to_json(str(i))["text"] for i, d in enumerate(generate(250, 4242))]
    for name in ("dev.jsonl", "dev2/dev2.jsonl", "dev3/dev3.jsonl", "dev4/dev4.jsonl", "dev5/dev5.jsonl"):
        path = REPO / "tests" / "data" / name
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def test_rules_find_the_same_with_and_without_cue_prechecks(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = default_rules()
    texts = _texts()
    guarded = [[(f.start, f.end, f.label, f.score) for r in rules for f in r.find(t)] for t in texts]
    monkeypatch.setattr(_words, "words", lambda text: _Everything())
    monkeypatch.setattr(firstnames, "text_words", lambda text: _Everything())
    assert has_any("rien ici", cue_set("mutuelle"))  # the patch is in force: nothing is skipped
    full = [[(f.start, f.end, f.label, f.score) for r in rules for f in r.find(t)] for t in texts]
    assert guarded == full
