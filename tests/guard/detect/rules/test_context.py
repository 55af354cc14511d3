from guard.detect.rules import context


def test_fold_strips_case_and_accents() -> None:
    assert context.fold("Tél. Né") == "tel. ne"


def test_whole_words_only() -> None:
    # "tel" inside "hôtel" must not count as a phone cue.
    assert not context.near("hôtel 0612345678", 6, 16, ["tel"])
    assert context.near("tél 0612345678", 4, 14, ["tel"])


def test_adjust_is_bounded() -> None:
    assert context.adjust(0.9, "tel 06", 4, 6, boosts=["tel"], step=5.0) == 1.0
    assert context.adjust(0.1, "ipp 06", 4, 6, penalties=["ipp"], step=5.0) == 0.0
    assert context.adjust(0.5, "tel 06", 4, 6, boosts=["tel"], step=5.0) == 0.5 + context.MAX_STEP


def test_window_is_limited() -> None:
    text = "tel " + "x " * 100 + "0612345678"
    assert not context.near(text, len(text) - 10, len(text), ["tel"])
