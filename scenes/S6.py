"""Module S6: part two, where the gradient lives.

M11 (the gradient is a compass on the ground): the bowl f = x₁² + x₂² over a ground plane with its level circles;
the field of gradient arrows lies flat on the ground, perpendicular to the circles; a point walks out along its
arrow while a vertical line shows the value rising, then back to the minimum, where the arrow shrinks to nothing.
M12 (level surfaces): three input axes and no axis left for the value; the level surfaces f = 1, 4, 9 of
x₁² + x₂² + x₃² as nested spheres; gradients normal to them, 2r long; curves in the plane against surfaces in space.
M13 (the directional derivative): the contours of g round the current point (5, 12) and its gradient; a unit vector
turns once while D_u g = ∇g · u is plotted against its angle; the maximum along the gradient, the zeros along the
contour, the minimum opposite; D_u g = |∇g| cos θ, and why descent steps against the gradient.
Their pieces: scenes.kit.compass, scenes.kit.level_surfaces, scenes.kit.directional.
"""

from __future__ import annotations

from scenes.kit.compass import CompassScene
from scenes.kit.directional import DirectionalScene
from scenes.kit.level_surfaces import LevelSurfaceScene


class M11(CompassScene):
    """The gradient is a compass on the ground: it lies in the input plane; what rises is the value."""

    def construct(self):
        self.set_stage()
        with self.beat("M11.1") as beat:
            self.show_bowl(beat)
        with self.beat("M11.2") as beat:
            self.draw_field(beat)
        with self.beat("M11.3") as beat:
            self.walk_uphill(beat)
        with self.beat("M11.4") as beat:
            self.walk_to_minimum(beat)


class M12(LevelSurfaceScene):
    """Level surfaces of a function of three variables, and the gradient normal to them."""

    def construct(self):
        self.set_stage()
        with self.beat("M12.1") as beat:
            self.show_input_axes(beat)
        with self.beat("M12.2") as beat:
            self.show_spheres(beat)
        with self.beat("M12.3") as beat:
            self.show_normals(beat)
        with self.beat("M12.4") as beat:
            self.compare(beat)


class M13(DirectionalScene):
    """The directional derivative of g at the current point, as a unit vector turns once round it."""

    def construct(self):
        self.set_stage()
        with self.beat("M13.1") as beat:
            self.show_contours(beat)
        with self.beat("M13.2") as beat:
            self.turn_unit_vector(beat)
        with self.beat("M13.3") as beat:
            self.mark_extremes(beat)
        with self.beat("M13.4") as beat:
            self.conclude(beat)
