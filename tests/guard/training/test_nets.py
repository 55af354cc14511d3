"""ShiftConv is a Conv1d written as MatMul (so int8 quantisation covers it): same numbers."""

import pytest

torch = pytest.importorskip("torch")

from guard.training.nets import ARCHS, ShiftConv  # noqa: E402


@pytest.mark.parametrize("dilation", [1, 2, 4])
def test_shift_conv_equals_conv1d(dilation: int) -> None:
    torch.manual_seed(0)
    dim, out, kernel = 8, 6, 3
    conv = torch.nn.Conv1d(dim, out, kernel, padding=dilation * (kernel - 1) // 2, dilation=dilation)
    shift = ShiftConv(dim, out, kernel, dilation)
    with torch.no_grad():
        # Conv1d weight [out, in, k] -> Linear weight [out, k * in], blocks ordered by tap.
        shift.lin.weight.copy_(conv.weight.permute(0, 2, 1).reshape(out, kernel * dim))
        shift.lin.bias.copy_(conv.bias)
    x = torch.randn(2, 11, dim)
    expected = conv(x.transpose(1, 2)).transpose(1, 2)
    assert torch.allclose(shift(x), expected, atol=1e-5)


def test_even_kernels_are_refused() -> None:
    with pytest.raises(ValueError):
        ShiftConv(4, 4, 2, 1)


@pytest.mark.parametrize("arch", sorted(ARCHS))
def test_taggers_keep_sequence_length(arch: str) -> None:
    model = ARCHS[arch](50, 7, dim=16) if arch == "conv" else ARCHS[arch](50, 7, dim=16, layers=1, heads=2, ff=32)
    ids = torch.randint(1, 50, (3, 13))
    logits = model(ids, torch.ones_like(ids))
    assert logits.shape == (3, 13, 7)
