"""Use cases: what the CLI and the app do to a meeting, written to the store before they return."""
