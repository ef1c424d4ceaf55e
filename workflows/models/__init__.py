"""Models of workflows (being split into one module per concern)."""

from .cases import *  # noqa: F403
