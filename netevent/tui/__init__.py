"""The Textual app: app.py, and its screens/, widgets/ and dialogs/."""
