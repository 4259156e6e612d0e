"""netevent: the facilitator's cockpit for breakfast networking meetings."""

__version__ = "0.1.0"
