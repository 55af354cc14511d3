import pytest

from guard.detect.rules.subjects import SubjectNameRule

from ._helpers import flagged

RULE = SubjectNameRule()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kowalczyk refuse la prise de sang pour ce matin", [("Kowalczyk", "NOM")]),
        ("Réunion : Benhamou sort demain, Tsiklauri attend sa place", [("Benhamou", "NOM"), ("Tsiklauri", "NOM")]),
        ("Pierre a encore fait une hypo à 0,45", [("Pierre", "PRENOM")]),
        ("Prudence a vomi sa première prise", [("Prudence", "PRENOM")]),
        ("Bonne nuit.\nMOREAU se plaint de douleurs", [("MOREAU", "NOM")]),
        ("Chen Xiaoming tousse depuis hier", [("Chen", "NOM"), ("Xiaoming", "PRENOM")]),
    ],
)
def test_a_bare_name_before_a_verb_only_a_person_does(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize("text", [
    "Prudence est de mise avec les AINS",  # "est" is not enough
    "Douleur va mieux depuis hier",  # a lexicon word
    "Elle refuse le traitement",  # a pronoun
    "La famille refuse l'hospitalisation",  # not at a clause start
    "Famille refuse l'hospitalisation",  # a group of people, not a name
    "Maman dit qu'il tousse",  # a relative
    "Cardiologue demande un ETT",  # a profession, and no such verb
    "Traitement refusé par le patient",  # no person verb after the word
    "le patient kowalczyk refuse",  # lowercase: the titled rule's job
])
def test_words_that_are_not_names_and_other_verbs_are_left(text: str) -> None:
    assert flagged(RULE, text) == []


def test_sms_style_known_first_names_open_a_sentence_before_a_person_verb() -> None:
    assert flagged(RULE, "prosper va mieux, la plaie du talon bourgeonne") == [("prosper", "PRENOM")]
    assert flagged(RULE, "ok. lucas refuse de manger") == [("lucas", "PRENOM")]
    assert flagged(RULE, "rose a vomi ce matin") == []  # a first name that is also a word
    assert flagged(RULE, "la patiente refuse") == []


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = ["Kowalczyk", "Pierre", "Elle", "Douleur", " refuse", " a vomi", " va mieux", " sort", ", ", ". ",
           "\n", " ", "le bilan", "kevin", " tousse", "MOREAU", " se plaint", "Chen Xiaoming", "Prudence", " est"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_the_per_verb_scan_finds_what_the_full_text_patterns_find(pieces: list[str]) -> None:
    import re

    from guard.detect.rules import subjects as S

    text = "".join(pieces)
    full = {m.span("name") for m in S._PATTERN.finditer(text)}
    per_verb = {m.span("name") for v in S._HINT_VERBS.finditer(text)
                if (m := S._NAME_BEFORE.search(text, max(0, v.start() - 60), v.start()))}
    assert per_verb == full
    full_low = {m.span("name") for m in S._LOWER_PATTERN.finditer(text)}
    per_verb_low = {m.span("name") for v in S._HINT_VERBS.finditer(text)
                    if (m := S._LOWER_BEFORE.search(text, max(0, v.start() - 40), v.start()))}
    assert per_verb_low == full_low
    assert re  # (imported for the reader: both forms are stdlib patterns)


def test_a_name_after_the_room_then_its_state_in_a_hand_off() -> None:
    from guard.detect.rules.subjects import SubjectNameRule

    rule = SubjectNameRule()
    text = "Transmissions nuit ch 14 : Kerbrat agitée vers 2h"
    assert [(text[f.start:f.end], f.label.value) for f in rule.find(text)] == [("Kerbrat", "NOM")]
    for text in ("Aplasie fébrile à J9", "C3 EC. Neutropénie fébrile", "ch 12 : Douleur calme"):
        assert [f for f in rule.find(text) if f.score >= 0.5] == [], text
