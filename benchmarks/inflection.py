"""A small English inflection helper for the antonym corruption.

It inflects a lemma to the Penn tag of the word it replaces (increased ->
decreased, rises -> falls). Irregular verbs come from a table; a verb that ends
in a consonant-vowel-consonant of more than one syllable is doubled only when
listed, because English doubles by stress, which spelling does not show. Where
the helper is not sure it returns None, and the caller skips the word: a
misspelt corruption would test the speller, not crosscheck.
"""

from __future__ import annotations

import re

# lemma: (past, past participle)
IRREGULAR_VERBS: dict[str, tuple[str, str]] = {
    "arise": ("arose", "arisen"),
    "awake": ("awoke", "awoken"),
    "begin": ("began", "begun"),
    "bring": ("brought", "brought"),
    "build": ("built", "built"),
    "buy": ("bought", "bought"),
    "catch": ("caught", "caught"),
    "choose": ("chose", "chosen"),
    "come": ("came", "come"),
    "cut": ("cut", "cut"),
    "deal": ("dealt", "dealt"),
    "do": ("did", "done"),
    "draw": ("drew", "drawn"),
    "drink": ("drank", "drunk"),
    "drive": ("drove", "driven"),
    "eat": ("ate", "eaten"),
    "fall": ("fell", "fallen"),
    "feel": ("felt", "felt"),
    "fight": ("fought", "fought"),
    "find": ("found", "found"),
    "fly": ("flew", "flown"),
    "forbid": ("forbade", "forbidden"),
    "forget": ("forgot", "forgotten"),
    "forgive": ("forgave", "forgiven"),
    "freeze": ("froze", "frozen"),
    "get": ("got", "gotten"),
    "give": ("gave", "given"),
    "go": ("went", "gone"),
    "grow": ("grew", "grown"),
    "have": ("had", "had"),
    "hear": ("heard", "heard"),
    "hide": ("hid", "hidden"),
    "hold": ("held", "held"),
    "hurt": ("hurt", "hurt"),
    "keep": ("kept", "kept"),
    "know": ("knew", "known"),
    "lay": ("laid", "laid"),
    "lead": ("led", "led"),
    "leave": ("left", "left"),
    "lend": ("lent", "lent"),
    "let": ("let", "let"),
    "lose": ("lost", "lost"),
    "make": ("made", "made"),
    "mean": ("meant", "meant"),
    "meet": ("met", "met"),
    "overcome": ("overcame", "overcome"),
    "pay": ("paid", "paid"),
    "put": ("put", "put"),
    "quit": ("quit", "quit"),
    "read": ("read", "read"),
    "ride": ("rode", "ridden"),
    "ring": ("rang", "rung"),
    "rise": ("rose", "risen"),
    "run": ("ran", "run"),
    "say": ("said", "said"),
    "see": ("saw", "seen"),
    "seek": ("sought", "sought"),
    "sell": ("sold", "sold"),
    "send": ("sent", "sent"),
    "set": ("set", "set"),
    "shake": ("shook", "shaken"),
    "shoot": ("shot", "shot"),
    "show": ("showed", "shown"),
    "shut": ("shut", "shut"),
    "sing": ("sang", "sung"),
    "sink": ("sank", "sunk"),
    "sit": ("sat", "sat"),
    "sleep": ("slept", "slept"),
    "speak": ("spoke", "spoken"),
    "spend": ("spent", "spent"),
    "stand": ("stood", "stood"),
    "steal": ("stole", "stolen"),
    "stick": ("stuck", "stuck"),
    "strike": ("struck", "struck"),
    "swim": ("swam", "swum"),
    "take": ("took", "taken"),
    "teach": ("taught", "taught"),
    "tell": ("told", "told"),
    "think": ("thought", "thought"),
    "throw": ("threw", "thrown"),
    "understand": ("understood", "understood"),
    "undo": ("undid", "undone"),
    "wake": ("woke", "woken"),
    "wear": ("wore", "worn"),
    "win": ("won", "won"),
    "withdraw": ("withdrew", "withdrawn"),
    "withhold": ("withheld", "withheld"),
    "write": ("wrote", "written"),
}
# Verbs of two or more syllables stressed on the last one: their final
# consonant doubles (admitted, preferred); unlisted ones do not (opened).
DOUBLING = frozenset(
    "admit commit omit permit submit transmit acquit prefer refer confer defer infer transfer deter "
    "occur incur recur regret control compel expel propel patrol rebel equip upset abet embed unplug "
    "forget begin outrun".split()
)
IRREGULAR_THIRD = {"have": "has", "do": "does", "go": "goes", "be": "is"}
IRREGULAR_PLURALS = {"man": "men", "woman": "women", "child": "children", "person": "people"}
_VOWELS = "aeiou"
_CVC = re.compile(r"[^aeiou][aeiou][^aeiouwxy]$")


def inflect(lemma: str, tag: str) -> str | None:
    """`lemma` in the form of Penn tag `tag`, or None where unsure.

    >>> inflect("decrease", "VBD"), inflect("fall", "VBZ"), inflect("reject", "VBN")
    ('decreased', 'falls', 'rejected')
    """
    if not lemma.isalpha() or lemma == "be":
        return None
    handlers = {
        "VB": _same,
        "VBP": _same,
        "JJ": _same,
        "NN": _same,
        "VBZ": third_person,
        "VBD": past,
        "VBN": participle,
        "VBG": gerund,
        "NNS": plural,
    }
    handler = handlers.get(tag)
    return handler(lemma.lower()) if handler else None


def _same(lemma: str) -> str:
    return lemma


def _syllables(word: str) -> int:
    return len(re.findall(r"[aeiouy]+", word.rstrip("e")))


def _doubles(lemma: str) -> bool:
    if not _CVC.search(lemma):
        return False
    return lemma in DOUBLING or _syllables(lemma) == 1


def _stem_before_vowel(lemma: str) -> str:
    """The stem that takes -ed or -ing: drop a silent e, double where English does."""
    if _doubles(lemma):
        return lemma + lemma[-1]
    return lemma


def third_person(lemma: str) -> str:
    if lemma in IRREGULAR_THIRD:
        return IRREGULAR_THIRD[lemma]
    return _add_s(lemma)


def plural(lemma: str) -> str:
    return IRREGULAR_PLURALS.get(lemma) or _add_s(lemma)


def _add_s(word: str) -> str:
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    if len(word) > 1 and word[-1] == "y" and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def past(lemma: str) -> str:
    if lemma in IRREGULAR_VERBS:
        return IRREGULAR_VERBS[lemma][0]
    return _add_ed(lemma)


def participle(lemma: str) -> str:
    if lemma in IRREGULAR_VERBS:
        return IRREGULAR_VERBS[lemma][1]
    return _add_ed(lemma)


def _add_ed(lemma: str) -> str:
    if lemma.endswith("e"):
        return lemma + "d"
    if len(lemma) > 1 and lemma[-1] == "y" and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ied"
    return _stem_before_vowel(lemma) + "ed"


def gerund(lemma: str) -> str:
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        return lemma[:-1] + "ing"
    return _stem_before_vowel(lemma) + "ing"


def match_case(word: str, model: str) -> str:
    """`word` cased like `model` (UPPER, Title or lower)."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
