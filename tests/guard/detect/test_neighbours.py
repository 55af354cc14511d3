from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.detect.neighbours import extend_surnames


def _prenom(text: str, word: str, score: float = 0.95) -> Finding:
    start = text.index(word)
    return Finding(start, start + len(word), Label.PRENOM, score, "model")


def _spans(text: str, found: list[Finding]) -> list[tuple[str, Label]]:
    return [(text[f.start:f.end], f.label) for f in found]


def test_the_capitalised_word_after_a_found_first_name_is_a_surname() -> None:
    for text, first, last in [
        ("Les jumelles Nahïa et Maëlya Courtade-Lopez ont la varicelle", "Maëlya", "Courtade-Lopez"),
        ("vu Wiktoria ZIELIŃSKA en rééducation", "Wiktoria", "ZIELIŃSKA"),
        ("Awa Ould Ahmed dialysée", "Awa", "Ould Ahmed"),
        ("Jean d'Ormesson-Petit viendra", "Jean", "d'Ormesson-Petit"),
    ]:
        out = extend_surnames(text, [_prenom(text, first)])
        assert _spans(text, out) == [(first, Label.PRENOM), (last, Label.NOM)], text


def test_the_surname_never_scores_above_its_first_name_and_caps_at_075() -> None:
    text = "Maëlya Courtade"
    assert extend_surnames(text, [_prenom(text, "Maëlya", 0.99)])[1].score == 0.75
    assert extend_surnames(text, [_prenom(text, "Maëlya", 0.6)])[1].score == 0.6


def test_a_surname_before_the_first_name_needs_an_identifier_cue_after_the_pair() -> None:
    text = "Pour la déclaration AT : Kowalczyk Bartosz, NIR 1 78 02 13 055 210 60"
    assert _spans(text, extend_surnames(text, [_prenom(text, "Bartosz")]))[0] == ("Kowalczyk", Label.NOM)
    text = "Dupont Léa (45 ans) sort demain"
    assert _spans(text, extend_surnames(text, [_prenom(text, "Léa")]))[0] == ("Dupont", Label.NOM)
    for text in ("Salut Marie, tu as vu ?", "Bravo Marie, 45 ans de carrière", "Avec Marie, on verra"):
        assert _spans(text, extend_surnames(text, [_prenom(text, "Marie")])) == [("Marie", Label.PRENOM)], text


def test_stop_words_lexicon_terms_and_found_spans_are_left_alone() -> None:
    for text in ("Merci Marie Pour tout", "avec Léa Parkinson débutant", "Léa Lundi prochain",
                 "Paul Le dossier", "Marie\nDupont"):
        first = text.split()[1] if text.startswith(("Merci", "avec")) else text.split()[0]
        assert _spans(text, extend_surnames(text, [_prenom(text, first)])) == [(first, Label.PRENOM)], text
    text = "Marie Dupont"
    both = [_prenom(text, "Marie"), Finding(6, 12, Label.NOM, 0.9, "model")]
    assert extend_surnames(text, both) == both


def test_without_a_first_name_nothing_changes() -> None:
    text = "Dupont Durand, 45 ans"
    found = [Finding(0, 6, Label.NOM, 0.9, "model")]
    assert extend_surnames(text, found) is found


def test_a_second_surname_a_form_label_and_a_nationality_count_as_evidence() -> None:
    text = "Bébé de 3 semaines, Tiago Ferreira Gomes, vomissements"
    found = [_prenom(text, "Tiago"), Finding(text.index("Ferreira"), text.index("Ferreira") + 8, Label.NOM, 0.9, "model")]
    assert _spans(text, extend_surnames(text, found))[-1] == ("Gomes", Label.NOM)
    text = "Maman : Mezouar Inès, G2P2"
    assert _spans(text, extend_surnames(text, [_prenom(text, "Inès")]))[0] == ("Mezouar", Label.NOM)
    text = "Rusu Vasile, moldave, ouvrier agricole"
    assert _spans(text, extend_surnames(text, [_prenom(text, "Vasile")]))[0] == ("Rusu", Label.NOM)
    text = "Bravo Vasile, excellent travail"
    assert _spans(text, extend_surnames(text, [_prenom(text, "Vasile")])) == [("Vasile", Label.PRENOM)]


def test_a_bracketed_surname_and_a_nickname_before_the_real_name() -> None:
    text = "Tiago (Gonçalves) a marché 30 m"
    assert _spans(text, extend_surnames(text, [_prenom(text, "Tiago")]))[1] == ("Gonçalves", Label.NOM)
    text = "je suis la kiné de dédé (M. Rousseau André), il fait"
    nom = Finding(text.index("Rousseau"), text.index("Rousseau") + 8, Label.NOM, 0.9, "model")
    assert _spans(text, extend_surnames(text, [nom]))[0] == ("dédé", Label.PRENOM)
    for text in ("le bobo (Mme Durand) guérit", "un diabète (Mme Durand) mal équilibré"):
        nom = Finding(text.index("Durand"), text.index("Durand") + 6, Label.NOM, 0.9, "model")
        assert _spans(text, extend_surnames(text, [nom])) == [("Durand", Label.NOM)], text


def test_a_particle_before_a_found_name_is_part_of_the_surname() -> None:
    text = "Ould Ahmed Sidi 63 ans dialysé"
    found = [_prenom(text, "Ahmed"), Finding(text.index("Sidi"), text.index("Sidi") + 4, Label.NOM, 0.7, "rule:firstnames")]
    assert _spans(text, extend_surnames(text, found))[0] == ("Ould", Label.NOM)


def test_a_list_line_opening_with_surname_then_first_name_takes_the_surname() -> None:
    for text, first, last in [
        ("Rappels :\nMendès Lucinda 10h00 — 0033 6 88 41 27 53", "Lucinda", "Mendès"),
        ("Traitements du soir :\nCh. 7 Cuny Lucien : Lasilix 40", "Lucien", "Cuny"),
        ("Tournée :\n2. Grenier Marcel — lieu-dit La Combe", "Marcel", "Grenier"),
        ("Rappels :\nAit Ouarab Yanis 9h15 — 07 52 18 64 09", "Yanis", "Ait Ouarab"),
    ]:
        out = extend_surnames(text, [_prenom(text, first)])
        assert (last, Label.NOM) in _spans(text, out), text
    for text in ("Bonjour Marie\nmerci", "Salut Marie :)", "On en parle avec Marie — demain"):
        assert _spans(text, extend_surnames(text, [_prenom(text, "Marie")])) == [("Marie", Label.PRENOM)], text


def test_a_surname_initial_after_a_first_name_and_a_particle_tail_after_a_surname() -> None:
    text = "IDE : Sandrine V."
    assert ("V.", Label.NOM) in _spans(text, extend_surnames(text, [_prenom(text, "Sandrine")]))
    text = "« Alejandro Ruiz de la Fuente est hospitalisé"
    start = text.index("Ruiz")
    found = [_prenom(text, "Alejandro"), Finding(start, start + 4, Label.NOM, 0.98, "model")]
    assert ("de la Fuente", Label.NOM) in _spans(text, extend_surnames(text, found))
    text = "Vitamine D. Le test"
    assert _spans(text, extend_surnames(text, [])) == []
