"""Tray icons drawn with Pillow, one per state, so no image files ship or go stale.

Each icon is a disc in the state's colour with a white glyph (check, exclamation mark,
pause bars, cross). Colour alone is not enough for colour-blind users, hence the glyph;
the large flat disc also keeps the colour recognisable after the tray host scales the
icon down to 16–24 px (and lets tests find it in a screenshot).
"""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageDraw

from guard.tray.state import TrayState

# Solid colours (RGB); tests look for these in screenshots, keep them distinct.
STATE_COLOURS: dict[TrayState, tuple[int, int, int]] = {
    TrayState.PROTECTED: (46, 125, 50),    # green
    TrayState.DEGRADED: (245, 124, 0),     # orange
    TrayState.PAUSED: (69, 90, 100),       # blue-grey
    TrayState.STOPPED: (198, 40, 40),      # red
}

WHITE = (255, 255, 255, 255)


@lru_cache(maxsize=16)
def draw_icon(state: TrayState, size: int = 64) -> Image.Image:
    """A square RGBA icon for `state` (cached: the tray repaints often, the icon rarely changes)."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pad = max(1, size // 32)
    d.ellipse((pad, pad, size - 1 - pad, size - 1 - pad), fill=STATE_COLOURS[state] + (255,))
    s = size / 64.0
    w = max(2, round(7 * s))

    def p(x: float, y: float) -> tuple[float, float]:
        return (x * s, y * s)

    if state is TrayState.PROTECTED:
        d.line([p(18, 33), p(28, 43), p(46, 22)], fill=WHITE, width=w, joint="curve")
    elif state is TrayState.DEGRADED:
        d.rounded_rectangle((*p(28, 14), *p(36, 38)), radius=max(1, round(3 * s)), fill=WHITE)
        d.ellipse((*p(27, 43), *p(37, 53)), fill=WHITE)
    elif state is TrayState.PAUSED:
        d.rectangle((*p(21, 18), *p(29, 46)), fill=WHITE)
        d.rectangle((*p(35, 18), *p(43, 46)), fill=WHITE)
    else:  # STOPPED
        d.line([p(21, 21), p(43, 43)], fill=WHITE, width=w)
        d.line([p(43, 21), p(21, 43)], fill=WHITE, width=w)
    return img
