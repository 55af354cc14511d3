"""Token classifiers compared for the shipped model (see MODEL_CARD.md for measurements).

- `ConvTagger`: embeddings + residual dilated 1-D convolutions. Fastest; sees a fixed
  window of context (receptive field 33 tokens with the default dilations).
- `HybridTagger`: embeddings + one convolution (gives word order, so no position table and
  any window length works) + a few pre-norm self-attention layers: whole-window context,
  e.g. "née le" far from the date, or a name repeated later in the letter.

Both take `input_ids` and `attention_mask` (int64, [batch, seq]) and return logits
[batch, seq, n_tags]; both export to ONNX with the TorchScript exporter using only basic ops.
"""

from __future__ import annotations

import math

import torch
from torch import nn


class ShiftConv(nn.Module):
    """A 1-D "same" convolution written as shifted copies concatenated and one Linear.

    Why not `nn.Conv1d`: ONNX Runtime's int8 dynamic quantisation covers MatMul only (its
    ConvInteger kernel is slower than float Conv), so a Conv1d stays float and dominated the
    runtime. Written this way the same parameters export as Pad/Slice/Concat/MatMul and
    quantise: a 5-block tagger runs a 360-token window in 0.86 ms instead of 1.93 ms.
    """

    def __init__(self, dim: int, out: int, kernel: int, dilation: int) -> None:
        super().__init__()
        if kernel % 2 != 1:
            raise ValueError("odd kernel sizes only (same padding)")
        self.kernel = kernel
        self.dilation = dilation
        self.lin = nn.Linear(kernel * dim, out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # x: [batch, seq, dim]
        pad = self.dilation * (self.kernel - 1) // 2
        xp = nn.functional.pad(x, (0, 0, pad, pad))
        n = x.shape[1]
        parts = [xp[:, i * self.dilation:i * self.dilation + n] for i in range(self.kernel)]
        return self.lin(torch.cat(parts, dim=-1))


class ConvBlock(nn.Module):
    def __init__(self, dim: int, kernel: int, dilation: int, dropout: float) -> None:
        super().__init__()
        self.norm = nn.LayerNorm(dim)
        self.conv = ShiftConv(dim, 2 * dim, kernel, dilation)
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        h = self.conv(self.norm(x) * mask)
        a, b = h.chunk(2, dim=-1)
        return x + self.drop(a * torch.sigmoid(b))  # gated linear unit


class ConvTagger(nn.Module):
    def __init__(self, vocab: int, n_tags: int, dim: int = 256, dilations: tuple[int, ...] = (1, 2, 4, 8, 1),
                 kernel: int = 3, dropout: float = 0.1) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab, dim, padding_idx=0)
        self.blocks = nn.ModuleList(ConvBlock(dim, kernel, d, dropout) for d in dilations)
        self.norm = nn.LayerNorm(dim)
        self.out = nn.Linear(dim, n_tags)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        mask = attention_mask.unsqueeze(-1).to(torch.float32)
        x = self.embed(input_ids)
        for block in self.blocks:
            x = block(x, mask)
        return self.out(self.norm(x))


class Attention(nn.Module):
    def __init__(self, dim: int, heads: int, dropout: float) -> None:
        super().__init__()
        self.heads = heads
        self.head_dim = dim // heads
        self.scale = 1.0 / math.sqrt(self.head_dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, n = x.shape[0], x.shape[1]
        qkv = self.qkv(x).reshape(b, n, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.unbind(0)
        att = torch.matmul(q, k.transpose(-1, -2)) * self.scale + bias
        att = self.drop(torch.softmax(att, dim=-1))
        y = torch.matmul(att, v).transpose(1, 2).reshape(b, n, self.heads * self.head_dim)
        return self.proj(y)


class TransformerBlock(nn.Module):
    def __init__(self, dim: int, heads: int, ff: int, dropout: float) -> None:
        super().__init__()
        self.n1 = nn.LayerNorm(dim)
        self.att = Attention(dim, heads, dropout)
        self.n2 = nn.LayerNorm(dim)
        self.ff = nn.Sequential(nn.Linear(dim, ff), nn.GELU(), nn.Linear(ff, dim))
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        x = x + self.drop(self.att(self.n1(x), bias))
        return x + self.drop(self.ff(self.n2(x)))


class HybridTagger(nn.Module):
    def __init__(self, vocab: int, n_tags: int, dim: int = 192, layers: int = 2, heads: int = 4,
                 ff: int = 512, dropout: float = 0.1, convs: int = 2) -> None:
        super().__init__()
        if convs not in (1, 2):
            raise ValueError("convs: 1 or 2")
        self.embed = nn.Embedding(vocab, dim, padding_idx=0)
        self.conv = ConvBlock(dim, 3, 1, dropout)
        # The second block (dilation 2) widens the local window to 7 tokens; one block is
        # cheaper (one LayerNorm, one matmul fewer per token).
        self.conv2 = ConvBlock(dim, 3, 2, dropout) if convs == 2 else None
        self.blocks = nn.ModuleList(TransformerBlock(dim, heads, ff, dropout) for _ in range(layers))
        self.norm = nn.LayerNorm(dim)
        self.out = nn.Linear(dim, n_tags)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        mask = attention_mask.unsqueeze(-1).to(torch.float32)
        bias = (1.0 - attention_mask.to(torch.float32))[:, None, None, :] * -1e4
        x = self.embed(input_ids)
        x = self.conv(x, mask)
        if self.conv2 is not None:
            x = self.conv2(x, mask)
        for block in self.blocks:
            x = block(x, bias)
        return self.out(self.norm(x))


ARCHS = {"conv": ConvTagger, "hybrid": HybridTagger}
