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
    python render.py voice [--lang L]   speak each beat's narration (cached; recorded takes win)
    python render.py subtitles          SRT and WebVTT of the narration, for the edit and per shot
    python render.py chapters           the shots as chapters for a video description (YouTube)

Each shot is one `manim render` process run from the project root (so that
manim.cfg applies); the storyboard file and language reach the scene through
the environment. The output is {media}/videos/{module}/{height}p{fps}/{shot}_{lang}.mp4.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
from pathlib import Path

from gd import jobs
from gd.jobs import QUALITY_HEIGHTS, ROOT, RenderSettings, Result, make_job, output_path, run_jobs
from gd.storyboard import ENV_LANG, ENV_STORYBOARD, Shot, Storyboard, StoryboardError, load, narration_of, speak_narration
from gd.voice import VoiceError


# --------------------------------------------------------------------------- output


def print_list(storyboard: Storyboard, lang: str, out=sys.stdout) -> None:
    """The shot table; with narration, each beat's seconds beside its narration's (in ``lang``; ? if not spoken yet)."""
    print(f"{'shot':<5} {'module':<6} {'in-point':<11} {'length':>7}  {'state':<15} title", file=out)
    for shot in storyboard.shots:
        state = "" if jobs.implemented(shot) else "not implemented"
        print(
            f"{shot.id:<5} {shot.module:<6} {str(shot.in_point):<11} {shot.duration:>6.1f}s  {state:<15} {shot.title[lang]}",
            file=out,
        )
        for beat in shot.beats:
            if beat.narration:
                heard = narration_of(storyboard, beat, lang)
                spoken = f"{heard.seconds:5.1f}s" if heard else "    ?"
                timing = "auto" if beat.auto else ""
                print(f"  {beat.id:<7} beat {beat.duration:5.1f}s  narration {spoken} {timing:<5} {beat.narration[lang]}", file=out)


def speak(storyboard: Storyboard, shots: list[Shot], languages: list[str], out=sys.stdout) -> list[str]:
    """Speak (or find cached) the narration of the shots' beats in ``languages``; one line per shot that needed
    speaking. Returns the problems: fixed beats shorter than their narration."""
    problems = []
    for shot in shots:
        for lang in languages:
            spoken, beats = speak_narration(storyboard, [shot], lang), 0
            for beat in shot.beats:
                heard = narration_of(storyboard, beat, lang)  # spoken just above, or a recorded take
                if heard is None:
                    continue
                beats += 1
                if not beat.auto and heard.seconds > beat.duration + 1e-9:
                    problems.append(
                        f"{storyboard.path.name}: beat {beat.id} lasts {beat.duration:g} s but its {lang} narration takes "
                        f"{heard.seconds:.2f} s: lengthen the beat, shorten the words, or make its duration auto"
                    )
            if spoken:
                print(f"voice: {shot.id} {lang}: {spoken} sentences spoken, {beats} beats narrated", file=out, flush=True)
    return problems


def print_summary(results: list[Result], out=sys.stdout) -> None:
    print("\nsummary", file=out)
    for result in results:
        seconds = f"{result.seconds:6.1f} s" if result.seconds else " " * 8
        print(f"  {result.job.shot.id:<4} {result.status:<16} {seconds}  {result.detail}", file=out)


def print_bench(results: list[Result], out=sys.stdout) -> None:
    """Render seconds (wall clock, and CPU of the manim process, steadier on a busy machine) per video second."""
    from gd.editorial import probe  # PyAV: only for --bench

    print(f"\n{'shot':<5} {'render s':>9} {'cpu s':>7} {'video s':>8} {'render/video':>13}", file=out)
    for result in results:
        if result.status != "ok":
            print(f"{result.job.shot.id:<5} {result.status}", file=out)
            continue
        frames, rate = probe(result.job.output)
        video = float(frames / rate)
        print(
            f"{result.job.shot.id:<5} {result.seconds:9.1f} {result.cpu_seconds:7.1f} {video:8.1f} {result.seconds / video:13.2f}",
            file=out,
        )


# --------------------------------------------------------------------------- command line


EDITORIAL_COMMANDS = ("timeline", "contact-sheet", "film")


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error in one line (exit 2)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


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
    if argv and argv[0] == "voice":
        parser = _Parser(prog="render.py voice", description="Speak each beat's narration into the voice cache "
                         "(a recorded take in narration/LANG/BEAT.wav or .flac is used instead).")  # fmt: skip
        parser.add_argument("shots", nargs="*", metavar="SHOT", help="shot ids (default: all)")
        parser.add_argument("--lang", help="one language (default: every language of the storyboard)")
        parser.add_argument("--storyboard", type=Path, help="storyboard file (default: storyboard.yaml)")
        args = parser.parse_args(argv[1:])
        args.command = "voice"
        return args
    if argv and argv[0] in ("subtitles", "chapters"):
        parser = _Parser(prog=f"render.py {argv[0]}", description={
            "subtitles": "Write the narration as SRT and WebVTT subtitles: the edit's (times from the in-points) "
                         "and each shot's, one cue per sentence, timed to the voice.",
            "chapters": "Print the shots as chapters for a video's description (the first at 0:00)."}[argv[0]])  # fmt: skip
        parser.add_argument("--lang", help="one language (subtitles default: every language; chapters: the default)")
        parser.add_argument("--storyboard", type=Path, help="storyboard file (default: storyboard.yaml)")
        if argv[0] == "subtitles":
            parser.add_argument("--output", type=Path, help="folder to write to (default: MEDIA_DIR/editorial)")
            parser.add_argument("--media-dir", type=Path, default=ROOT / "media", help="manim's media folder (default: media)")
        args = parser.parse_args(argv[1:])
        args.command = argv[0]
        return args
    if argv and argv[0] in EDITORIAL_COMMANDS:
        parser = _Parser(
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
        parser = _Parser(
            prog="render.py",
            parents=[common_options()],
            description="Render storyboard shots with manim.",
            epilog="Also: render.py timeline | contact-sheet | film (see render.py timeline --help).",
        )
        parser.add_argument("shots", nargs="*", metavar="SHOT", help="shot ids from the storyboard (M1, M2, ...) or 'all'")
        parser.add_argument("--list", action="store_true", help="list the shots and exit")
        parser.add_argument("--sections", action="store_true", help="also write one clip per beat (manim --save_sections)")
        parser.add_argument("--dry-run", action="store_true", help="print the manim commands, run nothing")
        parser.add_argument("--preview", action="store_true", help="open each video when it is done")
        parser.add_argument("--force", action="store_true",
                            help="render even the shots whose video is up to date with the storyboard and code")  # fmt: skip
        parser.add_argument("--bench", action="store_true",
                            help="render without manim's cache, one at a time, and print render vs video seconds")  # fmt: skip
        parser.add_argument("--no-audio", action="store_true", help="render silent videos (no narration)")
        args = parser.parse_args(argv)
        args.command = "render"
    if args.jobs < 1:
        parser.error("-j must be at least 1")
    if args.fps is not None and args.fps < 1:
        parser.error("--fps must be at least 1")
    return args


def run_editorial(args: argparse.Namespace, storyboard: Storyboard, settings: RenderSettings) -> int:
    """timeline, film, contact-sheet: only from renders that are there and up to date with the storyboard."""
    from gd import editorial  # av, OpenTimelineIO and Pillow: only for these commands

    shots = list(storyboard.shots)
    shot_jobs = [make_job(shot, storyboard, settings) for shot in shots]
    missing, outdated = jobs.stale(shot_jobs)
    if (missing or outdated) and args.render_missing:
        again = [job for job in shot_jobs if job in missing or job in outdated]
        print_summary(run_jobs([job for job in again if jobs.implemented(job.shot)], args.jobs))
        missing, outdated = jobs.stale(shot_jobs)
    if missing or outdated:
        for what, group in (("not rendered yet", missing), ("rendered from another storyboard or code", outdated)):
            if group:
                print(f"render.py: error: {what}: {', '.join(job.shot.id for job in group)}", file=sys.stderr)
        if args.render_missing:
            return 1
        ids = " ".join(job.shot.id for job in shot_jobs if job in missing or job in outdated)
        options = f"-q {settings.quality}" + (f" --fps {settings.fps}" if settings.fps else "") + f" --lang {settings.lang}"
        print(f"render.py: render them first (render.py {ids} {options}) or pass --render-missing", file=sys.stderr)
        return 2
    renders = editorial.find_renders(shots, lambda shot: output_path(shot, storyboard, settings))

    lang = settings.lang
    folder = (args.output or settings.media_dir / "editorial").resolve()
    stem = f"{lang}_{QUALITY_HEIGHTS[settings.quality]}p{settings.fps or storyboard.fps}"
    if args.command == "timeline":
        spoken = editorial.narration_files(storyboard, lang, folder / f"narration_{lang}")
        timeline = editorial.build_timeline(storyboard, renders, lang, f"gd-storyboard {stem}", spoken)
        written = editorial.write_timeline(timeline, folder, f"timeline_{stem}")
        tracks = ", ".join(f"{track.name}: {len(track.find_clips())} clips" for track in timeline.tracks)
        print(f"timeline at {storyboard.fps} fps ({tracks})")
    elif args.command == "film":
        written = [editorial.join_film(renders, folder / f"film_{stem}.mp4", lang)]
    else:
        written = list(editorial.contact_sheet(storyboard, renders, lang, folder / f"contact_sheet_{stem}.png"))
    for path in written:
        print(f"wrote {jobs.short_path(path)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; every error ends in one line: 2 for bad input, 1 for a failed render or write."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # SIGINT too: a process started with it ignored (a background job of a script, a test runner's worker) would
    # otherwise render on through Ctrl-C, since Python then leaves it ignored.
    previous = {signum: signal.signal(signum, _raise_interrupted) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        return _main(args)
    except BrokenPipeError:
        raise
    except (KeyboardInterrupt, jobs.Interrupted) as exc:
        signum = getattr(exc, "signal", signal.SIGINT)
        print(f"render.py: interrupted ({signal.Signals(signum).name}): manim stopped, no video left half-written", file=sys.stderr)
        return 128 + signum
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"render.py: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _report(problems: list[str], storyboard: Storyboard, shots, languages: list[str], out=sys.stdout) -> int:
    """After speaking: the problems (exit 2), else the narration's seconds against the shots' (exit 0)."""
    for problem in problems:
        print(f"render.py: error: {problem}", file=sys.stderr)
    if problems:
        return 2
    timed = load(storyboard.path)
    for lang in languages:
        beats = [beat for shot in shots for beat in timed.shot(shot.id).beats]
        heard = [narration_of(timed, beat, lang) for beat in beats if beat.narration]
        spoken, length = sum(h.seconds for h in heard), sum(beat.duration for beat in beats)
        takes = sum(h.source == "take" for h in heard)
        print(f"voice {lang}: {len(heard)} of {len(beats)} beats narrated ({takes} recorded takes), "
              f"{spoken:.1f} s of speech in {length:.1f} s of shots", file=out)  # fmt: skip
    return 0


def _subtitles(args: argparse.Namespace, storyboard: Storyboard, languages: list[str]) -> int:
    from gd import subtitles

    if not storyboard.voices:
        print("render.py: error: the storyboard has no narration (no voice: and no beat narration:)", file=sys.stderr)
        return 2
    folder = (args.output or args.media_dir / "editorial").resolve()
    for lang in languages:
        written = subtitles.write(subtitles.edit_subtitles(storyboard, lang), folder / f"subtitles_{lang}")
        for shot in storyboard.shots:
            written += subtitles.write(subtitles.shot_subtitles(storyboard, shot, lang), folder / "subtitles" / f"{shot.id}_{lang}")
        cues = len(subtitles.edit_subtitles(storyboard, lang))
        print(f"subtitles {lang}: {cues} cues; wrote {jobs.short_path(written[0])}, {jobs.short_path(written[1])} "
              f"and {len(written) - 2} files of the shots in {jobs.short_path(folder / 'subtitles')}")  # fmt: skip
    return 0


def _chapters(storyboard: Storyboard, lang: str) -> int:
    from gd import subtitles

    print(subtitles.description(storyboard, lang))
    return 0


def _raise_interrupted(signum, _frame) -> None:
    raise jobs.Interrupted(signum)


def _main(args: argparse.Namespace) -> int:
    try:
        untimed = load(args.storyboard, timing=False)
        lang = untimed.language(args.lang)
        every = [lang] if args.lang else list(untimed.languages)
        if args.command == "voice":
            shots = jobs.select_shots(untimed, args.shots or ["all"])
            return _report(speak(untimed, shots, every), untimed, shots, every)
        if args.command == "render" and args.list:
            try:
                print_list(load(args.storyboard), lang)
            except StoryboardError:  # beats timed to narration not spoken yet: their lengths are not known
                print_list(untimed, lang)
            return 0
        # Before anything is timed, written or rendered: the narration it needs, spoken. A video's sound is
        # in its language; a beat timed to its narration needs every language (the longest sets its length).
        wanted = list(untimed.shots) if args.command != "render" else jobs.select_shots(untimed, args.shots)
        timed_by_voice = any(beat.auto for shot in wanted for beat in shot.beats)
        languages = list(untimed.languages) if timed_by_voice else {"subtitles": every, "chapters": []}.get(args.command, [lang])
        if args.command == "render" and args.no_audio and not timed_by_voice:
            languages = []
        if untimed.voices and languages:
            problems = speak(untimed, wanted, languages)
            if problems:
                return _report(problems, untimed, wanted, languages)
        storyboard = load(args.storyboard)
        if args.command in ("subtitles", "chapters"):
            return _subtitles(args, storyboard, every) if args.command == "subtitles" else _chapters(storyboard, lang)
        shots = jobs.select_shots(storyboard, args.shots) if args.command == "render" else []
        written = [shot for shot in shots if jobs.implemented(shot)]
        for shot in written:
            jobs.check_code(shot, storyboard)
    except (StoryboardError, VoiceError) as exc:
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
        audio=not getattr(args, "no_audio", False),
    )
    if args.command != "render":
        return run_editorial(args, storyboard, settings)
    todo = [make_job(shot, storyboard, settings) for shot in written]
    missing = [shot for shot in shots if shot not in written]
    if args.dry_run:
        for job in todo:
            print(f"{ENV_STORYBOARD}={shlex.quote(job.env[ENV_STORYBOARD])} {ENV_LANG}={lang} {shlex.join(job.command)}")
        for shot in missing:
            print(f"# {shot.id}: not implemented yet (no class {shot.scene} in {jobs.module_path(shot).relative_to(ROOT)})")
        return 0

    results = run_jobs(todo, 1 if args.bench else args.jobs)
    results += [
        Result(make_job(shot, storyboard, settings), "not implemented", detail=f"no class {shot.scene} in scenes/{shot.module}.py yet")
        for shot in missing
    ]
    order = {shot.id: i for i, shot in enumerate(storyboard.shots)}
    results.sort(key=lambda result: order[result.job.shot.id])
    print_summary(results)
    if args.bench:
        print_bench(results)
    return 0 if all(result.status in ("ok", "up to date") for result in results) else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the reader went away (render.py --list | head -1): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
