"""WordPiece tokenizer trained on the synthetic corpus.

Case is kept (capitals are a strong name signal) and the corpus already holds SMS-style
lowercase text, so lowercase words get their own pieces too. Digits: "single" (the default,
the shipped model) gives one token per digit, so dates, phone numbers and lab values share
pieces; "runs" keeps a run of digits as one word that WordPiece cuts into learned pieces
("1951", "06"): 10-20 % fewer tokens on number-heavy text (the model's cost is per token),
but the candidates trained that way were less precise on the hand-written dev sets (model card).
No special tokens are added around sequences: the runtime windows raw token ids.
"""

from __future__ import annotations

from collections.abc import Iterable

from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

UNK = "[UNK]"
PAD = "[PAD]"

# Every Latin letter with its diacritics (Latin-1 and Latin Extended-A), so that a rare
# letter in a name ("ø", "ł", "ğ") never turns the whole word into [UNK].
_ALPHABET = [chr(c) for c in range(0x20, 0x7F)] + [
    chr(c) for c in range(0xC0, 0x180) if chr(c).isalpha()
] + list("’«»€°µ–—…œŒ")


DIGIT_MODES = ("runs", "single")


def train_tokenizer(texts: Iterable[str], vocab_size: int = 12000, digits: str = "single") -> Tokenizer:
    if digits not in DIGIT_MODES:
        raise ValueError(f"digits must be one of {DIGIT_MODES}")
    tok = Tokenizer(models.WordPiece(unk_token=UNK, max_input_chars_per_word=64))
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.BertPreTokenizer(),
         pre_tokenizers.Digits(individual_digits=digits == "single")]
    )
    tok.decoder = decoders.WordPiece()
    trainer = trainers.WordPieceTrainer(
        vocab_size=vocab_size, min_frequency=2, special_tokens=[PAD, UNK],
        continuing_subword_prefix="##", show_progress=False,
        initial_alphabet=_ALPHABET,
    )
    tok.train_from_iterator(texts, trainer=trainer)
    return tok
