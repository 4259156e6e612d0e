"""The attendee summary pages: Jinja2 rendering and the aiohttp server (import lazily; the app starts without it)."""
