"""Pure domain: models, pitch clock, ask check, tally, matcher. No frameworks, no file system."""
