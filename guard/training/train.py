"""One command: generate the corpus, train the tokenizer and the tagger, export to ONNX,
quantise, evaluate on held-out data, and write models/ (files, manifest, model card).

    python -m guard.training.train --out models/

Everything is seeded; with the same arguments and torch 2.13.0 on CPU the result is the same.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

from guard.training.corpus.generate import generate
from guard.training.encode import TAGS, encode_docs
from guard.training.evaluate import char_metrics
from guard.training.export import export_onnx, quantize
from guard.training.nets import ARCHS
from guard.training.tokenizer import train_tokenizer


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="Entraîne et exporte le modèle NER de Vigie.")
    ap.add_argument("--out", type=Path, default=Path("models"))
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--n-train", type=int, default=40000)
    ap.add_argument("--n-test", type=int, default=1500)
    ap.add_argument("--arch", choices=sorted(ARCHS), default="hybrid")
    ap.add_argument("--dim", type=int, default=128)
    ap.add_argument("--layers", type=int, default=1)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--ff", type=int, default=256)
    ap.add_argument("--dilations", default="1,2,4,8,1",
                    help="dilations of the conv tagger's blocks, comma-separated")
    ap.add_argument("--vocab", type=int, default=12000)
    ap.add_argument("--digits", choices=("runs", "single"), default="single",
                    help="tokenizer: a run of digits is one word (runs) or one token per digit")
    ap.add_argument("--convs", type=int, choices=(1, 2), default=2,
                    help="hybrid: convolution blocks before attention")
    ap.add_argument("--steps", type=int, default=10000)
    ap.add_argument("--batch-tokens", type=int, default=4096)
    ap.add_argument("--max-len", type=int, default=256)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--window", type=int, default=512)
    ap.add_argument("--no-quant", action="store_true")
    ap.add_argument("--log-every", type=int, default=200)
    return ap.parse_args(argv)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def make_batches(chunks: list[tuple[list[int], list[int]]], batch_tokens: int,
                 rng: random.Random) -> list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]]:
    """Length-bucketed padded batches of about `batch_tokens` tokens each."""
    order = sorted(range(len(chunks)), key=lambda i: (len(chunks[i][0]), rng.random()))
    batches = []
    cur: list[int] = []
    for i in order:
        longest = max(len(chunks[i][0]), max((len(chunks[j][0]) for j in cur), default=0))
        if cur and longest * (len(cur) + 1) > batch_tokens:
            batches.append(_pad([chunks[j] for j in cur]))
            cur = []
        cur.append(i)
    if cur:
        batches.append(_pad([chunks[j] for j in cur]))
    return batches


def _pad(items: list[tuple[list[int], list[int]]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    n = max(len(ids) for ids, _ in items)
    ids = torch.zeros(len(items), n, dtype=torch.long)
    tags = torch.full((len(items), n), -100, dtype=torch.long)
    mask = torch.zeros(len(items), n, dtype=torch.long)
    for k, (i, t) in enumerate(items):
        ids[k, :len(i)] = torch.tensor(i)
        tags[k, :len(t)] = torch.tensor(t)
        mask[k, :len(i)] = 1
    return ids, mask, tags


def build_model(args: argparse.Namespace, vocab: int) -> torch.nn.Module:
    if args.arch == "hybrid":
        return ARCHS["hybrid"](vocab, len(TAGS), dim=args.dim, layers=args.layers, heads=args.heads, ff=args.ff,
                               convs=getattr(args, "convs", 2))
    dilations = tuple(int(d) for d in str(args.dilations).split(","))
    return ARCHS["conv"](vocab, len(TAGS), dim=args.dim, dilations=dilations)


def train_model(model: torch.nn.Module, batches: list, args: argparse.Namespace, rng: random.Random,
                log=print) -> dict:
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    warmup = max(1, min(300, args.steps // 10))

    def lr_at(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        progress = (step - warmup) / max(1, args.steps - warmup)
        return 0.05 + 0.95 * 0.5 * (1 + np.cos(np.pi * progress))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    model.train()
    t0 = time.time()
    step = 0
    running = 0.0
    while step < args.steps:
        order = list(range(len(batches)))
        rng.shuffle(order)
        for b in order:
            if step >= args.steps:
                break
            ids, mask, tags = batches[b]
            logits = model(ids, mask)
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), tags.reshape(-1))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            running += float(loss.detach())
            step += 1
            if step % args.log_every == 0:
                log(f"step {step}/{args.steps} loss {running / args.log_every:.4f} "
                    f"{time.time() - t0:.0f}s")
                running = 0.0
    model.eval()
    return {"steps": step, "train_seconds": round(time.time() - t0, 1)}


def sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest(out: Path, extra: dict) -> dict:
    files = {name: sha256(out / name) for name in ("model.onnx", "tokenizer.json", "labels.json")}
    manifest = {"model": "model.onnx", "tokenizer": "tokenizer.json", "labels": "labels.json",
                "files": files, **extra}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def evaluate_file(model_path: Path, tok_path: Path, labels_path: Path, window: int,
                  sets: dict[str, list[dict]]) -> dict:
    from guard.detect.model import DEFAULT_OVERLAP, ModelFiles, NerModel

    ner = NerModel(ModelFiles(model_path.parent, model_path, tok_path, labels_path, window, DEFAULT_OVERLAP))
    return {name: char_metrics(docs, ner.find) for name, docs in sets.items()}


def run(args: argparse.Namespace, log=print) -> dict:
    t_start = time.time()
    torch.set_num_threads(args.threads)
    seed_everything(args.seed)
    rng = random.Random(args.seed)
    log(f"corpus: {args.n_train} training documents")
    train_docs = [d.to_json(str(i)) for i, d in enumerate(generate(args.n_train, args.seed))]
    sets = {
        "test": [d.to_json(str(i)) for i, d in enumerate(generate(args.n_test, args.seed + 1001))],
        "heldout_names": [d.to_json(str(i)) for i, d in
                          enumerate(generate(args.n_test, args.seed + 2002, heldout=True))],
    }
    tok = train_tokenizer((d["text"] for d in train_docs), args.vocab, args.digits)
    chunks = encode_docs(tok, train_docs, args.max_len)
    batches = make_batches(chunks, args.batch_tokens, rng)
    log(f"{len(chunks)} chunks, {sum(len(c[0]) for c in chunks)} tokens, {len(batches)} batches, "
        f"vocab {tok.get_vocab_size()}")
    model = build_model(args, tok.get_vocab_size())
    n_params = sum(p.numel() for p in model.parameters())
    log(f"model {args.arch}: {n_params} parameters")
    info = train_model(model, batches, args, rng, log)

    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="vigie-train-"))
    try:
        tok.save(str(args.out / "tokenizer.json"))
        (args.out / "labels.json").write_text(json.dumps(list(TAGS)) + "\n", encoding="utf-8")
        fp32 = work / "model.fp32.onnx"
        export_onnx(model, fp32)
        candidates = {"fp32": fp32}
        if not args.no_quant:
            int8 = work / "model.int8.onnx"
            quantize(fp32, int8)
            candidates["int8"] = int8
        results = {}
        for name, path in candidates.items():
            results[name] = evaluate_file(path, args.out / "tokenizer.json", args.out / "labels.json",
                                          args.window, sets)
            log(f"{name}: " + json.dumps({k: (v["char_recall"], v["char_precision"], v["clean_docs_flagged"])
                                          for k, v in results[name].items()}))
        chosen = "fp32"
        if "int8" in results:
            a, b = results["fp32"]["test"], results["int8"]["test"]
            if (b["char_recall"] or 0) >= (a["char_recall"] or 0) - 0.005 and \
               (b["char_precision"] or 0) >= (a["char_precision"] or 0) - 0.005:
                chosen = "int8"
        shutil.copyfile(candidates[chosen], args.out / "model.onnx")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = round(time.time() - t_start, 1)
    config = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}
    metrics = {
        "config": config, "parameters": n_params, "chosen": chosen, **info, "total_seconds": total,
        "torch": torch.__version__, "metrics": results,
        "size_bytes": (args.out / "model.onnx").stat().st_size,
    }
    manifest = write_manifest(args.out, {"window": args.window, "overlap": 64, "arch": args.arch,
                                         "quantized": chosen == "int8"})
    metrics["sha256"] = manifest["files"]
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=1, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    from guard.training.model_card import write_model_card

    write_model_card(args.out, metrics)
    log(f"done in {total}s -> {args.out}")
    return metrics


def main(argv: list[str] | None = None) -> int:
    run(parse_args(argv))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
