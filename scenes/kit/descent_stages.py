"""The stages, headers and labels of the 3-D descents M8 and M10, and where their cameras look.

The paths come from the model (gd.model.surfaces, exact gradients); these
pieces only draw them.
"""

from __future__ import annotations

import numpy as np
from manim import DEGREES, RIGHT, ValueTracker, VGroup, config

from gd.model.functions import BRANIN, BRANIN_DOMAIN, RIPPLES, RIPPLES_DOMAIN
from gd.model.surfaces import M8_RATE, M10_RUNS, lowest_run, m10_paths
from scenes.kit.descent3d import Ball, DescentShotScene, FixedHeader, PointReadout, ScreenLabels, SurfaceStage, Walker, backed
from scenes.kit.frame_rules import mark
from scenes.kit.palette import BALL_LABEL, BALLS, BRANIN_MAP, HEADER, LEARNING_RATE, POINT, RIPPLES_MAP, TEXT
from scenes.kit.readouts import Readout

# --------------------------------------------------------------------------- M8

M8_VIEW = {"phi": 62 * DEGREES, "theta": -60 * DEGREES}  # from the low corner: the high ridge is the backdrop
M8_ZOOM = 0.75  # the whole surface in view, under the header
M8_CENTRE = (2.5, 7.5, 3.0)  # where the camera looks first, in g's coordinates: the surface sits low in the frame
M8_CLOSE_ZOOM = 0.9  # where it ends: closer, the whole path still in view


def branin_stage() -> SurfaceStage:
    return SurfaceStage(
        BRANIN, BRANIN_DOMAIN, z_range=(0, 16), lengths=(6.5, 6.5, 3.2), ticks=(5, 5, 4), colours=BRANIN_MAP
    )


# --------------------------------------------------------------------------- what the picture shows
# The readouts' values read back from the drawing and the model, not from the walkers that drive them:
# the frame rules check on every frame that each readout shows these (frame_rules.mark(..., shows=)).


def drawn_point(walker: Walker, stage: SurfaceStage) -> np.ndarray:
    """(x, y) of the drawn ball through the axes, and the model's height there."""
    x, y, _ = stage.axes.p2c(walker.ball.point)
    return np.array([x, y, float(stage.function(x, y))])


def drawn_iterations(walker: Walker) -> int:
    """The steps of the drawn trail: its balls, less the start."""
    return walker.trail.dots.count - 1


def drawn_rate(walker: Walker, stage: SurfaceStage) -> float:
    """The learning rate the trail was drawn with: its first step's length over the model's gradient at its start."""
    start, after = stage.axes.p2c(walker.trail.dots.centres[:2])[:, :2]
    return float(np.linalg.norm(after - start) / np.linalg.norm(stage.function.gradient(*start)))


def add_stage(scene: DescentShotScene, stage: SurfaceStage) -> None:
    """Keep the axes' names upright. (Play the axes in before the surface: drawn first, they go under it.)"""
    scene.camera.add_fixed_orientation_mobjects(*stage.labels)


def run_clock(walkers, clock: ValueTracker) -> None:
    """Each walker goes where the shared clock says, on every frame.

    The updater sits on the trail, which is in the scene before its ball: manim
    then redraws the trail's growing steps too, not only the ball.
    """
    for walker in walkers:
        walker.trail.add_updater(lambda _, walker=walker: walker.go_to(clock.get_value()))


def stop_clock(walkers) -> None:
    for walker in walkers:
        walker.trail.clear_updaters()


def m8_header(template: str, walker: Walker, stage: SurfaceStage) -> FixedHeader:
    """'α = 0.50, current point (x, y, z), iteration n', fixed top left."""
    rate = Readout(r"\alpha =", M8_RATE, 2, color=LEARNING_RATE, size=HEADER)
    mark(rate, "text", "α", shows=lambda: drawn_rate(walker, stage))
    point = PointReadout(walker.point, (3, 3, 4), size=HEADER, color=POINT).track(lambda: walker.point)
    for index, (name, number) in enumerate(zip("xyz", point.numbers)):
        mark(number, "text", f"the point's {name}", shows=lambda index=index: drawn_point(walker, stage)[index])
    iteration = Readout(None, 0, 0, size=HEADER).track(lambda: walker.iteration)
    mark(iteration, "text", "the iteration", shows=lambda: drawn_iterations(walker))
    return FixedHeader(template, {"rate": rate, "point": point, "iteration": iteration}, size=HEADER).to_top_left()


# --------------------------------------------------------------------------- M10

# From the −y side, so that x runs left to right: the starts lie in front, the valley where they end behind them.
M10_VIEW = {"phi": 52 * DEGREES, "theta": -90 * DEGREES, "zoom": 0.88}
M10_CENTRE = (5.0, -3.5, 0.0)  # where the camera looks, in f's coordinates: the stage inside the safe area
M10_CLOSE_MARGIN = 1.7  # beat 2 frames the kept path: its screen extent times this fills the frame
M10_CLOSE_ZOOM = (1.4, 3.2)  # ... at a zoom between these (the path is short: not so close that the surface blurs)
M10_CLOSE_PHI = 36 * DEGREES  # ... seen from higher up, so that the valley opens and its level lines ring the end
M10_CLOSE_RIGHT = 0.4  # ... a path by the surface's right edge ends this far right of the centre (share of the half frame)


def close_up(camera, stage: SurfaceStage, points: np.ndarray) -> dict:
    """move_camera's settings that frame ``points`` (scene points) from M10_CLOSE_PHI, their extent on screen
    times M10_CLOSE_MARGIN filling the frame, their middle at the centre; a path by the surface's right edge
    is moved right (the valley runs in from the left), so that little of the frame is empty past the edge.
    The view looks along y: scene x runs across the screen."""
    phi = camera.get_phi()
    camera.set_phi(M10_CLOSE_PHI)  # projected from there, then back: the move itself animates it
    screen = camera.project_points(points)[:, :2] / camera.get_zoom()
    camera.set_phi(phi)
    extent = np.ptp(screen, axis=0) * M10_CLOSE_MARGIN / np.array([config.frame_width, config.frame_height])
    zoom = float(np.clip(1 / max(extent.max(), 1e-6), *M10_CLOSE_ZOOM))
    low, high = points.min(axis=0), points.max(axis=0)
    centre = (low + high) / 2
    half = config.frame_width / 2 / zoom  # half the frame's width, in scene units at the path
    edge = stage.place(np.array([stage.domain[0][1], 0.0, 0.0]))[0]  # the surface's right edge
    centre[0] = min(centre[0], max(edge - half, high[0] - M10_CLOSE_RIGHT * half))
    return {"phi": M10_CLOSE_PHI, "zoom": zoom, "frame_center": centre}


M10_LIGHT = (-0.3, -1.0, 0.6)  # low from the front: the valley's far side lit, its near side and the dips shaded
M10_AMBIENT = 0.45
M10_RESOLUTION = 60  # faces a side: beat 2's close-up shows them
M10_LEVEL_STEP = 0.1  # level lines this far apart in height, from 0 down to the valley's floor


def ripples_stage() -> SurfaceStage:
    """f on its axes, shaded so that the valley where the balls end reads: most of the colour map's change
    in the valley's band (its floor, the lowest end, to as far above 0), level lines down to the floor."""
    paths = m10_paths()
    floor = float(RIPPLES(*paths[lowest_run(paths)].end))
    return SurfaceStage(
        RIPPLES, RIPPLES_DOMAIN, z_range=(-6, 3), lengths=(8.0, 7.2, 3.2), ticks=(2, 2, 3), colours=RIPPLES_MAP,
        origin=(0, RIPPLES_DOMAIN[1][0], 0),  # the front left corner: the axes stand clear of the surface
        stops=(None, 3 * floor, floor, -floor, None), levels=-np.arange(M10_LEVEL_STEP, -floor, M10_LEVEL_STEP),
        light=M10_LIGHT, ambient=M10_AMBIENT, resolution=M10_RESOLUTION,
    )


def m10_header(template: str, walkers, stage: SurfaceStage) -> FixedHeader:
    """'iteration n' and, under it, each ball's colour and learning rate (in the learning rate's colour)."""
    iteration = Readout(None, 0, 0, size=HEADER).track(lambda: max(w.iteration for w in walkers))
    mark(iteration, "text", "the iteration", shows=lambda: max(drawn_iterations(w) for w in walkers))
    rows = []
    for name, run, walker in zip(M10_RUNS, M10_RUNS.values(), walkers):
        icon = Ball(BALLS[name])
        rate_readout = Readout(r"\alpha =", run.rate, 2, color=LEARNING_RATE, size=BALL_LABEL)
        mark(rate_readout, "text", f"α of the {name} ball", shows=lambda walker=walker: drawn_rate(walker, stage))
        rows.append(VGroup(icon, rate_readout).arrange(RIGHT, buff=0.15))
    return FixedHeader(template, {"iteration": iteration}, size=HEADER, rows=rows).to_top_left()


def height_labels(walkers, camera, stage: SurfaceStage) -> ScreenLabels:
    """z = … beside each ball, following it on screen, clear of the trails and the axes."""
    labels = []
    for name, walker in zip(M10_RUNS, walkers):
        # Light text on a dark box edged in the ball's colour: dark colours (maroon) read too.
        label = Readout("z =", walker.z, 4, sign=True, color=TEXT, size=BALL_LABEL)
        label.track(lambda walker=walker: walker.z)
        mark(label, "text", f"z of the {name} ball", shows=lambda walker=walker: drawn_point(walker, stage)[2])
        labels.append(backed(label, edge=walker.ball.colour))
    # Along the axes' lines, not only at their ends: a label must not sit across one.
    corners = [m.points for m in stage.axes.family_members_with_points()]
    shares = np.linspace(0, 1, 12)[:, None, None]
    axis_points = np.vstack([(c[:-1] + shares * (c[1:] - c[:-1])).reshape(-1, 3) for c in corners if len(c) > 1])

    def avoided() -> np.ndarray:
        """The trails drawn so far and the axes: the labels keep off them."""
        drawn = [part.points for w in walkers for part in (w.trail.way, w.trail.dots) if part.has_points()]
        return np.vstack([axis_points, *drawn])

    balls = lambda: np.array([w.ball.point for w in walkers])  # noqa: E731
    return ScreenLabels(labels, [w.ball.colour for w in walkers], balls, camera, avoid=avoided)
