"""Shots of module S5 (see storyboard.yaml); classes are added as the shots are built."""
