"""Find the actors (people, organisations, countries, groups) named in news text.

Event coding needs "who" as a canonical name, not as written: "Russian President
Vladimir Putin", "Putin" and "the Kremlin chief" are one actor. ``ActorIndex`` holds
the aliases of every known actor (story CSV files plus the built-in resources:
countries and demonyms, international institutions, titles and generic group nouns)
and scans text with a longest-match over token tuples, which is fast and needs no
NLP model. On top of exact aliases it

* extends a name over the titles and nationality before it ("Kazakhstan's President
  Kassym-Jomart Tokayev"),
* recognises nationality + group noun as a collective actor ("Russian soldiers",
  "Belarusian state media"),
* discovers unknown names (capitalised sequences that look like a person or an
  organisation) and resolves their later surname-only mentions,
* corrects misspellings with rapidfuzz,
* never takes a common word for a name ("Dock workers": ``common_words.txt``, or the word
  also written in lower case in the same text), and reads group nouns as group
  descriptions ("protesters", "Union leaders", "both sides"),
* in texts without capitals matches known names case-insensitively and finds roles and
  groups by lexicon ("the chief minister", "vhp activists"),
* and, when asked (``refs=True``), reports pronouns and descriptions ("the
  president of Belarus", "his Belarusian colleague") for the event extractor to
  resolve against the discourse (see ``events.py``).

Story CSV format: ``name,kind,country,title,aliases`` with aliases separated by ``|``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from importlib import resources as _res
from pathlib import Path
from typing import Iterable, Sequence

from rapidfuzz import fuzz, process

from . import sentences as _sentences

__all__ = ["ActorMatch", "ActorIndex", "Token", "tokenize", "norm", "person_gender"]

# --------------------------------------------------------------------------- tokens

#: A number with thousands separators ("2,122") is one token: its comma separates no clauses.
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|[^\W_]+(?:[-.'’&][^\W_]+)*\.?|[^\w\s]", re.U)
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})", re.U)  # tokens and the gaps between them


class Token:
    """A word or punctuation mark with its offsets in the text (a plain slotted class:
    tokens are made by the hundred thousand, so no dataclass machinery)."""

    __slots__ = ("text", "start", "end", "key", "lower", "cap", "word")

    def __init__(self, text: str, start: int, end: int, key: str | None = None) -> None:
        self.text, self.start, self.end = text, start, end
        self.key, self.lower, self.cap, self.word = _word_info(text)
        if key is not None:
            self.key = key

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


@lru_cache(maxsize=65536)
def _word_info(word: str) -> tuple[str, str, bool, bool]:
    c = word[:1]
    return norm(word), word.lower().replace("’", "'"), c.isupper(), c.isalnum()


@lru_cache(maxsize=65536)
def norm(word: str) -> str:
    """Lookup key of one token: dots dropped, lower-cased unless a short acronym."""
    w = word.replace("’", "'").replace(".", "")
    if w.isupper() and 1 < len(w) <= 4:
        return w
    if 1 < len(w) <= 4 and word.count(".") == len(w) and w.isalpha():
        return w.upper()  # "u.s.", "u.n.": dotted letters are an acronym in any case
    return w.lower()


_SIMPLE_INFO: dict[str, tuple] = {}


def _simple_info(w: str) -> tuple:
    """``_word_info(w)`` for a token kept whole, ``()`` for one ``tokenize`` splits
    ("Gen." / "Russia's"); memoised per word form (bounded)."""
    last = w[-1]
    info = _word_info(w) if last != "." and not (last in "sS" and len(w) > 2 and w[-2] in "'’") else ()
    if len(_SIMPLE_INFO) > 200000:
        _SIMPLE_INFO.clear()
    _SIMPLE_INFO[w] = info
    return info


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with absolute offsets; "'s" is split off.

    ``_TOKEN`` skips only whitespace and underscores and never matches empty, so
    splitting the span on it (captured) alternates gaps and tokens, and the running sum
    of the part lengths gives every offset (in C, no match objects: tokenize is the
    hottest loop)."""
    if start < 0 or end is not None and end < 0:  # as ``findall(text, start, end)`` takes them
        start, end = max(start, 0), None if end is None else max(end, 0)
    parts = _TOKEN_SPLIT.split(text[start:end])
    offs = list(accumulate(map(len, parts), initial=start))
    out: list[Token] = []
    append, new = out.append, Token.__new__
    cached = _SIMPLE_INFO.get
    for w, s, e in zip(parts[1::2], offs[1::2], offs[2::2]):
        info = cached(w)
        if info is None:
            info = _simple_info(w)
        if info:
            t = new(Token)  # the common case, without __init__
            t.text, t.start, t.end = w, s, e
            t.key, t.lower, t.cap, t.word = info
            append(t)
            continue
        for ds, de, tx, key, low, cap, word in _split_parts(w):  # "Gen." / "said." / "Russia's"
            t = new(Token)
            t.text, t.start, t.end = tx, s + ds, s + de
            t.key, t.lower, t.cap, t.word = key, low, cap, word
            append(t)
    return out


_SPLIT_PARTS: dict[str, tuple] = {}


def _split_parts(w: str) -> tuple:
    """The tokens a word ``tokenize`` does not keep whole is cut into, as (start, end)
    relative to the word plus the token fields; memoised per word form (bounded)."""
    hit = _SPLIT_PARTS.get(w)
    if hit is not None:
        return hit
    n = len(w)
    core = w[:-1]
    if w.endswith(".") and n > 1 and "." not in core and not (len(core) == 1 and core.isupper()) \
            and core.lower() not in _ABBREV:
        if core.lower().replace("’", "'").endswith("'s") and n > 3:  # "was Gen. Powell's." -> "Powell" "'s" "."
            parts = (_part(w[:-3], 0, n - 3, norm(w[:-3])), _part(w[-3:-1], n - 3, n - 1, "'s"), _part(".", n - 1, n, "."))
        else:
            parts = (_part(core, 0, n - 1, norm(core)), _part(".", n - 1, n, "."))  # "said." -> "said" "."
    elif w.lower().replace("’", "'").endswith("'s") and n > 2:
        parts = (_part(w[:-2], 0, n - 2, norm(w[:-2])), _part(w[-2:], n - 2, n, "'s"))
    else:
        parts = (_part(w, 0, n, norm(w)),)  # "Gen.", "U.S.": kept whole
    if len(_SPLIT_PARTS) > 100000:
        _SPLIT_PARTS.clear()
    _SPLIT_PARTS[w] = parts
    return parts


def _part(text: str, ds: int, de: int, key: str) -> tuple:
    _, low, cap, word = _word_info(text)
    return (ds, de, text, key, low, cap, word)


_ABBREV = frozenset("mr mrs ms dr gen lt col sgt capt sen rep gov st jr sr prof rev adm maj cpl".split())

# --------------------------------------------------------------------------- resources


def _resource_lines(name: str) -> list[str]:
    return _res.files("dateline.resources").joinpath(name).read_text(encoding="utf-8").splitlines()


def _csv_rows(name: str) -> list[dict]:
    lines = [ln for ln in _resource_lines(name) if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


@dataclass(slots=True)
class Role:
    """A title ("president"), generic head noun ("ally"), group or media noun."""

    role: str  # title | generic | group | media
    sector: str
    canonical: str


@dataclass(frozen=True, slots=True)
class Resources:
    """General knowledge shipped with dateline (no story knowledge)."""

    countries: list[dict]
    institutions: list[dict]
    roles: dict[tuple[str, ...], Role]
    given_names: frozenset[str]
    org_words: frozenset[str]
    common_words: frozenset[str] = frozenset()
    world_names: frozenset[str] = frozenset()  # a wider given-name list: only opens a 2-4 word name
    name_gender: dict[str, str] = field(default_factory=dict)  # lower-cased given name -> "m" | "f" (one-gender names only)
    family_first: frozenset[str] = frozenset()  # family names written first ("Wang Yi"): alone on second mention


@lru_cache(maxsize=1)
def resources() -> Resources:
    """Load (once) the built-in resource files."""
    roles: dict[tuple[str, ...], Role] = {}
    for r in _csv_rows("roles.csv"):
        roles[tuple(norm(t.text) for t in tokenize(r["word"]))] = Role(r["role"], r["sector"] or "", r["canonical"])
    words = lambda n: frozenset(w for ln in _resource_lines(n) if not ln.startswith("#") for w in ln.split())  # noqa: E731
    common = frozenset(w.lower() for w in words("common_words.txt"))
    places = frozenset(w.lower() for r in _csv_rows("countries.csv") + _csv_rows("institutions.csv")
                       for v in r.values() if isinstance(v, str) for w in re.split(r"[|\s,]+", v) if w)
    world, gender = _world_given_names(common | places | frozenset(roles_first_words(roles)))
    return Resources(
        countries=_csv_rows("countries.csv"),
        institutions=_csv_rows("institutions.csv"),
        roles=roles,
        given_names=words("given_names.txt"),
        world_names=world,
        name_gender=gender,
        org_words=frozenset(w.lower() for w in words("org_words.txt")),
        common_words=common,
        family_first=words("family_names_first.txt"),
    )


def roles_first_words(roles: dict[tuple[str, ...], "Role"]) -> set[str]:
    return {k[0] for k in roles}


def _world_given_names(exclude: frozenset[str]) -> tuple[frozenset[str], dict[str, str]]:
    """Given names of many countries (gender-guesser's ~60k-name dictionary), capitalised,
    minus English words that are also names ("May", "Will", "Said", "Bill" stay out unless
    the hand list has them). A cue only: a capitalised sequence opening with one is a person.

    Also the names the dictionary gives one gender only, in every country it lists ("hasina":
    "f", "vladimir": "m"; not "kim", "andrea", "jean"), for pronoun agreement (:func:`person_gender`)."""
    try:
        from gender_guesser.detector import Detector
    except ImportError:  # pragma: no cover - a core dependency; degrade to the hand list
        return frozenset(), {}
    names = Detector(case_sensitive=False).names
    one_gender = {"male": "m", "female": "f"}
    gender = {n: one_gender[next(iter(g))] for n, g in names.items() if len(g) == 1 and next(iter(g)) in one_gender}
    return frozenset(n.capitalize() for n in names if n.isalpha() and len(n) >= 3 and n not in exclude), gender


def person_gender(name: str) -> str | None:
    """"m" or "f" when the given name opening a person's canonical name has one gender in
    the name dictionary ("Sheikh Hasina": the first word that is no initial or honorific
    decides), else None: unknown, both, or no given name first."""
    words = [w for w in name.split() if len(w) > 2 and not w.endswith(".")]
    if not words:
        return None
    g = resources().name_gender
    first = words[0].lower()
    if first in g or len(words) < 2:
        return g.get(first)
    return g.get(words[1].lower()) if first in _HONORIFICS else None


#: Words that may stand before a given name in a canonical name ("Sheikh Hasina").
_HONORIFICS = frozenset("sheikh sheikha sir dame lord lady emir sultan king queen prince princess".split())


# --------------------------------------------------------------------------- records


@dataclass(slots=True)
class Actor:
    """A canonical actor."""

    name: str
    kind: str  # person | org | country | gov | igo | ngo | media | group | ...
    country: str | None = None
    title: str | None = None
    sector: str | None = None
    origin: str = "resource"  # story | resource | discovered
    used: bool = False  # matched in some text (resource actors are listed only then)


@dataclass(slots=True)
class Alias:
    actor: Actor
    priority: int  # lower wins on the same alias
    form: str = "name"  # name | demonym | capital | plural


@dataclass(slots=True)
class ActorMatch:
    """One actor mention: ``text[start:end]`` refers to actor ``name``.

    ``ref`` is None for names; "pronoun" or "description" for mentions the event
    extractor must resolve (``name`` then holds the text as written).
    """

    start: int
    end: int
    name: str
    kind: str
    country: str | None = None
    title: str | None = None
    sector: str | None = None
    ref: str | None = None
    plural: bool = False
    possessive: bool = False  # followed by "'s" or a possessive pronoun
    form: str = "name"  # name | demonym | capital | group | description | pronoun
    extra: dict = field(default_factory=dict)


_PRONOUNS = {
    "he": ("person", False, "subj"),
    "him": ("person", False, "obj"),
    "his": ("person", False, "poss"),
    "she": ("person", False, "subj"),
    "her": ("person", False, "obj"),
    "it": ("thing", False, "subj"),
    "its": ("thing", False, "poss"),
    "they": ("any", True, "subj"),
    "them": ("any", True, "obj"),
    "their": ("any", True, "poss"),
}
_DETS = frozenset("the his her its their a an our both".split())
_PRON_DETS = frozenset(_PRONOUNS) | _DETS
#: Irregular past forms a country's name is often the subject of ("Washington froze ...").
_IRREGULAR_PAST = frozenset("""froze cut sent gave sold put set shut withdrew drew took made held kept sought
    brought bought fought struck shot hit led told said met began won lost spent paid""".split())


def _looks_past_verb(w: str) -> bool:
    """A past verb form: "-ed" (not "armed", a modifier) or a common irregular one."""
    return w in _IRREGULAR_PAST or len(w) > 4 and w.endswith("ed") and w not in ("armed", "united", "allied")


#: Words of _STOP_CAPS that may stand before a lower-case title ("China's top diplomat X").
_TITLE_ADJECTIVES = frozenset("top senior former late ousted new".split())

_STOP_CAPS = frozenset(
    """the a an in on at of for to from by with after before during since as but and or also
    this that these those it its he she they we i you his her their our my your there here when while
    if though although however meanwhile yet so then now today tonight yesterday tomorrow
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december read more related watch update breaking
    according earlier later last next new some many several other another both all each every no not
    one two three four five six seven eight nine ten eleven twelve twenty thirty hundreds thousands dozens
    tens scores first second third angry young old former ousted late top senior""".split()
)
#: Stop words that are plain adjectives inside a description ("the new government", "the top
#: commander"); "former", "other", numbers still end one (another person, a count). Not in a
#: text without capitals, where "new" may open a name ("the new delhi government").
#: Last words of organisation names joined by "and" that are no organisation words themselves
_NAME_CLOSERS = frozenset("producers prevention development affairs industry trade markets".split())
_PLAIN_ADJECTIVES = frozenset("new top senior young old angry former outgoing ousted acting interim incoming".split())
_LOWER_WORD = re.compile(r"(?<![\w.])[a-z][a-z'’-]+")
_LOWER_FULL = re.compile(r"[a-z][a-z'’-]+")
_LOWER_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz'’-")


def written_lower(text: str, low: str) -> bool:
    """``low in set(_LOWER_WORD.findall(text))``, without scanning the whole text.

    A ``_LOWER_WORD`` match runs from the first valid start of a run of ``[a-z'’-]``
    (a letter after neither a word character nor a period) to the run's end; so an
    occurrence of ``low`` at a valid start, ending the run, is a match unless an
    earlier valid start in the same run takes the run ("rock-workers" holds no
    "workers"). The occurrences are found with ``str.find`` (what
    ``re.finditer(r"(?<![\\w.])" + re.escape(low) + r"(?![a-z'’-])", text)`` yields, without
    a regex scan of the whole text per word)."""
    if not _LOWER_FULL.fullmatch(low):
        return False
    find, n, size = text.find, len(low), len(text)
    q = find(low)
    while q >= 0:
        e = q + n
        if q > 0 and (text[q - 1].isalnum() or text[q - 1] in "_.") or e < size and text[e] in _LOWER_CHARS:
            q = find(low, q + 1)  # no match here: the regex would try the next position
            continue
        if q == 0 or text[q - 1] not in _LOWER_CHARS:
            return True  # the run starts here
        p = q - 1
        while p > 0 and text[p - 1] in _LOWER_CHARS:
            p -= 1
        if not any("a" <= text[k] <= "z" and (k == 0 or not (text[k - 1].isalnum() or text[k - 1] in "_."))
                   for k in range(p, q)):
            return True
        q = find(low, e)  # after a match the regex goes on from its end
    return False
#: "the three leaders": a number before a plural noun for people
_COUNT_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
#: "both sides", "the two companies": the two actors last seen in a dyadic relation (kind they must have)
_DYAD_HEADS = {"sides": "any", "parties": "any", "camps": "any", "rivals": "any", "teams": "any", "delegations": "any",
               "companies": "org", "firms": "org", "groups": "org", "governments": "state", "countries": "state",
               "nations": "state", "neighbours": "state", "neighbors": "state", "men": "person", "women": "person",
               "leaders": "person", "presidents": "person", "ministers": "person", "premiers": "person",
               "heads": "person"}
#: Last words of a discovered name that make it a news outlet ("The Wall Street Journal",
#: "The Washington Post"): "the newspaper" refers back to it, and it reports.
_MEDIA_LAST = frozenset("times post herald journal tribune gazette telegraph chronicle guardian observer".split())
#: group nouns that name an organisation to find in the discourse, never a generic group actor
_ORG_HEAD_WORDS = frozenset("government ministry administration cabinet authorities parliament".split())
_HER_OBJECT_NEXT = frozenset(
    "to and or in on at for with from by as that of about after before into over again back off out up down "
    "said says told when while if because but during since until last this on".split())
#: Nouns after an organisation word that make it a modifier: "the airline industry", "the bank's
#: shares" is still the bank, "the bank sector" is not a bank.
_TRADE_COMPOUNDS = frozenset("industry industries sector sectors market markets business shares stock stocks".split())
#: nouns a group noun modifies ("court cases", "police station", "army camp"): then it is no actor
_COMPOUND_HEADS = frozenset(
    """case cases station stations camp camps headquarters order orders ruling rulings verdict building buildings
    premises complex vehicle vehicles van vans jeep jeeps post posts line lines force budget budgets chief chiefs
    spokesman spokeswoman spokesperson source sources record records official-level level pressure presence protection
    custody firing action raid raids team teams unit units""".split())
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ic", "ite", "ine")
_STOP_ONLY = _STOP_CAPS - frozenset(_PRONOUNS) - _DETS
#: capitals whose lower-case spelling is also an ordinary word or a common given name
_LOWER_AMBIGUOUS_PLACES = frozenset("male victoria kingston georgetown santiago praia lima apia nice "
                                    "valletta victoria roseau castries basseterre".split())

#: Lower-case organisation nouns that follow an organisation's name ("the Teamsters union"). Only
#: "union": a place or adjective comes before "company" or "party" as often ("the Stamford company").
_NAMED_ORG_HEADS = frozenset(["union"])
#: Collective nouns that open a sentence before "of" + the actor they count ("Columns of ...").
_PARTITIVE_HEADS = frozenset("""columns column convoy convoys thousands hundreds dozens members units supporters
    remnants groups teams crowds""".split())
#: A family name with a lower-case article or particle joined by a hyphen ("al-Burhan", "el-Sisi").
_PARTICLE_NAME = re.compile(r"(?:al|el|ad|ad-d|ash|as|at|az|ar|an|ul|bin|ben|abu)-[A-Z][a-z]")
_CONNECT = frozenset(["of", "de", "del", "da", "di", "van", "von", "der", "den", "du", "dos", "das", "bin", "bint",
                      "ibn", "al", "el", "la", "le", "&", "and"])


#: How many discovered names an index remembers across texts before it forgets them all
#: (``ActorIndex._forget_discovered``): 2-3 KB each with their aliases, so about 25 MB.
MAX_DISCOVERED = 10_000


#: The last index built by ``ActorIndex.load`` (key: its files), copied by later loads.
_LOADED: dict[tuple, "ActorIndex"] = {}


#: Titles of a company's officers (canonical role names): "CrowdStrike chief executive George Kurtz".
_COMPANY_OFFICERS = frozenset(["chief executive", "founder", "chair", "spokesperson", "president", "director",
                               "executive"])
#: Capitalised words naming a region, not a nation, before a group noun ("West African leaders").
_REGIONAL = frozenset("""west east north south western eastern northern southern central european african arab asian
    latin nordic baltic balkan caribbean scandinavian gulf pacific""".split())
#: Lower-case nouns for a company by its trade, before its name ("the cybersecurity firm CrowdStrike").
_FIRM_NOUNS = frozenset("""company firm group maker startup start-up giant airline carrier broadcaster bank lender
    insurer retailer chain platform exchange developer operator manufacturer conglomerate carmaker automaker
    chipmaker miner producer publisher network outlet newspaper""".split())


def _headline_like(toks: list[Token]) -> bool:
    """Is this token run a headline: no closing stop, its longer words capitalised?"""
    if not toks or len(toks) > 24 or toks[-1].text in (".", "!", "?", '"', "”"):
        return False
    long = [t for t in toks if t.word and len(t.text) > 3]
    return len(long) >= 2 and sum(t.cap for t in long) >= 0.8 * len(long)


#: Adjectives between "in" and a country ("forces in neighbouring Mali").
_PLACE_ADJECTIVES = frozenset("neighbouring neighboring nearby northern southern eastern western central northeastern "
                              "northwestern southeastern southwestern north-eastern north-western south-eastern "
                              "south-western".split())


class ActorIndex:
    """Alias index over story actors and general resources; see module docstring."""

    def __init__(self) -> None:
        self._aliases: dict[tuple[str, ...], Alias] = {}
        self._actors: dict[str, Actor] = {}
        self._order: dict[str, int] = {}  # story and discovered actors -> place in ``_actors``
        self._story: list[str] = []  # names of the story actors
        self._maxlen = 1
        self._demonym_country: dict[tuple[str, ...], Actor] = {}
        self._fuzzy_keys: list[str] = []
        self._fuzzy_map: dict[str, tuple[str, ...]] = {}
        self._fuzzy_cache: dict[str, tuple[str, ...] | None] = {}
        self._doc_key: tuple | None = None
        self._doc_aliases: dict[tuple[str, ...], Alias] = {}
        self._doc_names: set[str] = set()  # actors discovered (or re-found) in the current text
        self._first_names: set[tuple[str, ...]] = set()  # doc aliases that are a first name ("Abiy")
        self._first: dict[str, list[int]] = {}  # first key -> alias lengths (longest first)
        self._memo_toks: list[Token] | None = None  # _lookup results for the tokens of the current find()
        self._in_headline = False  # the current find() reads a headline (_headline_like)
        self._headline_memo: dict[int, bool] = {}  # line start -> _headline_line, per text
        self._memo: dict[int, tuple[Alias, int] | None] = {}
        self._role_memo: dict[int, tuple[Role, int] | None] = {}
        self._doc_lower: frozenset[str] | None = frozenset()  # words written in lower case in the current text
        self._doc_text = ""
        self._lower_memo: dict[str, bool] = {}  # word -> written_lower(current text, word)
        self._confirmed_memo: dict[str, bool] = {}  # word -> confirmed_name(word) in the current text
        self.lowercase_doc = False  # the current text has (almost) no capitals
        self._lower_aliases: dict[tuple[str, ...], Alias] | None = None
        self._lower_first: dict[str, list[int]] = {}
        self._pairs: set[tuple[str, str]] = set()  # first two keys of the aliases of 2+ tokens
        self._lower_pairs: set[tuple[str, str]] = set()
        self._cur_aliases = self._aliases
        self._cur_first = self._first
        self._cur_pairs = self._pairs
        self._base: tuple | None = None  # the index as loaded (``_snapshot``), before any discovery
        self._n_discovered = 0

    # ------------------------------------------------------------------ memory
    def _snapshot(self) -> tuple:
        return (dict(self._actors), dict(self._order), dict(self._aliases),
                {k: list(v) for k, v in self._first.items()}, set(self._pairs), self._maxlen)

    def _forget_discovered(self) -> None:
        """Back to the index as loaded: names discovered in earlier texts are forgotten.

        Discovered names are remembered across texts (a name found with its title in one
        article is known in the next), but a long feed names ever more people: past
        ``MAX_DISCOVERED`` of them the index starts again from the files, so memory stays
        bounded however long the run. Their rows reach the ``actors`` table per article
        (``records_for``), so nothing is lost from the file.
        """
        actors, order, aliases, first, pairs, maxlen = self._base
        self._actors, self._order, self._aliases = dict(actors), dict(order), dict(aliases)
        self._first, self._pairs = {k: list(v) for k, v in first.items()}, set(pairs)
        self._maxlen, self._lower_aliases, self._n_discovered = maxlen, None, 0
        self._memo, self._role_memo, self._fuzzy_cache = {}, {}, {}

    def records_for(self, names: Iterable[str | None]) -> list[dict]:
        """``actors`` rows of these names (those of one text's events: story, resource or
        discovered in it), so each worker's knowledge reaches the table with its rows."""
        out = []
        for name in sorted({n for n in names if n}):
            a = self._actors.get(name)
            if a is not None:
                out.append({"name": a.name, "kind": a.kind, "country": a.country, "title": a.title})
        return out

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, paths: Sequence[Path] = ()) -> "ActorIndex":
        """Index the story CSVs in ``paths`` plus the built-in resources.

        The index as loaded is kept (one per set of files, checked by size and mtime) and
        each call returns a copy of it: a process that runs the pipeline again (a service,
        an incremental re-run, the tests) does not tokenise thousands of aliases again.
        """
        key = tuple((str(Path(p).resolve()), Path(p).stat().st_mtime_ns, Path(p).stat().st_size) for p in paths)
        tpl = _LOADED.get(key)
        if tpl is None:
            tpl = cls()
            for p in paths:
                tpl.add_csv(Path(p))
            tpl._add_resources()
            tpl._finish()
            _LOADED.clear()
            _LOADED[key] = tpl
        return tpl._copy()

    def _copy(self) -> "ActorIndex":
        """A new index with this one's knowledge (not its per-text state). Actor and Alias
        objects are shared: only discovered actors, which are never shared, change."""
        idx = ActorIndex()
        idx._actors, idx._order, idx._aliases, idx._first, idx._pairs, idx._maxlen = self._snapshot()
        idx._cur_aliases, idx._cur_first, idx._cur_pairs = idx._aliases, idx._first, idx._pairs
        idx._story = list(self._story)
        idx._demonym_country = dict(self._demonym_country)
        idx._fuzzy_keys, idx._fuzzy_map = list(self._fuzzy_keys), dict(self._fuzzy_map)
        idx._n_discovered = self._n_discovered
        return idx

    def add_csv(self, path: Path) -> None:
        """Add story actors from a CSV (name,kind,country,title,aliases)."""
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                name = (row.get("name") or "").strip()
                if not name:
                    continue
                kind = (row.get("kind") or "person").strip().lower() or "person"
                actor = Actor(name, kind, (row.get("country") or "").strip() or None, (row.get("title") or "").strip() or None, origin="story")
                actor.sector = _sector_of_kind(kind)
                self._add_actor(actor, [name, *_split(row.get("aliases"))], priority=0)

    def _add_resources(self) -> None:
        res = resources()
        for r in res.institutions:
            a = Actor(r["name"], r["kind"], r["country"] or None, None, r["sector"] or None)
            self._add_actor(a, [r["name"], *_split(r["aliases"])], priority=1)
        for r in res.countries:
            a = Actor(r["name"], "country", r["iso3"])
            self._add_actor(a, [r["name"], *_split(r["aliases"])], priority=2)
            for cap in _split(r["capitals"]):
                self._add_alias(cap, a, 3, "capital")
            dems = _split(r["demonyms"])
            for d in dems:
                key = self._key(d)
                self._demonym_country.setdefault(key, a)
                if d.endswith("s") and not d.endswith("ss") and len(dems) > 1 and d[:-1] in dems:
                    self._add_alias(d, a, 3, "plural")  # "Palestinians"

    def _finish(self) -> None:
        names = [k for k, al in self._aliases.items() if al.form in ("name",) and len(" ".join(k)) >= 5]
        self._fuzzy_keys = [" ".join(k) for k in names]
        self._fuzzy_map = {" ".join(k): k for k in names}

    @staticmethod
    def _key(alias: str) -> tuple[str, ...]:
        toks = tokenize(alias)
        return tuple(t.key for t in toks)

    def _add_actor(self, actor: Actor, aliases: Iterable[str], priority: int) -> None:
        if actor.name in self._actors and self._actors[actor.name].origin == "story" and actor.origin != "story":
            actor = self._actors[actor.name]  # story row wins; resource aliases still added
        else:
            if self._actors.setdefault(actor.name, actor) is actor and actor.origin == "story":
                self._order[actor.name] = len(self._actors)
                self._story.append(actor.name)
            actor = self._actors[actor.name]
        for al in aliases:
            self._add_alias(al, actor, priority, "name")
            low = al.lower()
            if low.startswith("the ") and len(al) > 4:
                self._add_alias(al[4:], actor, priority, "name")
        if actor.kind == "person":
            parts = [t for t in tokenize(actor.name) if t.word]
            if len(parts) >= 2:
                self._add_alias(parts[-1].text, actor, priority + 5, "name")  # surname

    def _add_alias(self, alias: str, actor: Actor, priority: int, form: str) -> None:
        key = self._key(alias)
        if not key:
            return
        self._memo.clear()  # a new alias can change earlier lookups
        self._lower_aliases = None
        old = self._aliases.get(key)
        if old is None or priority < old.priority:
            self._aliases[key] = Alias(actor, priority, form)
        self._maxlen = max(self._maxlen, len(key))
        if len(key) > 1:
            self._pairs.add(key[:2])
        lens = self._first.setdefault(key[0], [])
        if len(key) not in lens:
            lens.append(len(key))
            lens.sort(reverse=True)

    # ------------------------------------------------------------------ queries
    def records(self) -> list[dict]:
        """Rows for the ``actors`` table from the story files (every story actor, named or not).

        Names found in texts (resource or discovered actors) reach the table with their
        article's rows (``records_for``), whichever worker processed it.
        """
        return [
            {"name": a.name, "kind": a.kind, "country": a.country, "title": a.title}
            for a in self._actors.values()
            if a.origin == "story"
        ]

    def actor(self, name: str) -> Actor | None:
        """The actor record with canonical ``name``."""
        return self._actors.get(name)

    def candidates(self, title: str | None = None, country: str | None = None, kind: str | None = None) -> list[Actor]:
        """Known persons/orgs fitting a description (used to resolve "the president of X")."""
        out = []
        # story actors, and those discovered in this article (found in another article:
        # results must not depend on article order), in the order of ``_actors``
        found = [n for n in self._doc_names if self._actors[n].origin == "discovered"]
        for n in sorted(self._story + found, key=self._order.__getitem__):
            a = self._actors[n]
            if kind and a.kind != kind:
                continue
            if country and a.country != country:
                continue
            if title and not _title_fits(title, a.title):
                continue
            out.append(a)
        return out

    def country_of_demonym(self, word: str) -> Actor | None:
        return self._demonym_country.get((norm(word),))

    # ------------------------------------------------------------------ matching
    def find(self, text: str, start: int = 0, end: int | None = None, refs: bool = False,
             tokens: list[Token] | None = None) -> list[ActorMatch]:
        """Actor mentions in ``text[start:end]``, non-overlapping, longest first.

        With ``refs=True`` also pronouns and unresolved descriptions are returned.
        Successive calls over the same ``text`` share surname aliases of names
        discovered earlier in it.
        """
        end = len(text) if end is None else end
        doc = (id(text), len(text), text[:64])
        if self._doc_key != doc:
            if self._base is None:
                self._base = self._snapshot()
            elif self._n_discovered > MAX_DISCOVERED:
                self._forget_discovered()
            self._doc_key, self._doc_aliases, self._doc_names = doc, {}, set()
            self._first_names = set()
            self._new_document(text)
        toks = tokens if tokens is not None else tokenize(text, start, end)
        self._memo_toks, self._memo, self._role_memo = toks, {}, {}
        self._in_headline = self._headline_line(text, start, end)
        out: list[ActorMatch] = []
        n = len(toks)
        first, roles, docal = self._cur_first, _role_first(), self._doc_aliases
        lower_doc = self.lowercase_doc and refs
        if lower_doc:
            self._acronyms_in_parentheses(toks, text)
        pron_dets, stop_only = _PRON_DETS, _STOP_ONLY
        resume = 0  # the token after the last mention found
        for i, t in enumerate(toks):
            if i < resume:
                continue
            if not t.cap:
                if lower_doc and t.key == "us":  # "the us", "us troops": the country, not the pronoun
                    us = self._lower_us(toks, i)
                    if us is not None:
                        out.append(us)
                        resume = i + 1
                        while resume < n and toks[resume].end <= us.end:
                            resume += 1
                        continue
                if not t.word or (t.lower not in pron_dets and t.key not in first and t.key not in roles
                                  and (not docal or (t.key,) not in docal)):
                    if not lower_doc or not t.word or (i + 1 >= n or toks[i + 1].key not in roles) \
                            and (t.key,) not in self._demonym_country:
                        continue  # the common case: punctuation or an ordinary lower-case word
            elif t.lower in stop_only and t.key not in first and t.key not in roles and (t.key,) not in docal:
                continue  # "Monday", "However", "In": capitalised, but never opens a name or group
            m, j = self._match_at(toks, i, text, refs)
            if m is not None:
                out.append(m)
                if m.ref is None:
                    act = self._actors.get(m.name)
                    if act is not None:
                        act.used = True
                resume = j
        return out

    def _headline_line(self, text: str, start: int, end: int) -> bool:
        """Is ``text[start:end]`` on a line of its own that reads as a headline (no closing
        stop, its longer words capitalised)? Body paragraphs are long lines: rejected at once."""
        ls = text.rfind("\n", 0, start) + 1
        hit = self._headline_memo.get(ls)
        if hit is None:
            le = text.find("\n", end)
            le = len(text) if le < 0 else le
            line = text[ls:le].rstrip()
            hit = self._headline_memo[ls] = (
                le - ls <= 200 and not self.lowercase_doc and bool(line) and line[-1] not in '.!?"”'
                and _headline_like(tokenize(text, ls, le)))
        return hit

    def _officer_of_org(self, toks: list[Token], k: int) -> bool:
        """Do the words from ``toks[k]`` name an organisation's officer ("national league
        president"): an organisation word, then a title, within four words?"""
        orgs = resources().org_words
        for o in range(k, min(k + 3, len(toks))):
            if toks[o].lower in orgs:
                return any((r := self._role_at(toks, q)) is not None and r[0].role == "title"
                           for q in range(o + 1, min(o + 3, len(toks))))
        return False

    def _lower_us(self, toks: list[Token], i: int) -> ActorMatch | None:
        """"us" in a text without capitals names the United States after "the" ("the us
        rejected") or before a group or title noun ("us troops"); elsewhere it is "us"."""
        al = self._aliases.get(("US",))
        if al is None or self._lookup(toks, i) is not None:
            return None  # a longer alias opens with it ("us state department"): the lookup has it
        nxt = self._role_at(toks, i + 1)
        if not (i > 0 and toks[i - 1].lower == "the" or nxt is not None and nxt[0].role in ("group", "title")):
            return None
        if nxt is not None and nxt[0].role == "group":  # "US troops", as a text with capitals writes it
            return self._national_group(toks, i, nxt[1], "US", al.actor, nxt[0])
        return self._named(toks, i, i + 1, al)

    def _national_group(self, toks: list[Token], i: int, e: int, prefix: str, country: Actor, role: Role) -> ActorMatch:
        """The group or media actor "<prefix> <role>" of ``country`` ("Russian military") for
        ``toks[i:e]``, remembered as a discovered actor."""
        name = f"{prefix} {role.canonical}"
        kind = "media" if role.role == "media" else "group"
        code = country.country
        if i > 0 and toks[i - 1].lower == "ethnic" and role.role == "group":
            # "ethnic Armenian forces in Karabakh": a people's own fighters, not that state's army
            name, code, i = f"ethnic {prefix} {toks[e - 1].lower}", None, i - 1
        m = ActorMatch(toks[i].start, toks[e - 1].end, name, kind, code, None, role.sector,
                       plural=role.role == "group", form="group")
        m.possessive = e < len(toks) and toks[e].key == "'s"
        m.extra["word"] = toks[e - 1].lower.rstrip("s")  # "officers": later "the officers" are these
        self._remember(name, kind, code, None, role.sector)
        return m

    def _lookup(self, toks: list[Token], i: int) -> tuple[Alias, int] | None:
        if toks is self._memo_toks:
            if i in self._memo:
                return self._memo[i]
            res = self._memo[i] = self._lookup_scan(toks, i)
            return res
        return self._lookup_scan(toks, i)

    def _lookup_scan(self, toks: list[Token], i: int) -> tuple[Alias, int] | None:
        n = len(toks)
        first = toks[i].key
        lens = self._cur_first.get(first)
        if self._doc_aliases and (first,) in self._doc_aliases:
            lens = sorted(set(lens or []) | {1}, reverse=True)
        if not lens:
            return None
        if lens[0] > 1 and (i + 1 >= n or (first, toks[i + 1].key) not in self._cur_pairs):
            if lens[-1] != 1:  # no alias of 2+ tokens opens with these two (doc aliases are 1 token)
                return None
            lens = (1,)
        keys = [t.key for t in toks[i : i + lens[0]]] if len(lens) > 1 else None  # lens: longest first
        for L in lens:
            if i + L > n:
                continue
            key = tuple(keys[:L]) if keys is not None else tuple([t.key for t in toks[i : i + L]])
            al = self._doc_aliases.get(key) or self._cur_aliases.get(key)
            if al is not None and L == 1 and key in self._first_names and i + 1 < n and toks[i + 1].cap \
                    and toks[i + 1].word:
                continue  # "Donna Henry Wright" is not Donna Shalala: a first name alone only
            if al is not None:
                # single lower-case common words never name an actor ("back", "chad")
                if L == 1 and not toks[i].cap and not toks[i].text.isupper() and not self.lowercase_doc:
                    continue
                return al, i + L
        return None

    def _role_at(self, toks: list[Token], i: int) -> tuple[Role, int] | None:
        if i >= len(toks) or toks[i].key not in _role_first():
            return None
        if toks is self._memo_toks:  # memoised per find() like _lookup (roles never change)
            memo = self._role_memo
            if i in memo:
                return memo[i]
            res = memo[i] = self._role_scan(toks, i)
            return res
        return self._role_scan(toks, i)

    def _role_scan(self, toks: list[Token], i: int) -> tuple[Role, int] | None:
        roles = resources().roles
        for L in (3, 2, 1):
            if i + L <= len(toks):
                r = roles.get(tuple([t.key for t in toks[i : i + L]]))
                if r is not None:
                    return r, i + L
        return None

    def _match_at(self, toks: list[Token], i: int, text: str, refs: bool) -> tuple[ActorMatch | None, int]:
        """The mention starting at token ``i`` (and the token after it), for a token that
        ``find`` did not skip (an ordinary lower-case word or punctuation never gets here)."""
        t = toks[i]
        if not t.word:
            return None, i + 1
        low = t.lower
        if refs and low in _PRONOUNS and not (t.cap and i + 1 < len(toks) and toks[i + 1].cap and low not in ("it", "he", "she", "they")):
            kind, plural, case = _PRONOUNS[low]
            if low == "her" and i + 1 < len(toks) and toks[i + 1].word and toks[i + 1].lower not in _HER_OBJECT_NEXT:
                case = "poss"  # "her Marenian counterpart", "her party": a determiner
            if case in ("poss", "obj") and low not in ("him", "them"):
                d = self._description(toks, i, text)  # "his Belarusian colleague"
                if d is not None:
                    return d
            m = ActorMatch(t.start, t.end, t.text, "pronoun", ref="pronoun", plural=plural, form="pronoun")
            m.extra["case"] = case
            m.extra["pkind"] = kind
            m.possessive = case == "poss"
            return m, i + 1
        if low in _DETS:
            n = len(toks)
            # "both sides", "the two companies"; in a text with capitals another lower-case
            # determiner opens no group description (_bare_group finds none: not asked)
            if refs and (self.lowercase_doc or t.cap or low == "both" or t.key in _role_first()
                         or low == "the" and i + 1 < n and toks[i + 1].lower == "two"):
                g = self._bare_group(toks, i, text)
                if g is not None:
                    return g
            # story aliases such as "the utility", "the Kremlin chief" (2+ tokens: the first two are known)
            if i + 1 < n and (t.key, toks[i + 1].key) in self._cur_pairs:
                hit = self._lookup(toks, i)
                if hit is not None and hit[1] > i + 1:
                    m = self._named(toks, i, hit[1], hit[0])
                    return self._extend(toks, m, i, hit[1], text)
            d = self._description(toks, i, text) if refs else None
            return (d if d is not None else (None, i + 1))
        key = t.key
        # a word that is no demonym, title/group noun or alias start: the group, title and
        # name tests below cannot match at it (skipped, same result)
        known = ((key,) in self._demonym_country or "-" in key or key in _role_first() or key in self._cur_first
                 or (key,) in self._doc_aliases)
        if known:
            g = self._group(toks, i, text)  # "Russian soldiers", "Belarusian state media"
            if g is not None:
                hit = self._lookup(toks, i)
                if hit is None or hit[1] < g[1] or hit[0].actor.kind == "country":
                    return g
                # a story alias as long as the group ("Russian Defence Ministry") names the actor itself
            if self._before_titled_name(toks, i) or self._org_title_name(toks, i) is not None:
                return None, i + 1  # "Kazakhstan's President Tokayev": the name match extends over it
            hit = self._lookup(toks, i)
            if hit is not None:
                al, j = hit
                if al.actor.kind == "country" and t.cap:
                    org = self._country_org(toks, i, j, al.actor)
                    if org is not None:
                        return org
                m = self._named(toks, i, j, al)
                if refs and m.kind == "country" and m.possessive:
                    d = self._description(toks, i, text)  # "Kazakhstan's president"
                    if d is not None:
                        return d
                return self._extend(toks, m, i, j, text)
        # "protesters", "Dock workers": a group description (a capital inside a sentence of a
        # text with capitals belongs to a name: _bare_group finds none, not asked)
        if refs and (self.lowercase_doc or not t.cap or i == 0 or low in ("the", "both", "two")
                     or toks[i - 1].text in ".!?:;“\"‘" or low in _REGIONAL):
            g = self._bare_group(toks, i, text)
            if g is not None:
                return g
        if known and not t.cap and self.lowercase_doc and self._demonym_country.get((t.key,)) \
                and self._officer_of_org(toks, i + 1):
            return None, i + 1  # "indian national league president": a name written without capitals
        if known and (t.cap or self.lowercase_doc) and (self._demonym_country.get((t.key,)) or self._role_at(toks, i)):
            if refs:
                d = self._description(toks, i, text)  # "the Uzbek leader" without det is rare
                if d is not None and d[0].extra.get("det") is None and d[0].country:
                    return d
                c = self._demonym_country.get((t.key,))
                if c is not None:  # "an Indian proposal": the country, as a fallback actor
                    return ActorMatch(t.start, t.end, c.name, "country", c.country, ref="demonym", form="demonym"), i + 1
            if t.cap and self._org_name_run(toks, i):
                d = self._discover(toks, i, text)  # "General Elections Commission": a title word opening a name
                if d is not None:
                    return d
            return None, i + 1
        d = self._discover(toks, i, text)
        if d is not None:
            return d
        return None, i + 1

    def _country_org(self, toks: list[Token], i: int, j: int, country: Actor) -> tuple[ActorMatch, int] | None:
        """A country's name opening an organisation's ("Kenya National Commission on Human
        Rights", "Kenya Airways"): capitalised words (and "of"/"on"/"for"/"and" between them)
        after the country, one of them an organisation word, name the organisation (of
        that country) rather than the country."""
        orgs, n = resources().org_words, len(toks)
        k, end, has_org = j, j, False
        while k < n:
            w = toks[k]
            if w.word and w.cap and not w.text.isupper() and w.lower not in _STOP_CAPS:
                has_org = has_org or w.lower in orgs or w.lower.split("-")[0] in orgs  # ("League-Nawaz")
                k += 1
                end = k
            elif w.key == "'s" and k > j and k + 1 < n and toks[k + 1].cap and toks[k + 1].word:
                k += 1  # "Pakistan People's Party"
            elif w.lower in ("of", "on", "for", "and", "&") and k > j and k + 1 < n and toks[k + 1].cap \
                    and toks[k + 1].word and toks[k + 1].lower not in _STOP_CAPS:
                k += 1
            else:
                break
        if not has_org:
            return None
        name = "".join(x.text if k == i or x.key == "'s" else " " + x.text for k, x in enumerate(toks[i:end], i))
        kind = "media" if toks[end - 1].lower in _MEDIA_LAST else "org"  # "The Kenya Times": a newspaper
        a = self._actors.get(name) or self._remember(name, kind, country.country, None, None)
        self._add_alias(name, a, 4, "name")
        m = self._named(toks, i, end, Alias(a, 0))
        return m, end

    def _org_title_name(self, toks: list[Token], i: int) -> int | None:
        """Token i opens "<body>['s] [up to two lower-case words] <lower-case title> <Name>": "EU
        foreign policy chief Josep Borrell", "UN human rights chief Volker Turk", "China's top
        diplomat Wang Yi" (the possessive after a country only). Returns the
        index where the name starts, or None. (A capitalised title after a country is
        ``_before_titled_name``'s.)"""
        if self.lowercase_doc:
            return None
        hit = self._lookup(toks, i)
        if hit is None or hit[0].actor.kind not in ("country", "igo", "org", "gov"):
            return None
        j = hit[1]
        if j < len(toks) and toks[j].key == "'s" and hit[0].actor.kind == "country":
            j += 1  # "China's top diplomat Wang Yi", "Belarus's leader Alexander Lukashenko"
        for gap in range(0, 3):
            k = j + gap
            r = self._role_at(toks, k)
            if r is not None and r[0].role in ("title", "generic") and not toks[k].cap:
                e = r[1]
                if e >= len(toks) or not (toks[e].cap and toks[e].word) or toks[e].lower in _STOP_CAPS:
                    return None
                hit2 = self._lookup(toks, e)
                return e if hit2 is None or hit2[0].actor.kind == "person" else None
            if k >= len(toks) or not toks[k].word or toks[k].cap or (
                    toks[k].lower in _STOP_CAPS and toks[k].lower not in _TITLE_ADJECTIVES):
                return None
        return None

    def _before_titled_name(self, toks: list[Token], i: int) -> bool:
        """Token i opens "Country['s] Title Name" / "Demonym Title Name"."""
        j = i
        hit = self._lookup(toks, i)
        if hit is not None and hit[0].actor.kind in ("country", "igo", "gov"):  # "European Commission President X"
            j = hit[1]
        elif self._demonym_country.get((toks[i].key,)) and toks[i].cap:
            j = i + 1
        else:
            return False
        if j < len(toks) and toks[j].key == "'s":
            j += 1
        seen = False
        while j < len(toks):
            r = self._role_at(toks, j)
            if r is None or r[0].role != "title" or not toks[j].cap:
                break
            seen, j = True, r[1]
        return seen and j < len(toks) and toks[j].cap and toks[j].word and toks[j].lower not in _STOP_CAPS

    def _named(self, toks: list[Token], i: int, j: int, al: Alias) -> ActorMatch | None:
        a = al.actor
        m = ActorMatch(toks[i].start, toks[j - 1].end, a.name, a.kind, a.country, a.title, a.sector, form=al.form)
        m.plural = al.form == "plural" or a.kind == "group"
        if j < len(toks) and toks[j].key == "'s":
            m.possessive = True
        return m

    def _extend(self, toks: list[Token], m: ActorMatch, i: int, j: int, text: str) -> tuple[ActorMatch, int]:
        """Extend a named match: titles/nationality to the left, group noun to the right."""
        if m.kind not in ("country",) and m.form == "name":
            # right: "Wagner mercenaries", "Hamas militants"
            r = self._role_at(toks, j)
            if r is not None and r[0].role == "group" and m.kind not in ("person",):
                m.end = toks[r[1] - 1].end
                j = r[1]
                m.possessive = j < len(toks) and toks[j].key == "'s"
        if m.kind == "person" or m.form == "name" and m.kind not in ("country",):
            k = i
            while k > 0:
                prev = toks[k - 1]
                r = None
                for L in (3, 2, 1):
                    if k - L >= 0 and toks[k - L].key in _role_first():  # a role opens with one of these
                        rr = resources().roles.get(tuple([t.key for t in toks[k - L : k]]))
                        if rr is not None and rr.role in ("title",) and (toks[k - L].cap or L == k - k + L and k == i):
                            r = (rr, k - L)
                            break
                if r is not None and m.kind == "person":
                    m.title = m.title or r[0].canonical
                    k = r[1]
                    continue
                if prev.key == "'s" and k >= 2:
                    c = self._aliases.get((toks[k - 2].key,))
                    if c is not None and c.actor.kind == "country" and m.kind == "person":
                        m.country = m.country or c.actor.country
                        k -= 2
                        continue
                    break
                c = self._demonym_country.get((prev.key,))
                if c is not None and prev.cap and m.kind == "person":
                    m.country = m.country or c.country
                    k -= 1
                    continue
                if k < i and prev.cap and m.kind == "person":  # "Kosovo Prime Minister Albin Kurti",
                    # "European Commission President Ursula von der Leyen": the body is in the mention
                    hit = next((h for b in range(k - 1, max(-1, k - 4), -1)
                                if (h := self._lookup(toks, b)) is not None and h[1] == k), None)
                    if hit is not None and hit[0].actor.kind in ("country", "igo", "gov"):
                        if hit[0].actor.kind == "country":
                            m.country = m.country or hit[0].actor.country
                        k = next(b for b in range(k - 1, max(-1, k - 4), -1)
                                 if (h := self._lookup(toks, b)) is not None and h[1] == k)
                        continue
                break
            if m.kind == "person" and i > 1 and not self.lowercase_doc and not toks[i - 1].cap \
                    and toks[i - 1].key in _role_last():  # "EU foreign policy chief Josep Borrell"
                body = next((b for b in range(i - 2, max(-1, i - 7), -1) if self._org_title_name(toks, b) == i), None)
                if body is not None and body < k:
                    hit = self._lookup(toks, body)
                    if hit is not None and hit[0].actor.kind in ("country", "gov"):
                        m.country = m.country or hit[0].actor.country
                    elif hit is not None and hit[0].actor.kind in ("org", "igo", "media"):
                        m.extra["org"] = hit[0].actor.name  # "CrowdStrike chief executive X": the company is named too
                    k = body
            m.start = toks[k].start
        if m.possessive and m.kind != "country":
            # "Quispe's troops", "Hamas's fighters": the possessor's forces act for it
            for gap in (1, 2):
                r = self._role_at(toks, j + gap)
                if r is not None and r[0].role == "group" and all(t.word and not t.cap for t in toks[j + 1 : j + gap]):
                    m.end, j = toks[r[1] - 1].end, r[1]
                    m.possessive = j < len(toks) and toks[j].key == "'s"
                    m.extra["via"] = r[0].canonical
                    break
        act = self._actors.get(m.name)
        if act is not None and act.origin == "discovered":
            act.country = act.country or m.country
            act.title = act.title or m.title
        return m, j

    def _group(self, toks: list[Token], i: int, text: str) -> tuple[ActorMatch, int] | None:
        """Nationality (or country / country's) + up to 2 modifiers + group/media noun."""
        t = toks[i]
        if not t.cap:  # in a text without capitals: a nationality or a country only ("the turkish government")
            if not self.lowercase_doc:
                return None
            if (t.key,) not in self._demonym_country:
                hit = self._lookup(toks, i)
                if (hit is None or hit[0].actor.kind != "country") and not any(
                        x.lower in ("in", "from", "of", "throughout") for x in toks[i + 1 : i + 4]):
                    return None  # (a group located in a country stays possible: "groups in new delhi")
        country: Actor | None = self._demonym_country.get((t.key,))
        two = country is None and i + 1 < len(toks) and toks[i + 1].cap \
            and (t.key, toks[i + 1].key) in self._demonym_country  # "North Korean troops", "South African police"
        if two:
            country = self._demonym_country[(t.key, toks[i + 1].key)]
        if country is None and "-" in t.key:  # "Vietnamese-led forces", "US-backed rebels"
            country = self._demonym_country.get((t.key.split("-")[0],)) or (
                self._aliases.get((t.key.split("-")[0],)).actor if self._aliases.get((t.key.split("-")[0],)) else None)
            if country is not None and country.kind != "country":
                country = None
        if country is None:
            g = self._group_in_country(toks, i)
            if g is not None:
                return g
        j = i + 1 + two
        dem_text = (t.text if t.cap else t.text[:1].upper() + t.text[1:]) if "-" not in t.text else None
        if two:
            dem_text = f"{t.text} {toks[i + 1].text}"
        if country is None:
            hit = self._lookup(toks, i)
            if hit is None or hit[0].actor.kind != "country":
                return None
            country, j = hit[0].actor, hit[1]
            if j < len(toks) and toks[j].key == "'s":
                j += 1
            dem_text = None
        firsts = _role_first()
        if not any(x.key in firsts for x in toks[j : j + 3]):
            return None  # no group or media noun within reach (the loop below would find none)
        for gap in range(0, 3):
            k = j + gap
            r = self._role_at(toks, k)
            if r is not None and r[0].role in ("group", "media"):
                role, e = r
                # skip "Russian government troops": take the longest group chain
                while True:
                    r2 = self._role_at(toks, e)
                    if r2 is None or r2[0].role not in ("group", "media"):
                        break
                    role, e = r2
                if any(not x.word for x in toks[j:k]):
                    return None
                if t.cap and e < len(toks) and (toks[e].key == "'s" and e + 1 < len(toks) and toks[e + 1].cap
                                                or dem_text is None and toks[e].cap and toks[e].word):
                    org = self._country_org(toks, i, j, country)  # "Pakistan People's Party", "Peru Workers League"
                    if org is not None:
                        return org
                demonym = dem_text if dem_text else _primary_demonym(country)
                return self._national_group(toks, i, e, demonym or country.name, country, role), e
            if k >= len(toks) or not toks[k].word or toks[k].cap or toks[k].lower in _STOP_CAPS:
                return None  # only lower-case modifiers between nationality and group noun
            if dem_text is None and k == j and toks[j - 1].key != "'s" and _looks_past_verb(toks[k].lower):
                return None  # "Washington froze military aid": the country's verb, not "the American military"
        return None

    def discovered(self, name: str, kind: str, country: str | None = None, title: str | None = None,
                   sector: str | None = None) -> Actor:
        """Record an actor found in text by the event coder (e.g. "Armenian minister")."""
        return self._remember(name, kind, country, title, sector)

    def discovered_word(self, word: str) -> Actor:
        """``discovered`` for a lone capitalised word the event coder took for a name ("Spotify
        filed ..."): its later mentions in this text name the same actor ("accused Spotify").

        When the text also writes the word after a given name ("Bankman-Fried Sentenced"
        in a headline, "Sam Bankman-Fried, the founder ..." below it), the word is that
        person's surname: the actor is the full name, a person (so "he" can refer to him)."""
        full = self._given_before(word)
        a = self._remember(full, "person", None, None, None) if full else self._remember(word, "actor", None, None, None)
        if full:
            self._add_alias(full, a, 4, "name")  # the full name below is this person, whole
        key = (norm(word),)
        if key not in self._doc_aliases and self._cur_aliases.get(key) is None:
            self._doc_aliases[key] = Alias(a, 0)
            self._memo.clear()
        return a

    def _and_inside_name(self, toks: list[Token], i: int, j: int) -> bool:
        """Is the "and" at ``toks[j]`` inside one organisation's name: capitalised words on
        both sides, none after it a known name, and the name closing on an organisation word
        ("... and Markets Authority"), not two names ("Biden and Xi")?"""
        res = resources()
        k = j + 1
        while k < len(toks) and toks[k].cap and toks[k].word and toks[k].lower not in _STOP_CAPS \
                and self._lookup(toks, k) is None and (toks[k].key,) not in self._demonym_country:
            k += 1
        if k == j + 1 or k - j > 4:
            return False
        last = toks[k - 1].lower
        return (last in res.org_words or last in _NAME_CLOSERS) and (k >= len(toks) or not toks[k].cap) \
            and toks[j - 1].lower not in res.org_words \
            and not any(t.text in res.given_names for t in toks[i:j])  # ("Kingsbridge Capital Group and Cara ...": two)

    def _new_opens_name(self, toks: list[Token], i: int) -> bool:
        """Does a capitalised "New" open a name ("New York Times", "New Development Bank"): two
        to four capitalised words after it, no stop word or nationality among them, the first
        opening no known name ("New Zealand" is found as itself, "New Russian sanctions" is not)?"""
        n = len(toks)
        k = i + 1
        while k < n and toks[k].cap and toks[k].word and toks[k].lower not in _STOP_CAPS \
                and (toks[k].key,) not in self._demonym_country and k - i <= 4:
            k += 1
        return k - i >= 3 and self._lookup(toks, i + 1) is None

    def _kin_surname(self, toks: list[Token], j: int) -> bool:
        """Is ``toks[j]`` the family name of a person named earlier in this text, closing a
        longer name ("Bilawal Bhutto Zardari" after "Asif Ali Zardari": another Zardari)?"""
        al = self._doc_aliases.get((toks[j].key,))
        if al is None or al.actor.kind != "person" or j + 1 < len(toks) and toks[j + 1].cap:
            return False
        names = al.actor.name.split()
        k = j - 1
        while k > 0 and toks[k - 1].cap and toks[k - 1].word and k > j - 3:
            k -= 1  # the first word of the name being read
        # ("Marty Ackerman" after "Martin Ackerman": the same man by a short form of his name)
        return toks[j - 1].text not in names and toks[k].text[:3] != names[0][:3]

    def _given_before(self, word: str) -> str | None:
        """"Given Word" if this text writes ``word`` right after a capitalised given name."""
        if self.lowercase_doc or self._doc_text is None or word in resources().given_names:
            return None
        found = None
        for m in re.finditer(r"\b([A-Z][a-z]+) " + re.escape(word) + r"((?: [A-Z][a-z][\w'’-]*){0,2})(?=(\W*)(\w?))",
                             self._doc_text):
            if m.group(1) in resources().given_names:
                more = m.group(2).split()
                # "Ali Bongo Ondimba was ...": a family name of more words, in running text (a capital
                # after it would be a headline's next word)
                if more and all(self.name_like(w) and not self.is_known_word(w) for w in more) \
                        and (m.group(4) == "" or m.group(4).islower()):
                    return " ".join([m.group(1), word, *more])
                found = found or f"{m.group(1)} {word}"
        return found

    def is_known_word(self, word: str) -> bool:
        """Is ``word`` a demonym, title/group noun or stop word (so not a bare name)?"""
        key = norm(word)
        return ((key,) in self._demonym_country or (key,) in resources().roles or word.lower() in _STOP_CAPS
                or not self.name_like(word))

    def name_like(self, word: str) -> bool:
        """Can a capitalised ``word`` be (part of) a name? Not when it is a common word
        (``common_words.txt``) or is also written in lower case in the same text ("Dock
        workers ... at the dock"); given names always can."""
        if word in resources().given_names:
            return True
        low = word.lower()
        if low in resources().common_words:
            return False
        if self._doc_lower is None:  # asked per word: most texts ask about a few words only
            seen = self._lower_memo.get(low)
            if seen is None:
                if len(self._lower_memo) >= 48:  # many questions (a long text): one full scan
                    self._doc_lower = frozenset(_LOWER_WORD.findall(self._doc_text))
                    return low not in self._doc_lower
                seen = self._lower_memo[low] = written_lower(self._doc_text, low)
            return not seen
        return low not in self._doc_lower

    def confirmed_name(self, word: str) -> bool:
        """Is the capitalised ``word`` a name by how this text writes it: capitalised inside a
        sentence ("..., when Spotify filed") and never in lower case? A common word needs two
        such uses ("Apple said ... that Apple had"); a title, group noun, demonym or stop word
        never qualifies. (For a bare word opening a sentence, where any word is capitalised.)"""
        if self.lowercase_doc or self._doc_text is None or not word[:1].isupper():
            return False
        key = norm(word)
        if (key,) in self._demonym_country or (key,) in resources().roles or word.lower() in _STOP_CAPS:
            return False
        memo = self._confirmed_memo
        if word in memo:
            return memo[word]
        common = word.lower() in resources().common_words and word not in resources().given_names
        if written_lower(self._doc_text, word.lower()):  # "an apple": a word of the language here
            memo[word] = False
            return False
        inside = len(re.findall(r"[a-z0-9,;)] " + re.escape(word) + r"\b", self._doc_text))
        ok = inside >= (2 if common else 1)
        if not ok and not common and not word.endswith("s") and len(word) >= 4:
            # a rare word no sentence writes in lower case, opening two or more lines or
            # sentences ("Microsoft completes ...", "Microsoft said on Friday ...")
            total = len(re.findall(r"\b" + re.escape(word) + r"\b", self._doc_text))
            opening = len(re.findall(r"(?:^|(?<=[.!?\n]) ?)" + re.escape(word) + r"\b", self._doc_text, re.M))
            ok = total >= 2 and opening == total  # (not "DD Acquisition ... Acquisition said": part of a name)
        memo[word] = ok
        return ok

    def _new_document(self, text: str) -> None:
        """Per-text state: its lower-case vocabulary and whether it is written without capitals."""
        self.lowercase_doc = not _sentences.is_cased(text)
        self._headline_memo = {}
        self._confirmed_memo = {}
        self._doc_text = text
        if self.lowercase_doc:
            self._doc_lower = frozenset()
            if self._lower_aliases is None:
                self._build_lower_aliases()
            self._cur_aliases, self._cur_first = self._lower_aliases, self._lower_first  # type: ignore[assignment]
            self._cur_pairs = self._lower_pairs
        else:
            self._doc_lower, self._doc_text, self._lower_memo = None, text, {}
            self._cur_aliases, self._cur_first, self._cur_pairs = self._aliases, self._first, self._pairs

    def _acronyms_in_parentheses(self, toks: list[Token], text: str) -> None:
        """In a text without capitals, "the vishwa hindu parishad (vhp)" defines the organisation
        VHP for the rest of the text (an acronym-like word in parentheses after 2+ words)."""
        if not toks or text.find("(", toks[0].start, toks[-1].end) < 0:
            return  # no parenthesis: nothing defined
        for k in range(2, len(toks) - 1):
            w = toks[k]
            if toks[k - 1].text == "(" and toks[k + 1].text == ")" and _acronym_like(w.lower) and k >= 3 \
                    and w.lower not in resources().common_words and toks[k - 2].word and toks[k - 3].word \
                    and (w.key,) not in self._doc_aliases and self._cur_aliases.get((w.key,)) is None:
                name = w.text.upper()
                self._doc_aliases[(w.key,)] = Alias(self._actors.get(name) or self._remember(name, "org", None, None, None), 0)
                self._memo.clear()

    def _build_lower_aliases(self) -> None:
        """Aliases keyed in lower case, for texts without capitals ("vhp", "un", "bjp").
        Single words that are common words, pronouns, titles or group nouns are left out."""
        res = resources()
        out: dict[tuple[str, ...], Alias] = {}
        first: dict[str, list[int]] = {}
        for key, al in self._aliases.items():
            low = tuple(k.lower() for k in key)
            if len(low) == 1 and (len(low[0]) < 3 or low[0] in res.common_words or low[0] in _STOP_CAPS
                                  or low[0] in _PRONOUNS or low in res.roles
                                  or al.form not in ("name", "capital", "plural")
                                  or al.form == "capital" and low[0] in _LOWER_AMBIGUOUS_PLACES):
                continue  # (capitals and plural demonyms count: "berlin rejected", "afghans")
            old = out.get(low)
            if old is None or al.priority < old.priority:
                out[low] = al
            lens = first.setdefault(low[0], [])
            if len(low) not in lens:
                lens.append(len(low))
                lens.sort(reverse=True)
        for key, al in self._aliases.items():  # acronyms written with dots ("u.s.": key "US", see norm)
            if len(key) == 1 and key[0].isupper() and 1 < len(key[0]) <= 4 and al.form == "name":
                out.setdefault(key, al)
                lens = first.setdefault(key[0], [])
                if 1 not in lens:
                    lens.append(1)
                    lens.sort(reverse=True)
        self._lower_aliases, self._lower_first = out, first
        self._lower_pairs = {k[:2] for k in out if len(k) > 1}

    def _bare_group(self, toks: list[Token], i: int, text: str) -> tuple[ActorMatch, int] | None:
        """A group noun without nationality ("protesters", "Union leaders", "the two sides").

        Returned as a description the event coder resolves against the discourse; when
        nothing earlier fits, the group itself (kind group) becomes the actor. In a text
        without capitals an unknown word before a group noun names an organisation
        ("vhp activists")."""
        j = i
        det = toks[j].lower if toks[j].lower in ("the", "both", "two") else None
        if det == "the" and j + 1 < len(toks) and toks[j + 1].lower == "two":
            j += 1
            det = "two"
        if det is not None:
            j += 1
        if j >= len(toks):
            return None
        count = _COUNT_WORDS.get(toks[j].lower) if det == "the" else None
        if count is not None and j + 1 < len(toks) and _DYAD_HEADS.get(toks[j + 1].lower) == "person":
            # "the three leaders": the group of that many named together before
            m = ActorMatch(toks[i].start, toks[j + 1].end, text[toks[i].start : toks[j + 1].end], "description",
                           ref="description", plural=True, form="description")
            m.extra.update(det="the", count=count, head=toks[j + 1].lower.rstrip("s"), group=toks[j + 1].lower)
            m.possessive = j + 2 < len(toks) and toks[j + 2].key == "'s"
            return m, j + 2
        if det in ("both", "two") and toks[j].lower in _DYAD_HEADS:
            m = ActorMatch(toks[i].start, toks[j].end, text[toks[i].start : toks[j].end], "description", ref="description",
                           plural=True, form="description")
            m.extra.update(det=det, dyad=_DYAD_HEADS[toks[j].lower])
            m.possessive = j + 1 < len(toks) and toks[j + 1].key == "'s"
            return m, j + 1
        if det is not None and not (det == "the" and self.lowercase_doc):
            return None  # "the workers": the description path handles a determiner
        k = j
        if (self.lowercase_doc and toks[k].word and _acronym_like(toks[k].lower) and toks[k].lower not in resources().common_words
                and toks[k].lower not in _STOP_CAPS and (toks[k].key,) not in resources().roles and toks[k].lower not in _PRONOUNS):
            r = self._role_at(toks, k + 1)
            if (r is not None and (r[0].role == "group" and toks[r[1] - 1].lower.endswith("s") or r[0].role == "generic" and det == "the")
                    and r[0].sector not in ("MIL", "COP", "JUD", "LEG", "MED")):  # "vhp activists", "the vhp leader"
                name = toks[k].text.upper()
                a = self._actors.get(name) or self._remember(name, "org", None, None, r[0].sector)
                self._doc_aliases[(toks[k].key,)] = Alias(a, 0)  # later "the vhp" in this text
                self._memo.clear()
                m = ActorMatch(toks[k].start, toks[r[1] - 1].end, a.name, a.kind, sector=r[0].sector, plural=True, form="name")
                m.possessive = r[1] < len(toks) and toks[r[1]].key == "'s"
                return m, r[1]
        if det is not None:
            return None
        regional = 0  # "West African leaders", "European diplomats": a group named by its region
        while k + 1 < len(toks) and toks[k].cap and toks[k].lower in _REGIONAL and regional < 2:
            k, regional = k + 1, regional + 1
        if regional:
            after_region = self._role_at(toks, k)
            if after_region is None or after_region[0].role != "group":
                k, regional = j, 0
        if toks[k].cap and (k == 0 or toks[k - 1].text in ".!?:;“\"‘") is False and not regional:
            return None  # a capitalised group noun inside a sentence belongs to a name
        r = self._role_at(toks, k)
        if r is None and toks[k].cap and k + 1 < len(toks) and (
                not self.name_like(toks[k].text) or self._plain_plural_group(toks, k + 1)):
            k += 1  # "Dock workers", "Union leaders", "Environmental groups": a modifier
            r = self._role_at(toks, k)
        if r is None or r[0].role != "group" or toks[k].lower in _ORG_HEAD_WORDS:
            return None
        role, e = r
        last = toks[e - 1].lower
        if not (last.endswith(("s", "men")) or last in ("police", "people", "mob", "crowd", "staff")) \
                or _possessed_or_partitive(toks, i, e, self.name_like) \
                or e < len(toks) and toks[e].lower in _COMPOUND_HEADS:
            return None  # "military intelligence", "its troops", "leaders of the union"
        m = ActorMatch(toks[i].start, toks[e - 1].end, text[toks[i].start : toks[e - 1].end], "description", None, None,
                       role.sector, ref="description", plural=True, form="description")
        # a vague head keeps its modifier: "environmental groups", not "groups"
        g0 = k - 1 if k > i and toks[e - 1].lower in _VAGUE_GROUP_HEADS and toks[k - 1].word else k
        group = " ".join(t.lower for t in toks[g0:e])
        if regional:
            group = " ".join([t.text for t in toks[j:k]] + [group])
            m.extra["regional"] = True
        if g0 == k and group.endswith("men") and role.canonical != group and role.canonical in group:
            group = role.canonical  # "policemen" are the police, as "police" is written elsewhere
        m.extra.update(head=toks[e - 1].lower.rstrip("s"), group=group)
        m.possessive = e < len(toks) and toks[e].key == "'s"
        return m, e

    def _plain_plural_group(self, toks: list[Token], k: int) -> bool:
        """A lower-case plural group noun closing the phrase at token ``k`` ("[Environmental]
        groups criticised"): after a sentence-opening capital the pair is no name (names
        capitalise their nouns: "Mines Advisory Group"), unless that word is a known alias."""
        r = self._role_at(toks, k)
        return (r is not None and r[0].role == "group" and r[1] == k + 1 and not toks[k].cap
                and (toks[k].lower.endswith("s") or toks[k].lower in ("police", "people")) and self._lookup(toks, k - 1) is None
                and toks[k - 1].text not in resources().given_names)

    def _group_in_country(self, toks: list[Token], i: int) -> tuple[ActorMatch, int] | None:
        """"Rebels in the Ivory Coast", "Security forces in Guinea": a group located in a country."""
        r = self._role_at(toks, i)
        if r is None or r[0].role != "group":
            return None
        role, e = r
        k = e
        if k + 1 < len(toks) and toks[k].word and not toks[k].cap and toks[k + 1].lower in ("in", "from", "of"):
            k += 1  # "Coast guard vessels from Marenia"
        if k < len(toks) and toks[k].lower in ("in", "from", "of", "throughout"):
            k += 1
            if k < len(toks) and toks[k].lower == "the":
                k += 1
            if k + 1 < len(toks) and toks[k].lower in _PLACE_ADJECTIVES:
                k += 1  # "military leaders in neighbouring Mali"
            hit = self._lookup(toks, k) if k < len(toks) else None
            if hit is not None and hit[0].actor.kind == "country":
                c = hit[0].actor
                dem = _primary_demonym(c) or c.name
                name = f"{dem} {role.canonical}"
                self._remember(name, "group", c.country, None, role.sector)
                m = ActorMatch(toks[i].start, toks[hit[1] - 1].end, name, "group", c.country, None, role.sector, plural=True, form="group")
                return m, hit[1]
        return None

    def _head_description(self, toks: list[Token], i: int, k: int, text: str, role: Role | None = None,
                          g0: int | None = None) -> tuple[ActorMatch, int]:
        """"the ministry", "the company": a definite organisation noun, resolved in the discourse."""
        head = toks[k].lower
        m = ActorMatch(toks[i].start, toks[k].end, text[toks[i].start : toks[k].end], "description", ref="description",
                       plural=head.endswith("s") and head not in ("press",), form="description")
        m.extra["det"] = "the"
        m.extra["head"] = (head[:-3] + "y" if head.endswith("ies") else head[:-1]) if m.plural and head.endswith("s") \
            else head  # "the companies": company
        if role is not None and role.canonical != m.extra["head"]:
            m.extra["canon"] = role.canonical  # "the army": also the last "... military" named
        if role is not None and head not in _ORG_HEAD_WORDS and not (k + 2 < len(toks) and toks[k + 1].lower == "of") \
                and not (k + 1 < len(toks) and toks[k + 1].lower in _COMPOUND_HEADS):
            m.sector = role.sector
            m.extra["group"] = " ".join(t.lower for t in toks[g0 if g0 is not None else k : k + 1])
        m.possessive = k + 1 < len(toks) and toks[k + 1].key == "'s"
        return m, k + 1

    @staticmethod
    def _verb_follows(toks: list[Token], j: int) -> bool:
        """Does a finite verb (a past form, or a reporting or auxiliary verb) follow at ``j``?"""
        if j >= len(toks) or toks[j].cap or not toks[j].word:
            return False
        w = toks[j].lower
        return (w.endswith("ed") and len(w) > 4) or w in _FINITE_AFTER_NAME

    @staticmethod
    def _org_name_run(toks: list[Token], i: int) -> bool:
        """Do 2-5 capitalised words from ``i`` end in an organisation word ("General Elections
        Commission", "General Motors Company")?"""
        q = i
        while q < len(toks) and toks[q].cap and toks[q].word and q - i < 5:
            q += 1
        return q - i >= 2 and toks[q - 1].lower in resources().org_words

    def _name_follows(self, toks: list[Token], k: int) -> bool:
        """Is a capitalised word at ``k`` or after one more organisation word ("the French bank
        group Credit Lyonnais")? Then the description is the name's apposition."""
        if k < len(toks) and toks[k].lower in resources().org_words and not toks[k].cap:
            k += 1
        return k < len(toks) and toks[k].cap and toks[k].word

    def _acronym_alias(self, acronym: str) -> Alias | None:
        """The organisation named earlier in this text whose capitalised words' initials spell
        ``acronym`` ("Rapid Support Forces" for "RSF", "Tigray People's Liberation Front" for
        "TPLF"), if exactly one does."""
        hits = {n for n in self._doc_names if self._actors[n].kind not in ("person", "country")
                and "".join(w[0] for w in re.split(r"[\s-]+", n) if w[:1].isupper()) == acronym}
        return Alias(self._actors[hits.pop()], 0) if len(hits) == 1 else None

    def _person_apposition(self, toks: list[Token], j: int) -> bool:
        """Does an apposition at ``toks[j]`` say the name before it is a person's: ", a
        university lecturer", ", the country's first female prime minister" (a title within
        six words, before any clause or list punctuation), ", 45," or ", a 45-year-old"?"""
        n = len(toks)
        if j + 2 >= n or toks[j].text != ",":
            return False
        k = j + 1
        if toks[k].text.isdigit() and toks[k + 1].text == ",":
            return True  # ", 45,": an age
        if toks[k].lower not in ("a", "an", "the"):
            return False
        for q in range(k + 1, min(k + 7, n)):
            t = toks[q]
            if not t.word and t.key != "'s" or t.lower in ("who", "which", "that"):
                return False
            if t.lower.endswith("-year-old"):
                return True
            r = self._role_at(toks, q)
            if r is not None and r[0].role == "title":
                return True
        return False

    def _remember(self, name: str, kind: str, country: str | None, title: str | None, sector: str | None) -> Actor:
        a = self._actors.get(name)
        if a is None:
            a = Actor(name, kind, country, title, sector, origin="discovered")
            self._actors[name] = a
            self._order[name] = len(self._actors)
            self._n_discovered += 1
        self._doc_names.add(name)
        return a

    def _name_tail(self, toks: list[Token], i: int, j: int) -> bool:
        """Is the known organisation alias at ``j`` the last words of a longer capitalised
        name opening at ``i`` ("Supreme National [Security Council]": Iran's body, not the UN's;
        not after a verb that opens the sentence: "Replied State Department ...")?"""
        if any(t.lower.endswith(("ed", "ing", "ly")) for t in toks[i:j]):
            return False
        hit = self._lookup(toks, j)
        if hit is None or hit[1] - j < 2 or hit[0].actor.kind not in ("igo", "org", "gov"):
            return False
        e = hit[1]
        return not (e < len(toks) and toks[e].cap and toks[e].word) and toks[e - 1].lower in resources().org_words

    def _discover(self, toks: list[Token], i: int, text: str) -> tuple[ActorMatch, int] | None:
        """A capitalised sequence not in any file: a new person or organisation."""
        res = resources()
        t = toks[i]
        new_name = t.lower == "new" and self._new_opens_name(toks, i)  # "The New York Times"
        if not t.cap or not t.word or t.lower in _STOP_CAPS and not new_name:
            return None
        if t.lower in _PARTITIVE_HEADS and i + 1 < len(toks) and toks[i + 1].lower == "of":
            return None  # "Columns of Wagner Group fighters": the fighters are named after "of"
        j = i
        while j < len(toks):
            w = toks[j]
            if w.word and w.cap and (w.lower not in _STOP_CAPS or j == i and new_name) and (j == i or self._lookup(toks, j) is None or j - i >= 1 and toks[j - 1].lower in _CONNECT
                                                                    or self._kin_surname(toks, j) or self._name_tail(toks, i, j)):
                j += 1
                continue
            if j > i and _PARTICLE_NAME.match(w.text):  # "Abdel Fattah al-Burhan", "Hamad bin Jassim al-Thani"
                j += 1
                continue
            if (w.key == "'s" and j > i and j + 1 < len(toks) and toks[j + 1].cap and toks[j + 1].word
                    and toks[j + 1].lower in res.org_words and self._lookup(toks, i) is None
                    and not any((x.key,) in self._demonym_country for x in toks[i:j])):
                j += 1  # "International Longshoremen's Association", "People's Party": one name
                continue
            if w.lower == "of" and j - i >= 2 and (toks[i].text in res.given_names or i > 0 and getattr(
                    res.roles.get((toks[i - 1].key,)), "role", None) == "title"):
                break  # "(Representative) Matt Gaetz of Florida": a person and where he is from
            if w.lower == "and" and j > i and self._and_inside_name(toks, i, j):
                j += 1  # "Competition and Markets Authority", "Alliance of Motion Picture and Television Producers"
                continue
            if w.lower in _CONNECT and w.lower != "and" and j > i and j + 1 < len(toks) and (
                    toks[j + 1].cap or toks[j + 1].lower in _CONNECT and toks[j + 1].lower != "and"
                    and j + 2 < len(toks) and toks[j + 2].cap):  # "Ursula von der Leyen"
                j += 1
                continue
            break
        if self._in_headline and not self.lowercase_doc:
            # a headline capitalises every word: a name there runs only over words that are
            # no words of the language ("Paramilitary Forces Attack Hospital" names nothing)
            cut = next((q for q in range(i, j) if toks[q].word and toks[q].text not in res.given_names
                        and not _PARTICLE_NAME.match(toks[q].text) and toks[q].lower not in _CONNECT
                        and toks[q].lower in res.common_words), j)
            j = cut
        while j > i and toks[j - 1].lower in _CONNECT:
            j -= 1
        span = toks[i:j]
        if not span:
            return None
        words = [s.text for s in span]
        if len(span) == 1 and 2 <= len(words[0]) <= 6 and words[0].isalpha() and words[0].isupper():
            al = self._acronym_alias(words[0])
            if al is not None:  # "RSF" after "the Rapid Support Forces"
                self._doc_aliases[(span[0].key,)] = al
                return self._extend(toks, self._named(toks, i, j, al), i, j, text)
        titled = None
        k = i
        while k > 0 and (toks[k - 1].cap or k == i):
            r = None
            for L in (3, 2, 1):
                if k - L >= 0 and toks[k - L].key in _role_first():  # a role opens with one of these
                    rr = res.roles.get(tuple([x.key for x in toks[k - L : k]]))
                    if rr is not None and rr.role == "title":
                        r = (rr, k - L)
                        break
            if r is None:
                break
            titled, k = titled or r[0].canonical, r[1]
        sentence_initial = i == 0 or toks[i - 1].text in (".", "!", "?", ":", ";", "“", '"', "‘")
        # fuzzy match against known names ("Ethopia", "Mirziyoev")
        if len(span) <= 3 and not (len(span) == 1 and self._given_before(words[0])):
            fz = self._fuzzy(" ".join([s.key for s in span]))
            if fz is not None:
                al = self._aliases[fz]
                if al.actor.kind == "country" and len(span) == 1 and span[0].lower.endswith(_DEMONYM_ENDINGS) \
                        and not span[0].lower.startswith(fz[0].lower()[:-1] + "s"):
                    # "Marenian" for the country Marenia: a nationality (a fallback actor), not the country's name
                    a = al.actor
                    return ActorMatch(span[0].start, span[0].end, a.name, "country", a.country, ref="demonym", form="demonym"), j
                m = self._named(toks, i, j, al)
                return self._extend(toks, m, i, j, text)
        last = span[-1].lower
        kind = None
        after = self._role_at(toks, j)
        if (after is not None and after[0].role == "group" and len(span) <= 2 and not titled and words[0] not in res.given_names
                and not sentence_initial and not any((s.key,) in self._demonym_country for s in span)
                and all(self.name_like(w) for w in words)):
            kind = "org"  # "Wagner mercenaries", "Azov fighters": the name of an armed group
            name = " ".join(words)
            if after[0].sector in _PLACE_QUALIFIED_SECTORS:  # "a Manhattan jury": that place's court
                name = f"{name} {after[0].canonical}"
            a = self._actors.get(name) or self._remember(name, "org", None, None, after[0].sector)
            self._add_alias(name, a, 4, "name")
            m = self._named(toks, i, after[1], Alias(a, 0))
            m.end = toks[after[1] - 1].end
            m.possessive = after[1] < len(toks) and toks[after[1]].key == "'s"
            return m, after[1]
        lowers = [x.lower for x in span]
        rare_pair = False
        if (not titled and len(span) <= 2 and words[0] not in res.given_names
                and not any((s.key,) in self._demonym_country for s in span) and all(self.name_like(w) for w in words)
                and (after is not None and after[0].canonical in _COMPANY_OFFICERS and after[1] < len(toks)
                     and not (i > 0 and toks[i - 1].cap and toks[i - 1].word)
                     and all(not x.cap or x.text.isupper() for x in toks[j:after[1]])
                     and toks[after[1]].cap and toks[after[1]].word and toks[after[1]].lower not in _STOP_CAPS
                     or not sentence_initial and i >= 2 and toks[i - 1].lower in _FIRM_NOUNS and not toks[i - 1].cap
                     and any(toks[q].lower in ("the", "a", "an") or toks[q].key == "'s" for q in range(max(0, i - 5), i - 1)))):
            # "CrowdStrike chief executive George Kurtz" (an officer's organisation, named before his
            # title in lower case); "the cybersecurity firm CrowdStrike" (a company named after its trade)
            a = self._actors.get(" ".join(words)) or self._remember(" ".join(words), "org", None, None, None)
            self._add_alias(a.name, a, 4, "name")
            return self._extend(toks, self._named(toks, i, j, Alias(a, 0)), i, j, text)
        if last in res.org_words and len(span) >= 2:
            kind = "media" if last in _MEDIA_LAST and not titled else "org"  # "The Wall Street Journal": a newspaper
        elif len(span) >= 3 and "of" in lowers[1:-1] and any(w in res.org_words for w in lowers[: lowers.index("of")]) \
                and not titled:
            kind = "org"  # "National Union of Mineworkers", "Bank of Korea": the organisation word before "of"
        elif (not titled and not sentence_initial and j < len(toks) and toks[j].lower in _NAMED_ORG_HEADS
              and not toks[j].cap and words[0] not in res.given_names and all(self.name_like(w) for w in words)):
            kind = "org"  # "the United Steelworkers union": named by the capitals before it
        elif 2 <= len(span) <= 4 + sum(x.lower in _CONNECT and x.lower not in ("of", "and", "&") for x in span) and (words[0] in res.given_names or titled
                                       or (words[0] in res.world_names and all(self.name_like(w) for w in words))
                                       or (len(span) >= 3 and (words[1] in res.given_names or words[1] in res.world_names)
                                           and not words[0].endswith(".") and span[0].key not in _role_first()
                                           and all(self.name_like(w) for w in words))):
            kind = "person"  # (the last: "Anura Kumara Dissanayake", a given name second)
        elif 2 <= len(span) <= 3 and not titled and self._verb_follows(toks, j) and all(
                self.name_like(w) and w.lower() not in res.common_words and (norm(w),) not in self._demonym_country
                and norm(w) not in _role_first() and not w.isupper() for w in words):
            kind = "person"  # "Rishi Sunak conceded", "Tedros Adhanom Ghebreyesus told": rare capitalised words before a verb
            rare_pair = True
        elif titled and len(span) == 1:
            kind = "person"
        elif 2 <= len(span) <= 3 and not sentence_initial and all(self.name_like(w) for w in words) \
                and self._person_apposition(toks, j):
            kind = "person"  # "Harini Amarasuriya, a university lecturer, ..."
        if kind is None:
            return None
        if kind == "person" and "of" in (x.lower for x in span[1:]):
            k = next(n for n, x in enumerate(span) if n > 0 and x.lower == "of")
            place = self._lookup(toks, i + k + 1)
            if place is not None and place[0].actor.kind == "country":  # "Boris Yeltsin of Russia": the man
                j, span, words = i + k, span[:k], words[:k]
        owner = self._lookup(toks, i - 2) if i >= 2 and toks[i - 1].key == "'s" else None
        country_owner = owner is not None and owner[1] == i - 1 and owner[0].actor.kind == "country"
        determined = i > 0 and toks[i - 1].key == "the" or country_owner  # "the/Brazil's Supreme Court"
        if kind == "org" and len(span) == 2 and not self.name_like(words[0]) and not determined:
            return None  # "Shipping Lines", "Union Council" after a headline-style capital
        if sentence_initial and kind == "person" and words[0] not in res.given_names and words[0] not in res.world_names \
                and not rare_pair:
            return None
        name = " ".join(words).replace(" 's ", "'s ").replace(" ’s ", "’s ")
        country = None
        if kind == "org" and country_owner:
            country = owner[0].actor  # "Brazil's Supreme Court": Brazil's, not any supreme court
            name = f"{_primary_demonym(country) or country.name} {name}"
        a = self._actors.get(name) or self._remember(name, kind, country.country if country else None, titled, None)
        self._add_alias(name, a, 4, "name")
        if kind == "person" and len(span) >= 2:
            self._doc_aliases[(span[-1].key,)] = Alias(a, 0)
            if _PARTICLE_NAME.match(span[-1].text):  # "al-Burhan", later "Burhan"
                self._doc_aliases[(norm(span[-1].text.split("-", 1)[1]),)] = Alias(a, 0)
            for x in span[1:-1]:  # "Luiz Inacio Lula da Silva" -> "Lula" (not a given name, not a particle)
                if x.cap and x.lower not in _CONNECT and x.text not in res.given_names \
                        and (x.key,) not in self._doc_aliases and (x.key,) not in self._cur_aliases:
                    self._doc_aliases[(x.key,)] = Alias(a, 0)
                    self._first_names.add((x.key,))  # alone only: "Lula da Silva" is the full name again
            first = (span[0].key,)
            # "Abiy" for Abiy Ahmed: a first name that is no common given name, and names no one
            # else here, is how some naming traditions refer to a person on second mention
            if (len(span) == 2 and (words[0] not in res.given_names or len(words[0]) <= 3 or words[0] in res.family_first)
                    or len(span) == 3 and (words[0] not in res.given_names or words[0] in res.family_first)
                    and self.name_like(words[0])) \
                    and first not in self._doc_aliases and first not in self._cur_aliases:
                # (a short one too: "Xi" for Xi Jinping, whose family name comes first; and
                # "Yoon" for Yoon Suk Yeol, a family name before a given name of two words)
                self._doc_aliases[first] = Alias(a, 0)
                self._first_names.add(first)
            self._memo.clear()
        m = self._named(toks, i, j, Alias(a, 0))
        m.title = m.title or titled
        return self._extend(toks, m, i, j, text)

    def _fuzzy(self, key: str) -> tuple[str, ...] | None:
        if len(key) < 5 or not self._fuzzy_keys:
            return None
        if key in self._fuzzy_cache:
            return self._fuzzy_cache[key]
        hit = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=88)
        res = None if hit is None else self._fuzzy_map[hit[0]]
        if len(self._fuzzy_cache) < 100_000:
            self._fuzzy_cache[key] = res
        return res

    def _description(self, toks: list[Token], i: int, text: str) -> tuple[ActorMatch, int] | None:
        """[det] [country|demonym|org]? [adj]{0,2} title|generic [of COUNTRY]? -> description."""
        j = i
        det = toks[j].lower if toks[j].lower in _DETS or toks[j].lower in _PRONOUNS else None
        if det is not None:
            j += 1
        country = None
        if j < len(toks):
            c = self._demonym_country.get((toks[j].key,))
            if c is not None and (toks[j].cap or self.lowercase_doc):
                country, j = c.country, j + 1
            elif self.lowercase_doc and toks[j].key == "us" and det is not None and ("US",) in self._aliases:
                country, j = self._aliases[("US",)].actor.country, j + 1  # "the us president"
            else:
                hit = self._lookup(toks, j)
                if hit is not None and hit[0].actor.kind in ("country", "gov", "igo"):
                    country, j = hit[0].actor.country, hit[1]
                    if j < len(toks) and toks[j].key == "'s":
                        j += 1
        roles, orgs = _role_first(), resources().org_words
        for t in toks[j : j + 3]:
            if t.key in roles or t.lower in orgs:
                break
        else:
            return None  # no title, group or organisation noun within reach
        place = None
        for gap in range(0, 3):
            k = j + gap
            r = self._role_at(toks, k)
            if r is None:
                if det == "the" and k < len(toks) and toks[k].lower in resources().org_words \
                        and not (k + 1 < len(toks) and toks[k + 1].lower in _TRADE_COMPOUNDS) \
                        and not (toks[k].cap and not self.lowercase_doc and k + 1 < len(toks) and toks[k + 1].cap
                                 and toks[k + 1].word) \
                        and (country is None or not self.lowercase_doc and not toks[k].cap and toks[k].lower not in _PLACE_HEADS
                             and not self._name_follows(toks, k + 1)):
                    d = self._head_description(toks, i, k, text)  # "the company", "the bank"
                    d[0].country = country  # "the Swedish company" (not "the Soviet Union", a name)
                    return d
                if self.lowercase_doc and country is not None and self._officer_of_org(toks, k):
                    return None  # "indian national league president": an organisation's officer, not the country's
                if k < len(toks) and toks[k].word and not toks[k].cap and toks[k].lower not in _GAP_PREPS \
                        and (toks[k].lower not in _STOP_CAPS or toks[k].lower in _PLAIN_ADJECTIVES and not self.lowercase_doc):
                    continue  # (not "an investigation into President X": a preposition ends a description)
                return None
            role, e = r
            if role.role == "group" and e < len(toks):
                r2 = self._role_at(toks, e)
                if r2 is not None and r2[0].role == "title":
                    role, e = r2  # "a former special forces commander": the forces qualify the title
            if role.role in ("group", "media") and det == "the" and country is None:
                return self._head_description(toks, i, e - 1, text, role, k)  # "the ministry", "the rebels", "the newspaper"
            if role.role not in ("title", "generic"):
                return None
            if det is None and country is None:
                return None
            # "president of Russia"
            if e + 1 < len(toks) and toks[e].lower == "of":
                o = e + 2 if toks[e + 1].lower == "the" and e + 2 < len(toks) else e + 1
                hit = self._lookup(toks, o)
                if hit is not None and hit[0].actor.kind in ("country",):
                    country, e = hit[0].actor.country, hit[1]
                elif hit is not None and hit[0].actor.kind != "person" and o < len(toks) and toks[o].cap:
                    e = hit[1]  # "the head of the Green Citizens List": one description (a following name wins)
                elif hit is None and o == e + 1 and o < len(toks) and toks[o].cap and toks[o].word \
                        and toks[o].lower not in _STOP_CAPS:
                    q = o  # "the governor of Malatya": a place or body no file knows
                    while q < len(toks) and toks[q].cap and toks[q].word and q - o < 4:
                        q += 1
                    place = " ".join(t.text for t in toks[o:q])
            # followed by a name -> the name match will cover it
            if e < len(toks) and toks[e].cap and toks[e].word and self._lookup(toks, e) is None and toks[e].lower not in _STOP_CAPS:
                if toks[e].text in resources().given_names:
                    return None
                if toks[k].cap and self._org_name_run(toks, k):
                    return None  # "The General Elections Commission": a name goes on past the title
            plural = toks[e - 1].lower.endswith("s") and role.canonical + "s" == toks[e - 1].lower
            m = ActorMatch(toks[i].start, toks[e - 1].end, text[toks[i].start : toks[e - 1].end], "description", country, role.canonical, role.sector, ref="description", plural=plural, form="description")
            m.extra["det"] = det
            if place is not None and not plural:
                m.extra["of"] = place  # names the office if no one earlier holds it
            m.possessive = e < len(toks) and toks[e].key == "'s"
            return m, e
        return None


_FINITE_AFTER_NAME = frozenset("said says told tells was is were are has have had will would can could should must did "
                                "won lost met spoke wrote took made "
                                "led gave sent".split())
#: Sectors of institutions a place name before them qualifies ("a Manhattan jury", "Lagos police").
_PLACE_QUALIFIED_SECTORS = frozenset(["JUD", "COP"])
#: Organisation words that after a nationality name a place ("the Ethiopian capital").
_PLACE_HEADS = frozenset(["capital"])
#: Prepositions that no description spans (the others are in ``_STOP_CAPS``).
_GAP_PREPS = frozenset("about across against among between into onto over through toward towards under upon "
                       "within without".split())


@lru_cache(maxsize=65536)
def _acronym_like(word: str) -> bool:
    """A lower-cased word that reads as an acronym ("vhp", "bjp", "rss"): 2-4 letters, at most one vowel
    (memoised: asked of every word after a determiner in a text without capitals)."""
    return 2 <= len(word) <= 4 and word.isalpha() and sum(c in "aeiou" for c in word) <= 1


_VAGUE_GROUP_HEADS = frozenset(["groups", "agencies", "organisations", "organizations"])
_POSSESSIVE_WORDS = frozenset("its their his her our my your 's".split())


def _possessed_or_partitive(toks: list[Token], i: int, e: int, name_like=lambda w: True) -> bool:
    """A group noun that is someone's ("its troops", "AKK officials") or names part of
    another actor ("leaders of the union"): not an actor of its own."""
    if i > 0 and (toks[i - 1].key in _POSSESSIVE_WORDS or toks[i - 1].text == ")" or toks[i - 1].cap and toks[i - 1].word
                  and toks[i - 1].lower not in _STOP_CAPS and name_like(toks[i - 1].text)):
        return True
    return e + 1 < len(toks) and toks[e].lower == "of"


@lru_cache(maxsize=1)
def _role_first() -> frozenset[str]:
    return frozenset(k[0] for k in resources().roles)


@lru_cache(maxsize=1)
def _role_last() -> frozenset[str]:
    """The last words of the titles and generic nouns ("chief", "envoy", "minister")."""
    return frozenset(k[-1] for k, r in resources().roles.items() if r.role in ("title", "generic"))


def _primary_demonym(country: Actor) -> str | None:
    for r in resources().countries:
        if r["iso3"] == country.country:
            d = _split(r["demonyms"])
            return d[0] if d else None
    return None


def _sector_of_kind(kind: str) -> str | None:
    k = kind.lower()
    if any(w in k for w in ("military", "armed", "militia", "paramilitary", "mercenar", "rebel")):
        return "MIL" if "military" in k else "REB"
    if "media" in k:
        return "MED"
    if "gov" in k:
        return "GOV"
    return None


_GENERIC_TITLES = frozenset(["leader", "chief", "head", "colleague", "counterpart", "ally"])


def _title_fits(wanted: str, actual: str | None) -> bool:
    """Does an actor's title fit a description's title word?"""
    if not actual:
        return wanted in _GENERIC_TITLES
    a = actual.lower()
    w = wanted.lower()
    if w in _GENERIC_TITLES:
        return any(x in a for x in ("president", "prime minister", "leader", "king", "chancellor", "emir", "head", "chief", "premier", "minister", "ceo", "chief executive"))
    return w in a or a in w
