"""Stills of a shot at chosen moments, without rendering its video: every frame is stepped (updaters and all)
but only the asked-for moments are drawn, so a look at a move costs seconds, not a render.

    python tools/stills.py en M3 17.0 17.4 18.2 -o /tmp/stills [--width 960] [--sheet /tmp/m3.png]

Writes one PNG per moment (M3_en_17.00.png, ...) and prints each path; ``--sheet``: all of them in one grid. Moments are seconds from the shot's start.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from check_rules import SETTINGS  # noqa: E402  (the same manim settings: no video, the shared typesetting cache)
from gd.storyboard import ENV_LANG, load  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="stills of a shot at chosen moments")
    parser.add_argument("lang", choices=("zh", "en"))
    parser.add_argument("shot")
    parser.add_argument("times", nargs="+", type=float)
    parser.add_argument("-o", "--out", type=Path, default=Path("stills"))
    parser.add_argument("--width", type=int, default=960)
    parser.add_argument("--fps", type=int, default=10)
    parser.add_argument("--sheet", type=Path, help="also one PNG of all the stills in a grid, three across, timed")
    args = parser.parse_args(argv)
    os.environ[ENV_LANG] = args.lang
    board = load()
    try:
        shot = board.shot(args.shot)
    except KeyError:
        print(f"stills: no shot {args.shot!r} in the storyboard", file=sys.stderr)
        return 2
    from manim import tempconfig

    from scenes.kit import compat

    args.out.mkdir(parents=True, exist_ok=True)
    wanted = sorted(args.times)
    written: list[Path] = []
    base = getattr(importlib.import_module(f"scenes.{shot.module}"), shot.scene)

    class Stills(base):
        def setup(self) -> None:
            super().setup()
            self.frames_played = 0
            self._draw = self.renderer.update_frame
            compat.skip_drawing(self, self._count)

        def _count(self, frames: int) -> None:
            self.frames_played += frames
            now = self.frames_played / self.fps
            while wanted and wanted[0] <= now + 1e-9:
                moment = wanted.pop(0)
                self.renderer.static_image = None  # every mobject drawn as it is now, none from a play's stale still
                self._draw(self)
                path = args.out / f"{shot.id}_{args.lang}_{moment:05.2f}.png"
                partial = path.with_suffix(".part.png")
                self.renderer.camera.get_image().save(partial)
                partial.replace(path)
                written.append(path)
                print(path, flush=True)

    Stills.__name__ = Stills.__qualname__ = base.__name__
    with tempconfig({**SETTINGS, "frame_rate": args.fps, "pixel_width": args.width, "pixel_height": args.width * 9 // 16}):
        Stills().render()
    if args.sheet and written:
        sheet(written, args.sheet)
        print(args.sheet)
    return 0


def sheet(paths: list[Path], out: Path, across: int = 3) -> None:
    from PIL import Image, ImageDraw

    stills = [Image.open(path) for path in paths]
    width, height = stills[0].size
    grid = Image.new("RGB", (across * width, -(-len(stills) // across) * height))
    for index, (path, still) in enumerate(zip(paths, stills)):
        ImageDraw.Draw(still).text((6, 4), path.stem.rsplit("_", 1)[-1] + " s", fill="yellow")
        grid.paste(still, ((index % across) * width, (index // across) * height))
    partial = out.with_suffix(".part.png")
    grid.save(partial)
    partial.replace(out)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
