"""MODEL_CARD.md written from the training run's own numbers, so it cannot drift."""

from __future__ import annotations

from pathlib import Path


def _table(m: dict) -> str:
    rows = ["| label | char recall | char precision | gold chars |", "|---|---|---|---|"]
    for lab, v in m["per_label"].items():
        rows.append(f"| {lab} | {v['recall']} | {v['precision']} | {v['gold_chars']} |")
    return "\n".join(rows)


_SET_TITLES = {
    "dev": "dev (162 hand-written examples, by the rules' author; looked at while developing)",
    "dev2": "dev2 (175 hand-written examples, another engineer; looked at while developing)",
    "dev3": "dev3 (173 hand-written examples, a third engineer; measured once before any change, then looked at)",
    "dev6": "dev6 (120 hand-written examples, names-heavy, a sixth engineer; first measured 0.894 / 0.956 / 5)",
    "dev7": "dev7 (160 hand-written examples, hard names and towns, a seventh engineer; first measured 0.916 / 0.947 / 5)",
    "dev8": "dev8 (150 hand-written examples, a realistic mix, an eighth engineer; first measured 0.974 / 0.959 / 5)",
    "dev9": "dev9 (180 hand-written examples, prompts and notes, names-heavy, a ninth engineer; first measured 0.955 / 0.965 / 4)",
    "dev10": "dev10 (150 hand-written examples: capitals, English, SMS, forms; a tenth engineer; first measured 0.944 / 0.964 / 11)",
    "dev11": "dev11 (120 hand-written examples, long pasted documents; an eleventh engineer; first measured 0.970 / 0.979 / 4)",
    "dev12": "dev12 (150 hand-written examples: what GPs, nurses, physios, midwives, pharmacists and secretaries type; a twelfth engineer; first measured 0.936 / 0.979 / 2)",
    "dev13": "dev13 (150 hand-written hospital notes by specialty; a thirteenth engineer; first measured 0.982 / 0.969 / 9)",
    "dev14": "dev14 (160 hand-written notes and prompts, half identifier-free; first measured after the dev12/dev13 rules 0.981 / 0.971 / 7)",
    "dev15": "dev15 (160 short notes and prompts, half identifier-free; first measured after the dev12-dev14 rules 0.983 / 0.964 / 6)",
    "dev17": "dev17 (120 notes and prompts, half identifier-free; measured once with this version, never looked at for changes)",
    "holdout": "holdout (183 hand-written examples, another engineer; **never tuned on**)",
}


def _detector_section(detector: dict | None) -> list[str]:
    """The shipped detector (rules + this model) on hand-written text: the honest numbers."""
    if not detector:
        return []
    rows = ["## Whole detector (rules + this model) on hand-written French text", "",
            "Measured with `python -m guard.training.detector_eval --model-dir models/` (project metric,",
            "threshold 0.5). Targets (issue 3): recall ≥ 0.98, precision ≥ 0.95, ≤ 5 % of",
            "identifier-free documents flagged.", "",
            "| set | detector | char recall | char precision | identifier-free flagged |", "|---|---|---|---|---|"]
    for name, by_mode in detector.items():
        for mode, m in by_mode.items():
            rows.append(f"| {_SET_TITLES.get(name, name)} | {mode} | {m['char_recall']} | {m['char_precision']} | "
                        f"{m['clean_docs_flagged']} / {m['clean_docs']} |")
    return rows + [""]


def _holdout_verdict(detector: dict | None) -> list[str]:
    """One line saying plainly which issue-3 targets the held-out set meets and misses."""
    m = (detector or {}).get("holdout", {}).get("rules+model")
    if not m:
        return []
    rate = m["clean_docs_flagged"] / max(1, m["clean_docs"])
    checks = [f"recall {m['char_recall']} ({'meets' if m['char_recall'] >= 0.98 else 'misses'} 0.98)",
              f"precision {m['char_precision']} ({'meets' if m['char_precision'] >= 0.95 else 'misses'} 0.95)",
              f"{m['clean_docs_flagged']}/{m['clean_docs']} = {rate:.1%} identifier-free flagged "
              f"({'meets' if rate <= 0.05 else 'misses'} 5 %)"]
    return [f"- Held-out set, whole detector: {'; '.join(checks)}."]


def write_model_card(out: Path, metrics: dict) -> None:
    c = metrics["config"]
    res = metrics["metrics"][metrics["chosen"]]
    lines = [
        "# Vigie NER model — model card",
        "",
        "Token classifier that finds names, addresses, towns, facilities and dates in French clinical",
        "text. Runs in the detector with onnxruntime + tokenizers (guard/detect/model.py); structured",
        "identifiers (NIR, IBAN, phone...) are mainly caught by checksum rules.",
        "",
        "## Reproduce",
        "",
        "```",
        f"python -m guard.training.train --out models/ --seed {c['seed']} --n-train {c['n_train']} "
        f"--arch {c['arch']} --dim {c['dim']} --layers {c['layers']} --convs {c.get('convs', 2)} "
        f"--vocab {c['vocab']} --digits {c.get('digits', 'single')} --steps {c['steps']} --threads {c['threads']}",
        "```",
        "",
        f"Needs the `[train]` extra (torch {metrics['torch']}, CPU). Training: {metrics['train_seconds']} s, "
        f"whole command {metrics['total_seconds']} s with {c['threads']} thread(s) on the project's shared 2-core machine "
        "(timings vary with the machine's other load). The seed fixes the corpus, the batches and the "
        "weights' initialisation; the `tokenizers` WordPiece trainer breaks frequency ties in hash order, "
        "so a retrain's vocabulary can differ by a token or two at the 12,000 boundary (measured: 1 of "
        "12,000) and the retrained model matches this one's metrics within noise, not bit for bit.",
        "",
        "## Model",
        "",
        f"- architecture: `{c['arch']}` (dim {c['dim']}, layers {c['layers']}, heads {c['heads']}, ff {c['ff']}),"
        f" {c.get('convs', 2)} convolution block(s), {metrics['parameters']} parameters, WordPiece vocabulary"
        f" {c['vocab']} (cased, digits {'one token each' if c.get('digits', 'single') == 'single' else 'kept in runs'})",
        f"- file: `model.onnx` ({metrics['chosen']}, {metrics['size_bytes']} bytes), window {c['window']} tokens,"
        " overlap 64",
        "- sha256: " + ", ".join(f"`{k}` {v}" for k, v in metrics["sha256"].items()),
        "",
        "## Data",
        "",
        f"{c['n_train']} synthetic documents written by `guard/training/corpus/` (no third-party corpus):",
        "chatbot prompts (half identifier-free; SMS style, typos, ALL CAPS, some English), discharge and",
        "referral letters, consultation notes, prescriptions, nursing hand-offs, physiotherapy reports,",
        "lab headers, Mon espace santé exports, e-mails. Names from hand-written pools (France and the",
        "origins common in France), names invented by a character trigram model of that pool, and",
        "Faker fr_FR (names, towns, streets; its French word list feeds meaningless ordinary-word",
        "filler labelled O). Hard negatives (eponyms, scores, drug brands and invented brands with a",
        "dose, lab values, cited authors, \"Mme X\", roles) sit in the same documents. A held-out pool",
        "of first and last names (`HELDOUT_FIRST`/`HELDOUT_LAST`) is never used in training text.",
        "",
        "## Metrics (model alone, character level, alphanumeric characters)",
        "",
    ]
    for name, m in res.items():
        title = {"test": "Held-out documents (training name pool, unseen seed)",
                 "heldout_names": "Held-out names (names never seen in training)"}.get(name, name)
        lines += [f"### {title}", "",
                  f"{m['docs']} documents: char recall **{m['char_recall']}**, char precision "
                  f"**{m['char_precision']}**; identifier-free documents flagged: rate {m['clean_docs_flagged']} "
                  f"(of {m['clean_docs']}).", "", _table(m), ""]
    lines += [
        "Per-label precision counts a character as correct when it is any gold identifier.",
        "",
    ]
    lines += _detector_section(metrics.get("detector"))
    lines += [
        "## Architecture choice (measured on this machine, shared with other jobs: latencies are noisy)",
        "",
        "Latency: one 360-token window (about 1,000 characters of French clinical text), one thread,",
        "int8, untrained weights of the same shapes (p50). Convolutions are written as shifted copies",
        "plus one Linear (`nets.ShiftConv`) so int8 dynamic quantisation covers them: ONNX Runtime's",
        "ConvInteger is slow and a float Conv1d dominated the runtime.",
        "",
        "| candidate | params | 360 tokens p50 |",
        "|---|---|---|",
        "| hybrid, 2 conv + 2 attention layers, Conv1d (previous model) | 2.0 M | 2.43 ms |",
        "| same, ShiftConv | 2.0 M | 2.00 ms |",
        "| hybrid, 2 ShiftConv + 1 attention layer | 1.87 M | 1.27 ms |",
        "| conv, 5 dilated GLU blocks, Conv1d | 2.0 M | 1.93 ms |",
        "| conv, 5 dilated GLU blocks, ShiftConv | 2.0 M | 0.86 ms |",
        "| conv, dim 96, 5 blocks, ShiftConv | 1.4 M | 0.60 ms |",
        "",
        "Quality was compared with the whole detector (rules + model) on the hand-written dev sets",
        "(recall / precision / identifier-free flagged; dev = 75 clean docs, dev2 = 80):",
        "",
        "| model | corpus | dev | dev2 |",
        "|---|---|---|---|",
        "| hybrid 2 attention layers (previous model) | v1 | 0.995 / 0.984 / 1 | 0.978 / 0.989 / 3 |",
        "| conv 6 blocks (dilations 1,2,4,8,16,1) | v1 | 0.999 / 0.971 / 3 | 0.965 / 0.980 / 5 |",
        "| hybrid 1 attention layer | v2 (+ relatives, typed facilities, signatures) | 0.999 / 0.975 / 2 | 0.975 / 0.973 / 7 |",
        "| conv 6 blocks | v3 (v2 + invented eponyms, countries, acronyms) | 0.994 / 0.978 / 3 | 0.970 / 0.986 / 4 |",
        "| **hybrid 1 attention layer (shipped)** | v3 | 0.999 / 0.984 / 1 | 0.980 / 0.991 / 2 |",
        "| hybrid 1 attention layer, dim 96 (1,000 chars 1.17 ms) | v3 | 0.992 / 0.980 / 1 | 0.974 / 0.982 / 2 |",
        "| hybrid 1 attention layer, 60,000 documents, 12,000 steps | v3 | 0.996 / 0.991 / 1 | 0.973 / 0.991 / 2 |",
        "",
        "Each row was measured with the rules and gate of its day; the last two rows with the gate of",
        "that day, where the shipped model scored 0.999 / 0.990 / 1 and 0.984 / 0.996 / 2.",
        "",
        "A third session tried a faster tokenizer (digit runs kept whole: 19 % fewer tokens on",
        "number-heavy text, 1,000 characters in 1.35 ms instead of 1.70 ms) with a corpus that also names",
        "the patient bare as a sentence subject. Measured with the same, final rules and gate on the",
        "three dev sets (dev3 = 84 identifier-free docs), none beat the shipped model, so it stays:",
        "",
        "| model | dev | dev2 | dev3 |",
        "|---|---|---|---|",
        "| **shipped** (digits one per token, vocabulary 12,000, corpus v3) | 0.999 / 0.990 / 1 | 0.995 / 0.998 / 1 | 0.984 / 0.989 / 4 |",
        "| digit runs, vocabulary 16,000, 20 % bare-name subjects | 0.999 / 0.988 / 1 | 0.985 / 0.980 / 3 | 0.981 / 0.978 / 4 |",
        "| same, one convolution block (1,000 chars 1.22 ms) | 0.995 / 0.987 / 2 | 0.974 / 0.973 / 5 | 0.978 / 0.958 / 8 |",
        "| digit runs, 6 % bare-name subjects + capitalised clinical nouns in their place | 0.995 / 0.989 / 1 | 0.987 / 0.996 / 1 | 0.979 / 0.966 / 7 |",
        "| digit runs, vocabulary 16,000, corpus v3 unchanged (dev4: 5 of 150 flagged, shipped: 0) | 0.995 / 0.991 / 1 | 0.983 / 0.995 / 1 | 0.979 / 0.990 / 3 |",
        "",
        "The last row isolates the tokenizer: with the shipped corpus it still loses recall on dev2 and",
        "dev3. The others' errors were capitalised ordinary words read as names at the start of a sentence",
        "(\"Emphysème\", \"Renseignements\") and spans running into the next word. The corpus code is",
        "back to v3, so the command above reproduces the shipped model; `--digits runs` and `--convs 1`",
        "remain as options.",
        "",
        "The attention layer keeps whole-window context (a cue such as \"née le\" far from the date,",
        "a name repeated later); the pure conv tagger was faster but less precise on unseen text.",
        "",
        "## Known limits",
        "",
        "- Trained on synthetic text only: real notes have layouts and abbreviations it never saw.",
        "- Generator metrics above are an upper bound; the hand-written sets are the honest measure.",
        *_holdout_verdict(metrics.get("detector")),
        "- The gate threshold (0.9) was compared with 0.8 on the dev sets; 0.8 was also measured once on",
        "  the held-out set (recall 0.966, precision 0.948 at the time) and not adopted.",
        "- The model alone misses first and last names with no title or cue (\"je te confirme que Mamadou",
        "  Coulibaly passe en HDJ\"); in the detector the first-name rule (2,426 names in use in France,",
        "  none from the held-out pool) and the age rule (\"Killian, 16 ans\") catch most of them.",
        "- Remaining misses seen on the dev sets: facilities named without a type word and not among the",
        "  known public hospitals (a lab brand), small towns missing from the gazetteer, first names that",
        "  are also words written in lowercase (\"jade 15 ans\", \"capucine le goff\"), unknown names with",
        "  no cue at all (\"Gosia (c'est Małgorzata Wiśniewska\"), names inside quoted speech.",
        "- False alarms: on dev4 (150 identifier-free texts by a fourth engineer, full of eponyms, drugs,",
        "  scores and template fields) 13 texts were flagged when first measured, 0 after the gate learnt",
        "  template fields, sentence openers, eponym lists and vowel-less acronyms; on dev5 (100",
        "  identifier-free notes and reports by a fifth engineer) 13, then 0 after headings in capitals,",
        "  drugs with a dose, codes and adjectives. The held-out set's flagged identifier-free texts are",
        "  all the model's (rules alone flag none) and were never looked at.",
        "- The held-out set was measured four times in the third session, each time only after changes",
        "  chosen on the dev sets: 0.978 / 0.968 / 4 (rules), 0.978 / 0.972 / 4 (dev4 gate), 0.977 /",
        "  0.979 / 2 (dev5 gate), 0.977 / 0.978 / 2 (dev6 rules); twice in the fourth session: after",
        "  the dev7/dev8 rules (gazetteer of towns, bare-name subjects, surnames next to first names,",
        "  signatures, initials) 0.9787 / 0.9862 / 2, after the dev9 rules (names placed by layout,",
        "  facilities with a specialty, lowercase towns, date enumerations) 0.9779 / 0.9815 / 2, after",
        "  the dev10 rules (capital-letter texts, English dates and practices, SMS facilities and names,",
        "  extensions below the flag threshold) 0.9787 / 0.9815 / 2, then after the dev11 rules (long",
        "  pasted documents: lieux-dits after 'Adresse :', run-on dates, brand capitals) 0.9787 /",
        "  0.9867 / 2; in the fifth session after the dev12-dev14 rules (weekday dates, spoken phone",
        "  numbers, list lines, lowercase names after a role, medico-social units, brands after a",
        "  galenic form, regulatory first-of-month dates) 0.9787 / 0.9867 / 2 again (the rules alone",
        "  went from 0.963 to 0.965: what they now find, the model already found), after the dev15",
        "  rules 0.9814 / 0.9868 / 2, then after the dev16 false-alarm fixes (organisational dates,",
        "  expiries, product codes): the table above, unchanged. Never inspected, never tuned on.",
        "- Remaining false alarms seen on the dev sets: organisational dates (\"validé en CME le 12 mars",
        "  2024\"), pager and extension numbers (\"poste 4521\"), a delusional patient's \"je m'appelle",
        "  Napoléon\", a lone birth year (\"née en 1965\": kept, some annotators label it), generic",
        "  structures named with their town (\"CMP de Chalon-sur-Saône\": flagged whole).",
        "- On fresh hand-written sets measured before the changes they led to (dev14, dev15: half",
        "  identifier-free), 7-9 % of identifier-free texts still got one false alarm (the held-out set:",
        "  2.6 %): eponyms and authors missing from the lexicon, organisational dates, structures named",
        "  with their town. Recall there was at the target (0.981, 0.983).",
        "- Speed is machine-bound: on the fifth session's machine (AVX2 without VNNI) the int8 model",
        "  took 5-6 ms per 1,000 characters, 2.5-4x its time on the earlier machine.",
        "- Structured identifiers are left to the rules; the model's spans for them are a fallback.",
        "- Dates: the birth/other distinction relies on cues (\"née le\", \"DDN\").",
        "",
    ]
    (out / "MODEL_CARD.md").write_text("\n".join(lines), encoding="utf-8")
