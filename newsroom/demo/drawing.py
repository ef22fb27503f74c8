"""Pictures for the demo's stories, drawn with Pillow: charts, maps and flat illustrations.

Every function returns a 1600 by 900 RGB image (16:9, the shape the article page and the sharing crops
start from) and draws the same picture from the same arguments: maps and skies take a ``seed``. Text
uses Pillow's own scalable font, so nothing depends on the fonts a machine happens to have.
"""

import math
import random

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1600, 900
INK = (26, 26, 26)
PAPER = (250, 248, 243)
ACCENT = (10, 75, 140)
MUTED = (110, 110, 110)
RULE = (214, 210, 200)
HIGHLIGHT = (194, 94, 0)
GREEN = (86, 140, 76)
PALE_GREEN = (205, 224, 190)
WATER = (150, 193, 222)
SAND = (236, 226, 196)
SKY = (196, 222, 240)
NIGHT = (18, 28, 56)


def font(size):
    return ImageFont.load_default(size=size)


def _canvas(background=PAPER):
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    return image, ImageDraw.Draw(image)


def _title(draw, text, *, fill=INK):
    draw.text((90, 60), text, font=font(56), fill=fill)


def _source(draw, text, *, fill=MUTED):
    draw.text((90, HEIGHT - 70), text, font=font(28), fill=fill)


def bar_chart(*, title, labels, values, unit="", highlight=None, source=""):
    """Vertical bars with their values on top; the bar at index ``highlight`` in the accent's contrast colour."""
    image, draw = _canvas()
    _title(draw, title)
    left, right, top, bottom = 130, WIDTH - 90, 200, HEIGHT - 150
    peak = max(values) * 1.15
    draw.line([(left, bottom), (right, bottom)], fill=INK, width=3)
    for fraction in (0.25, 0.5, 0.75, 1.0):
        y = bottom - (bottom - top) * fraction
        draw.line([(left, y), (right, y)], fill=RULE, width=2)
    slot = (right - left) / len(values)
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        x0 = left + slot * index + slot * 0.18
        x1 = left + slot * (index + 1) - slot * 0.18
        y = bottom - (bottom - top) * value / peak
        draw.rectangle([x0, y, x1, bottom], fill=HIGHLIGHT if index == highlight else ACCENT)
        draw.text(((x0 + x1) / 2, y - 12), f"{value:g}{unit}", font=font(34), fill=INK, anchor="ms")
        draw.text(((x0 + x1) / 2, bottom + 16), label, font=font(30), fill=INK, anchor="ma")
    _source(draw, source)
    return image


def line_chart(*, title, labels, values, unit="", source=""):
    """One line over time, its points marked and the last value written beside it."""
    image, draw = _canvas()
    _title(draw, title)
    left, right, top, bottom = 130, WIDTH - 200, 210, HEIGHT - 150
    low, high = min(values), max(values)
    span = (high - low) or 1
    low, high = low - span * 0.15, high + span * 0.15
    for fraction in (0.0, 0.5, 1.0):
        y = bottom - (bottom - top) * fraction
        draw.line([(left, y), (right, y)], fill=RULE, width=2)
        draw.text((left - 16, y), f"{low + (high - low) * fraction:.1f}{unit}", font=font(26), fill=MUTED, anchor="rm")
    step = (right - left) / (len(values) - 1)
    points = [(left + step * i, bottom - (bottom - top) * (v - low) / (high - low)) for i, v in enumerate(values)]
    draw.line(points, fill=ACCENT, width=8, joint="curve")
    for (x, y), label in zip(points, labels, strict=True):
        draw.ellipse([x - 9, y - 9, x + 9, y + 9], fill=PAPER, outline=ACCENT, width=5)
        draw.text((x, bottom + 16), label, font=font(28), fill=INK, anchor="ma")
    x, y = points[-1]
    draw.text((x + 24, y), f"{values[-1]:g}{unit}", font=font(40), fill=HIGHLIGHT, anchor="lm")
    _source(draw, source)
    return image


def street_map(*, seed, label, river=True):
    """A town plan: blocks between streets, a park, perhaps a river, and a pin on the place in the story."""
    rng = random.Random(seed)
    image, draw = _canvas(SAND)
    columns = [0, *sorted(rng.sample(range(120, WIDTH - 120, 40), 7)), WIDTH]
    rows = [0, *sorted(rng.sample(range(100, HEIGHT - 100, 40), 5)), HEIGHT]
    for x0, x1 in zip(columns, columns[1:], strict=False):
        for y0, y1 in zip(rows, rows[1:], strict=False):
            fill = PALE_GREEN if rng.random() < 0.12 else (226, 214, 186)
            draw.rectangle([x0 + 14, y0 + 14, x1 - 14, y1 - 14], fill=fill)
    for x in columns[1:-1]:
        draw.line([(x, 0), (x, HEIGHT)], fill=PAPER, width=22)
    for y in rows[1:-1]:
        draw.line([(0, y), (WIDTH, y)], fill=PAPER, width=22)
    draw.line([(0, rng.randint(200, 700)), (WIDTH, rng.randint(200, 700))], fill=(255, 226, 150), width=34)
    if river:
        base = rng.randint(250, 650)
        bank = [(x, base + 90 * math.sin(x / 260 + seed)) for x in range(0, WIDTH + 40, 40)]
        draw.line(bank, fill=WATER, width=70, joint="curve")
    x, y = rng.randint(500, 1100), rng.randint(300, 600)
    _pin(draw, x, y, label)
    return image


def coast_map(*, seed, label, islands=0):
    """A stretch of coast (and ``islands`` off it) on open sea, with a pin and the place's name."""
    rng = random.Random(seed)
    image, draw = _canvas(WATER)
    for step in range(6):  # depth lines
        y = 120 + step * 140 + rng.randint(-20, 20)
        draw.line([(x, y + 25 * math.sin(x / 180 + step)) for x in range(0, WIDTH + 50, 50)], fill=(170, 206, 230))
    coast = [(0, 0), *((x, 260 + 140 * math.sin(x / 300 + seed) + rng.randint(-30, 30)) for x in range(0, 1700, 100))]
    draw.polygon([*coast, (WIDTH, 0)], fill=PALE_GREEN, outline=GREEN)
    for _ in range(islands):
        cx, cy, r = rng.randint(300, 1400), rng.randint(520, 780), rng.randint(40, 110)
        outline = [
            (cx + r * (1 + 0.3 * rng.random()) * math.cos(a / 8 * math.pi), cy + r * 0.7 * math.sin(a / 8 * math.pi))
            for a in range(16)
        ]
        draw.polygon(outline, fill=PALE_GREEN, outline=GREEN)
    _pin(draw, rng.randint(400, 1200), rng.randint(380, 520), label)
    return image


def _pin(draw, x, y, label):
    draw.ellipse([x - 34, y - 96, x + 34, y - 28], fill=HIGHLIGHT)
    draw.polygon([(x - 28, y - 52), (x + 28, y - 52), (x, y)], fill=HIGHLIGHT)
    draw.ellipse([x - 13, y - 75, x + 13, y - 49], fill=PAPER)
    box = draw.textbbox((x + 50, y - 62), label, font=font(40), anchor="lm")
    draw.rounded_rectangle([box[0] - 14, box[1] - 10, box[2] + 14, box[3] + 10], radius=8, fill=PAPER)
    draw.text((x + 50, y - 62), label, font=font(40), fill=INK, anchor="lm")


def scene(*, motif, seed=0):
    """A flat illustration of ``motif``: one of :data:`MOTIFS`."""
    return MOTIFS[motif](random.Random(seed))


def _pitch(rng):
    image, draw = _canvas(GREEN)
    for stripe in range(0, WIDTH, 160):
        draw.rectangle([stripe, 0, stripe + 80, HEIGHT], fill=(96, 152, 84))
    white = (240, 240, 240)
    draw.rectangle([100, 80, WIDTH - 100, HEIGHT - 80], outline=white, width=8)
    draw.line([(WIDTH / 2, 80), (WIDTH / 2, HEIGHT - 80)], fill=white, width=8)
    draw.ellipse([WIDTH / 2 - 130, HEIGHT / 2 - 130, WIDTH / 2 + 130, HEIGHT / 2 + 130], outline=white, width=8)
    for x0, x1 in ((100, 340), (WIDTH - 340, WIDTH - 100)):
        draw.rectangle([x0, HEIGHT / 2 - 200, x1, HEIGHT / 2 + 200], outline=white, width=8)
    x, y = rng.randint(500, 1100), rng.randint(250, 650)
    draw.ellipse([x - 30, y - 30, x + 30, y + 30], fill=white, outline=INK, width=4)
    return image


def _wicket(rng):
    image, draw = _canvas(SKY)
    draw.rectangle([0, 560, WIDTH, HEIGHT], fill=GREEN)
    draw.polygon([(620, 560), (980, 560), (1150, HEIGHT), (450, HEIGHT)], fill=(214, 196, 140))
    for offset in (-50, 0, 50):
        draw.rectangle([800 + offset - 9, 330, 800 + offset + 9, 640], fill=(245, 236, 210), outline=INK)
    draw.rectangle([740, 320, 860, 334], fill=(245, 236, 210), outline=INK)
    x = rng.randint(1050, 1300)
    draw.ellipse([x - 28, 420, x + 28, 476], fill=(170, 30, 30))
    draw.arc([x - 24, 424, x + 24, 472], 250, 110, fill=PAPER, width=3)
    return image


def _track(rng):
    image, draw = _canvas((178, 74, 54))
    for lane in range(9):
        y = 140 + lane * 80
        draw.line([(0, y), (WIDTH, y)], fill=PAPER, width=6)
    draw.line([(1250, 140), (1250, 780)], fill=PAPER, width=14)
    for lane in range(8):
        x = rng.randint(500, 1150)
        draw.ellipse([x - 22, 160 + lane * 80, x + 22, 204 + lane * 80], fill=INK)
    return image


def _books(rng):
    image, draw = _canvas((240, 232, 216))
    draw.rectangle([0, 720, WIDTH, HEIGHT], fill=(150, 110, 80))
    colours = [ACCENT, HIGHLIGHT, GREEN, (120, 40, 60), (60, 60, 90), (200, 170, 60)]
    x = 200
    while x < WIDTH - 260:
        width, height = rng.randint(60, 120), rng.randint(380, 560)
        draw.rectangle([x, 720 - height, x + width, 720], fill=rng.choice(colours), outline=INK, width=3)
        draw.line([(x + 12, 720 - height + 50), (x + width - 12, 720 - height + 50)], fill=PAPER, width=5)
        x += width + rng.randint(4, 14)
    return image


def _screen(rng):
    image, draw = _canvas((30, 30, 38))
    draw.rounded_rectangle(
        [260, 120, WIDTH - 260, 700], radius=30, fill=(60, 90, 120), outline=(200, 200, 210), width=10
    )
    draw.polygon([(720, 300), (720, 520), (900, 410)], fill=PAPER)
    for seat in range(9):
        draw.ellipse([120 + seat * 160, 760, 240 + seat * 160, 980], fill=(12, 12, 16))
    return image


def _music(rng):
    image, draw = _canvas((44, 30, 60))
    for glow in range(8, 0, -1):
        r = 90 * glow
        shade = 44 + glow * 6
        draw.ellipse([WIDTH / 2 - r, -r, WIDTH / 2 + r, r], fill=(shade, 30 + glow * 4, 60 + glow * 8))
    for x in range(260, WIDTH - 200, 220):
        h = rng.randint(120, 300)
        draw.ellipse([x, 700 - h, x + 70, 770 - h], fill=(250, 214, 120))
        draw.line([(x + 66, 735 - h), (x + 66, 480 - h)], fill=(250, 214, 120), width=10)
    draw.rectangle([0, 760, WIDTH, HEIGHT], fill=(20, 14, 28))
    return image


def _night_sky(rng):
    image, draw = _canvas(NIGHT)
    for _ in range(260):
        x, y, r = rng.randint(0, WIDTH), rng.randint(0, 700), rng.choice((1, 1, 2, 3))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(240, 240, 255))
    for _ in range(5):
        x, y = rng.randint(300, 1500), rng.randint(40, 400)
        draw.line([(x, y), (x - 220, y + 120)], fill=(255, 236, 190), width=4)
    draw.polygon([(0, 900), (0, 720), (300, 640), (700, 730), (1100, 650), (1600, 740), (1600, 900)], fill=(8, 12, 24))
    return image


def _satellite(rng):
    image = _night_sky(rng)
    draw = ImageDraw.Draw(image)
    cx, cy = 800, 380
    draw.rectangle([cx - 60, cy - 50, cx + 60, cy + 50], fill=(200, 200, 210), outline=PAPER, width=4)
    for side in (-1, 1):
        x0 = cx + side * 80
        x1 = cx + side * 340
        draw.rectangle([min(x0, x1), cy - 40, max(x0, x1), cy + 40], fill=ACCENT, outline=PAPER, width=3)
    draw.ellipse([cx - 20, cy + 50, cx + 20, cy + 90], fill=(200, 200, 210))
    return image


def _river(rng):
    image, draw = _canvas(SKY)
    draw.polygon([(0, 520), (400, 380), (800, 470), (1200, 360), (1600, 460), (1600, 900), (0, 900)], fill=GREEN)
    draw.polygon([(700, 900), (760, 520), (840, 520), (1100, 900)], fill=WATER)
    for _ in range(14):
        x, y = rng.randint(40, 1560), rng.randint(560, 860)
        if 650 < x < 1150:
            continue
        draw.ellipse([x - 40, y - 90, x + 40, y], fill=(60, 110, 60))
        draw.rectangle([x - 6, y - 10, x + 6, y + 30], fill=(100, 70, 40))
    return image


def _hedgerow(rng):
    image, draw = _canvas(SKY)
    draw.rectangle([0, 420, WIDTH, HEIGHT], fill=(190, 200, 120))
    for row, y in enumerate((520, 700)):
        for x in range(-40, WIDTH + 40, 70):
            r = rng.randint(40, 70)
            draw.ellipse([x - r, y - r, x + r, y + r], fill=(50 + row * 20, 110, 50))
    return image


def _heat_pump(rng):
    image, draw = _canvas((228, 224, 218))
    draw.rectangle([0, 700, WIDTH, HEIGHT], fill=(150, 150, 150))
    draw.rectangle([200, 100, 900, 700], fill=(200, 120, 90), outline=INK, width=4)  # a house wall
    draw.rectangle([320, 220, 520, 420], fill=SKY, outline=PAPER, width=10)
    draw.rectangle([1000, 420, 1400, 700], fill=PAPER, outline=INK, width=5)
    draw.ellipse([1040, 460, 1260, 680], outline=INK, width=6)
    for angle in range(0, 360, 60):
        a = math.radians(angle + rng.randint(0, 20))
        draw.line([(1150, 570), (1150 + 95 * math.cos(a), 570 + 95 * math.sin(a))], fill=MUTED, width=12)
    return image


def _health(rng):
    image, draw = _canvas((232, 242, 246))
    draw.rounded_rectangle([600, 200, 1000, 700], radius=40, fill=(0, 120, 150))
    draw.rectangle([760, 280, 840, 620], fill=PAPER)
    draw.rectangle([630, 410, 970, 490], fill=PAPER)
    for _ in range(6):
        x, y = rng.randint(100, 500), rng.randint(120, 780)
        draw.ellipse([x - 30, y - 30, x + 30, y + 30], fill=(170, 210, 225))
    return image


def _walkers(rng):
    image, draw = _canvas(SKY)
    draw.polygon([(0, 560), (600, 470), (1600, 540), (1600, 900), (0, 900)], fill=PALE_GREEN)
    draw.line([(0, 760), (500, 700), (1000, 720), (1600, 640)], fill=SAND, width=60, joint="curve")
    for index in range(6):
        x = 260 + index * 200 + rng.randint(-30, 30)
        y = 700 - index * 12
        draw.ellipse([x - 22, y - 180, x + 22, y - 136], fill=INK)
        draw.rounded_rectangle([x - 30, y - 130, x + 30, y - 40], radius=14, fill=(ACCENT, HIGHLIGHT, GREEN)[index % 3])
        draw.line([(x - 12, y - 40), (x - 28, y + 10)], fill=INK, width=12)
        draw.line([(x + 12, y - 40), (x + 28, y + 10)], fill=INK, width=12)
    return image


def _building(rng):
    image, draw = _canvas(SKY)
    draw.rectangle([0, 780, WIDTH, HEIGHT], fill=(170, 170, 170))
    draw.polygon([(300, 300), (800, 110), (1300, 300)], fill=(200, 190, 170), outline=INK)
    draw.rectangle([330, 300, 1270, 780], fill=(226, 214, 186), outline=INK, width=3)
    for x in range(390, 1250, 120):
        draw.rectangle([x, 340, x + 40, 780], fill=PAPER, outline=RULE)
    draw.rectangle([730, 560, 870, 780], fill=(90, 60, 40))
    draw.ellipse([760, 180, 840, 260], fill=PAPER, outline=INK, width=4)  # the clock in the pediment
    return image


def _bus(rng):
    image, draw = _canvas(SKY)
    draw.rectangle([0, 700, WIDTH, HEIGHT], fill=(120, 120, 120))
    draw.line([(0, 800), (WIDTH, 800)], fill=(240, 210, 90), width=8)
    draw.rounded_rectangle([300, 300, 1300, 720], radius=40, fill=(200, 40, 40), outline=INK, width=4)
    for x in range(360, 1220, 150):
        draw.rectangle([x, 360, x + 120, 480], fill=SKY, outline=INK, width=3)
    for x in (460, 1120):
        draw.ellipse([x - 60, 660, x + 60, 780], fill=INK)
        draw.ellipse([x - 25, 695, x + 25, 745], fill=MUTED)
    return image


def _train(rng):
    image, draw = _canvas(SKY)
    draw.rectangle([0, 680, WIDTH, HEIGHT], fill=(150, 140, 120))
    for x in range(0, WIDTH, 60):
        draw.rectangle([x, 760, x + 30, 790], fill=(100, 80, 60))
    draw.line([(0, 750), (WIDTH, 750)], fill=INK, width=8)
    draw.line([(0, 800), (WIDTH, 800)], fill=INK, width=8)
    for car in range(3):
        x = 100 + car * 480
        draw.rounded_rectangle([x, 420, x + 450, 720], radius=24, fill=ACCENT, outline=INK, width=4)
        for w in range(4):
            draw.rectangle([x + 30 + w * 105, 470, x + 110 + w * 105, 560], fill=SKY)
        draw.rectangle([x, 620, x + 450, 640], fill=(240, 210, 90))
    return image


def _boat(rng):
    image, draw = _canvas((60, 70, 100))
    draw.rectangle([0, 520, WIDTH, HEIGHT], fill=(30, 60, 90))
    for _ in range(12):
        x, y = rng.randint(0, WIDTH), rng.randint(560, 880)
        draw.arc([x - 80, y - 20, x + 80, y + 20], 180, 360, fill=(150, 180, 210), width=5)
    draw.polygon([(500, 520), (1100, 520), (1020, 640), (580, 640)], fill=(240, 120, 30), outline=INK)
    draw.rectangle([700, 420, 900, 520], fill=PAPER, outline=INK, width=3)
    draw.line([(820, 420), (820, 300)], fill=PAPER, width=8)
    for _ in range(40):
        x = rng.randint(0, WIDTH)
        y = rng.randint(0, 500)
        draw.line([(x, y), (x - 20, y + 50)], fill=(160, 170, 200), width=2)
    return image


def _chip(rng):
    image, draw = _canvas((20, 60, 40))
    for _ in range(30):
        y = rng.randint(40, 860)
        x = rng.randint(0, 600)
        draw.line([(x, y), (x + rng.randint(200, 900), y)], fill=(60, 140, 90), width=6)
    draw.rectangle([550, 200, 1050, 700], fill=INK, outline=(200, 200, 200), width=6)
    for i in range(8):
        offset = 230 + i * 60
        for x0, x1 in ((480, 550), (1050, 1120)):
            draw.rectangle([x0, offset, x1, offset + 20], fill=(210, 190, 110))
    return image


def _office(rng):
    image, draw = _canvas((236, 236, 232))
    draw.rectangle([200, 520, 1400, 580], fill=(150, 110, 80))
    draw.rounded_rectangle([560, 240, 1040, 520], radius=20, fill=INK)
    draw.rounded_rectangle([590, 270, 1010, 490], radius=10, fill=(60, 90, 120))
    for bar in range(9):
        h = rng.randint(20, 140)
        draw.rectangle([640 + bar * 40, 380 - h / 2, 660 + bar * 40, 380 + h / 2], fill=(120, 220, 160))
    draw.ellipse([1140, 430, 1200, 490], fill=(200, 40, 40))
    return image


def _bread(rng):
    image, draw = _canvas((244, 230, 206))
    draw.rectangle([0, 640, WIDTH, HEIGHT], fill=(160, 110, 70))
    for index in range(5):
        x = 180 + index * 270
        draw.ellipse([x, 420, x + 240, 660], fill=(200, 140, 70), outline=(140, 90, 40), width=4)
        for cut in range(3):
            draw.arc([x + 40 + cut * 50, 460, x + 120 + cut * 50, 560], 200, 340, fill=(240, 200, 140), width=6)
    return image


def _shopfront(rng):
    image, draw = _canvas((230, 230, 226))
    for index in range(3):
        x = 120 + index * 470
        colour = (ACCENT, GREEN, (120, 40, 60))[index]
        draw.rectangle([x, 200, x + 420, 800], fill=colour)
        draw.rectangle([x + 30, 260, x + 390, 320], fill=PAPER)
        draw.rectangle([x + 30, 380, x + 250, 760], fill=SKY)
        draw.rectangle([x + 280, 420, x + 390, 800], fill=(60, 40, 30))
        for stripe in range(0, 420, 60):
            draw.polygon(
                [(x + stripe, 330), (x + stripe + 60, 330), (x + stripe + 60, 370), (x + stripe, 370)],
                fill=PAPER if stripe % 120 else (220, 60, 60),
            )
    return image


def _quote(rng):
    image, draw = _canvas((236, 232, 224))
    draw.rectangle([0, 0, 40, HEIGHT], fill=HIGHLIGHT)
    for x in (420, 760):
        draw.ellipse([x, 240, x + 240, 480], fill=INK)
        draw.polygon([(x + 240, 360), (x + 190, 470), (x + 40, 640), (x + 120, 460)], fill=INK)
    for line in range(4):
        draw.rounded_rectangle([1080, 280 + line * 90, 1500 - line * 60, 320 + line * 90], radius=20, fill=RULE)
    return image


def _newspaper(rng):
    image, draw = _canvas((228, 224, 216))
    draw.rectangle([420, 120, 1180, 820], fill=PAPER, outline=INK, width=4)
    draw.rectangle([470, 170, 1130, 250], fill=INK)
    for column in range(3):
        x = 470 + column * 225
        for line in range(14):
            draw.line([(x, 300 + line * 34), (x + 195, 300 + line * 34)], fill=RULE, width=10)
    return image


def _moon(rng):
    image = _night_sky(rng)
    draw = ImageDraw.Draw(image)
    draw.ellipse([1100, 120, 1300, 320], fill=(250, 244, 220))
    draw.ellipse([1150, 100, 1350, 300], fill=NIGHT)
    return image


MOTIFS = {
    "pitch": _pitch,
    "wicket": _wicket,
    "track": _track,
    "books": _books,
    "screen": _screen,
    "music": _music,
    "night_sky": _night_sky,
    "satellite": _satellite,
    "moon": _moon,
    "river": _river,
    "hedgerow": _hedgerow,
    "heat_pump": _heat_pump,
    "health": _health,
    "walkers": _walkers,
    "building": _building,
    "bus": _bus,
    "train": _train,
    "boat": _boat,
    "chip": _chip,
    "office": _office,
    "bread": _bread,
    "shopfront": _shopfront,
    "quote": _quote,
    "newspaper": _newspaper,
}
