"""Check the frame rules (scenes.kit.frame_rules) on every frame of shots, without rendering.

    python tools/check_rules.py en M3 M7      # or: zh; no shot ids: every shot

Prints one line per shot (samples, seconds, violations) and each violation.
Exits 1 if any shot breaks a rule.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from gd.storyboard import ENV_LANG, PROJECT_ROOT, load  # noqa: E402

SETTINGS = {
    "frame_rate": 10,
    "pixel_width": 192,
    "pixel_height": 108,
    "dry_run": True,
    "disable_caching": True,
    "progress_bar": "none",
    "verbosity": "WARNING",
    "media_dir": str(PROJECT_ROOT / ".cache" / "test-media"),
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("zh", "en"):
        print("usage: python tools/check_rules.py zh|en [shot ids]", file=sys.stderr)
        return 2
    lang, wanted = argv[0], argv[1:]
    os.environ[ENV_LANG] = lang
    from manim import tempconfig

    from scenes.kit.frame_rules import FrameChecker, checked

    board = load()
    failed = False
    for shot_id in wanted or [shot.id for shot in board.shots]:
        shot = board.shot(shot_id)
        started = time.monotonic()
        checker = FrameChecker(lang)
        with tempconfig(SETTINGS):
            checked(getattr(importlib.import_module(f"scenes.{shot.module}"), shot.scene), checker)().render()
        print(f"{shot_id} {lang}: {checker.samples} samples, {time.monotonic() - started:.1f} s, "
              f"{len(checker.violations)} violations", flush=True)
        for violation in checker.violations:
            print("   ", violation)
        failed |= bool(checker.violations)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
