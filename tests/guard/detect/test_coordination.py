from guard.detect.coordination import extend_coordinated
from guard.detect.finding import Finding
from guard.detect.labels import Label


def _prenom(text: str, word: str) -> Finding:
    start = text.index(word)
    return Finding(start, start + len(word), Label.PRENOM, 0.95, "model")


def test_a_first_name_coordinated_with_a_found_one_is_taken_both_ways() -> None:
    text = "accompagné de ses deux parents, Fahardine et Nasra."
    out = extend_coordinated(text, [_prenom(text, "Fahardine")])
    assert [(text[f.start:f.end], f.label, f.score) for f in out] == [
        ("Fahardine", Label.PRENOM, 0.95), ("Nasra", Label.PRENOM, 0.7)]
    out = extend_coordinated(text, [_prenom(text, "Nasra")])
    assert [text[f.start:f.end] for f in out] == ["Fahardine", "Nasra"]


def test_lexicon_words_and_already_found_words_are_left_alone() -> None:
    text = "Lucas et Crohn, puis Lucas et Noé"
    first = _prenom(text, "Lucas")
    out = extend_coordinated(text, [first])
    assert [text[f.start:f.end] for f in out] == ["Lucas"]
    start = text.rindex("Lucas")
    second = Finding(start, start + 5, Label.PRENOM, 0.9, "model")
    noe = Finding(text.index("Noé"), text.index("Noé") + 3, Label.PRENOM, 0.9, "model")
    assert extend_coordinated(text, [second, noe]) == [second, noe]
