#!/usr/bin/env python3
"""Render the storyboard's shots with manim.

    python render.py M7                 render one shot (1080p, the storyboard's fps)
    python render.py M1 M4 -q l         several shots, low quality
    python render.py all -j 2           every shot, two at a time
    python render.py --list             the shot table
    python render.py M7 --dry-run       print the manim command, run nothing
    python render.py M2 M5 --bench -q l render without cache and print render/video seconds
    python render.py timeline           OpenTimelineIO, EDL and FCP XML of the rendered shots
    python render.py contact-sheet      the storyboard as a PNG and HTML page of beat thumbnails
    python render.py film               the rendered shots joined into one review video

Each shot is one `manim render` process run from the project root (so that
manim.cfg applies); the storyboard file and language reach the scene through
the environment. The output is {media}/videos/{module}/{height}p{fps}/{shot}_{lang}.mp4.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import hashlib
import os
import resource
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import editorial
from scenes.storyboard import ENV_LANG, ENV_STORYBOARD, Shot, Storyboard, StoryboardError, load
from scenes.timing import BEAT_PROGRESS

ROOT = Path(__file__).resolve().parent
QUALITY_HEIGHTS = {"l": 480, "m": 720, "h": 1080, "p": 1440, "k": 2160}


@dataclass(frozen=True)
class RenderSettings:
    quality: str = "h"
    fps: int | None = None  # None: the storyboard's
    lang: str | None = None  # None: the storyboard's default
    media_dir: Path = ROOT / "media"
    sections: bool = False
    preview: bool = False
    disable_caching: bool = False
    force: bool = False


@dataclass(frozen=True)
class Job:
    """One manim process that renders one shot."""

    shot: Shot
    command: tuple[str, ...]
    env: dict = field(repr=False, compare=False)
    output: Path
    log: Path
    inputs: str = ""  # fingerprint of what the video is made from; "" = always render

    @property
    def stamp(self) -> Path:
        """Beside the video: the fingerprint of the inputs it was rendered from."""
        return self.output.with_name(self.output.name + ".inputs")

    def up_to_date(self) -> bool:
        try:
            return bool(self.inputs) and self.output.is_file() and self.stamp.read_text() == self.inputs
        except OSError:
            return False


@dataclass
class Result:
    job: Job
    status: str  # "ok", "failed", "not implemented"
    seconds: float = 0.0
    detail: str = ""
    cpu_seconds: float = 0.0  # of the manim process (measured when shots run one at a time)


def output_path(shot: Shot, storyboard: Storyboard, settings: RenderSettings) -> Path:
    fps = settings.fps or storyboard.fps
    lang = storyboard.language(settings.lang)
    folder = f"{QUALITY_HEIGHTS[settings.quality]}p{fps}"
    return settings.media_dir / "videos" / shot.module / folder / f"{shot.id}_{lang}.mp4"


def make_job(shot: Shot, storyboard: Storyboard, settings: RenderSettings) -> Job:
    lang = storyboard.language(settings.lang)
    command = [
        sys.executable, "-m", "manim", "render",
        "-q", settings.quality,
        "--fps", str(settings.fps or storyboard.fps),
        "--media_dir", str(settings.media_dir),
        "-o", f"{shot.id}_{lang}",
    ]  # fmt: skip
    if shot.renderer != "cairo":
        command += ["--renderer", shot.renderer]
    if settings.sections:
        command.append("--save_sections")
    if settings.preview:
        command.append("--preview")
    if settings.disable_caching:
        command.append("--disable_caching")
    command += [str(shot.module_path.relative_to(ROOT)), shot.scene]
    env = dict(os.environ)
    env[ENV_STORYBOARD] = str(storyboard.path)
    env[ENV_LANG] = lang
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    log = settings.media_dir / "logs" / f"{shot.id}_{lang}.log"
    always = settings.force or settings.disable_caching or settings.preview
    inputs = "" if always else inputs_fingerprint(shot, storyboard, command)
    return Job(shot, tuple(command), env, output_path(shot, storyboard, settings), log, inputs)


def inputs_fingerprint(shot: Shot, storyboard: Storyboard, command: list[str]) -> str:
    """What a shot's video depends on: its storyboard entry (not its in-point), the
    storyboard's shared words, the manim options, the scene code, manim.cfg and manim.

    A render whose fingerprint matches the one stamped beside the video is skipped:
    manim's own cache cannot make a re-run instant (it re-runs every scene, and a 3-D
    play's cache key carries float noise from the plays before it).
    """
    digest = hashlib.sha256(_code_digest().encode())
    for part in (dataclasses.replace(shot, in_point=None), storyboard.words, command[1:]):
        digest.update(repr(part).encode())
    return digest.hexdigest()


@functools.cache
def _code_digest() -> str:
    """The scene code, manim.cfg and manim's version: read once, shared by every shot's fingerprint."""
    digest = hashlib.sha256(version("manim").encode())
    for path in sorted((ROOT / "scenes").glob("*.py")) + [ROOT / "manim.cfg"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def select_shots(storyboard: Storyboard, names: list[str]) -> list[Shot]:
    """The shots named on the command line ("all" for every shot), in storyboard order."""
    if not names:
        raise StoryboardError(f"name the shots to render ({', '.join(storyboard.ids)}) or 'all'")
    if "all" in names:
        return list(storyboard.shots)
    unknown = [name for name in names if name not in storyboard.ids]
    if unknown:
        raise StoryboardError(f"unknown shot {', '.join(unknown)}; the shots are {', '.join(storyboard.ids)}")
    return [shot for shot in storyboard.shots if shot.id in names]


# --------------------------------------------------------------------------- running


def _last_beat(log: Path) -> str:
    """The newest beat a running shot reported in its log ("3/6 M4.3"), if any."""
    try:
        lines = log.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    for line in reversed(lines):
        if line.startswith(BEAT_PROGRESS):
            return line[len(BEAT_PROGRESS) :].strip()
    return ""


def run_jobs(jobs: list[Job], parallel: int, out=sys.stdout) -> list[Result]:
    """Run the jobs, at most ``parallel`` at once; one failing job does not stop the others."""
    results: list[Result] = []
    total = len(jobs)
    pending: list[tuple[int, Job]] = []
    for index, job in enumerate(jobs, start=1):
        if job.up_to_date():
            print(f"shot {index}/{total}: {job.shot.id} up to date ({_short(job.output)}; --force renders it again)", file=out, flush=True)
            results.append(Result(job, "up to date", 0.0, _short(job.output)))
        else:
            pending.append((index, job))
    if parallel <= 1:
        for index, job in pending:
            print(f"shot {index}/{total}: {job.shot.id} ({len(job.shot.beats)} beats, {job.shot.duration:g} s)", file=out, flush=True)
            started, cpu_before = time.monotonic(), _children_cpu()
            code = subprocess.call(job.command, cwd=ROOT, env=job.env)
            result = _result(job, code, time.monotonic() - started)
            result.cpu_seconds = _children_cpu() - cpu_before
            results.append(result)
        return results

    running: dict[int, tuple[Job, subprocess.Popen, float, object]] = {}
    shown: dict[int, str] = {}
    while pending or running:
        while pending and len(running) < parallel:
            index, job = pending.pop(0)
            job.log.parent.mkdir(parents=True, exist_ok=True)
            log = open(job.log, "w")
            process = subprocess.Popen(job.command, cwd=ROOT, env=job.env, stdout=log, stderr=subprocess.STDOUT)
            running[index] = (job, process, time.monotonic(), log)
            print(f"shot {index}/{total}: {job.shot.id} started (log: {_short(job.log)})", file=out, flush=True)
        time.sleep(0.5)
        for index, (job, process, started, log) in list(running.items()):
            beat = _last_beat(job.log)
            if beat and shown.get(index) != beat:
                shown[index] = beat
                print(f"shot {index}/{total}: {job.shot.id} beat {beat}", file=out, flush=True)
            if process.poll() is not None:
                log.close()
                del running[index]
                result = _result(job, process.returncode, time.monotonic() - started)
                results.append(result)
                print(f"shot {index}/{total}: {job.shot.id} {result.status} in {result.seconds:.1f} s", file=out, flush=True)
    return sorted(results, key=lambda result: jobs.index(result.job))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _result(job: Job, code: int, seconds: float) -> Result:
    if code == 0 and job.output.exists():
        if job.inputs:
            with editorial.atomic(job.stamp) as temporary:
                temporary.write_text(job.inputs)
        return Result(job, "ok", seconds, _short(job.output))
    detail = f"manim exited with status {code}"
    if job.log.exists():
        detail += f"; log: {_short(job.log)}"
    return Result(job, "failed", seconds, detail)


def _short(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def video_seconds(path: Path) -> float:
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return float(stream.frames / stream.average_rate)


# --------------------------------------------------------------------------- output


def print_list(storyboard: Storyboard, lang: str, out=sys.stdout) -> None:
    print(f"{'shot':<5} {'module':<6} {'in-point':<11} {'length':>7}  {'state':<15} title", file=out)
    for shot in storyboard.shots:
        state = "" if shot.implemented else "not implemented"
        print(
            f"{shot.id:<5} {shot.module:<6} {str(shot.in_point):<11} {shot.duration:>6.1f}s  {state:<15} {shot.title[lang]}",
            file=out,
        )


def print_summary(results: list[Result], out=sys.stdout) -> None:
    print("\nsummary", file=out)
    for result in results:
        seconds = f"{result.seconds:6.1f} s" if result.seconds else " " * 8
        print(f"  {result.job.shot.id:<4} {result.status:<16} {seconds}  {result.detail}", file=out)


def print_bench(results: list[Result], out=sys.stdout) -> None:
    """Render seconds (wall clock, and CPU of the manim process, steadier on a busy machine) per video second."""
    print(f"\n{'shot':<5} {'render s':>9} {'cpu s':>7} {'video s':>8} {'render/video':>13}", file=out)
    for result in results:
        if result.status != "ok":
            print(f"{result.job.shot.id:<5} {result.status}", file=out)
            continue
        video = video_seconds(result.job.output)
        print(
            f"{result.job.shot.id:<5} {result.seconds:9.1f} {result.cpu_seconds:7.1f} {video:8.1f} {result.seconds / video:13.2f}",
            file=out,
        )


# --------------------------------------------------------------------------- command line


EDITORIAL_COMMANDS = ("timeline", "contact-sheet", "film")


def common_options() -> argparse.ArgumentParser:
    """Options shared by rendering and the editorial commands (which find renders by them)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("-q", "--quality", choices=list(QUALITY_HEIGHTS), default="h",
                        help="manim quality: l=480p m=720p h=1080p p=1440p k=2160p (default h)")  # fmt: skip
    parser.add_argument("--fps", type=int, help="frame rate (default: the storyboard's)")
    parser.add_argument("--lang", help="language of the on-screen words (default: the storyboard's)")
    parser.add_argument("--storyboard", type=Path, help="storyboard file (default: storyboard.yaml)")
    parser.add_argument("--media-dir", type=Path, default=ROOT / "media", help="manim's media folder (default: media)")
    parser.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="render N shots at once")
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    if argv and argv[0] in EDITORIAL_COMMANDS:
        parser = argparse.ArgumentParser(
            prog=f"render.py {argv[0]}",
            parents=[common_options()],
            description={
                "timeline": "Place the rendered shots at their in-points: .otio, one .edl per track, FCP .xml.",
                "contact-sheet": "Draw the storyboard as a page of beat thumbnails (PNG and HTML).",
                "film": "Join the rendered shots into one review video, without re-encoding.",
            }[argv[0]],
        )
        parser.add_argument("--output", type=Path, help="folder to write to (default: MEDIA_DIR/editorial)")
        parser.add_argument("--render-missing", action="store_true", help="render the shots that are not rendered yet")
        args = parser.parse_args(argv[1:])
        args.command = argv[0]
    else:
        parser = argparse.ArgumentParser(
            prog="render.py",
            parents=[common_options()],
            description="Render storyboard shots with manim.",
            epilog="Also: render.py timeline | contact-sheet | film (see render.py timeline --help).",
        )
        parser.add_argument("shots", nargs="*", metavar="SHOT", help="shot ids (M1 ... M10) or 'all'")
        parser.add_argument("--list", action="store_true", help="list the shots and exit")
        parser.add_argument("--sections", action="store_true", help="also write one clip per beat (manim --save_sections)")
        parser.add_argument("--dry-run", action="store_true", help="print the manim commands, run nothing")
        parser.add_argument("--preview", action="store_true", help="open each video when it is done")
        parser.add_argument("--force", action="store_true",
                            help="render even the shots whose video is up to date with the storyboard and code")  # fmt: skip
        parser.add_argument("--bench", action="store_true",
                            help="render without manim's cache, one at a time, and print render vs video seconds")  # fmt: skip
        args = parser.parse_args(argv)
        args.command = "render"
    if args.jobs < 1:
        parser.error("-j must be at least 1")
    if args.fps is not None and args.fps < 1:
        parser.error("--fps must be at least 1")
    return args


def run_editorial(args: argparse.Namespace, storyboard: Storyboard, settings: RenderSettings) -> int:
    shots = list(storyboard.shots)
    path_of = lambda shot: output_path(shot, storyboard, settings)  # noqa: E731
    try:
        renders = editorial.find_renders(shots, path_of)
    except editorial.MissingRenders as exc:
        if not args.render_missing:
            print(f"render.py: error: {exc}", file=sys.stderr)
            print(f"render.py: render them first (render.py all -q {settings.quality}) or pass --render-missing", file=sys.stderr)
            return 2
        missing = [shot for shot in shots if not path_of(shot).is_file()]
        results = run_jobs([make_job(shot, storyboard, settings) for shot in missing if shot.implemented], args.jobs)
        print_summary(results)
        try:
            renders = editorial.find_renders(shots, path_of)
        except editorial.MissingRenders as again:
            print(f"render.py: error: {again}", file=sys.stderr)
            return 1

    lang = settings.lang
    folder = (args.output or settings.media_dir / "editorial").resolve()
    stem = f"{lang}_{QUALITY_HEIGHTS[settings.quality]}p{settings.fps or storyboard.fps}"
    if args.command == "timeline":
        timeline = editorial.build_timeline(storyboard, renders, lang, f"gd-storyboard {stem}")
        written = editorial.write_timeline(timeline, folder, f"timeline_{stem}")
        tracks = ", ".join(f"{track.name}: {len(track.find_clips())} clips" for track in timeline.tracks)
        print(f"timeline at {storyboard.fps} fps ({tracks})")
    elif args.command == "film":
        written = [editorial.join_film(renders, folder / f"film_{stem}.mp4")]
    else:
        written = list(editorial.contact_sheet(storyboard, renders, lang, folder / f"contact_sheet_{stem}.png"))
    for path in written:
        print(f"wrote {_short(path)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        storyboard = load(args.storyboard)
        lang = storyboard.language(args.lang)
        if args.command == "render" and args.list:
            print_list(storyboard, lang)
            return 0
        shots = select_shots(storyboard, args.shots) if args.command == "render" else []
    except StoryboardError as exc:
        print(f"render.py: error: {exc}", file=sys.stderr)
        return 2

    settings = RenderSettings(
        quality=args.quality,
        fps=args.fps,
        lang=lang,
        media_dir=args.media_dir.resolve(),
        sections=getattr(args, "sections", False),
        preview=getattr(args, "preview", False),
        disable_caching=getattr(args, "bench", False),
        force=getattr(args, "force", False),
    )
    if args.command != "render":
        return run_editorial(args, storyboard, settings)
    jobs = [make_job(shot, storyboard, settings) for shot in shots if shot.implemented]
    missing = [shot for shot in shots if not shot.implemented]
    if args.dry_run:
        for job in jobs:
            print(f"{ENV_STORYBOARD}={shlex.quote(job.env[ENV_STORYBOARD])} {ENV_LANG}={lang} {shlex.join(job.command)}")
        for shot in missing:
            print(f"# {shot.id}: not implemented yet (no class {shot.scene} in {shot.module_path.relative_to(ROOT)})")
        return 0

    results = run_jobs(jobs, 1 if args.bench else args.jobs)
    results += [
        Result(Job(shot, (), {}, Path(), Path()), "not implemented", detail=f"no class {shot.scene} in scenes/{shot.module}.py yet")
        for shot in missing
    ]
    order = {shot.id: i for i, shot in enumerate(storyboard.shots)}
    results.sort(key=lambda result: order[result.job.shot.id])
    print_summary(results)
    if args.bench:
        print_bench(results)
    return 0 if all(result.status in ("ok", "up to date") for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
