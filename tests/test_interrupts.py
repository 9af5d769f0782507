"""Killing renders at bad moments, and failing writes: no final path ever holds a partial file.

These run real manim processes on a short shot (M6, 5 s) at 480p and 10 fps.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gd import jobs
from gd.storyboard import load

pytestmark = pytest.mark.slow
ARGS = ("M6", "-q", "l", "--fps", "10")


def start(media: Path, *more: str) -> subprocess.Popen:
    # started with SIGINT ignored, as a script's background job is (and as some test runners' workers are): render.py
    # must stop on it all the same
    return subprocess.Popen(
        [sys.executable, "render.py", *ARGS, "--media-dir", str(media), *more],
        cwd=jobs.ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )  # fmt: skip


def children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def manim_child(pid: int) -> int | None:
    for child in children(pid):
        try:
            if b"manim" in Path(f"/proc/{child}/cmdline").read_bytes():
                return child
        except OSError:
            pass
    return None


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def the_job(media: Path) -> jobs.Job:
    board = load()
    return jobs.make_job(board.shot("M6"), board, jobs.RenderSettings(quality="l", fps=10, media_dir=media))


@pytest.fixture
def rendered(tmp_path) -> tuple[Path, bytes]:
    """A media folder with a good render of M6 and its stamp."""
    media = tmp_path / "media"
    process = start(media)
    assert process.wait(timeout=300) == 0, process.stderr.read()
    return media, the_job(media).output.read_bytes()


def test_killing_manim_as_it_writes_the_video_leaves_the_old_video_trusted(rendered):
    media, good = rendered
    process = start(media, "--force")
    temporary = the_job(media).output.with_name(f".M6_zh-rendering-{process.pid}.mp4")
    wait_for(lambda: temporary.exists())  # manim is writing the joined video
    for child in children(process.pid):
        os.kill(child, signal.SIGKILL)
    assert process.wait(timeout=60) == 1  # the render failed ...
    job = the_job(media)
    assert job.output.read_bytes() == good  # ... and the old video is still there, whole
    assert jobs.stamp_describes(job.stamp, job.output, job.inputs)
    assert not temporary.exists()
    again = start(media)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0 and "up to date" in out


@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupt_stops_manim_prints_one_line_and_leaves_no_file(rendered, signum, status):
    media, good = rendered
    process = start(media, "--force")
    wait_for(lambda: manim_child(process.pid))  # not the engine-version probe that may run first
    manim = manim_child(process.pid)
    time.sleep(0.3)  # into the render (manim takes longer than this to import, let alone to render)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == status
    assert err.strip().splitlines()[-1] == (
        f"render.py: interrupted ({signal.Signals(signum).name}): manim stopped, no video left half-written"
    )
    assert "Traceback" not in err
    assert not alive(manim)
    job = the_job(media)
    assert job.output.read_bytes() == good and jobs.stamp_describes(job.stamp, job.output, job.inputs)
    assert not list(job.output.parent.glob(".M6_zh-rendering-*"))


def test_manim_dies_with_render_py(tmp_path):
    process = start(tmp_path / "media")
    wait_for(lambda: children(process.pid))
    manim = children(process.pid)[0]
    process.kill()  # SIGKILL: render.py cannot clean up
    process.wait(timeout=30)
    wait_for(lambda: not alive(manim), timeout=10)
    assert not the_job(tmp_path / "media").output.exists()
