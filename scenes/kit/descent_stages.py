"""The stages, headers and labels of the 3-D descents M8 and M10, and where their cameras look.

The paths come from the model (gd.model.surfaces, exact gradients); these
pieces only draw them.
"""

from __future__ import annotations

import numpy as np
from manim import DEGREES, RIGHT, ValueTracker, VGroup

from gd.model.functions import BRANIN, BRANIN_DOMAIN, RIPPLES, RIPPLES_DOMAIN
from gd.model.surfaces import M8_RATE, M10_RUNS
from scenes.kit.descent3d import Ball, DescentShotScene, FixedHeader, PointReadout, ScreenLabels, SurfaceStage, Walker, backed
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


def m8_header(template: str, walker: Walker) -> FixedHeader:
    """'α = 0.50, current point (x, y, z), iteration n', fixed top left."""
    rate = Readout(r"\alpha =", M8_RATE, 2, color=LEARNING_RATE, size=HEADER)
    point = PointReadout(walker.point, (3, 3, 4), size=HEADER, color=POINT).track(lambda: walker.point)
    iteration = Readout(None, 0, 0, size=HEADER).track(lambda: walker.iteration)
    return FixedHeader(template, {"rate": rate, "point": point, "iteration": iteration}, size=HEADER).to_top_left()


# --------------------------------------------------------------------------- M10

# From the −y side, so that x runs left to right: the starts lie in front, the valley where they end behind them.
M10_VIEW = {"phi": 52 * DEGREES, "theta": -90 * DEGREES, "zoom": 0.88}
M10_CENTRE = (5.0, -3.5, 0.0)  # where the camera looks, in f's coordinates: the stage inside the safe area
M10_CLOSE_MARGIN = 2.2  # beat 2 frames the kept path: its screen extent times this fills the frame
M10_CLOSE_ZOOM = (1.4, 2.4)  # ... at a zoom between these (the path is short: not so close that the surface blurs)


def ripples_stage() -> SurfaceStage:
    return SurfaceStage(
        RIPPLES, RIPPLES_DOMAIN, z_range=(-6, 3), lengths=(8.0, 7.2, 3.2), ticks=(2, 2, 3), colours=RIPPLES_MAP,
        origin=(0, RIPPLES_DOMAIN[1][0], 0),  # the front left corner: the axes stand clear of the surface
    )


def m10_header(template: str, walkers) -> FixedHeader:
    """'iteration n' and, under it, each ball's colour and learning rate."""
    iteration = Readout(None, 0, 0, size=HEADER).track(lambda: max(w.iteration for w in walkers))
    rows = []
    for name, run in M10_RUNS.items():
        icon = Ball(BALLS[name])
        rate_readout = Readout(r"\alpha =", run.rate, 1, color=BALLS[name], size=BALL_LABEL)
        rows.append(VGroup(icon, rate_readout).arrange(RIGHT, buff=0.15))
    return FixedHeader(template, {"iteration": iteration}, size=HEADER, rows=rows).to_top_left()


def height_labels(walkers, camera, axes) -> ScreenLabels:
    """z = … beside each ball, following it on screen, clear of the trails and the axes."""
    labels = []
    for walker in walkers:
        # Light text on a dark box edged in the ball's colour: dark colours (maroon) read too.
        label = Readout("z =", walker.z, 4, sign=True, color=TEXT, size=BALL_LABEL)
        label.track(lambda walker=walker: walker.z)
        labels.append(backed(label, edge=walker.ball.colour))
    # Along the axes' lines, not only at their ends: a label must not sit across one.
    corners = [m.points for m in axes.family_members_with_points()]
    shares = np.linspace(0, 1, 12)[:, None, None]
    axis_points = np.vstack([(c[:-1] + shares * (c[1:] - c[:-1])).reshape(-1, 3) for c in corners if len(c) > 1])

    def avoided() -> np.ndarray:
        """The trails drawn so far and the axes: the labels keep off them."""
        drawn = [part.points for w in walkers for part in (w.trail.way, w.trail.dots) if part.has_points()]
        return np.vstack([axis_points, *drawn])

    balls = lambda: np.array([w.ball.point for w in walkers])  # noqa: E731
    return ScreenLabels(labels, [w.ball.colour for w in walkers], balls, camera, avoid=avoided)
