from guard.detect.rules.spoken import SpokenPhoneRule

from ._helpers import flagged

RULE = SpokenPhoneRule()


def test_a_phone_number_read_out_in_five_pairs_is_a_phone_number() -> None:
    for text, number in [
        ("Vous pouvez me rappeler au zéro cinq, soixante-cinq, quarante-deux, dix-huit, trente-sept, merci.",
         "zéro cinq, soixante-cinq, quarante-deux, dix-huit, trente-sept"),
        ("mon numéro c'est le zéro six, vingt-huit, soixante-quatorze, zéro trois, quatre-vingt-onze",
         "zéro six, vingt-huit, soixante-quatorze, zéro trois, quatre-vingt-onze"),
        ("rappeler zero sept quatre vingt dix neuf soixante et onze vingt deux trente",
         "zero sept quatre vingt dix neuf soixante et onze vingt deux trente"),
        ("Zéro un - quarante-cinq - douze - zéro zéro - quatre-vingts", "Zéro un - quarante-cinq - douze - zéro zéro - quatre-vingts"),
    ]:
        assert flagged(RULE, text) == [(number, "TEL")], text


def test_counting_and_short_runs_are_not_phone_numbers() -> None:
    for text in ("score de zéro à deux, trois ou quatre", "zéro six douze trente", "EVA de zéro sur dix",
                 "zéro deux trois", "Bonjour, rien à signaler"):
        assert flagged(RULE, text) == [], text
