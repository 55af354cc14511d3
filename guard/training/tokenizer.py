"""WordPiece tokenizer trained on the synthetic corpus.

Case is kept (capitals are a strong name signal) and the corpus already holds SMS-style
lowercase text, so lowercase words get their own pieces too. Digits are split one by one
so that dates, phone numbers and lab values share pieces instead of growing the vocabulary.
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


def train_tokenizer(texts: Iterable[str], vocab_size: int = 12000) -> Tokenizer:
    tok = Tokenizer(models.WordPiece(unk_token=UNK, max_input_chars_per_word=64))
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.BertPreTokenizer(), pre_tokenizers.Digits(individual_digits=True)]
    )
    tok.decoder = decoders.WordPiece()
    trainer = trainers.WordPieceTrainer(
        vocab_size=vocab_size, min_frequency=2, special_tokens=[PAD, UNK],
        continuing_subword_prefix="##", show_progress=False,
        initial_alphabet=_ALPHABET,
    )
    tok.train_from_iterator(texts, trainer=trainer)
    return tok
