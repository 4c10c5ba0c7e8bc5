"""Modal screens: help, export, the in-app pricing editor."""
