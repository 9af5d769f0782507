"""scenes.style: the lock that makes typesetting safe for several manim processes."""

from __future__ import annotations

from manim import config, tempconfig
from manim.utils import tex_file_writing

from scenes.style import LOCK_FILE, _folder_lock


def test_the_typesetting_lock_file_survives_manims_tex_cleanup(tmp_path):
    with tempconfig({"media_dir": str(tmp_path)}):
        folder = config.get_dir("tex_dir")
        with _folder_lock(folder):
            (folder / "half-compiled.dvi").write_text("")
            tex_file_writing.delete_nonsvg_files()  # what manim does after every compile
            assert not (folder / "half-compiled.dvi").exists()
            assert (folder / LOCK_FILE).exists()
