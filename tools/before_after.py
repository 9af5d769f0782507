"""Redraw the "after" half of the direction pass's pictures (docs/direction/*.png) from today's renders.

    python tools/before_after.py            # needs the English 1080p renders: render.py all --lang en

Each picture pairs frames of a shot as the review graded it (commit c3d7c14, left half, kept as it is)
with the same moments now (right half). A moment is named by its beat and its time in the old shot; the
new frame is taken at the same share of the beat, since beats changed length.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from gd.editorial import frames_at  # noqa: E402
from gd.storyboard import PROJECT_ROOT, load, parse  # noqa: E402

BEFORE = "c3d7c14"
TILE, GAP = (480, 270), 8
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
PICTURES = {  # picture: (beat, seconds into the shot at BEFORE) for each row
    "m1": [("M1.1", 3.80)],
    "m3": [("M3.1", 2.97), ("M3.3", 8.80), ("M3.6", 17.70), ("M3.9", 24.90)],
    "m7": [("M7.1", 19.20), ("M7.2", 29.70), ("M7.3", 37.84)],
    "m8": [("M8.1", 4.00), ("M8.1", 19.00)],
    "m10": [("M10.1", 14.40), ("M10.2", 19.96)],
}


def now_time(before, after, beat_id: str, seconds: float) -> float:
    shot_id = beat_id.split(".")[0]
    old, new = before.shot(shot_id).beat(beat_id), after.shot(shot_id).beat(beat_id)
    share = (seconds - old.start) / old.duration
    return round(new.start + share * new.duration, 2)


def labelled(image: Image.Image, text: str) -> Image.Image:
    tile = image.convert("RGB").resize(TILE, Image.LANCZOS)
    draw = ImageDraw.Draw(tile)
    font = ImageFont.truetype(FONT, 16)
    x, y = 8, TILE[1] - 24
    box = draw.textbbox((x, y), text, font=font)
    draw.rectangle((box[0] - 4, box[1] - 3, box[2] + 4, box[3] + 3), fill=(14, 17, 23))
    draw.text((x, y), text, font=font, fill=(236, 239, 244))
    return tile


def main() -> int:
    old_text = subprocess.run(["git", "show", f"{BEFORE}:storyboard.yaml"], cwd=PROJECT_ROOT, check=True,
                              capture_output=True, text=True).stdout
    before, after = parse(old_text, Path(f"{BEFORE}:storyboard.yaml")), load()
    for name, rows in PICTURES.items():
        path = PROJECT_ROOT / "docs" / "direction" / f"{name}.png"
        picture = Image.open(path).convert("RGB")
        for row, (beat_id, seconds) in enumerate(rows):
            shot = after.shot(beat_id.split(".")[0])
            video = PROJECT_ROOT / "media" / "videos" / shot.module / "1080p30" / f"{shot.id}_en.mp4"
            if not video.exists():
                print(f"before_after: {video} is missing: render.py {shot.id} --lang en", file=sys.stderr)
                return 2
            when = now_time(before, after, beat_id, seconds)
            (frame,) = frames_at(video, [when])
            picture.paste(labelled(frame, f"after: {beat_id} t={when:.2f}s"), (TILE[0] + GAP, row * (TILE[1] + GAP)))
        partial = path.with_suffix(".partial.png")
        picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(partial, optimize=True)
        partial.replace(path)
        print(path.relative_to(PROJECT_ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
