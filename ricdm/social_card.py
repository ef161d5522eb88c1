"""Social card images (Open Graph / Twitter): one PNG per page and language, drawn at build time.

Pillow with the DejaVu fonts shipped in ``ricdm/fonts`` (licence beside them): nothing is downloaded and
no third-party host is named. A card is named by what it shows and what draws it (``ricdm.inputs.card``) and kept
in the build cache under that name: a rebuild redraws only the cards whose text or drawing changed. The cache
keeps only the cards the last full build used (``prune``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import inputs

if TYPE_CHECKING:
    from PIL import Image
    from PIL.ImageFont import FreeTypeFont

SIZE = (1200, 630)
"""The size Open Graph and Twitter's summary_large_image show without cropping."""
BACKGROUND = (11, 85, 102)  # the site's petrol (--ricdm-brand in docs/assets/ricdm.css): white text 8:1
ACCENT = (255, 193, 7)
TEXT = (255, 255, 255)
MUTED = (204, 228, 233)
MARGIN = 80
FONTS = Path(__file__).parent / "fonts"


@dataclass(frozen=True)
class Card:
    site_name: str
    title: str
    description: str
    footer: str
    """The site's host name, e.g. "www.reseaucitesdesmetiers.org"."""
    number: str = ""
    """A figure's value, drawn large above its title ("près de 500 000"): a shared link shows the number."""

    @property
    def key(self) -> str:
        """The cache entry's and the image's file name: a short ``inputs.card``."""
        return inputs.card(self.site_name, self.title, self.description, self.footer, self.number)[:16]


def render(card: Card, cache_dir: Path | None = None) -> bytes:
    """The card as PNG bytes, from ``cache_dir`` when it was drawn before."""
    cached = cache_dir / f"{card.key}.png" if cache_dir else None
    if cached and cached.is_file():
        data = cached.read_bytes()
        if is_whole_png(data):
            return data  # else truncated or corrupt: drawn again and replaced
    data = _draw(card)
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(".tmp")
        temporary.write_bytes(data)
        temporary.replace(cached)  # never a half-written card for the next build
    return data


def prune(cache_dir: Path, used: set[str]) -> None:
    """Remove from ``cache_dir`` every card but those ``used`` (their keys): what a full build did not ask for."""
    for path in cache_dir.glob("*.png"):
        if path.stem not in used:
            path.unlink(missing_ok=True)


def is_whole_png(data: bytes) -> bool:
    """A PNG signature at the start and the IEND chunk at the end: what a cut-off or foreign file lacks."""
    return data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")


@cache
def _font(bold: bool, size: int) -> FreeTypeFont:
    from PIL import ImageFont  # heavy import, only when a card is drawn

    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def _draw(card: Card) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN
    draw.rectangle((0, 0, 24, SIZE[1]), fill=ACCENT)
    draw.text((MARGIN, 64), card.site_name, font=_font(True, 30), fill=MUTED)
    y = 150
    if card.number:
        number_font = _font(True, 128 if len(card.number) < 14 else 96)
        draw.text((MARGIN, 120), card.number, font=number_font, fill=ACCENT)
        y = 120 + int(number_font.size * 1.25)
    title_font = _font(True, 64 if len(card.title) < 60 and not card.number else 48)
    for line in wrap(card.title, title_font, width, max_lines=2 if card.number else 3):
        draw.text((MARGIN, y), line, font=title_font, fill=TEXT)
        y += int(title_font.size * 1.2)
    body_font = _font(False, 32)
    y += 24
    for line in wrap(card.description, body_font, width, max_lines=1 if card.number else 3):
        draw.text((MARGIN, y), line, font=body_font, fill=MUTED)
        y += int(body_font.size * 1.35)
    draw.text((MARGIN, SIZE[1] - 70), card.footer, font=_font(True, 28), fill=ACCENT)
    output = io.BytesIO()
    image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(output, format="PNG", compress_level=6)
    return output.getvalue()


@cache
def _palette() -> Image.Image:
    """The card's only colours: 16 steps from the background to each ink (anti-aliased edges).

    Mapping onto a fixed palette spares Pillow choosing one for each card, and keeps the PNG small.
    """
    from PIL import Image

    colours = [_mix(BACKGROUND, ink, step / 15) for ink in (TEXT, MUTED, ACCENT) for step in range(16)]
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in colours for channel in colour])
    return palette


def _mix(start: tuple[int, int, int], end: tuple[int, int, int], amount: float) -> tuple[int, int, int]:
    red, green, blue = (round(a + (b - a) * amount) for a, b in zip(start, end, strict=True))
    return red, green, blue


def wrap(text: str, font: FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to ``width`` pixels; the last line ends in "…" when the text does not fit."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        elif len(lines) < max_lines:
            lines.append(word)
        else:
            last = lines[-1]
            while " " in last and font.getlength(last + " …") > width:
                last = last.rsplit(" ", 1)[0]
            lines[-1] = last + " …"
            break
    return lines
