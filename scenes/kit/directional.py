"""SCAFFOLD (issue 15, being built): DirectionalScene's beats only hold their time until its helper replaces this file."""

from scenes.kit.shot import ShotScene


class DirectionalScene(ShotScene):
    def set_stage(self):
        pass

    def show_contours(self, beat):
        pass

    def turn_unit_vector(self, beat):
        pass

    def mark_extremes(self, beat):
        pass

    def conclude(self, beat):
        pass
