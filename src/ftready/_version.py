"""The version, in a leaf module: the core reads it from here, never from the package's public façade."""

__version__ = "0.1.0"
