"""Training side of Vigie's NER model: corpus generator, tokenizer, model, export.

Needs the `[train]` extra (torch, onnx, faker). Nothing here is imported at runtime by the
detector: the daemon only needs onnxruntime and tokenizers (see guard/detect/model.py).
"""
