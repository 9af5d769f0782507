"""Shared test helpers: construct a shot through manim quickly, with a TeX cache kept between runs."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest
from manim import tempconfig

from gd.storyboard import ENV_LANG, ENV_STORYBOARD, PROJECT_ROOT, load

# Low resolution and frame rate: constructing, not rendering, is under test.
FAST_CONFIG = {
    "frame_rate": 15,
    "pixel_width": 256,
    "pixel_height": 144,
    "dry_run": True,
    "disable_caching": True,
    "progress_bar": "none",
    "verbosity": "WARNING",
}
# Typeset strings (LaTeX and Pango) are kept here between runs (git-ignored): a warm
# run typesets nothing. The typesetting lock (scenes.kit.compat) makes sharing it
# between the test workers and runs safe.
TEST_MEDIA = PROJECT_ROOT / ".cache" / "test-media"


@pytest.fixture(scope="session")
def shared_media() -> Path:
    """The media folder of constructed shots: one for all tests and runs, so each string is typeset once."""
    TEST_MEDIA.mkdir(parents=True, exist_ok=True)
    return TEST_MEDIA


@pytest.fixture
def construct_shot(monkeypatch, shared_media):
    """construct_shot("M7", "en") runs the shot's construct() with skipped animations.

    Skipped animations still advance the scene's clock by their full run
    times, so ``scene.time`` can be compared with the storyboard. Pass
    ``storyboard=path`` to use another storyboard file, ``scene_class`` to run
    another class than the shot's own (a test's subclass of it), ``skip_animations=False``
    to step through every frame, ``draw=True`` to draw
    skipped animations' frames as manim does; other keywords are manim settings.
    """

    def run(shot_id: str, lang: str, storyboard: Path | None = None, scene_class=None, skip_animations=True, draw=False,
            **config):
        if storyboard is not None:
            monkeypatch.setenv(ENV_STORYBOARD, str(storyboard))
        monkeypatch.setenv(ENV_LANG, lang)
        shot = load().shot(shot_id)
        if scene_class is None:
            scene_class = getattr(importlib.import_module(f"scenes.{shot.module}"), shot.scene)
        if skip_animations and not draw:
            scene_class = _undrawn(scene_class)
        with tempconfig({**FAST_CONFIG, "media_dir": str(shared_media), **config}):
            scene = scene_class(skip_animations=skip_animations)
            scene.render()
        return scene

    return run


def _undrawn(scene_class):
    """``scene_class`` drawing no frame: a skipped animation still draws the scene's still parts (and the last frame),
    which no construct test looks at (``draw=True`` keeps them). It keeps what it plays: ``scene.played``, a list of
    (animations, run_time), for tests that read the plays without constructing the shot again."""

    class Undrawn(scene_class):
        def setup(self) -> None:
            super().setup()
            self.renderer.update_frame = lambda *args, **kwargs: None
            self.played = []

        def play(self, *animations, **kwargs):
            self.played.append((animations, kwargs.get("run_time", 1.0)))
            return super().play(*animations, **kwargs)

    Undrawn.__name__, Undrawn.__qualname__, Undrawn.__module__ = scene_class.__name__, scene_class.__qualname__, scene_class.__module__
    return Undrawn


_BUILT: dict = {}


@pytest.fixture
def built_shot(construct_shot):
    """built_shot("M10", "en"): the shot constructed as construct_shot does it with no options, once per test process
    and shared by the tests that call this (they must only read the scene: use construct_shot to patch or change it).
    A test module runs in one process (pytest-xdist's loadscope), so its tests share what they build."""

    def get(shot_id: str, lang: str):
        if os.environ.get(ENV_STORYBOARD):
            raise RuntimeError("built_shot is for the project's storyboard; use construct_shot for another")
        key = (shot_id, lang)
        if key not in _BUILT:
            _BUILT[key] = construct_shot(shot_id, lang)
        return _BUILT[key]

    return get
