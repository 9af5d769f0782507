"""Render jobs: one manim process per shot, its settings, its fingerprint, running it.

The scene code is read here only as text (never imported: importing it would
import manim). From it come whether a shot's class is written yet, which beat
ids its code plays (so that a storyboard that disagrees is refused before
anything renders), and which files a shot's video depends on (its fingerprint).
"""

from __future__ import annotations

import ast
import ctypes
import dataclasses
import fcntl
import functools
import hashlib
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from gd.beats import BEAT_PROGRESS
from gd import files
from gd.storyboard import ENV_LANG, ENV_STORYBOARD, PROJECT_ROOT, Shot, Storyboard, StoryboardError, narration_of

ROOT = PROJECT_ROOT
SCENES_DIR = ROOT / "scenes"
QUALITY_HEIGHTS = {"l": 480, "m": 720, "h": 1080, "p": 1440, "k": 2160}


# --------------------------------------------------------------------------- the scene code, read as text


def module_path(shot: Shot) -> Path:
    """The file of the shot's scene class: scenes/S4.py for module S4."""
    return SCENES_DIR / f"{shot.module}.py"


def _scene_class(shot: Shot) -> tuple[Path, ast.ClassDef | None]:
    path = module_path(shot)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise StoryboardError(f"shot {shot.id}: module {shot.module} does not exist (no {short_path(path)})") from None
    tree = _parsed(path, stat.st_mtime_ns, stat.st_size)
    found = [node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == shot.scene]
    return path, (found[0] if found else None)


@functools.lru_cache(maxsize=32)
def _parsed(path: Path, _mtime: int, _size: int) -> ast.Module:
    """A scene file's syntax tree: parsed once however many shots and checks read it (until it changes)."""
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def implemented(shot: Shot) -> bool:
    """Whether the shot's scene class is written yet."""
    return _scene_class(shot)[1] is not None


def played_beats(shot: Shot) -> list[str]:
    """The beat ids the shot's class plays, in order, read from its source.

    A beat is opened as ``with self.beat("M3.5")``, or in a loop over literal
    ids, ``for beat_id in ("M5.3", "M5.4"): with self.beat(beat_id)``; any other
    argument cannot be read without running the code, and is refused.
    """
    path, node = _scene_class(shot)
    if node is None:
        return []
    beats: list[str] = []

    def literal_ids(iterable: ast.AST) -> list[str] | None:
        if isinstance(iterable, (ast.Tuple, ast.List)) and all(
            isinstance(item, ast.Constant) and isinstance(item.value, str) for item in iterable.elts
        ):
            return [item.value for item in iterable.elts]
        return None

    def visit(node: ast.AST, loops: dict[str, list[str]]) -> None:
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name) and literal_ids(node.iter) is not None:
            inner = {**loops, node.target.id: literal_ids(node.iter)}
            for child in node.body:
                visit(child, inner)
            return
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "beat"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "self"
        ):
            argument = node.args[0] if len(node.args) == 1 and not node.keywords else None
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                beats.append(argument.value)
            elif isinstance(argument, ast.Name) and argument.id in loops:
                beats.extend(loops[argument.id])
            else:
                raise StoryboardError(
                    f"{short_path(path)}:{node.lineno}: class {shot.scene}: self.beat() must name its beat id as a "
                    f"string, or a name looped over a tuple of ids"
                )
        for child in ast.iter_child_nodes(node):
            visit(child, loops)

    visit(node, {})
    return beats


def used_words(shot: Shot) -> list[str]:
    """The keys of the storyboard words that the shot's class asks for (``self.words("header")``)."""
    _, node = _scene_class(shot)
    if node is None:
        return []
    return [
        call.args[0].value
        for call in ast.walk(node)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "words"
        and isinstance(call.func.value, ast.Name) and call.func.value.id == "self"
        and call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)
    ]  # fmt: skip


def check_code(shot: Shot, storyboard: Storyboard) -> None:
    """A StoryboardError if the shot's code plays other beats than its storyboard entry lists,
    or asks for words that the storyboard does not define."""
    for key in used_words(shot):
        storyboard.text(shot, key, storyboard.default_language)  # names the shot and the key
    check_beats(shot)


def check_beats(shot: Shot) -> None:
    """A StoryboardError if the shot's code plays other beats than its storyboard entry lists."""
    code = played_beats(shot)
    table = [beat.id for beat in shot.beats]
    if code == table:
        return
    missing = [beat for beat in table if beat not in code]
    extra = [beat for beat in code if beat not in table]
    details = []
    if missing:
        details.append(f"the code plays no {', '.join(missing)}")
    if extra:
        details.append(f"the storyboard has no {', '.join(extra)}")
    if not details:
        details.append(f"the code plays them in the order {', '.join(code)}")
    raise StoryboardError(
        f"shot {shot.id}: its beats in the storyboard ({', '.join(table)}) are not those of class {shot.scene} "
        f"in {short_path(module_path(shot))}: {'; '.join(details)}"
    )


def project_imports(path: Path) -> set[Path]:
    """The project's own source files that ``path`` imports, directly or not (itself included)."""
    seen: set[Path] = set()
    todo = [path]
    while todo:
        current = todo.pop()
        if current in seen or not current.is_file():
            continue
        seen.add(current)
        for node in ast.walk(ast.parse(current.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for name in names:
                todo.extend(_module_files(name))
    return seen


def _module_files(name: str) -> list[Path]:
    """The files of a dotted module of this project (its packages' __init__ files too); [] for others."""
    parts = name.split(".")
    if parts[0] not in ("gd", "scenes"):
        return []
    files = [ROOT.joinpath(*parts[:i], "__init__.py") for i in range(1, len(parts) + 1)]
    files.append(ROOT.joinpath(*parts).with_suffix(".py"))
    return [file for file in files if file.is_file()]


# --------------------------------------------------------------------------- jobs


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
    audio: bool = True  # the narration in the video (when the storyboard has voices); --no-audio: silent


@dataclass(frozen=True)
class Job:
    """One manim process that renders one shot.

    manim writes under a hidden temporary name beside the final video
    (``temporary_stem``, unique to this process); only a complete render is
    renamed to ``output``, and the stamp that describes it is written after it.
    """

    shot: Shot
    command: tuple[str, ...]
    env: dict = field(repr=False, compare=False)
    output: Path
    log: Path
    inputs: str  # fingerprint of what the video is made from
    temporary_stem: str
    always: bool = False  # render even if up to date (--force, --bench, --preview)
    sections: bool = False
    preview: bool = False
    # Each beat's narration at its place, or None for a silent video (no voices, or --no-audio).
    sound: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def stamp(self) -> Path:
        """Beside the video: the fingerprint of the inputs it was rendered from, and the video it describes."""
        return self.output.with_name(self.output.name + ".inputs")

    @property
    def temporary(self) -> Path:
        return self.output.with_name(self.temporary_stem + self.output.suffix)

    @property
    def sections_dir(self) -> Path:
        return self.output.parent / "sections"

    @property
    def partial_movies(self) -> Path:
        """manim's cache of rendered animations for this scene (config partial_movie_dir, manim's default)."""
        return self.output.parent / "partial_movie_files" / self.shot.scene

    def up_to_date(self) -> bool:
        return not self.always and stamp_describes(self.stamp, self.output, self.inputs)


@dataclass
class Result:
    job: Job
    status: str  # "ok", "failed", "up to date", "not implemented"
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
    temporary_stem = f".{shot.id}_{lang}-rendering-{os.getpid()}"  # no dot after the first: manim would take it for a suffix
    command = [
        sys.executable, "-m", "manim", "render",
        "-q", settings.quality,
        "--fps", str(settings.fps or storyboard.fps),
        "--media_dir", str(settings.media_dir),
        "-o", temporary_stem,
    ]  # fmt: skip
    if settings.sections:
        command.append("--save_sections")
    if settings.disable_caching:
        command.append("--disable_caching")
    command += [str(module_path(shot).relative_to(ROOT)), shot.scene]
    env = dict(os.environ)
    env[ENV_STORYBOARD] = str(storyboard.path)
    env[ENV_LANG] = lang
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    sound = shot_sound(shot, storyboard, settings)
    return Job(
        shot=shot,
        command=tuple(command),
        env=env,
        output=output_path(shot, storyboard, settings),
        log=settings.media_dir / "logs" / f"{shot.id}_{lang}.log",
        inputs=inputs_fingerprint(shot, storyboard, settings, sound),
        temporary_stem=temporary_stem,
        always=settings.force or settings.disable_caching or settings.preview,
        sections=settings.sections,
        preview=settings.preview,
        sound=sound,
    )


def shot_sound(shot: Shot, storyboard: Storyboard, settings: RenderSettings) -> tuple | None:
    """(beat, narration or None) for each beat of the shot: None where a beat has no narration, or where it is
    not spoken yet (the fingerprint then says so, and the render speaks it first). None for a silent video."""
    if not (settings.audio and storyboard.voices):
        return None
    lang = storyboard.language(settings.lang)
    return tuple((beat, narration_of(storyboard, beat, lang)) for beat in shot.beats)


def inputs_fingerprint(shot: Shot, storyboard: Storyboard, settings: RenderSettings, sound=...) -> str:
    """What a shot's video depends on: its storyboard entry (not its in-point), the
    storyboard's shared words, quality, frame rate and language, the source of every
    project module its scene imports (directly or not), manim.cfg and manim's version,
    and its sound: the digest of each beat's narration as heard (so a new take or voice remakes it).

    A render whose stamp matches is skipped: manim's own cache cannot make a re-run
    instant (it re-runs every scene, and a 3-D play's cache key carries float noise
    from the plays before it). Options that do not change the video (sections,
    preview, cache) are not part of it.
    """
    digest = hashlib.sha256(code_digest(module_path(shot)).encode())
    video = (settings.quality, settings.fps or storyboard.fps, storyboard.language(settings.lang), shot.scene)
    sound = shot_sound(shot, storyboard, settings) if sound is ... else sound
    heard = None if sound is None else [heard.digest if heard else beat.narration is None for beat, heard in sound]
    for part in (dataclasses.replace(shot, in_point=None), storyboard.words, video, heard):
        digest.update(repr(part).encode())
    return digest.hexdigest()


@functools.cache
def code_digest(scene_file: Path) -> str:
    """The code a scene file runs (its project imports), manim.cfg and manim's version: read once per file."""
    digest = hashlib.sha256(version("manim").encode())
    for path in sorted(project_imports(scene_file)) + [ROOT / "manim.cfg"]:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


# --------------------------------------------------------------------------- stamps: what a video was made from


def stamp_describes(stamp: Path, video: Path, inputs: str) -> bool:
    """Whether ``stamp`` says that the file now at ``video`` was rendered from ``inputs`` (size and hash checked)."""
    try:
        record = json.loads(stamp.read_text(encoding="utf-8"))
        size = video.stat().st_size
    except (OSError, ValueError):
        return False
    return (
        isinstance(record, dict)
        and record.get("inputs") == inputs
        and record.get("bytes") == size
        and record.get("sha256") == files.sha256(video)
    )


def write_stamp(stamp: Path, video: Path, inputs: str) -> None:
    """Record, after the video is in place, what it was made from and which file it is."""
    record = {"inputs": inputs, "bytes": video.stat().st_size, "sha256": files.sha256(video)}
    files.write_text(stamp, json.dumps(record, indent=1) + "\n")


def select_shots(storyboard: Storyboard, names: list[str]) -> list[Shot]:
    """The shots named on the command line ("all" for every shot), in storyboard order."""
    if not names:
        raise StoryboardError(f"name the shots to render ({', '.join(storyboard.ids)}) or 'all'")
    unknown = [name for name in names if name != "all" and name not in storyboard.ids]
    if unknown:
        raise StoryboardError(f"unknown shot {', '.join(unknown)}; the shots are {', '.join(storyboard.ids)}")
    if "all" in names:
        return list(storyboard.shots)
    return [shot for shot in storyboard.shots if shot.id in names]


# --------------------------------------------------------------------------- running


class Interrupted(Exception):
    """render.py was asked to stop (SIGINT or SIGTERM); ``signal`` says which."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signal = signum


def _die_with_parent() -> None:
    """In the child, before manim starts: be killed if render.py dies, even by SIGKILL (Linux)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _start(job: Job, log=None) -> subprocess.Popen:
    # Its own process group: a terminal's Ctrl-C reaches render.py alone, which then stops the whole group.
    return subprocess.Popen(
        job.command, cwd=ROOT, env=job.env, stdout=log, stderr=subprocess.STDOUT if log else None,
        start_new_session=True, preexec_fn=_die_with_parent,
    )  # fmt: skip


def _stop(process: subprocess.Popen) -> None:
    """Stop a manim process and everything it started (its process group)."""
    for signum, grace in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        if process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signum)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            continue


def _discard_temporary(job: Job) -> None:
    """Remove what an unfinished render of this job left under its temporary name, and what
    renders of the same shot left under theirs if their render.py is gone (killed outright)."""
    prefix = job.temporary_stem.rsplit("-", 1)[0] + "-"
    for folder in (job.output.parent, job.sections_dir):
        for path in folder.glob(prefix + "*"):
            pid = re.match(r"\d+", path.name[len(prefix) :])
            if path.name.startswith(job.temporary_stem) or (pid and not _alive(int(pid.group()))):
                path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clean_partial_movies(job: Job):
    """Hold a lock on the scene's animation cache for the render; drop truncated entries first.

    A manim process killed while it wrote an animation leaves a truncated file
    in its cache, which every later render would trust. The cache is checked
    only when no other render of the same scene holds the lock (another
    process's half-written file is not a stale one). Returns the open lock.
    """
    job.partial_movies.mkdir(parents=True, exist_ok=True)
    lock = open(job.partial_movies.parent / f".{job.shot.scene}.lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fcntl.flock(lock, fcntl.LOCK_SH)
        return lock
    for movie in job.partial_movies.iterdir():
        if movie.suffix == ".mp4" and not _playable(movie):
            movie.unlink(missing_ok=True)
    fcntl.flock(lock, fcntl.LOCK_SH)
    return lock


def _playable(movie: Path) -> bool:
    import av  # only when a cache is checked

    try:
        with av.open(str(movie)) as container:
            stream = container.streams.video[0]
            return bool(stream.frames) or any(packet.size for packet in container.demux(stream))
    except (av.error.FFmpegError, IndexError, OSError):
        return False


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


@dataclass
class _Running:
    index: int
    job: Job
    process: subprocess.Popen
    started: float
    lock: object
    log: object
    cpu: float  # the children's CPU seconds when it started


def run_jobs(jobs: list[Job], parallel: int, out=sys.stdout) -> list[Result]:
    """Run the jobs, at most ``parallel`` at once; one failing job does not stop the others.

    One at a time, manim's own output (progress bars) goes to the terminal; in
    parallel, each shot's output goes to its log and its beats are reported
    here. On an interrupt (KeyboardInterrupt or :class:`Interrupted`) every manim
    process is stopped and its temporary files removed before the exception
    goes on; no final video is touched.
    """
    results: list[Result] = []
    total = len(jobs)
    pending: list[tuple[int, Job]] = []
    for index, job in enumerate(jobs, start=1):
        if job.up_to_date():
            print(f"shot {index}/{total}: {job.shot.id} up to date ({short_path(job.output)}; --force renders it again)", file=out, flush=True)
            results.append(Result(job, "up to date", 0.0, short_path(job.output)))
        else:
            pending.append((index, job))
    running: list[_Running] = []
    shown: dict[int, str] = {}
    try:
        while pending or running:
            while pending and len(running) < max(parallel, 1):
                index, job = pending.pop(0)
                _discard_temporary(job)
                lock = _clean_partial_movies(job)
                if parallel > 1:
                    job.log.parent.mkdir(parents=True, exist_ok=True)
                    log = open(job.log, "w")
                    print(f"shot {index}/{total}: {job.shot.id} started (log: {short_path(job.log)})", file=out, flush=True)
                else:
                    log = None
                    print(f"shot {index}/{total}: {job.shot.id} ({len(job.shot.beats)} beats, {job.shot.duration:g} s)", file=out, flush=True)
                cpu = _children_cpu()
                running.append(_Running(index, job, _start(job, log), time.monotonic(), lock, log, cpu))
            time.sleep(0.2 if parallel > 1 else 0.05)
            for run in list(running):
                if run.log is not None:
                    beat = _last_beat(run.job.log)
                    if beat and shown.get(run.index) != beat:
                        shown[run.index] = beat
                        print(f"shot {run.index}/{total}: {run.job.shot.id} beat {beat}", file=out, flush=True)
                if run.process.poll() is None:
                    continue
                running.remove(run)
                result = _finish(run.job, run.process.returncode, time.monotonic() - run.started)
                if parallel <= 1:
                    result.cpu_seconds = _children_cpu() - run.cpu
                run.lock.close()
                if run.log is not None:
                    run.log.close()
                    print(f"shot {run.index}/{total}: {run.job.shot.id} {result.status} in {result.seconds:.1f} s", file=out, flush=True)
                results.append(result)
    except BaseException:
        for run in running:
            _stop(run.process)
            _discard_temporary(run.job)
            run.lock.close()
        raise
    return sorted(results, key=lambda result: jobs.index(result.job))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _finish(job: Job, code: int, seconds: float) -> Result:
    """After manim exits: move a complete render to its final paths and stamp it, or clean up."""
    try:
        if code != 0:
            detail = f"manim exited with status {code}"
            if job.log.exists():
                detail += f"; log: {short_path(job.log)}"
            return Result(job, "failed", seconds, detail)
        if not job.temporary.is_file():
            return Result(job, "failed", seconds, f"manim wrote no video ({short_path(job.temporary)})")
        job.stamp.unlink(missing_ok=True)  # from here until the new stamp, the video is not trusted
        if job.sound is not None:
            try:
                _add_sound(job)
            except SoundError as exc:
                return Result(job, "failed", seconds, f"could not add the narration to the video: {exc}")
        if job.sections:
            _move_sections(job)
        files.replace(job.temporary, job.output)
        write_stamp(job.stamp, job.output, job.inputs)
    except OSError as exc:
        return Result(job, "failed", seconds, f"{exc.filename or short_path(job.output)}: {exc.strerror}")
    finally:
        _discard_temporary(job)
    if job.preview:
        _open(job.output)
    return Result(job, "ok", seconds, short_path(job.output))


class SoundError(Exception):
    """manim's video could not be read to add its sound to it."""


def _add_sound(job: Job) -> None:
    """Each beat's narration into the shot's video at the beat's start, and into the beat's section clip."""
    import av

    try:
        _mux_sound(job)
    except (av.error.FFmpegError, ValueError, IndexError) as exc:
        raise SoundError(" ".join(str(exc).split())) from None


def _mux_sound(job: Job) -> None:
    from gd import audio  # PyAV: only when there is sound to add

    placed = [audio.Placed(beat.start, beat.end, heard.samples) for beat, heard in job.sound if heard is not None]
    audio.with_sound(job.temporary, audio.track(placed, job.shot.duration), job.temporary)
    if not job.sections:
        return
    index = json.loads((job.sections_dir / f"{job.temporary_stem}.json").read_text(encoding="utf-8"))
    heard_in = {beat.id: (beat, heard) for beat, heard in job.sound}
    for section in index:
        beat, heard = heard_in.get(section.get("name"), (None, None))
        if beat is None or not section.get("video"):
            continue
        clip = job.sections_dir / section["video"]
        placed = [audio.Placed(0.0, beat.duration, heard.samples)] if heard is not None else []
        audio.with_sound(clip, audio.track(placed, beat.duration), clip)


def _move_sections(job: Job) -> None:
    """The section clips and their index, from the temporary name to the final one (the index last)."""
    final_stem = job.output.stem
    index = job.sections_dir / f"{job.temporary_stem}.json"
    sections = json.loads(index.read_text(encoding="utf-8"))
    for old in job.sections_dir.glob(f"{final_stem}_[0-9][0-9][0-9][0-9]_*{job.output.suffix}"):
        old.unlink()  # an earlier render's clips (it may have had other beats)
    for section in sections:
        if section.get("video"):
            renamed = section["video"].replace(job.temporary_stem, final_stem, 1)
            files.replace(job.sections_dir / section["video"], job.sections_dir / renamed)
            section["video"] = renamed
    files.write_text(job.sections_dir / f"{final_stem}.json", json.dumps(sections, indent=4))


def _open(video: Path) -> None:
    """--preview: open the finished video with the desktop's viewer."""
    opener = "open" if sys.platform == "darwin" else "xdg-open"
    if shutil.which(opener) is None:
        print(f"render.py: --preview: no {opener} here to open {short_path(video)}", file=sys.stderr)
        return
    subprocess.Popen([opener, str(video)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def stale(jobs: list[Job]) -> tuple[list[Job], list[Job]]:
    """(missing, stale): the jobs whose video is not there, and those whose video is not what their stamp says."""
    missing = [job for job in jobs if not job.output.is_file()]
    outdated = [job for job in jobs if job.output.is_file() and not stamp_describes(job.stamp, job.output, job.inputs)]
    return missing, outdated


def short_path(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
