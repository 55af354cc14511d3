"""Token tags follow the character annotations through the tokenizer's offsets."""

from __future__ import annotations

from guard.training.encode import TAGS, encode_docs
from guard.training.tokenizer import train_tokenizer


def test_tags_follow_character_spans() -> None:
    text = "Mme Le Gall Rose née le 03/04/1951 à Brest."
    doc = {"text": text, "spans": [
        {"start": 4, "end": 11, "label": "NOM"}, {"start": 12, "end": 16, "label": "PRENOM"},
        {"start": 24, "end": 34, "label": "DATE_NAISSANCE"}, {"start": 37, "end": 42, "label": "VILLE"}]}
    tok = train_tokenizer([text] * 5, vocab_size=600)
    [(ids, tags)] = encode_docs(tok, [doc])
    enc = tok.encode(text, add_special_tokens=False)
    named = {text[s:e]: TAGS[t] for (s, e), t in zip(enc.offsets, tags)}
    assert named["Mme"] == "O" and named["née"] == "O"
    assert TAGS[tags[1]] == "B-NOM" and TAGS[tags[2]] == "I-NOM"
    assert named["Rose"] == "B-PRENOM"
    date_tags = [TAGS[t] for (s, e), t in zip(enc.offsets, tags) if 24 <= s < 34]
    assert date_tags[0] == "B-DATE_NAISSANCE" and set(date_tags[1:]) == {"I-DATE_NAISSANCE"}
    assert len(ids) == len(tags) == len(enc.ids)


def test_long_documents_are_chunked_with_overlap() -> None:
    text = "mot " * 1000
    tok = train_tokenizer([text], vocab_size=400)
    chunks = encode_docs(tok, [{"text": text, "spans": []}], max_len=128)
    assert len(chunks) > 7 and all(len(ids) <= 128 for ids, _ in chunks)
