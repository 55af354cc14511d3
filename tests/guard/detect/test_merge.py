"""Overlap resolution: precedence between verified rules and the model, clipping, ordering."""

from hypothesis import given
from hypothesis import strategies as st

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.merge import resolve_overlaps


def test_checksum_valid_rule_beats_model_on_structured_id() -> None:
    rule = Finding(10, 31, Label.SECU, 0.99, "rule:nir", "NIR, clé valide")
    model = Finding(8, 20, Label.DATE, 0.97, "model")
    assert resolve_overlaps([model, rule], 40) == [rule]


def test_model_beats_title_rule_on_names() -> None:
    rule = Finding(4, 10, Label.NOM, 0.8, "rule:title")
    model = Finding(4, 15, Label.NOM, 0.7, "model")
    assert resolve_overlaps([rule, model], 20) == [model]


def test_unverified_rule_beats_model_on_structured_label() -> None:
    rule = Finding(0, 10, Label.SECU, 0.6, "rule:nir", "forme de NIR, clé invalide")
    model = Finding(0, 4, Label.DATE, 0.9, "model")
    assert resolve_overlaps([model, rule], 10) == [rule]


def test_offsets_are_clipped_and_empty_spans_dropped() -> None:
    inside = Finding(5, 30, Label.MAIL, 0.99, "rule:mail")
    outside = Finding(25, 30, Label.TEL, 0.99, "rule:tel")
    assert resolve_overlaps([inside, outside], 20) == [Finding(5, 20, Label.MAIL, 0.99, "rule:mail")]


spans = st.builds(
    lambda s, n, label, score, src: Finding(s, s + n, label, score, src),
    st.integers(0, 80),
    st.integers(1, 30),
    st.sampled_from(list(Label)),
    st.floats(0, 1),
    st.sampled_from(["rule:a", "rule:b", "model"]),
)


@given(st.lists(spans, max_size=25), st.integers(1, 100))
def test_result_is_sorted_disjoint_and_inside(findings: list[Finding], length: int) -> None:
    out = resolve_overlaps(findings, length)
    for a, b in zip(out, out[1:]):
        assert a.end <= b.start
    assert all(0 <= f.start < f.end <= length for f in out)


def test_words_a_winner_leaves_uncovered_stay_flagged() -> None:
    text = "Vu M. KEMAL Yusuf ce jour."
    rule = Finding(6, 17, Label.NOM, 0.8, "rule:names")  # "KEMAL Yusuf"
    model = Finding(6, 11, Label.NOM, 0.99, "model")  # "KEMAL"
    kept = resolve_overlaps([rule, model], len(text), text)
    assert [(text[f.start:f.end], f.source) for f in kept] == [("KEMAL", "model"), ("Yusuf", "rule:names")]
    # Without the text (segment stitching in the daemon), the loser is dropped whole.
    assert resolve_overlaps([rule, model], len(text)) == [model]


def test_a_fragment_of_a_word_is_never_kept() -> None:
    text = "Dossier Martinez."
    rule = Finding(8, 16, Label.NOM, 0.8, "rule:names")  # "Martinez"
    model = Finding(8, 14, Label.PRENOM, 0.99, "model")  # "Martin": the rest "ez" is a fragment
    kept = resolve_overlaps([rule, model], len(text), text)
    assert [(text[f.start:f.end]) for f in kept] == ["Martin"]


def test_a_lone_street_number_left_uncovered_by_the_model_stays() -> None:
    from guard.detect.finding import Finding
    from guard.detect.labels import Label
    from guard.detect.merge import resolve_overlaps

    text = "cabinet au 8 ter rue du Moulin, 49300 Cholet"
    rule = Finding(11, 30, Label.ADRESSE, 0.9, "rule:places")
    model = Finding(13, 30, Label.ADRESSE, 0.99, "model")
    kept = resolve_overlaps([rule, model], len(text), text)
    assert [(text[f.start:f.end]) for f in kept] == ["8", "ter rue du Moulin"]


def test_an_initial_left_over_by_a_winning_span_is_kept() -> None:
    from guard.detect.finding import Finding
    from guard.detect.labels import Label
    from guard.detect.merge import resolve_overlaps

    text = "Dr J.-M. Roux"
    model = Finding(3, 4, Label.PRENOM, 0.99, "model")
    rule = Finding(3, 8, Label.PRENOM, 0.75, "rule:names")
    kept = resolve_overlaps([model, rule], len(text), text)
    assert [text[f.start:f.end] for f in kept] == ["J", "M"]
