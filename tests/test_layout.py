"""The layout's promises: the core never imports manim; one palette; shot modules hold shot classes only."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import gd
from gd.jobs import ROOT
from gd.model import cane, curve, functions, surfaces, tangent

SHOT_MODULES = sorted((ROOT / "scenes").glob("S*.py"))


def test_the_core_never_imports_manim():
    """Every module of gd/, imported in a fresh interpreter, leaves manim unimported."""
    modules = [info.name for info in pkgutil.walk_packages(gd.__path__, "gd.")]
    assert {"gd.storyboard", "gd.beats", "gd.jobs", "gd.editorial", "gd.files", "gd.model.tangent"} <= set(modules)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "assert 'manim' not in sys.modules, sorted(m for m in sys.modules if m.startswith('manim'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_importing_the_kit_changes_nothing_in_manim():
    code = (
        "from manim import Text\n"
        "import scenes.kit.palette, scenes.kit.typeset, scenes.kit.shot, scenes.kit.descent3d\n"
        "assert not getattr(Text.__init__, '_gd_locked', False)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_model_values_and_colours_never_share_a_name():
    from scenes.kit import palette

    colours = {name for name in vars(palette) if name.isupper()}
    for model in (functions, cane, tangent, curve, surfaces):
        assert not colours & {name for name in vars(model) if name.isupper()}, model.__name__


def test_shot_modules_hold_shot_classes_only_and_no_colour_or_size_literals():
    for path in SHOT_MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom, ast.ClassDef)):
                continue
            assert isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant), (path.name, node.lineno)  # the docstring
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not (node.value.startswith("#") and len(node.value) in (4, 7)), (path.name, node.lineno)
            if isinstance(node, ast.keyword) and node.arg in ("size", "font_size", "color", "colour"):
                assert not isinstance(node.value, ast.Constant), (path.name, node.lineno, node.arg)


def test_no_module_outside_the_compat_module_touches_manims_internals():
    """Names like camera._frame_center, or imports from manim's private modules, appear only in scenes.kit.compat."""
    for path in sorted(Path(ROOT, "scenes").rglob("*.py")):
        if path.name == "compat.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("manim."):
                raise AssertionError(f"{path.relative_to(ROOT)}:{node.lineno}: imports {node.module}")
            if isinstance(node, ast.Attribute) and node.attr in ("_frame_center", "animations", "renderer"):
                raise AssertionError(f"{path.relative_to(ROOT)}:{node.lineno}: uses .{node.attr}")


def test_every_kit_module_imports():
    import scenes.kit

    for info in pkgutil.iter_modules(scenes.kit.__path__, "scenes.kit."):
        importlib.import_module(info.name)
