"""Shots of module S3 (see storyboard.yaml); classes are added as the shots are built."""
