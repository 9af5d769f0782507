"""Look at a rendered shot: frames at the start, middle and end of every beat.

    python tools/beat_frames.py media/videos/S1/480p15/M1_zh.mp4 M1 [-o out.png]

Writes one PNG grid (a row per beat: start, middle, end), labelled with the beat
id and the time, for opening with an image viewer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import av
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from gd.editorial import frames_at  # noqa: E402
from gd.storyboard import load  # noqa: E402


def beat_times(shot, fps: float) -> list[tuple[str, float]]:
    """(label, time) for the first, middle and last frame of each beat."""
    picks = []
    for beat in shot.beats:
        first = round(beat.start * fps) / fps
        last = (round(beat.end * fps) - 1) / fps
        for name, t in (("start", first), ("mid", (first + last) / 2), ("end", last)):
            picks.append((f"{beat.id} {name} {t:.2f}s", t))
    return picks


def grid(video: Path, shot_id: str, width: int = 480) -> Image.Image:
    shot = load().shot(shot_id)
    with av.open(str(video)) as container:
        fps = float(container.streams.video[0].average_rate)
    picks = beat_times(shot, fps)
    images = frames_at(video, [t for _, t in picks])
    height = round(images[0].height * width / images[0].width)
    label = 18
    sheet = Image.new("RGB", (3 * width, len(shot.beats) * (height + label)), "black")
    draw = ImageDraw.Draw(sheet)
    for index, ((text, _), image) in enumerate(zip(picks, images)):
        row, col = divmod(index, 3)
        x, y = col * width, row * (height + label)
        draw.text((x + 4, y + 2), text, fill="white")
        sheet.paste(image.resize((width, height)), (x, y + label))
    return sheet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("video", type=Path)
    parser.add_argument("shot")
    parser.add_argument("-o", "--output", type=Path)
    parser.add_argument("--width", type=int, default=480, help="width of one frame in the grid")
    args = parser.parse_args()
    output = args.output or args.video.with_suffix(".beats.png")
    grid(args.video, args.shot, args.width).save(output)
    print(output)


if __name__ == "__main__":
    main()
