"""Lines that are page furniture, not reporting: ads, share bars, newsletter prompts.

Each pattern must match a whole line (case-insensitive), and only lines of at
most `MAX_WORDS` words are tested, so a real sentence that happens to start
with "Follow" or "Sign up" is never removed. Add new patterns to `PATTERNS`,
one idea per entry, with a test line in tests/cleaning.
"""

from __future__ import annotations

import re

MAX_WORDS = 20
_SOCIAL = (
    r"(facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|e-?mail|print|copy link|messenger)"
)

PATTERNS: tuple[str, ...] = (
    # Ads and "continue reading" breaks
    r"(advertisement|advert|ad|sponsored( content)?|promoted( content)?)",
    r"(story )?continues? (below|reading)( (advertisement|the main story|below))?",
    r"skip (to|past) (main )?(content|navigation|ad(vert(isement)?)?)",
    # Links to the rest of the story or to other stories
    r"(source\s*:\s*)?read (the )?(full|original|whole) (article|story|report)( (here|at .*))?",
    r"read more\b.*",
    r"click here\b.*",
    r"(related|see also|more on this( story)?)\s*:.*",
    r"(related|recommended) (stories|articles|coverage|content|reading)\s*:?.*",
    r"(tags|topics|filed under)\s*:.*",
    # Subscription, sharing and social prompts
    r"(subscribe|sign up)( (now|today|here))?( (to|for)\b.*)?",
    r".*\bnewsletter\b.*\b(sign up|subscribe|inbox)\b.*",
    r"share (this|on|via)\b.*",
    rf"(share\s*:?\s*)?{_SOCIAL}([\s,|/·•]+{_SOCIAL})*",
    r"follow (us|\w+) on (twitter|x|instagram|facebook|tiktok|telegram|linkedin|threads|bluesky|youtube)\b.*",
    r"follow us\b.*",
    r".*\b(to|in) your inbox\b.*",
    r"listen to (this|the) (article|story)\b.*",
    # Rights and credits
    r"(©|\(c\)|copyright\s*(©|\(c\))?\s*\d{4}).*",
    r".*\ball rights reserved\b.*",
    r"(image|media) (caption|copyright|source)\b.*",
    r"(file )?(photo|photograph|image|picture|video)s?( credit)?\s*:.*",
    r"this (article|story|piece|post) (was |is |has been )?(originally |first )?"
    r"(published|appeared|posted|republished)\b.*",
    # Wire credit lines: "Reporting by A; Editing by B", "(Additional reporting by C)"
    r"\(?(additional )?(reporting|writing|editing) by\b[^;]*;.*",
    r"\((additional )?(reporting|writing|editing) by\b.*\)",
    r"(additional )?(reporting|writing) by\b.*\bediting by\b.*",
    r"editing by\b.*",
    r"(the )?[\w.'’&, -]+ contributed( reporting)? to this (report|story|article)",
)
_BOILERPLATE = re.compile(
    r"\s*(?:" + "|".join(f"(?:{p})" for p in PATTERNS) + r")[\s.!…:]*",
    re.IGNORECASE,
)
_FRAME = " \t-–—•·*|_=#>"  # decoration around a furniture line: "— Advertisement —"


def is_boilerplate(line: str) -> bool:
    """Whether a whole (normalised) line is page furniture.

    >>> is_boilerplate("Follow us on Twitter @dw"), is_boilerplate("Follow the money, he said.")
    (True, False)
    """
    if len(line.split()) > MAX_WORDS:
        return False
    return _BOILERPLATE.fullmatch(line.strip(_FRAME)) is not None
