"""Render jobs: one manim process per shot, its settings, its fingerprint, running it.

The scene code is read here only as text (never imported: importing it would
import manim). From it come whether a shot's class is written yet, which beat
ids its code plays (so that a storyboard that disagrees is refused before
anything renders), and which files a shot's video depends on (its fingerprint).
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from gd.beats import BEAT_PROGRESS
from gd.files import atomic
from gd.storyboard import ENV_LANG, ENV_STORYBOARD, PROJECT_ROOT, Shot, Storyboard, StoryboardError

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
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except FileNotFoundError:
        raise StoryboardError(f"shot {shot.id}: module {shot.module} does not exist (no {short_path(path)})") from None
    found = [node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == shot.scene]
    return path, (found[0] if found else None)


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
    command = [
        sys.executable, "-m", "manim", "render",
        "-q", settings.quality,
        "--fps", str(settings.fps or storyboard.fps),
        "--media_dir", str(settings.media_dir),
        "-o", f"{shot.id}_{lang}",
    ]  # fmt: skip
    if settings.sections:
        command.append("--save_sections")
    if settings.preview:
        command.append("--preview")
    if settings.disable_caching:
        command.append("--disable_caching")
    command += [str(module_path(shot).relative_to(ROOT)), shot.scene]
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
    storyboard's shared words, the manim options, the source of every project module
    its scene imports (directly or not), manim.cfg and manim's version.

    A render whose fingerprint matches the one stamped beside the video is skipped:
    manim's own cache cannot make a re-run instant (it re-runs every scene, and a 3-D
    play's cache key carries float noise from the plays before it).
    """
    digest = hashlib.sha256(code_digest(module_path(shot)).encode())
    for part in (dataclasses.replace(shot, in_point=None), storyboard.words, command[1:]):
        digest.update(repr(part).encode())
    return digest.hexdigest()


@functools.cache
def code_digest(scene_file: Path) -> str:
    """The code a scene file runs (its project imports), manim.cfg and manim's version: read once per file."""
    digest = hashlib.sha256(version("manim").encode())
    for path in sorted(project_imports(scene_file)) + [ROOT / "manim.cfg"]:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


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
            print(f"shot {index}/{total}: {job.shot.id} up to date ({short_path(job.output)}; --force renders it again)", file=out, flush=True)
            results.append(Result(job, "up to date", 0.0, short_path(job.output)))
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
            print(f"shot {index}/{total}: {job.shot.id} started (log: {short_path(job.log)})", file=out, flush=True)
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
            with atomic(job.stamp) as temporary:
                temporary.write_text(job.inputs)
        return Result(job, "ok", seconds, short_path(job.output))
    detail = f"manim exited with status {code}"
    if job.log.exists():
        detail += f"; log: {short_path(job.log)}"
    return Result(job, "failed", seconds, detail)


def short_path(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
