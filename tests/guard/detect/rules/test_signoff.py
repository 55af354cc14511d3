import pytest

from guard.detect.rules.signoff import LastLineNameRule

from ._helpers import flagged

RULE = LastLineNameRule()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Salut Marc,\nTa patiente est repassée, tu pourras la revoir mardi ?\nSteph", [("Steph", "PRENOM")]),
        ("Bonjour,\nmerci de me rappeler.\nClaire M.", [("Claire", "PRENOM"), ("M.", "NOM")]),
        ("Le pansement est refait, à voir jeudi.\nNathalie", [("Nathalie", "PRENOM")]),  # a known first name
        ("Coucou,\nje passe demain.\n– Loulou", [("Loulou", "PRENOM")]),
    ],
)
def test_a_name_alone_on_the_last_line_of_a_message(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize("text", [
    "Bonjour,\nle bilan est normal.\nMerci",  # a sign-off word
    "Question sur le Xarelto\nDose ?\nUrgent",  # no greeting, not a first name
    "Bonjour,\nvoici le compte rendu.\nConclusion",  # a document word
    "Bonjour,\nle patient va mieux.\nMaman",  # a relative
    "Bonjour, une question sur la metformine",  # one line
])
def test_sign_offs_headings_and_one_line_texts_are_left(text: str) -> None:
    assert flagged(RULE, text) == []
