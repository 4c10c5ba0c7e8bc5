"""App tests: a package so that its helper modules resolve as tui.helpers and tui.data."""
