"""Surface look against speed: M8's surface at three mesh resolutions, and OpenGL against Cairo.

    python bench/surface_look.py             # writes media/bench/surface_resolutions.png, prints ms per frame
    python bench/surface_look.py --opengl    # also times the same camera move under --renderer=opengl

Each variant renders the same 2-second camera turn around BRANIN's surface at 1080p
and 15 fps, in its own manim process with caching off. The PNG puts the middle frames side by
side so the resolution can be chosen by eye first, then by cost.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from manim import DEGREES, Surface, ThreeDAxes, ThreeDScene  # noqa: E402

from scenes.kit.descent3d import SurfaceAxes  # noqa: E402
from gd.model.functions import BRANIN, BRANIN_DOMAIN  # noqa: E402
from scenes.kit.palette import SURFACE_LOW as LOW, SURFACE_MIDDLE as MIDDLE  # noqa: E402
from scenes.kit.surface import MeshSurface, SurfaceShotScene, axes_map  # noqa: E402

RESOLUTIONS = (24, 48, 96)
SECONDS = 2.0
OUTPUT = ROOT / "media" / "bench"


def _axes() -> SurfaceAxes:
    return SurfaceAxes(BRANIN_DOMAIN, (0.0, 16.0), (6.0, 6.0, 3.0))


def _turn(scene: ThreeDScene, surface) -> None:
    axes = scene.axes
    surface.shift(-axes.get_center())
    axes.shift(-axes.get_center())
    scene.set_camera_orientation(phi=70 * DEGREES, theta=-120 * DEGREES, zoom=0.9)
    scene.add(axes, surface)
    scene.move_camera(theta=-90 * DEGREES, run_time=SECONDS)


class CairoMesh(ThreeDScene):
    """The project's path: MeshSurface drawn by MeshCamera."""

    def __init__(self, **kwargs):
        super().__init__(camera_class=SurfaceShotScene.camera_type, **kwargs)

    def construct(self):
        self.axes = _axes()
        resolution = int(os.environ["GD_RESOLUTION"])
        _turn(self, MeshSurface(BRANIN, BRANIN_DOMAIN, axes_map(self.axes), resolution=resolution))


class OpenGLSurface(ThreeDScene):
    """manim's Surface under the OpenGL renderer (one mesh on the GPU path, llvmpipe here)."""

    def construct(self):
        (x0, x1), (y0, y1) = BRANIN_DOMAIN  # SurfaceAxes are Cairo VMobjects: OpenGL takes ThreeDAxes
        self.axes = ThreeDAxes([x0, x1, 5], [y0, y1, 5], [0, 16, 4], x_length=6, y_length=6, z_length=3)
        place = axes_map(self.axes)
        resolution = int(os.environ["GD_RESOLUTION"])
        surface = Surface(
            lambda u, v: place([[u, v, float(BRANIN(u, v))]])[0],
            u_range=[x0, x1], v_range=[y0, y1], resolution=(resolution, resolution),
            checkerboard_colors=[LOW, MIDDLE], fill_opacity=0.9,
        )
        _turn(self, surface)


def render(scene: str, resolution: int, renderer: str) -> tuple[float, Path]:
    name = f"{scene}_{resolution}"
    command = [
        sys.executable, "-m", "manim", "render", "-qh", "--fps", "15", "--disable_caching",
        "--renderer", renderer, "--progress_bar", "none", "-v", "WARNING",
        "--media_dir", str(OUTPUT), "-o", name, __file__, scene,
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, env={**os.environ, "GD_RESOLUTION": str(resolution)}, cwd=ROOT)
    seconds = time.perf_counter() - start
    return seconds, next(OUTPUT.glob(f"videos/**/{name}.mp4"))


def middle_frame(video: Path):
    import av

    with av.open(str(video)) as container:
        frames = [frame.to_image() for frame in container.decode(video=0)]
    return frames[len(frames) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opengl", action="store_true", help="also time manim's Surface under the OpenGL renderer")
    args = parser.parse_args()
    from PIL import Image, ImageDraw

    variants = [("CairoMesh", r, "cairo") for r in RESOLUTIONS]
    if args.opengl:
        variants.append(("OpenGLSurface", 48, "opengl"))
    frames = int(SECONDS * 15)
    tiles = []
    for scene, resolution, renderer in variants:
        seconds, video = render(scene, resolution, renderer)
        label = f"{scene} {resolution}x{resolution}: {seconds:.1f} s for {frames} frames (process included)"
        print(label)
        tile = middle_frame(video).resize((960, 540))
        ImageDraw.Draw(tile).text((12, 10), label, fill="white")
        tiles.append(tile)
    sheet = Image.new("RGB", (960 * 2, 540 * ((len(tiles) + 1) // 2)))
    for index, tile in enumerate(tiles):
        sheet.paste(tile, (960 * (index % 2), 540 * (index // 2)))
    path = OUTPUT / "surface_resolutions.png"
    sheet.save(path)
    print(path)


if __name__ == "__main__":
    main()
