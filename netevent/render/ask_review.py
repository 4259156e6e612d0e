"""An ask review as Rich text: the ask with its words highlighted, the verdict, and what to do about it."""

from __future__ import annotations

from typing import Any

from rich.text import Text

VERDICT_STYLE = {"specific": "bold green", "needs-work": "bold yellow", "vague": "bold red"}
VERDICT_LABEL = {"specific": "SPECIFIC", "needs-work": "NEEDS WORK", "vague": "VAGUE"}


def verdict_text(verdict: str, score: int | None = None) -> Text:
    label = VERDICT_LABEL.get(verdict, verdict.upper())
    suffix = f" {score}/100" if score is not None else ""
    return Text(label + suffix, style=VERDICT_STYLE.get(verdict, "bold"))


def highlighted_ask(review: Any) -> Text:
    """The ask with problem words underlined in red and credited words in green."""
    text = Text(review.text)
    for finding in review.findings:
        if not finding.span:
            continue
        start, end = finding.span
        style = "bold red underline" if finding.points < 0 else "bold green"
        text.stylize(style, start, end)
    return text


def review_text(review: Any, *, limit: int | None = None) -> Text:
    """The whole review as the CLI prints it and the app shows it."""
    out = Text()
    out.append_text(verdict_text(review.verdict, review.score))
    out.append("  ")
    out.append_text(highlighted_ask(review) if review.text.strip() else Text("(empty ask)", style="italic"))
    out.append_text(listen_and_rewrite(review))  # first: the panel under the roster may show only a few lines
    problems = [f for f in review.findings if f.points < 0 or f.suggestion]
    credits = [f for f in review.findings if f.points > 0]
    for finding in problems[:limit] if limit else problems:
        out.append("\n  ✗ ", style="red")
        out.append(finding.message)
        if finding.suggestion:
            out.append("\n    → " + finding.suggestion, style="cyan")
    if credits:
        out.append("\n  ✓ ", style="green")
        out.append("; ".join(f.message.rstrip(".") for f in credits[:4]) + ".", style="green")
    return out


def listen_and_rewrite(review: Any) -> Text:
    """What the room should listen for, and the ask sharpened as "Who do you know who …?" (new lines)."""
    out = Text()
    listen = getattr(review, "listen_for", ())
    if listen:
        out.append("\n  Listen for: ", style="bold")
        out.append("; ".join(f"\u201c{phrase}\u201d" for phrase in listen))
    rewrite = getattr(review, "rewrite", "")
    if rewrite:
        out.append("\n  Ask it as: ", style="bold")
        out.append(rewrite, style="italic")
    return out
