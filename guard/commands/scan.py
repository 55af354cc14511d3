"""`vigie scan`: find identifiers in a text, for a person or for other tools.

Input: the text as an argument, `--file PATH`, or standard input. Output: the text with
identifiers highlighted and a French summary (default), one JSON document (`--json`), or
the batch contract (`--jsonl`) other tools rely on:

  stdin : one JSON object a line  {"id": str, "text": str}
  stdout: one JSON object a line, in input order,
          {"id": str, "entities": [{"start": int, "end": int, "label": str, "score": float}]}

A bad line (not UTF-8, not JSON, no "text") gets a message on stderr naming its line number
— never its content — the other lines are still processed, and the exit status is 2.
Findings under `--min-score` (default 0.5) are hints only and are not reported.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any, BinaryIO, TextIO

DEFAULT_MIN_SCORE = 0.5

# ANSI colours per label family: identity red, dates yellow, places blue, numbers magenta.
_COLOURS = {
    "NOM": "41;97", "PRENOM": "41;97", "DATE_NAISSANCE": "43;30", "DATE": "43;30",
    "ADRESSE": "44;97", "ZIP": "44;97", "VILLE": "44;97", "HOPITAL": "46;30",
    "TEL": "45;97", "MAIL": "45;97", "SECU": "101;97", "IPP": "45;97", "NDA": "45;97",
    "IBAN": "45;97", "CARTE": "45;97", "RPPS": "100;97",
}


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "scan",
        help="repère les données patient dans un texte",
        description="Repère les identifiants patient dans un texte (argument, --file ou entrée standard).",
    )
    p.add_argument("text", nargs="?", help="texte à analyser (sinon --file ou l'entrée standard)")
    p.add_argument("--file", "-f", type=Path, help="fichier texte UTF-8 à analyser")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="un document JSON pour un texte")
    mode.add_argument("--jsonl", action="store_true", help='lot : {"id","text"} par ligne sur l\'entrée standard')
    p.add_argument("--no-model", action="store_true", help="règles seules, sans le modèle")
    p.add_argument("--model-dir", type=Path, default=None, help="dossier du modèle (défaut : modèle livré)")
    p.add_argument("--min-score", type=float, default=DEFAULT_MIN_SCORE, help="score minimal rapporté (défaut 0.5)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="couleurs ANSI")
    p.set_defaults(func=run)


def _detector(args: argparse.Namespace) -> Any:
    from guard.detect.detector import Detector

    return Detector.default(model_dir=args.model_dir, use_model=not args.no_model)


def _findings(detector: Any, text: str, min_score: float) -> list[Any]:
    return [f for f in detector.analyze(text) if f.score >= min_score]


def run(args: argparse.Namespace) -> int:
    if args.jsonl:
        if args.text is not None or args.file is not None:
            print("vigie scan --jsonl lit l'entrée standard uniquement", file=sys.stderr)
            return 2
        detector = _detector(args)
        return scan_jsonl(detector, sys.stdin.buffer, sys.stdout, sys.stderr, args.min_score)
    text = _read_text(args)
    if text is None:
        return 2
    detector = _detector(args)
    found = _findings(detector, text, args.min_score)
    if args.json:
        doc = {
            "mode": detector.status.mode,
            "length": len(text),
            "entities": [
                {"start": f.start, "end": f.end, "label": f.label.value, "score": f.score,
                 "source": f.source, "explanation": f.explanation}
                for f in found
            ],
        }
        print(json.dumps(doc, ensure_ascii=False))
        return 0
    if detector.status.degraded:
        print(f"Attention : {detector.status.reason}", file=sys.stderr)
    colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    sys.stdout.write(render(text, found, colour) + "\n")
    print(summary(found))
    return 0


def _read_text(args: argparse.Namespace) -> str | None:
    """The text to scan, or None after printing a French error on stderr."""
    if args.text is not None and args.file is not None:
        print("donnez soit un texte, soit --file, pas les deux", file=sys.stderr)
        return None
    if args.text is not None:
        return args.text
    try:
        raw = args.file.read_bytes() if args.file is not None else sys.stdin.buffer.read()
    except OSError as exc:
        print(f"lecture impossible : {type(exc).__name__} ({exc.strerror or 'erreur'})", file=sys.stderr)
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        print(f"le texte n'est pas en UTF-8 (octet {exc.start})", file=sys.stderr)
        return None


def render(text: str, findings: list[Any], colour: bool) -> str:
    """The text with each finding highlighted (ANSI) or marked `[valeur](LABEL)`."""
    parts: list[str] = []
    pos = 0
    for f in findings:
        parts.append(text[pos : f.start])
        value = text[f.start : f.end]
        if colour:
            parts.append(f"\x1b[{_COLOURS.get(f.label.value, '7')}m{value}\x1b[0m\x1b[2m[{f.label.value}]\x1b[0m")
        else:
            parts.append(f"[{value}]({f.label.value})")
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


def summary(findings: list[Any]) -> str:
    """French summary by label: "3 identifiants : 1 nom, 1 date de naissance, 1 NIR"."""
    from guard.detect.labels import display_name

    if not findings:
        return "Aucun identifiant repéré."
    counts = Counter(f.label for f in findings)
    detail = ", ".join(f"{n} {display_name(label, n)}" for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].value)))
    total = len(findings)
    return f"{total} identifiant{'s' if total > 1 else ''} repéré{'s' if total > 1 else ''} : {detail}"


def scan_jsonl(detector: Any, stdin: BinaryIO, stdout: TextIO, stderr: TextIO, min_score: float = DEFAULT_MIN_SCORE) -> int:
    """The batch contract; returns 2 if any line was bad, else 0."""
    bad = 0
    for number, raw in enumerate(stdin, start=1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            print(f"ligne {number} : pas en UTF-8, ignorée", file=stderr)
            bad += 1
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            print(f"ligne {number} : JSON invalide (colonne {exc.colno}), ignorée", file=stderr)
            bad += 1
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            print(f"ligne {number} : champ « text » manquant ou pas une chaîne, ignorée", file=stderr)
            bad += 1
            continue
        if not isinstance(obj.get("id"), str):
            print(f"ligne {number} : champ « id » manquant ou pas une chaîne, ignorée", file=stderr)
            bad += 1
            continue
        entities = [
            {"start": f.start, "end": f.end, "label": f.label.value, "score": f.score}
            for f in _findings(detector, obj["text"], min_score)
        ]
        stdout.write(json.dumps({"id": obj["id"], "entities": entities}, ensure_ascii=False) + "\n")
    stdout.flush()
    if bad:
        print(f"{bad} ligne{'s' if bad > 1 else ''} ignorée{'s' if bad > 1 else ''}", file=stderr)
        return 2
    return 0
