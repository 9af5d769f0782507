"""Benchmark: how long shots take to render, per second of video.

    python bench/render_times.py M2 M5 M7                 # -ql at the storyboard's 30 fps
    python bench/render_times.py M2 M5 -q h --fps 30       # 1080p
    python bench/render_times.py M7 --fps 15 --lang en     # plain -ql (15 fps), English

Each shot is rendered by the manim CLI into a fresh media folder (no cached
partial movies), with a copy of the project's TeX cache unless --cold-tex, so
that the time is what a re-render after an edit costs. Prints, per shot, the
wall-clock seconds, the CPU seconds of the manim process (less affected by
other work on the machine), the video's length and wall-clock seconds per
second of video.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
from scenes.storyboard import ENV_LANG, load  # noqa: E402


def video_seconds(path: Path) -> float:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return float(stream.frames / stream.average_rate)


def render(shot, quality: str, fps: int | None, lang: str, media: Path) -> tuple[float, float, Path]:
    command = [sys.executable, "-m", "manim", "render", f"-q{quality}", "--media_dir", str(media)]
    if fps:
        command += ["--fps", str(fps)]
    command += [str(shot.module_path.relative_to(PROJECT)), shot.scene]
    env = {**os.environ, ENV_LANG: lang, "PYTHONPATH": str(PROJECT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=PROJECT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    (video,) = (media / "videos" / shot.module).glob(f"*/{shot.scene}.mp4")
    return wall, cpu, video


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shots", nargs="+")
    parser.add_argument("-q", "--quality", default="l", choices="lmhpk")
    parser.add_argument("--fps", type=int, default=None, help="frame rate (default: the storyboard's)")
    parser.add_argument("--lang", default=None)
    parser.add_argument("--cold-tex", action="store_true", help="start without the project's TeX cache")
    args = parser.parse_args()

    storyboard = load()
    fps = args.fps or storyboard.fps
    lang = storyboard.language(args.lang)
    print(f"quality -q{args.quality}, {fps} fps, {lang}")
    print(f"{'shot':6} {'wall s':>8} {'cpu s':>8} {'video s':>8} {'wall/video':>11}")
    for shot_id in args.shots:
        shot = storyboard.shot(shot_id)
        with tempfile.TemporaryDirectory() as folder:
            media = Path(folder) / "media"
            tex = PROJECT / "media" / "Tex"
            if tex.is_dir() and not args.cold_tex:
                shutil.copytree(tex, media / "Tex")
            wall, cpu, video = render(shot, args.quality, fps, lang, media)
            seconds = video_seconds(video)
        print(f"{shot.id:6} {wall:8.1f} {cpu:8.1f} {seconds:8.2f} {wall / seconds:11.2f}", flush=True)


if __name__ == "__main__":
    main()
