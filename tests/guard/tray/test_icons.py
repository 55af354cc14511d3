import numpy as np

from guard.tray.icons import STATE_COLOURS, draw_icon
from guard.tray.state import TrayState


def test_one_distinct_icon_per_state_with_its_colour_at_every_size() -> None:
    seen = set()
    for state in TrayState:
        for size in (16, 24, 64):
            img = draw_icon(state, size)
            assert img.size == (size, size) and img.mode == "RGBA"
            rgb = STATE_COLOURS[state]
            px = np.asarray(img)
            assert int(np.all(px == (*rgb, 255), axis=-1).sum()) > size * size // 5
        seen.add(draw_icon(state, 64).tobytes())
    assert len(seen) == len(TrayState)


def test_glyph_is_white_so_states_differ_without_colour() -> None:
    for state in TrayState:
        img = draw_icon(state, 64)
        assert np.all(np.asarray(img) == 255, axis=-1).any()
