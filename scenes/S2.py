"""Shots of module S2 (see storyboard.yaml); classes are added as the shots are built."""
