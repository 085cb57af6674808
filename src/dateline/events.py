"""Extract event mentions: who did what to whom, when, and who says so.

A rule-based coder in the PETRARCH tradition, without a parser: for each sentence of
the kept segments it

1. finds event triggers from a verb/noun lexicon (``resources/event_verbs.csv``:
   pattern -> event_type, CAMEO code, PLOVER type + mode); unknown verbs give no event;
2. finds actors with ``ActorIndex`` (names, groups, descriptions, pronouns) and
   resolves pronouns and descriptions against the discourse so far ("both sides": the
   pair last seen in a dyadic event; an unresolved group noun such as "the workers" is
   the group itself);
3. picks source (clause subject, or the "by" agent of a passive) and targets (the
   object, coordinated objects give one dyadic event each);
4. finds attribution ("X said", "according to X", "X quoted Y as saying", "it added";
   in "X accused Y of ... and said" the speaker is X, the subject, never the object Y)
   and modality (negation, "will", "may", "planned", governing verbs such as
   "refused to"), which lowers confidence but keeps the mention;
5. dates each mention with ``dating.date_event`` on the trigger and sentence spans.

CAMEO convention: a future or planned cooperative act is coded as an intent to
cooperate (03, PLOVER AGREE) and a planned hostile act as a threat (13, THREATEN);
the ``event_type`` still names the act ("merge", "attack").
"""

from __future__ import annotations

import csv
import re
import time
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources as _res
from typing import Iterable

from . import dating, timex_lex
from .sentences import is_cased as _sentences_cased
from .actors import _DETS, _DYAD_HEADS, _FINITE_AFTER_NAME, _PARTITIVE_HEADS, _headline_like, _STOP_CAPS, ActorIndex, ActorMatch, Token, person_gender, resources, tokenize
from .models import Article, Mention, Segment, Timex

__all__ = ["extract", "Lexeme", "lexicon", "sentence_events"]

# --------------------------------------------------------------------------- lexicon

_IRREGULAR = {
    "speak": ["spoke", "spoken"], "hold": ["held"], "meet": ["met"], "tell": ["told"], "give": ["gave", "given"],
    "take": ["took", "taken"], "fight": ["fought"], "shoot": ["shot"], "strike": ["struck", "stricken"],
    "bring": ["brought"], "send": ["sent"], "say": ["said"], "begin": ["began", "begun"],
    "withdraw": ["withdrew", "withdrawn"], "break": ["broke", "broken"], "sell": ["sold"], "seek": ["sought"],
    "beat": ["beaten"], "blow": ["blew", "blown"], "freeze": ["froze", "frozen"], "forgive": ["forgave", "forgiven"],
    "lead": ["led"], "go": ["went", "gone"], "buy": ["bought"], "pay": ["paid"], "make": ["made"], "win": ["won"],
    "lose": ["lost"], "keep": ["kept"], "leave": ["left"], "rise": ["rose", "risen"], "forbid": ["forbade", "forbidden"],
    "undertake": ["undertook", "undertaken"], "overrun": ["overran"], "retake": ["retook", "retaken"],
    "swear": ["swore", "sworn"], "drive": ["drove", "driven"], "throw": ["threw", "thrown"], "stand": ["stood"],
    "catch": ["caught"], "find": ["found"], "flee": ["fled"], "wear": ["wore", "worn"], "tear": ["tore", "torn"],
    "shut": ["shut"], "cut": ["cut"], "put": ["put"], "set": ["set"], "hit": ["hit"], "quit": ["quit"],
    "bid": ["bid"], "broadcast": ["broadcast"], "do": ["did", "done"], "be": ["was", "were", "been", "is", "are", "am"],
    "have": ["had", "has"], "draw": ["drew", "drawn"], "see": ["saw", "seen"], "write": ["wrote", "written"],
    "rebuild": ["rebuilt"], "build": ["built"], "feel": ["felt"], "think": ["thought"], "teach": ["taught"],
    "lay": ["laid"], "wake": ["woke"], "ride": ["rode"], "slay": ["slew", "slain"], "fly": ["flew", "flown"],
    "bear": ["bore", "borne"], "gun": ["gunned"], "sue": ["sued"], "ring": ["rang", "rung"],
    "dial": ["dialled", "dialling"],
}
#: every irregular past form ("put" of "place|put under house arrest", whose lemma is "place")
_IRREGULAR_FORMS = frozenset(f for forms in _IRREGULAR.values() for f in forms if not f.endswith("ing"))
_VOWELS = "aeiou"


def verb_forms(lemma: str) -> set[str]:
    """Inflected forms of an English verb (over-generating is harmless)."""
    v = lemma
    forms = {v}
    forms.update(_IRREGULAR.get(v, []))
    if v.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(v + "es")
    elif v.endswith("y") and len(v) > 1 and v[-2] not in _VOWELS:
        forms.add(v[:-1] + "ies")
    else:
        forms.add(v + "s")
    if v.endswith("e"):
        forms.update({v + "d", (v[:-1] + "ing") if not v.endswith(("ee", "ye", "oe")) else v + "ing"})
        if v.endswith("ie"):
            forms.add(v[:-2] + "ying")
    elif v.endswith("y") and len(v) > 1 and v[-2] not in _VOWELS:
        forms.update({v[:-1] + "ied", v + "ing"})
    else:
        forms.update({v + "ed", v + "ing"})
        if len(v) >= 3 and v[-1] not in _VOWELS + "wxy" and v[-2] in _VOWELS and v[-3] not in _VOWELS:
            forms.update({v + v[-1] + "ed", v + v[-1] + "ing"})
    return forms


def noun_forms(noun: str) -> set[str]:
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return {noun, noun + "es"}
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in _VOWELS:
        return {noun, noun[:-1] + "ies"}
    return {noun, noun + "s"}


@dataclass(slots=True)
class Lexeme:
    """One lexicon entry: a (multi-)word trigger pattern and its codes."""

    words: list[frozenset[str]]  # alternatives per position, inflected
    pos: str  # verb | noun | phrase
    event_type: str
    cameo: str
    plover_type: str | None
    plover_mode: str | None
    flags: frozenset[str]
    armed: tuple[str, str | None, str | None] | None = None
    lemma: str = ""

    @property
    def size(self) -> int:
        return len(self.words)


@dataclass(frozen=True, slots=True)
class Lexicon:
    by_first: dict[str, list[Lexeme]]


def _read_rows(name: str) -> list[dict]:
    text = _res.files("dateline.resources").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load ``resources/event_verbs.csv`` into a first-word index."""
    by_first: dict[str, list[Lexeme]] = {}
    for r in _read_rows("event_verbs.csv"):
        parts = [p.split("|") for p in r["pattern"].split()]
        pos = r["pos"]
        words: list[frozenset[str]] = []
        for k, alts in enumerate(parts):
            forms: set[str] = set()
            for a in alts:
                if pos == "verb" and k == 0:
                    forms |= verb_forms(a)
                elif pos == "noun" and k == len(parts) - 1:
                    forms |= noun_forms(a)
                elif pos == "phrase" and k == 0 and a == "be":
                    forms |= verb_forms("be")
                elif pos == "verb" and k > 0 and len(parts) > 1:
                    forms |= noun_forms(a) if a not in _PARTICLES else {a}
                else:
                    forms.add(a)
            words.append(frozenset(forms))
        flags = {f for f in (r["flags"] or "").split(";") if f}
        armed = None
        for f in list(flags):
            if f.startswith("armed="):
                c, t, m = (f.split("=", 1)[1].split(":") + ["", ""])[:3]
                armed = (c, t or None, m or None)
                flags.discard(f)
        lx = Lexeme(words, pos, r["event_type"], r["cameo"], r["plover_type"] or None, r["plover_mode"] or None, frozenset(flags), armed, parts[0][0])
        for w in words[0]:
            by_first.setdefault(w, []).append(lx)
    for lst in by_first.values():
        lst.sort(key=lambda lx: -lx.size)
    return Lexicon(by_first)


_MONTH_WORDS = frozenset(["march", "may"])
_ADJ_PARTICIPLES = frozenset(["alleged", "suspected", "wanted", "banned", "detained", "jailed", "disputed", "occupied", "besieged",
                              "captured", "kidnapped", "abducted", "imprisoned", "exiled"])
#: Verbs "back" is a particle of: "send them back", "win back customers", "scaled back plans".
_BACK_VERBS = frozenset("""come came go went turn turned send sent bring brought hit fight fought pull pulled step stepped
    get got getting fall fell hold held call called win won winning wins take took taken push pushed scale scaled cut
    look looked give gave pay paid write wrote bounce bounced set sit talk talked roll rolled play played claw clawed
    buy bought move moved put""".split())
_PRONOUN_WORDS = frozenset("him her them it us me you his their its".split())
_INTRO_WORDS = frozenset("in on at after before during following since while when as despite amid with under by upon".split())
_PARTITIVE = frozenset(
    """one two three four five six seven eight nine ten third quarter half some many most all members leaders
    thousands hundreds dozens tens scores part rest group groups supporters units remnants majority number
    representatives delegation delegations spokesman spokeswoman spokesperson head chief officials soldiers troops
    fighters officers commanders""".split()
) | _PARTITIVE_HEADS  # ("columns of", "convoy of": the actors' sentence-opening partitives)
_PARTICLES = frozenset("to with on upon for off down up out over by in at against from of about".split())

# --------------------------------------------------------------------------- word classes

_BE = frozenset("is are was were be been being am".split())
_GET = frozenset("get gets got gotten getting".split())
_DET_NOUN = frozenset("a an the this that these those his her its their our any no new fresh further first second another several".split())
_MODAL_PLANNED = frozenset("will would 'll shall".split())
_MODAL_POSSIBLE = frozenset("may might could can".split())
_NEG = frozenset("not n't never no neither nor".split())
_PLAN_VERBS = frozenset(
    """plan plans planned planning intend intends intended expect expects expected aim aims aimed set going want wants
    wanted hope hopes hoped seek seeks sought prepare prepares prepared preparing ready willing decide decides decided
    propose proposes proposed scheduled due likely able""".split()
)
_FAIL_VERBS = frozenset("fail fails failed failing refuse refused refuses refusing decline declined declines unable".split())
_CLAUSE_BREAK_WORDS = frozenset("that which who whom whose while whereas although though because but if unless when after before since as where".split())
_PREPS_NOT_SUBJECT = frozenset("in of from with to against on at by for into near over under about within between among without despite "
                                "outside inside around behind beyond across through towards toward".split())
_LIGHT_VERBS = frozenset(
    """launch launched launches launching hold held holds holding stage staged stages staging mount mounted
    conduct conducted conducts carry carried carries impose imposed imposes imposing initiate initiated initiating
    begin began begins begun start started starts make made makes have had has give gave given deliver delivered
    issue issued issues file filed files lodge lodged announce announced order ordered declare declared
    sign signed reach reached conclude concluded end ended lead led led continue continued continuing
    strike struck strikes striking
    step stepped escalate escalated resume resumed intensify intensified call called calls
    open opened opens opening""".split()
)
_REPORT_VERBS = {}
for _lemma in "say tell report state add announce confirm claim insist note write tweet post explain disclose reveal quote".split():
    for _f in verb_forms(_lemma):
        _REPORT_VERBS[_f] = _lemma
_REPORT_VERBS.pop("post", None)
_REPORT_WORDS = frozenset(_REPORT_VERBS)
#: reporting verbs that are also nouns or adjectives ("state media", "the report")
_NOUN_LIKE_REPORTS = frozenset(["states", "state", "post", "note", "notes", "report", "quote", "claim", "claims", "add"])
#: words that open what a reporting verb reports ("states that", "claimed the attack was")
_REPORTED_OPENERS = frozenset("""that the a an this these those it its he she they we his her their there no
    in on at to also again earlier later clearly firmly publicly explicitly repeatedly""".split())
_DEMAND_WORDS = frozenset(["must", "should"])
_SPEECH_WORDS = _REPORT_WORDS | _DEMAND_WORDS  # a reporting verb or a demand
_QUOTES_OPEN = frozenset("“\"‘«")
_QUOTES_CLOSE = frozenset("”\"’»")
_HAZARDS = frozenset(
    """storm storms hurricane typhoon cyclone tornado earthquake quake flood floods flooding wildfire wildfires fire
    blizzard tsunami landslide mudslide drought heatwave snowstorm ice-storm aftershock aftershocks tremor tremors
    avalanche eruption""".split()
)
_DOC_NOUNS = {
    "ruling": "rule", "verdict": "rule", "decision": "rule", "judgment": "rule", "judgement": "rule",
    "report": "statement", "statement": "statement", "findings": "investigate", "results": "statement",
    "video": "statement", "videos": "statement", "audio": "statement", "message": "statement",
    "messages": "statement", "footage": "statement", "recording": "statement", "images": "statement",
    "photos": "statement", "document": "statement", "documents": "statement", "figures": "statement",
    "data": "statement", "details": "statement", "transcript": "statement",
}
_PHONE_CUE = re.compile(r"\b(?:tele)?phon(?:e|ed|es|ing)\b|\bcall(?:s|ed)?\b|\b(?:rang|dial(?:l)?ed)\b|\bvideo ?(?:link|call|conference)\b", re.I)
_INPERSON_CUE = re.compile(r"\b(?:met|meet|meeting|visit\w*|summit|arriv\w*|hosted|in person|face-to-face)\b", re.I)
_CONSULT_TYPES = frozenset("meeting phone_call negotiate sign_agreement agree mediate visit host cooperate".split())
_SYMMETRIC = frozenset("meeting meet phone_call negotiate sign_agreement agree merge cooperate fight diplomatic_ties".split())
#: Commitments of the "agree" type that each party makes on its own: "both countries promised to
#: send troops" is two promises, not an agreement between the two.
_ONE_SIDED = frozenset("offer promise pledge vow swear commit volunteer".split())
_COOP_INTENT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
_FORCE_ROOTS = frozenset(["15", "16", "17", "18", "19", "20"])
_HOSTILE_THREAT = {"14": "133", "15": "138", "16": "131", "17": "132", "18": "138", "19": "138", "20": "138"}
#: The last word of an armed group's name.
_ARMED_NAME = re.compile(r"\b(?:Forces|Army|Militia|Brigades?|Guards?|Battalions?|Rebels|Fighters)$")
_ARMED_WORDS = re.compile(r"militar|armed|army|militia|paramilit|mercenar|rebel|troop|soldier|forces|fighters|guerr|insurg|milit", re.I)


# --------------------------------------------------------------------------- data


@dataclass(slots=True)
class Trigger:
    i: int  # first token index
    j: int  # one past last token index
    lex: Lexeme
    pos: str  # verb | noun
    passive: bool = False
    reduced: bool = False  # a passive participle after its noun ("the pilots killed during ...")
    cameo: str = ""
    plover_type: str | None = None
    plover_mode: str | None = None
    event_type: str = ""
    embedded_by: "Trigger | None" = None
    modality: str = "asserted"
    child: "Trigger | None" = None  # the event a control verb governs
    subordinate: bool = False  # purpose / manner clause of an earlier event
    antecedent: "Mention | None" = None  # "the deal": the event of this type already reported
    conditional: bool = False  # in an "if" clause: possible, but coded as itself (no intent code)
    by_participle: bool = False  # "a loan backed by profits": a participle after its noun, agent after "by"


@dataclass(slots=True)
class Entity:
    """A resolved actor occurrence in the discourse history."""

    name: str
    kind: str
    country: str | None
    title: str | None
    sent: int
    tok: int
    role: str  # subj | obj | reporter | other
    plural: bool = False
    group: tuple[str, ...] = ()
    word: str = ""  # the group noun it was named with ("officer" of "Gabonese military officers")


@dataclass
class Discourse:
    """Who has been mentioned so far in an article, for pronouns and descriptions."""

    index: ActorIndex
    history: list[Entity] = field(default_factory=list)
    groups: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)  # (sent, names)
    reporters: list[tuple[int, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    last_phone: dict[str, int] = field(default_factory=dict)
    last_by_type: dict[str, Mention] = field(default_factory=dict)
    dyads: list[tuple[int, str, str, str]] = field(default_factory=list)  # (sent, a, b, event_type)

    def add(self, e: Entity) -> None:
        self.history.append(e)
        self.counts[e.name] = self.counts.get(e.name, 0) + 1

    def resolve(self, m: ActorMatch, sent: int, tok: int, exclude: set[str], local: list[Entity]) -> list[str]:
        """Names a pronoun/description refers to ([] when unknown)."""
        pool = self.history + [e for e in local if e.tok < tok]
        if m.form == "pronoun":
            low = m.name.lower()
            case = m.extra.get("case")
            if m.plural:
                return self._plural(sent, pool, exclude)
            if low in ("it", "its"):
                if m.extra.get("reporting_subject"):  # "..., it added": the last reporter
                    for s_, name in reversed(self.reporters):
                        if sent - s_ <= 3:
                            return [name]
                cands = [e for e in pool if e.kind not in ("person", "description", "pronoun") and not e.plural and e.name not in exclude]
                return [self._best(cands, sent, prefer_subject=case == "subj")] if cands else []
            cands = [e for e in pool if e.kind == "person" and e.name not in exclude]
            gender = _PRONOUN_GENDER.get(low)
            agree: set[str] = set()
            if gender is not None:  # "she" is no known man, "he" no known woman
                known = {e.name: person_gender(e.name) for e in cands}
                # (a name-list error must not leave a pronoun without its only antecedent)
                cands = [e for e in cands if known[e.name] in (None, gender)] or cands
                if gender == "f":  # news is mostly about men: a known woman is a likelier "she" than an unknown name
                    agree = {n for n, g in known.items() if g == "f"}
            if not cands:
                return []
            return [self._best(cands, sent, prefer_subject=case in ("subj", "poss"), prefer=agree)]
        # description
        if m.extra.get("dyad"):
            return self._dyad(m.extra["dyad"], exclude)
        if m.plural and m.extra.get("det") == "the" and m.extra.get("group") in _PEOPLE_HEADS:
            # "the three leaders", "the leaders": the people last named together (that many)
            want = m.extra.get("count")
            for s_, names in reversed(self.groups):
                if sent - s_ > 2:
                    break
                if (want is None or len(names) == want) and not set(names) & exclude and len(names) >= 2 \
                        and all(_fits_dyad(self.index, n, "person") for n in names):
                    return list(names)
        head = m.extra.get("head")
        if m.extra.get("regional"):
            return []  # "West African leaders": a group of its own, not the last leaders named
        if head and " " in m.extra.get("group", "") and head in _VAGUE_HEADS:
            return []  # "rights groups", "aid agencies": a new group named by its modifier, no anaphor
        if head:  # "the ministry", "the company": the latest organisation so named (or of that kind)
            if m.country:  # "the Swedish company": not one of another known country
                pool = [e for e in pool if e.country in (None, m.country)]
            word = head if m.extra.get("det") in ("the", "these", "those") else None  # ("against forces inside Iraq": new ones)
            named = [e for e in pool if e.kind != "person" and (head in e.name.lower() or word == e.word)
                     and e.name not in exclude]
            canon = m.extra.get("canon")
            if not named and canon:  # "the army" after "Sudan's army" (the Sudanese military)
                named = [e for e in pool if e.kind not in ("person", "pronoun", "description") and canon in e.name.lower()
                         and e.name not in exclude]
            if not named and canon == "government":
                head = canon  # "the cabinet": the government, as "the government" would be
            if not named and head in _ORG_HEADS:
                named = [e for e in pool if e.kind in _ORG_HEADS[head] and e.name not in exclude]
                kinds = {e.name: e.kind for e in named}
                if m.plural and head != "group":  # "the companies": the last group of them named together (no one alone)
                    for s_, names in reversed(self.groups):
                        if sent - s_ <= 3 and len(names) >= 2 and all(kinds.get(n) for n in names):
                            return list(names)
                    return []
                if not named and head in _BARE_ORG_HEADS:
                    named = [e for e in pool if e.kind == "actor" and " " not in e.name and person_gender(e.name) is None
                             and e.name not in exclude]
                if not named and head == "ministry":  # "the interior ministry", no ministry named yet: the government's
                    named, head = [e for e in pool if e.kind in _ORG_HEADS["government"] and e.name not in exclude], "government"
                if head == "government":  # "the government": of the story's main country, not the last one named
                    weight: dict[str, int] = {}
                    for e in pool:
                        if e.country:
                            weight[e.country] = weight.get(e.country, 0) + 1
                    top = max(weight, key=lambda c: weight[c]) if weight else None
                    if top and weight[top] >= 2 and not any(e.country == top for e in named):
                        # its people are named ("Iranian President X") but not the country itself
                        country = _country_actor(self.index, top)
                        if country is not None and country not in exclude:
                            return [country]
                    if named:
                        return [max(named, key=lambda e: (weight.get(e.country or "", 0), e.sent, e.tok)).name]
            return [max(named, key=lambda e: (e.sent, e.tok)).name] if named else []
        if m.plural or (m.extra.get("det") in ("both",)):
            return self._plural(sent, pool, exclude)
        if m.extra.get("det") in ("its", "their"):
            return []  # "its foreign policy chief": the organisation's officer, no one named here
        cands = [e for e in pool if e.kind == "person" and e.name not in exclude and _fits(m, e)]
        if cands:
            return [self._best(cands, sent, prefer_subject=True)]
        known = [a for a in self.index.candidates(m.title, m.country, "person") if a.name not in exclude]
        if len(known) == 1:
            return [known[0].name]
        return []

    def _dyad(self, kind: str, exclude: set[str]) -> list[str]:
        """"both sides", "the two companies": the pair last seen in a dyadic relation, a
        consultation (meeting, talks, call, agreement) before any other; both members
        must fit the noun ("companies": organisations) and neither be ``exclude``."""
        def fits(name: str) -> bool:
            return _fits_dyad(self.index, name, kind)

        ok = [d for d in self.dyads if d[1] not in exclude and d[2] not in exclude and fits(d[1]) and fits(d[2])]
        consult = [d for d in ok if d[3] in _CONSULT_TYPES]
        mutual = [d for d in consult if d[3] in _SYMMETRIC]  # "met", "agreed": both sides at once
        best = (mutual or consult or ok)[-1:] if ok else []
        return [best[0][1], best[0][2]] if best else []

    def _plural(self, sent: int, pool: list[Entity], exclude: set[str]) -> list[str]:
        best: tuple[int, tuple[str, ...]] | None = None
        for s_, names in self.groups:
            if sent - s_ <= 3 and not set(names) & exclude:
                best = (s_, names)
        local_groups = [e.group for e in pool if e.group and e.sent == sent and not set(e.group) & exclude]
        if local_groups:
            return list(local_groups[-1])
        if best:
            return list(best[1])
        cands = [e for e in pool if e.plural and e.kind != "person" and e.name not in exclude and sent - e.sent <= 2]
        if cands:
            return [cands[-1].name]
        # "The US claimed that they ...": a collective (country, organisation) earlier in the sentence
        coll = [e for e in pool if e.sent == sent and e.kind not in ("person", "pronoun", "description") and e.name not in exclude]
        return [coll[0].name] if coll else []

    def _best(self, cands: list[Entity], sent: int, prefer_subject: bool, prefer: set[str] | frozenset[str] = frozenset()) -> str:
        """The most likely antecedent: recent, a subject (when preferred), often mentioned, in
        ``prefer`` (worth a sentence and a half of distance); the first of equals. (Scores
        computed in one pass, not by a key function per candidate.)"""
        counts = self.counts
        scores = [((sent - e.sent) * 10.0 - e.tok * 0.01 - 8.0 if prefer_subject and e.role == "subj"
                   else (sent - e.sent) * 10.0 - e.tok * 0.01) - min(counts.get(e.name, 0), 5) * 0.5
                  - (15.0 if e.name in prefer else 0.0) for e in cands]
        return cands[scores.index(min(scores))].name


#: The gender a singular personal pronoun agrees with (``actors.person_gender``).
_PRONOUN_GENDER = {**dict.fromkeys(("he", "him", "his", "himself"), "m"),
                   **dict.fromkeys(("she", "her", "hers", "herself"), "f")}

_ORG = ("org", "organisation", "organization", "company")
#: Nouns for a company by its trade ("the iPhone maker", "the airline"); also in org_words.txt.
_TRADE_HEADS = frozenset("maker carmaker automaker manufacturer retailer lender insurer airline giant".split())
_ORG_HEADS = {
    "company": _ORG, "firm": _ORG, "group": _ORG + ("group",), "bank": _ORG, "utility": _ORG, "carrier": _ORG,
    "government": ("gov", "country"), "ministry": ("gov",), "agency": _ORG + ("gov", "igo"),
    "organisation": _ORG + ("igo", "ngo"), "organization": _ORG + ("igo", "ngo"), "union": _ORG,
    "court": _ORG + ("court",), "newspaper": ("media",), "broadcaster": ("media",), "bloc": ("igo",),
    **{h: _ORG for h in _TRADE_HEADS},
}
#: Heads that may also name a lone capitalised word the text confirmed as a name ("Apple
#: said ..., the company said"): its kind is unknown, and no organisation is named.
_BARE_ORG_HEADS = frozenset(["company", "firm", "group"]) | _TRADE_HEADS


def _fits(m: ActorMatch, e: Entity) -> bool:
    if m.country and e.country and m.country != e.country:
        return False
    if m.country and not e.country:
        return False
    title = (m.title or "").lower()
    et = (e.title or "").lower()
    if title in ("leader", "chief", "head", "colleague", "counterpart", "ally", ""):
        return True
    return title in et or (et and et in title)


# --------------------------------------------------------------------------- trigger finding


def _positions(lows: list[str], words: frozenset[str]) -> list[int]:
    """Indices of the words of ``lows`` that are in ``words``, in order. A sentence holds
    few of them: found with set and list searches instead of a loop over every word."""
    out: list[int] = []
    for w in words.intersection(lows):
        k = -1
        for _ in range(lows.count(w)):
            k = lows.index(w, k + 1)
            out.append(k)
    out.sort()
    return out


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    """Words that may open a trigger pattern."""
    return frozenset(lexicon().by_first)


def _find_triggers(toks: list[Token], blocked: set[int] | frozenset[int], lows: list[str],
                   starts: list[int] | None = None) -> list[Trigger]:
    """Lexicon matches in the sentence (``lows``: its tokens' lower-cased words), longest first.
    ``starts``: ``_positions(lows, _trigger_words())`` when the caller has it already."""
    lex = lexicon()
    found: list[Trigger] = []
    taken: set[int] = set()
    cands: list[tuple[int, int, int, Lexeme, list[int]]] = []
    by_first = lex.by_first
    for i in starts if starts is not None else _positions(lows, _trigger_words()):
        if i in blocked:
            continue
        t = toks[i]
        lxs = by_first[lows[i]]
        if not t.word:
            continue
        if t.lower in _MONTH_WORDS and ((t.cap and i > 0) or (i + 1 < len(toks) and toks[i + 1].text[:1].isdigit())):
            continue  # "in March", "march 15": the month
        if t.cap and i > 0 and _inside_name(toks, i):
            continue  # "at State House", "the Attack Helicopter Unit": part of a name
        for lx in lxs:
            n_words = len(lx.words)
            span = [i] if n_words == 1 else _match_pattern(toks, i, lx, blocked)  # one word: matched
            if span is not None and n_words > 1 and lows[span[-1]] == "as" and _clause_after(toks, span[-1] + 1):
                continue  # "attacked Kyiv as Zelensky met Biden": "as" opens a clause, no "branded ... as"
            if span is not None:
                cands.append((-n_words, i, span[-1] + 1, lx, span))
    cands.sort(key=lambda c: (c[0], c[1]))
    for _, i, j, lx, span in cands:
        if any(k in taken for k in span):
            continue
        pos = _pos_of(toks, i, lx)
        if pos is None:
            continue
        taken.update(span)
        tr = Trigger(i, j, lx, pos, cameo=lx.cameo, plover_type=lx.plover_type, plover_mode=lx.plover_mode, event_type=lx.event_type)
        found.append(tr)
    found.sort(key=lambda tr: tr.i)
    return found


def _clause_after(toks: list[Token], k: int) -> bool:
    """Does a clause open at ``k``: a name or "the"/"its" noun, then a finite verb within three
    words ("as Zelensky met", "as the talks resumed"; not "as reckless", "as a betrayal")?"""
    if k >= len(toks) or not (toks[k].cap and toks[k].word or toks[k].lower in ("the", "its", "his", "her", "their")):
        return False
    return any(_past_form(t.lower) or t.lower in _FINITE_AFTER_NAME for t in toks[k + 1 : k + 4])


def _inside_name(toks: list[Token], i: int) -> bool:
    """Is the capitalised word ``toks[i]`` (not the sentence's first) part of a proper
    name: another capitalised word right before or after it, in mixed-case text (an
    all-capitals word or neighbour says nothing: headlines, shouting, acronyms)?"""
    t = toks[i]
    if t.text.isupper() or toks[i - 1].text in ("“", '"', "‘", "'", "(", "—", "–", "-", ":"):
        return False  # a quotation or parenthesis opens with a capital

    def cap_word(k: int) -> bool:
        return 0 <= k < len(toks) and toks[k].cap and toks[k].word and not toks[k].text.isupper()

    return cap_word(i + 1) or (i - 1 > 0 and cap_word(i - 1))


def _match_pattern(toks: list[Token], i: int, lx: Lexeme, blocked: set[int]) -> list[int] | None:
    span = [i]
    k = i + 1
    gap_max = 0 if lx.pos == "noun" else 5
    for alts in lx.words[1:]:
        gap = 0
        # a phrasal particle ("call on", "speak with") allows one lower-case adverb at most
        limit = 1 if alts <= _PARTICLES else gap_max
        while k < len(toks):
            w = toks[k]
            if w.lower in alts and k not in blocked:
                break
            if not w.word and w.text not in ("%", "-") and w.key != "'s" or gap >= limit \
                    or w.lower in ("that", "and", "but", "to") and "to" not in alts:
                return None  # ("imposed 50% tariffs", "a 30-day ceasefire": a figure may stand between)
            if limit == 1 and (w.cap or w.lower in _PRONOUN_WORDS):
                return None
            gap += 1
            k += 1
        else:
            return None
        span.append(k)
        k += 1
    return span


#: Prepositions after which a trigger word without "-ing" is a noun ("weeks of protests"), not a verb.
_PREPS_BEFORE_NOUN = (_PREPS_NOT_SUBJECT - {"to"}) | frozenset("after before amid during following including".split())
_VERBY_PREV = frozenset("to will would 'll shall may might could can did does do not n't never also have has had be been being is are was were they he she it we".split())


def _under(toks: list[Token], i: int) -> bool:
    """"under arrest", "under house arrest" (not "under a deal"): the word at ``i`` is a state
    its clause's subject is in."""
    return i >= 1 and toks[i - 1].lower == "under" or i >= 2 and toks[i - 2].lower == "under" \
        and toks[i - 1].word and not toks[i - 1].cap and toks[i - 1].lower not in _DET_NOUN


_POSSESSIVE_DETS = frozenset("his her its their our my your".split())
#: Verbs that name what their object is ("calling it a step back"): a pronoun object there is a thing.
_CALL_WORDS = frozenset(["call", "called", "calls", "calling"])
_NAMING_VERBS = _CALL_WORDS | frozenset("describing described describes branding branded labelling labeling labelled "
                                        "labeled terming termed dubbing dubbed".split())
_LOCATIVE_PREPS = frozenset("in inside at near outside into from to".split())
#: A verb whose particle makes it another verb, none of the lexicon's ("swear in": inaugurate).
_OTHER_SENSE_PARTICLE = {"swear": "in"}


#: Words opening a phrase entry that are nouns ("charges of"): after a preposition the phrase
#: only qualifies another event.
_NOUN_PHRASE_OPENERS = frozenset(["charges"])


#: Participles whose object is an event noun ("sparking protests", "triggering clashes").
_CAUSATIVES = frozenset("sparking sparked triggering triggered prompting prompted provoking provoked causing fuelling "
                        "fueling igniting ignited unleashing unleashed".split())
def _after_causative(toks: list[Token], i: int) -> bool:
    """Does a causative participle stand before ``toks[i]``, with at most two lower-case words
    between ("sparking deadly protests")?"""
    for k in range(i - 1, max(-1, i - 4), -1):
        if toks[k].lower in _CAUSATIVES:
            return True
        if not toks[k].word or toks[k].cap:
            return False
    return False


_CREW_WORDS = frozenset("team teams unit units squad squads crew crews".split())


def _actor_head(t: Token) -> bool:
    """Is ``t`` a lower-case noun naming who acts (a group or title noun, "teams", "crews")?"""
    if not t.word or t.cap:
        return False
    if t.lower in _CREW_WORDS:
        return True
    r = resources().roles.get((t.key,))
    return r is not None and r.role in ("group", "title")


#: Endings of adjectives ("constitutional", "public"... not "-ent": "president"), for a noun
#: use of a verb's base form after "the <adjective>".
_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ary", "ful", "less")
#: Verbs whose noun after an adjective names a state of things, not an act ("the constitutional
#: order", "law and order"). Only these: "the naval blockade" is still the clause subject's act
#: (measured: reading it as a bare noun lost NATO as its source on PLOVER GSR).
_STATE_NOUNS = frozenset(["order"])


def _pos_of(toks: list[Token], i: int, lx: Lexeme) -> str | None:
    """Decide whether a matched word is used as the lexeme's part of speech."""
    prev = toks[i - 1].lower if i > 0 else ""
    w = toks[i].lower
    if lx.pos == "phrase":
        if w in _NOUN_PHRASE_OPENERS and prev in _PREPS_BEFORE_NOUN:
            return None  # "arrested on charges of treason": the arrest's grounds, no act of its own
        return "verb"
    if lx.size == 1 and w == lx.lemma and (i == 0 or prev in _DET_NOUN) and i + 1 < len(toks) \
            and _actor_head(toks[i + 1]):
        return None  # "Rescue teams", "the protest leaders": a modifier of who acts, no event
    if lx.pos == "noun":
        if lx.size > 1:
            return "noun"
        if prev in _VERBY_PREV and prev not in ("have", "has", "had") and not w.endswith("s"):
            return None  # "to attack", "will strike": the verb entry handles it
        return "noun"
    # verb entry
    if lx.size == 1 and _under(toks, i):
        return None  # "under (house) arrest": the noun
    if w in _ADJ_PARTICIPLES and lx.size == 1 and (i == 0 or prev in _DET_NOUN or prev in _PREPS_NOT_SUBJECT
                                                   or prev in ("and", "or", "(")):
        nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
        if nxt not in ("that", "the", "a", "an", "him", "her", "them", "it", "of", "to", "by"):
            return None  # "alleged bombers", "suspected militants"
    if w in _ADJ_PARTICIPLES and lx.size == 1 and i + 1 < len(toks) and (prev in lexicon().by_first or _past_form(prev)) \
            and toks[i + 1].word and not toks[i + 1].cap and toks[i + 1].lower not in _DET_NOUN \
            and toks[i + 1].lower not in _PRONOUN_WORDS and not _past_form(toks[i + 1].lower) \
            and prev not in _BE and prev not in _GET and prev not in ("has", "have", "had") \
            and toks[i + 1].lower not in _PREPS_NOT_SUBJECT and toks[i + 1].lower not in _CLAUSE_BREAK_WORDS:
        return None  # "will release captured soldiers", "freed kidnapped schoolgirls": what is acted on
    if lx.size == 1 and w == lx.lemma and i >= 2 and toks[i - 1].cap and toks[i - 1].word:
        k = i - 1
        while k > 0 and i - k < 4 and toks[k - 1].cap and toks[k - 1].word:
            k -= 1  # "the Fulton County jail"
        if k > 0 and toks[k - 1].lower == "the":
            k -= 1
        if k > 0 and toks[k - 1].lower in _LOCATIVE_PREPS:
            return None  # "inside Adiala jail", "at the Fulton County jail": a place
    if lx.size == 1 and i + 1 < len(toks) and toks[i + 1].lower == _OTHER_SENSE_PARTICLE.get(lx.lemma):
        return None  # "was sworn in": took office, promised nothing
    if lx.lemma == "return" and i + 1 < len(toks) and toks[i + 1].lower == "as":
        return None  # "will return as prime minister": takes office again, gives nothing back
    if lx.lemma == "back" and (prev in _PRONOUN_WORDS or prev.endswith(("ed", "ing")) or prev in _BACK_VERBS
                               or prev[-1:] == "s" and (prev[:-1] in _BACK_VERBS or prev[:-2] in _BACK_VERBS)):
        return None  # "send them back", "hit back", "turned back": a particle
    if lx.size == 1 and prev in _PREPS_BEFORE_NOUN and not w.endswith("ing"):
        return None  # "after weeks of protests", "amid attacks": a noun (the noun entry codes it)
    if lx.size == 1 and w.endswith("s") and not w.endswith("ss") and _after_causative(toks, i):
        return None  # "sparking deadly protests", "prompting fresh clashes": plural nouns
    if lx.size == 1 and (prev in _QUANTITY_WORDS or prev.isdigit()) and w.endswith("s") and not w.endswith("ss"):
        return None  # "held two calls with", "three attacks": plural nouns (not "the 22 attack", a date)
    if lx.size > 1 and w.endswith(("ed", "en")) and w != lx.lemma and prev in _ADJECTIVE_SLOT:
        return None  # "profits from frozen Russian assets": a participle before its noun, no freezing now
    if lx.size == 1 and prev in _POSSESSIVE_DETS and w.endswith("ed") and i + 1 < len(toks) and toks[i + 1].word \
            and toks[i + 1].lower not in _PREPS_BEFORE_NOUN and toks[i + 1].lower not in _DET_NOUN:
        return None  # "his threatened tariffs": an adjective
    if lx.size == 1 and w.endswith("ed") and prev in ("a", "an", "the") and i + 1 < len(toks) and toks[i + 1].word \
            and not toks[i + 1].cap and toks[i + 1].lower not in _DET_NOUN and toks[i + 1].lower not in _PREPS_NOT_SUBJECT \
            and toks[i + 1].lower not in ("and", "or", "that", "which", "who"):
        return None  # "the announced result", "an agreed text": a participle before its noun
    if lx.size == 1 and w == lx.lemma and i >= 2 and toks[i - 2].lower in ("a", "an", "the") and prev.endswith("ed") \
            and prev not in _VERBY_PREV and (i + 1 >= len(toks) or toks[i + 1].lower not in _DET_NOUN):
        return None  # "a planned attack", "the alleged attack": a participle before a noun
    if lx.size == 1 and w == lx.lemma and i >= 2 and w in _STATE_NOUNS and (
            toks[i - 2].lower in _DET_NOUN and prev.endswith(_ADJECTIVE_ENDINGS) and not toks[i - 1].cap
            or prev == "and" and toks[i - 2].lower == "law"):
        return None  # "the constitutional order", "law and order": a noun after an adjective
    if lx.size == 1 and w == lx.lemma and i >= 2 and toks[i - 2].lower in _POSSESSIVE_DETS and toks[i - 1].word \
            and not toks[i - 1].cap and prev not in _VERBY_PREV and not prev.endswith("s") \
            and any(x.pos == "noun" and x.size == 1 for x in lexicon().by_first.get(w, ())):
        return None  # "demanded his immediate release": a noun after its possessor's adjective (the noun entry codes it)
    if lx.size == 1 and (prev in _DET_NOUN or prev == "'s") and not w.endswith(("ed",)):
        if w not in _IRREGULAR.get(lx.lemma, []):
            return None  # "the attack", "a call": noun use
    return "verb"


# --------------------------------------------------------------------------- sentence processing


@dataclass(slots=True, eq=False)  # compared by identity ("a not in sources"): one per mention
class ActorTok:
    m: ActorMatch
    i: int  # first token
    j: int  # one past last token
    names: list[str]  # resolved canonical names ([] unresolved)
    in_pp: str | None = None  # preposition governing it
    attrib: bool = False
    gap_of: int = -1  # first token of the trigger it stands inside ("put Bongo under house arrest")


@dataclass(slots=True)
class Attribution:
    reporter: list[str]
    lemma: str
    relayed: str | None
    i: int  # token span of the attribution clause (masked for source/target search)
    j: int
    verb_i: int
    pre: bool  # reporting clause precedes the reported content


def sentence_events(
    text: str, s0: int, s1: int, index: ActorIndex, disc: Discourse, sent_no: int
) -> list[dict]:
    """Events of one sentence as dicts (codes, actors, trigger span, modality, reporter)."""
    toks = tokenize(text, s0, s1)
    _CS_MEMO.clear()  # clause starts and ends are memoised per sentence (keyed by this token list)
    _CE_MEMO.clear()
    if not toks:
        return []
    lows = [t.lower for t in toks]  # the words, for quick tests of cue words over the sentence
    if not _may_have_events(lows):  # nothing to code: only keep who was named (names only: fast)
        _remember_names(toks, _actor_tokens(text, s0, s1, toks, index, refs=False), index, disc, sent_no)
        return []
    speech = not _SPEECH_WORDS.isdisjoint(lows)
    trigs = starts = None
    if not speech and not index.lowercase_doc:
        # no reporting verb and no trigger even before actor names block words (names only
        # ever block triggers): nothing to code either, and no need to resolve references
        starts = _positions(lows, _trigger_words())
        trigs = _find_triggers(toks, _NOTHING, lows, starts)
        if not trigs:
            _remember_names(toks, _actor_tokens(text, s0, s1, toks, index, refs=False), index, disc, sent_no)
            return []
    ats = _actor_tokens(text, s0, s1, toks, index)
    blocked = {k for a in ats if (a.m.ref is None or a.m.form == "description") and not (
        a.j - a.i == 1 and a.m.form == "description" and lows[a.i] in _complement_words()) for k in range(a.i, a.j)}
    if trigs is None or blocked:
        trigs = _find_triggers(toks, blocked, lows, starts)
    if not trigs and not speech:
        _remember_names(toks, ats, index, disc, sent_no)  # nothing to code: only keep who was named
        return []
    _bare_name_subjects(toks, ats, trigs, index, lows)
    _bare_name_objects(toks, ats, trigs, index)
    _bare_name_opening(toks, ats, index)
    for tr in trigs:
        if "gap_target" in tr.lex.flags:  # the one named inside it is its target, no other's
            for a in ats:
                if tr.i < a.i and a.j < tr.j:
                    a.gap_of = tr.i
    trigs.extend(_must_demands(toks, ats, trigs, lows))
    trigs.sort(key=lambda tr: tr.i)
    trigs = _drop_echoes(toks, trigs)
    for a in ats:  # names resolve to themselves; "A and B" share a preposition
        if a.m.ref is None or a.m.ref == "demonym":
            a.names = [a.m.name]
    _mark_relative_clauses(toks, ats, lows)
    coord = _coordinations(ats, toks)
    for grp in coord:  # "with Shoigu and Gerasimov": the preposition governs both
        for a in grp[1:]:
            a.in_pp = a.in_pp or grp[0].in_pp
    named_groups = [tuple(n for a in grp for n in a.names) for grp in coord]
    attribs = _attributions(toks, ats, trigs, blocked, lows)
    local = _resolve_refs(toks, ats, attribs, named_groups, index, disc, sent_no)
    _dyads_from_this_sentence(ats, coord, index)
    _finish_attributions(ats, attribs, toks)
    for grp in _coordinations(ats, toks):  # groups again, now with resolved pronouns
        names = tuple(n for a in grp for n in a.names)
        if len(names) >= 2:
            disc.groups.append((sent_no, names))
            for e in local:
                if e.name in names and e.sent == sent_no:
                    e.group = names
    _mark_embedding(toks, trigs)
    report_verbs = {at.verb_i for at in attribs if at.reporter}  # (an unresolved speaker: the verb is coded alone)
    out: list[dict] = []
    coded: list[tuple[Trigger, str]] = []  # verb triggers coded so far, with their modality
    for tr in trigs:
        if tr.i not in report_verbs:  # an attribution verb is coded below as the speaker's statement
            evs = _code_event(text, toks, tr, ats, attribs, disc, sent_no, index, _purpose_of(toks, tr, coded))
            if evs and tr.pos == "verb" and _first_person(toks, tr.i):
                for ev in evs:  # '"I concede," X said': X's act, once X is known as the speaker
                    ev["extra"]["first_person"] = True  # (also when a name before "I" was taken as its subject)
            out.extend(evs)
            if evs and tr.pos == "verb":
                coded.append((tr, evs[0]["modality"]))
    out.extend(_speaker_events(toks, attribs, out, index, ats))
    _update_discourse(disc, local, attribs, out, sent_no)
    return out


_NOTHING: frozenset[int] = frozenset()


def _reporter_itself(toks: list[Token], a: ActorTok, attribs: list[Attribution], index: ActorIndex) -> list[str] | None:
    """"The air force said it had shot down ...", "the ministry said they would ...": "it" or
    "they" right after an organisation's reporting verb (and "that") is that organisation."""
    w = toks[a.i].lower
    if w not in ("it", "they"):
        return None
    k = a.i - 1 - (a.i >= 2 and toks[a.i - 1].lower == "that")
    while w == "it" and k > 0 and a.i - k <= 5 and (toks[k].lower in _TIME_ADJUNCT_WORDS
                                                   or toks[k].lower in ("on", "late", "early", "last", "this")):
        k -= 1  # "said on Friday it had ..." ("they" after a time: maybe the plural named before)
    for at in attribs:
        if at.verb_i == k and at.pre and at.reporter and at.verb_i < a.i:
            act = index.actor(at.reporter[0])
            if act is not None and act.kind not in ("person", "media"):
                return [at.reporter[0]]
    return None


def _dyads_from_this_sentence(ats: list[ActorTok], coord: list[list[ActorTok]], index: ActorIndex) -> None:
    """"A and B met ..., and X said both sides had agreed": a pair description that the
    discourse could not resolve (the pair is recorded after its sentence) takes the two
    coordinated names before it in the same sentence, when they fit the noun."""
    for a in ats:
        kind = a.m.extra.get("dyad")
        if not kind or a.names:
            continue
        for grp in reversed(coord):
            names = [n for g in grp for n in g.names]
            if grp[-1].j <= a.i and len(names) == 2 and len(set(names)) == 2 and all(
                    _fits_dyad(index, n, kind) for n in names):
                a.names = names
                break


#: Plural nouns for people a "the (three)" refers back to as the group named before.
_PEOPLE_HEADS = frozenset(h for h, kind in _DYAD_HEADS.items() if kind == "person") - {"men", "women"}


def _fits_dyad(index: ActorIndex, name: str, kind: str) -> bool:
    """Can ``name`` be one of "the two <noun>" ("leaders": people, "companies": organisations,
    "governments": states; "sides": anyone)?"""
    act = index.actor(name)
    k = act.kind if act else "person"
    return {"person": k == "person", "org": k not in ("person", "country", "group"),
            "state": k in ("country", "gov")}.get(kind, True)


_FIRST_PERSON_GAP = frozenset("will would 'll shall can could may might must have 've has had 'd am 'm was do did "
                              "not n't never also just now personally hereby therefore".split())


def _first_person(toks: list[Token], i: int) -> bool:
    """Is "I" the subject of the verb at ``toks[i]`` ("I concede", "I will not sign")?"""
    for k in range(i - 1, max(-1, i - 5), -1):
        w = toks[k].lower
        if w == "i":
            return toks[k].text == "I"
        if w not in _FIRST_PERSON_GAP:
            return False
    return False


def _drop_echoes(toks: list[Token], trigs: list[Trigger]) -> list[Trigger]:
    """"will provide ... food aid": the noun restates its verb's event; keep the verb only."""
    out = []
    for tr in trigs:
        echo = tr.pos == "noun" and any(
            v.pos == "verb" and v.event_type == tr.event_type and 0 < tr.i - v.j <= 8
            and not any(t.text in (",", ";") or t.lower in ("and", "but", "that", "which", "who") for t in toks[v.j : tr.i])
            for v in trigs)
        if not echo:
            out.append(tr)
    return out


def _may_have_events(lows: list[str]) -> bool:
    """Could the sentence (its lower-cased words) hold a trigger, a reporting verb or a
    "must" demand? (A word opening a lexicon pattern is needed for any of them.)"""
    return not _event_words().isdisjoint(lows)


@lru_cache(maxsize=1)
def _complement_words() -> frozenset[str]:
    """Words a multi-word trigger pattern ends with after its first ("sent rescuers", "deployed
    troops"): a one-word description there ("rescuers") is the pattern's, not blocking it."""
    return frozenset(w for lxs in lexicon().by_first.values() for lx in lxs if lx.pos != "noun"
                     for alts in lx.words[1:] for w in alts if len(w) > 3)


@lru_cache(maxsize=1)
def _event_words() -> frozenset[str]:
    """Words that may open a trigger pattern, a reporting verb or a "must" demand."""
    return frozenset(lexicon().by_first) | frozenset(_REPORT_VERBS) | frozenset(["must", "should"])


def _actor_tokens(text: str, s0: int, s1: int, toks: list[Token], index: ActorIndex, refs: bool = True) -> list[ActorTok]:
    """Actor mentions of the sentence mapped onto its tokens, appositions merged."""
    ats: list[ActorTok] = []
    found = index.find(text, s0, s1, refs=refs, tokens=toks)
    starts = [t.start for t in toks] if found else []
    for m in found:
        i = bisect_left(starts, m.start)  # its first token
        j = i
        while j < len(toks) and toks[j].end <= m.end:
            j += 1
        ats.append(ActorTok(m, i, max(j, i + 1), [], None))
    _merge_appositions(ats, toks, index)
    for a in ats:
        a.in_pp = _governing_prep(toks, a.i)
    return ats


#: Verbs of a condition put to someone ("if it refused", "unless they comply").
_DEFIANCE = frozenset("""refused refuses refuse rejected rejects reject failed fails fail declined declines continued
    continues resisted resists ignored ignores violated violates complied complies comply""".split())


def _ultimatum(toks: list[Token], ats: list[ActorTok], i: int) -> tuple[list[str], "ActorTok | None"]:
    """For "X told / gave / warned Y ... if it/they <verb>" at pronoun ``i``: X's names (the
    pronoun is not X once Y was addressed) and, when the verb defies ("refused", "failed"),
    Y itself: the condition is Y's. ([], None) without such a Y."""
    subj = next((a for a in ats if a.i < i and a.in_pp is None and not a.m.possessive and a.names), None)
    if subj is None:
        return [], None
    obj = next((a for a in ats if subj.j < a.i < i and a.in_pp is None and a.m.form != "pronoun" and a.names
                and any(t.word and not t.cap and t.lower not in ("and", "or") for t in toks[subj.j:a.i])), None)
    if obj is None:
        return [], None
    k = i + 1
    while k < len(toks) and toks[k].lower in ("did", "does", "do", "not", "n't", "still", "then"):
        k += 1
    defies = k < len(toks) and toks[k].lower in _DEFIANCE
    return list(subj.names), obj if defies else None


#: Nouns for one person the text does not name: a pronoun after one of them refers to it.
_UNNAMED_PERSON = frozenset("""suspect gunman attacker assailant shooter man woman boy girl teenager driver victim
    stranger intruder""".split())


#: Words before a noun phrase that says what someone named is ("sized him up as a man who").
_PREDICATING = frozenset("as is was be been being became become remains remained".split())


def _unnamed_person_before(toks: list[Token], ats: list[ActorTok], i: int) -> bool:
    """Is an unnamed person ("the suspect", "a 71-year-old man") mentioned before token ``i``
    in this sentence, with no named actor after it? Then a "he"/"him" at ``i`` is that person."""
    for k in range(i - 1, max(0, i - 25), -1):
        if toks[k].lower in _UNNAMED_PERSON and not toks[k].cap:
            d = k - 1
            while d >= 0 and k - d <= 3 and toks[d].lower not in ("the", "a", "an") and toks[d].word and not toks[d].cap:
                d -= 1
            if d >= 0 and toks[d].lower in ("the", "a", "an") and not any(d <= a.i < a.j <= k + 1 for a in ats) \
                    and not (d > 0 and toks[d - 1].lower in _PREDICATING) \
                    and not (d > 0 and toks[d - 1].text == "," and any(a.j == d - 1 for a in ats)) \
                    and any(t.text == "," or t.lower in ("and", "but") for t in toks[k + 1 : i]):
                # (in another clause: "a gunman shot him" is not the gunman shooting himself)
                return not any(a.i > k and a.j <= i and a.m.ref is None and a.m.kind == "person" for a in ats)
    return False


def _resolve_refs(toks: list[Token], ats: list[ActorTok], attribs: list[Attribution], named_groups: list[tuple[str, ...]],
                  index: ActorIndex, disc: Discourse, sent_no: int) -> list[Entity]:
    """Resolve pronouns and descriptions left to right; return the sentence's entities."""
    local: list[Entity] = []
    for a in ats:
        if a.m.ref is not None and a.m.ref != "demonym":
            if any(at.i <= a.i < at.j and at.verb_i > a.i for at in attribs) and a.m.form == "pronoun":
                a.m.extra["reporting_subject"] = True  # "it added"
            excl: set[str] = set()
            if a.m.form == "pronoun" and a.m.extra.get("case") == "obj" or a.m.extra.get("dyad") \
                    or a.m.extra.get("head") in _ORG_HEADS and not a.m.possessive and a.i > 0 and toks[a.i - 1].word:
                # "Putin thanked him": him is not Putin; "the US urged the government": not the US
                subj = _clause_subject(toks, ats, a.i)
                if subj is not None:
                    excl.update(subj.names)
            addressee: list[str] = []
            if a.m.form == "pronoun" and a.i > 0 and toks[a.i - 1].lower in ("if", "unless") and toks[a.i].lower in ("it", "they"):
                subj, obj = _ultimatum(toks, ats, a.i)  # "X told Y ... if it refused": Y refuses, not X
                if obj is not None and obj.names:
                    addressee = list(obj.names)
                else:
                    excl.update(subj)
            if a.m.form == "pronoun" and a.m.extra.get("reporting_subject"):
                q = next((k for k in range(a.i - 1, max(-1, a.i - 3), -1) if toks[k].text in _QUOTES_CLOSE), None)
                if q is not None:  # '"... identify the looters ...," they said': not who the quote is about
                    excl.update(n for b in ats if b.j <= q and b is not a and b.m.form != "pronoun" for n in b.names)
            own = addressee or (_reporter_itself(toks, a, attribs, index) if a.m.form == "pronoun" else None)
            if a.m.form == "pronoun" and toks[a.i].lower in ("it", "them") and a.i > 0 and toks[a.i - 1].lower in _NAMING_VERBS:
                a.names = []  # "criticised the deal, calling it a step back": "it" is the deal, no actor
                continue
            if a.m.form == "pronoun" and toks[a.i].lower in _PRONOUN_GENDER and _unnamed_person_before(toks, ats, a.i):
                a.names = []  # "tackled the suspect, a 71-year-old man, and detained him": him is the suspect
                continue
            a.names = own or disc.resolve(a.m, sent_no, a.i, excl, local)
            if a.names and a.m.form == "description" and not a.m.plural:
                _learn_from_description(index, a)
            elif not a.names and a.m.form == "description" and a.m.country:
                a.names = [_generic_actor(index, a.m)]
            elif not a.names and a.m.extra.get("group"):  # "thanked the workers": the group itself
                a.names = [index.discovered(a.m.extra["group"], "group", None, None, a.m.sector).name]
            elif not a.names and a.m.form == "description" and a.m.title and a.m.extra.get("of") and a.m.extra.get("det") == "the":
                office = f"{a.m.title} of {a.m.extra['of']}"  # "the governor of Malatya"
                a.names = [index.discovered(office, "person", None, a.m.title, a.m.sector).name]
            elif not a.names and a.m.form == "description" and a.m.title and index.lowercase_doc and a.m.extra.get("det") == "the":
                a.names = [index.discovered(a.m.title, "person", None, a.m.title, a.m.sector).name]  # "the chief minister"
        for n in a.names:
            act = index.actor(n)
            grp = next((g for g in named_groups if n in g and len(g) >= 2), ())
            local.append(Entity(n, act.kind if act else a.m.kind, act.country if act else a.m.country,
                                act.title if act else a.m.title, sent_no, a.i, "other",
                                a.m.plural or (act is not None and act.kind == "group"), grp, a.m.extra.get("word", "")))
        if a.m.extra.get("org"):
            local.append(_org_entity(index, a, sent_no))
    return local


def _org_entity(index: ActorIndex, a: ActorTok, sent_no: int) -> Entity:
    """The organisation named inside an officer's mention ("CrowdStrike chief executive X"),
    for a later "the company"."""
    act = index.actor(a.m.extra["org"])
    return Entity(a.m.extra["org"], act.kind if act else "org", act.country if act else None, None, sent_no, a.i, "other")


def _finish_attributions(ats: list[ActorTok], attribs: list[Attribution], toks: list[Token]) -> None:
    """Reporters given by a now-resolved pronoun; actors inside attributions are masked (not
    those of a relative clause or participial aside between the speaker and the verb: "X, who
    met Y on Friday, said", "X, speaking to Y, said": Y is the meeting's)."""
    for at in attribs:
        if not at.reporter:
            for a in ats:
                if at.i <= a.i < at.j and a.names and a.i < at.verb_i:
                    at.reporter = list(a.names)
                    break
    for at in attribs:
        aside = None
        if at.verb_i > at.i:
            head = next((a for a in ats if a.i == at.i), None)
            if head is not None:
                aside = _aside_span(toks, head.j, at.verb_i)
        for a in ats:
            if at.i <= a.i < at.j and not (aside is not None and aside[0] < a.i < aside[1]):
                a.attrib = True


def _aside_span(toks: list[Token], a: int, k: int) -> tuple[int, int] | None:
    """(opening comma, closing comma) of ", who/which ... ," or ", speaking / asked ... ," right
    after the token at ``a`` and closed before the verb at ``k``; None without one."""
    if not (a + 1 < k and toks[a].text == ","):
        return None
    if not _opens_aside(toks[a + 1].lower):
        return None
    e = next((m for m in range(a + 2, k) if toks[m].text == ","), None)
    return (a, e) if e is not None else None


def _speaker_events(toks: list[Token], attribs: list[Attribution], out: list[dict], index: ActorIndex,
                    ats: list[ActorTok] = ()) -> list[dict]:
    """"X said (on Monday) that ...": a statement, announcement or accusation by X (not by media);
    "X told Y": to Y (not to reporters)."""
    evs: list[dict] = []
    for at in attribs:
        if at.reporter and at.verb_i >= 0 and not at.relayed and at.lemma not in ("quote", "report"):
            act = index.actor(at.reporter[0])
            if act is not None and act.kind == "media" or at.reporter[0].lower().removeprefix("the ") in _media_heads():
                continue  # ("the newspaper said", unresolved: a report all the same)
            acc = _accusation(toks, at, out, index)
            ev = acc if acc is not None else _statement_from_report(toks, at, toks[at.verb_i], bool(out))
            if acc is None and at.lemma == "tell":
                ev["target"] = _addressee(toks, at, ats, index)
            evs.append(ev)
            for other in dict.fromkeys(at.reporter[1:]):  # "Iraq and Syria announced ...": each of them
                other_act = index.actor(other)
                if other != ev["source"] and (other_act is None or other_act.kind != "media"):
                    evs.append({**ev, "source": other, "extra": dict(ev["extra"])})
    return evs


def _addressee(toks: list[Token], at: Attribution, ats: list[ActorTok], index: ActorIndex) -> str | None:
    """Who "X told" right after the verb ("told Lukashenko on Saturday that ..."), when named
    and not the press ("told reporters": a statement to no one in particular)."""
    a = next((a for a in ats if a.i == at.verb_i + 1), None)
    if a is None or not a.names or a.m.possessive or a.m.form in ("pronoun", "description") \
            or toks[a.i].lower in _PRESS_ASKERS or a.names[0] in at.reporter:
        return None
    act = index.actor(a.names[0])
    return None if act is not None and (act.kind == "media" or act.sector == "MED") else a.names[0]


@lru_cache(maxsize=1)
def _media_heads() -> frozenset[str]:
    """The media nouns of ``roles.csv`` ("newspaper", "daily", "broadcaster"): an unresolved
    "the newspaper said" reports, as a named outlet does."""
    return frozenset(w for k, r in resources().roles.items() if r.role == "media" for w in (" ".join(k), r.canonical))


def _update_discourse(disc: Discourse, local: list[Entity], attribs: list[Attribution], out: list[dict], sent_no: int) -> None:
    """Record the sentence's entities with their roles (subject, reporter) for later sentences."""
    subj_names = {ev["source"] for ev in out if ev.get("source")}
    for ev in out:
        if ev.get("source") and ev.get("target") and ev["source"] != ev["target"] and not ev["extra"].get("via_dyad"):
            disc.dyads.append((sent_no, ev["source"], ev["target"], ev["event_type"]))
    for e in local:
        if e.name in subj_names:
            e.role = "subj"
    for at in attribs:
        for n in at.reporter:
            disc.reporters.append((sent_no, n))
            for e in local:
                if e.name == n and e.role != "subj":
                    e.role = "reporter"
    for e in local:
        disc.add(e)


_FORCE_SECTORS = frozenset(["MIL", "COP"])
_STATE_SECTORS = _FORCE_SECTORS | {"GOV"}


def _state_actor(index: ActorIndex, name: str) -> bool:
    """A government, its forces, or a person holding a state title (a minister, an army spokesman)."""
    act = index.actor(name)
    if act is None:
        return False
    if act.kind in ("gov", "country") or act.sector in _STATE_SECTORS:
        return True
    role = resources().roles.get(tuple((act.title or "").split())) if act.kind == "person" else None
    return role is not None and role.sector in _STATE_SECTORS
_ACCUSING_REPORTS = frozenset(["claim", "say", "state", "insist", "tell", "write"])


#: Nouns that brand an act a crime: "was treason", "amounted to terrorism".
_CRIME_NOUNS = frozenset("treason terrorism crime crimes betrayal treachery sabotage genocide".split())


def _accusation(toks: list[Token], at: Attribution, evs: list[dict], index: ActorIndex) -> dict | None:
    """CAMEO convention: "X claimed that Y attacked Z" is X accusing Y (112), and
    "X claimed that it attacked Z" is X claiming responsibility (015). So is "the army
    spokesman said troops had killed ...": forces the text does not say whose are the
    speaker's own (an accused side is named)."""
    if not at.pre or at.lemma not in _ACCUSING_REPORTS:
        return None
    vt = toks[at.verb_i]
    # "said the armed rebellion by Wagner was treason": a crime named in the complement accuses too
    branded = any(t.lower in _CRIME_NOUNS for t in toks[at.verb_i + 1:])
    for ev in evs:
        if ev["trigger"][0] <= vt.end or ev["modality"] != "asserted" or (
                ev["cameo"][:2] not in ("17", "18", "19", "20") and not (branded and ev["cameo"][:2] in ("12", "13", "14", "15"))):
            continue
        if ev["source"] is None or ev["reported_by"] is None and ev["source"] != at.reporter[0]:
            continue  # (not reported by X: "X said ..., a day after police opened fire")
        rep = at.reporter[0]
        act = index.actor(ev["source"])
        same = ev["source"] == rep or (act is not None and act.kind == "group" and act.country is None
                                       and act.sector in _FORCE_SECTORS and _state_actor(index, rep))
        ev["salience"] -= 0.3
        return {
            "trigger": (vt.start, vt.end), "event_type": "statement" if same else "accuse",
            "cameo": "015" if same else "112", "plover_type": None if same else "ACCUSE",
            "plover_mode": None if same else "allege", "source": rep, "target": None if same else ev["source"],
            "modality": "asserted", "reported_by": None, "confidence": 0.6, "salience": ev["salience"] + 0.35,
            "extra": {"from_report_verb": True, "about": ev["event_type"]},
        }
    return None


def _remember_names(toks: list[Token], ats: list[ActorTok], index: ActorIndex, disc: Discourse, sent_no: int) -> None:
    """Discourse update for a sentence without events: its named actors (and "A and B")."""
    named = [a for a in ats if a.m.ref is None]
    for a in named:
        a.names = [a.m.name]
    for grp in _coordinations(named, toks):
        disc.groups.append((sent_no, tuple(n for a in grp for n in a.names)))
    for a in named:
        act = index.actor(a.m.name)
        disc.add(Entity(a.m.name, act.kind if act else a.m.kind, act.country if act else a.m.country,
                        act.title if act else a.m.title, sent_no, a.i, "other", a.m.plural,
                        word=a.m.extra.get("word", "")))
        if a.m.extra.get("org"):
            disc.add(_org_entity(index, a, sent_no))


_SELF_REF = frozenset("i we he she it they his her its their our my".split())


def _own_plan(toks: list[Token], k: int) -> bool:
    """"X said (that) he/it/his men would ...": X announces its own plan."""
    j = next((x + 1 for x in range(k + 1, min(len(toks), k + 9)) if toks[x].lower == "that"), k + 1)
    if j >= len(toks) or toks[j].lower not in _SELF_REF:
        return False
    window = [t.lower for t in toks[j : j + 6]]
    return any(w in ("will", "would", "'ll", "plans", "planned", "intends", "is", "are") and
               (w not in ("is", "are") or "to" in window) for w in window)


def _negated_report(toks: list[Token], k: int) -> str | None:
    """How the reporting verb at ``k`` is negated: "declined" when the speaker withholds
    something ("declined to say", "did not say where/whether ...": CAMEO's declining
    comment, 011), "negated" when the statement was not made ("had not announced his
    candidacy"), None when it was."""
    j = k - 1
    while j >= 0 and toks[j].lower in ("immediately", "publicly", "yet", "further", "directly", "formally"):
        j -= 1
    if j >= 1 and toks[j].lower == "to" and toks[j - 1].lower in _DECLINE_VERBS:
        return "declined"
    if j >= 0 and (toks[j].lower in ("not", "never") or toks[j].lower.endswith("n't")):
        nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
        return "declined" if nxt in _WITHHELD or nxt in (".", "") else "negated"
    return None


_DECLINE_VERBS = frozenset("declined declines decline declining refused refuses refuse refusing".split())
_WITHHELD = frozenset("where when why how who whom whose what which whether if".split())


def _statement_from_report(toks: list[Token], at: Attribution, vt: Token, others: bool) -> dict:
    neg = _negated_report(toks, at.verb_i)
    etype = "announce" if neg != "declined" and (at.lemma == "announce" or _own_plan(toks, at.verb_i)) else "statement"
    return {
        "trigger": (vt.start, vt.end), "event_type": etype, "cameo": "011" if neg == "declined" else "010", "plover_type": None,
        "plover_mode": None, "source": at.reporter[0], "target": None, "modality": "negated" if neg == "negated" else "asserted",
        "reported_by": None, "confidence": 0.55, "salience": 0.3 if others else 0.5, "extra": {"from_report_verb": True},
    }


_RELATIVE_WORDS = frozenset(("who", "which", "whose", "whom"))


def _mark_relative_clauses(toks: list[Token], ats: list[ActorTok], lows: list[str]) -> None:
    """Actors inside ", who ... ," / ", which ... ," are not subjects of the main clause."""
    if _RELATIVE_WORDS.isdisjoint(lows):
        return
    n = len(toks)
    for k in range(1, n):
        if lows[k] in _RELATIVE_WORDS and toks[k - 1].text == ",":
            e = k + 1
            while e < n and toks[e].text not in (",", ";", ".", "”"):
                e += 1
            for a in ats:
                if k < a.i < e:
                    a.in_pp = a.in_pp or "rel"


_AUX_ADV = frozenset(
    """has have had will would 'll also has been was were is are did does reportedly then later again today
    yesterday tonight now still already just formally officially publicly quickly immediately""".split()
)


def _bare_name_subjects(toks: list[Token], ats: list[ActorTok], trigs: list[Trigger], index: ActorIndex,
                        lows: list[str]) -> None:
    """A lone capitalised word right before a verb ("... Putin offered to ...") names an actor."""
    covered = {k for a in ats for k in range(a.i, a.j)}
    verbs = [tr.i for tr in trigs if tr.pos == "verb"]
    verbs += _positions(lows, _REPORT_WORDS)
    for v in sorted(set(verbs)):
        k = v - 1
        while k >= 0 and toks[k].lower in _AUX_ADV and v - k <= 3:
            k -= 1
        if k < 0 or k in covered:
            continue
        t = toks[k]
        if not _bare_name_word(t):
            continue
        if k > 0 and toks[k - 1].word and toks[k - 1].cap:
            # "FNV Havens said": a run of two or three such words, one of them an acronym
            s = k - 1
            while s > 0 and k - s < 2 and toks[s - 1].word and toks[s - 1].cap:
                s -= 1
            run = toks[s:k + 1]
            if (any(x in covered for x in range(s, k)) or (s > 0 and toks[s - 1].word and toks[s - 1].cap)
                    or not all(_bare_name_word(x) and x.lower not in _MONTH_WORDS for x in run)
                    or not any(x.text.isupper() for x in run)
                    or any(index.is_known_word(x.text) for x in run if not x.text.isupper())):
                continue
            name = " ".join(x.text for x in run)
            act = index.discovered(name, "actor")
            m = ActorMatch(run[0].start, t.end, act.name, act.kind)
            ats.append(ActorTok(m, s, k + 1, [act.name], _governing_prep(toks, s)))
            covered.update(range(s, k + 1))
            continue
        if t.lower in _MONTH_WORDS:
            continue
        if index.is_known_word(t.text) and not index.confirmed_name(t.text):
            continue
        if k == 0 and t.text not in resources_given() and not t.text.isupper() and not index.confirmed_name(t.text):
            continue  # a sentence-initial capital is usually not a name (unless the text names it inside one; an acronym is)
        if k >= 3 and toks[k - 1].lower in ("and", "of", "for", "&") and toks[k - 2].cap and toks[k - 2].word \
                and toks[k - 3].cap and toks[k - 3].word and k - 2 not in covered:
            continue  # "... Disease Control and Prevention declared": the end of a longer name (not "Yeltsin and Kuchma")
        act = index.discovered_word(t.text)
        m = ActorMatch(t.start, t.end, act.name, act.kind)
        at = ActorTok(m, k, k + 1, [act.name], _governing_prep(toks, k))
        ats.append(at)
        covered.add(k)
    ats.sort(key=lambda a: a.i)


#: Words that may follow a one-word name as an object ("sued Spotify over ...", "fined Google
#: 4.1 billion euros"): prepositions, conjunctions, time words.
_AFTER_OBJECT = _PREPS_NOT_SUBJECT | _CLAUSE_BREAK_WORDS | frozenset("and or last this next earlier later".split())


def _bare_name_opening(toks: list[Token], ats: list[ActorTok], index: ActorIndex) -> None:
    """A lone capitalised word opening the sentence before ", which" / ", who" ("Meta, which
    owns Facebook, said ...") is a name: a relative clause follows an entity."""
    if len(toks) < 4 or toks[1].text != "," or toks[2].lower not in ("which", "who", "whose"):
        return
    t = toks[0]
    if any(a.i == 0 for a in ats) or not _bare_name_word(t) or t.lower in _MONTH_WORDS or index.is_known_word(t.text) \
            and not index.confirmed_name(t.text):
        return
    act = index.discovered_word(t.text)
    ats.insert(0, ActorTok(ActorMatch(t.start, t.end, act.name, act.kind), 0, 1, [act.name], None))


def _bare_name_objects(toks: list[Token], ats: list[ActorTok], trigs: list[Trigger], index: ActorIndex) -> None:
    """A lone capitalised word right after a verb trigger (or its "against"/"with") that the
    text confirms as a name ("fined Google", "sued Spotify"; ``ActorIndex.confirmed_name``)
    names an actor: the object a name-only scan leaves out when it is a single word."""
    covered = {k for a in ats for k in range(a.i, a.j)}
    added = False
    for tr in trigs:
        if tr.pos != "verb" or tr.lex.lemma == "call":  # ("a venture called Orion": a name given)
            continue
        k = tr.i + 1 if "gap_target" in tr.lex.flags else tr.j  # ("put Bongo under house arrest")
        if k < len(toks) and toks[k].lower in ("against", "with") and k + 1 < len(toks):
            k += 1
        if k >= len(toks) or k in covered:
            continue
        t = toks[k]
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if not _bare_name_word(t) or t.text.isupper() or t.lower in _MONTH_WORDS \
                or nxt is not None and nxt.word and not nxt.text[0].isdigit() and nxt.lower not in _AFTER_OBJECT \
                or not index.confirmed_name(t.text):  # ("against Western targets": an adjective)
            continue
        act = index.discovered_word(t.text)
        ats.append(ActorTok(ActorMatch(t.start, t.end, act.name, act.kind), k, k + 1, [act.name], _governing_prep(toks, k)))
        covered.add(k)
        added = True
    if added:
        ats.sort(key=lambda a: a.i)


def _bare_name_word(t: Token) -> bool:
    """A capitalised word of 3+ letters, or an acronym of 2-5 capitals: may be part of a name."""
    return t.word and (t.cap and len(t.text) >= 3 and not t.text.isupper() or t.text.isupper() and (
        2 <= len(t.text) <= 5 or "-" in t.text and all(2 <= len(p) <= 5 for p in t.text.split("-"))))  # ("SAG-AFTRA")


def resources_given() -> frozenset[str]:
    from .actors import resources

    return resources().given_names


_DEMAND_LEX = Lexeme([frozenset(["must"])], "verb", "demand", "100", "REQUEST", None, frozenset(["control"]), None, "must")


def _must_demands(toks: list[Token], ats: list[ActorTok], trigs: list[Trigger], lows: list[str]) -> list[Trigger]:
    """"X said (that) Y must do Z": X demands of Y (CAMEO 10)."""
    out = []
    if _DEMAND_WORDS.isdisjoint(lows):
        return out
    ends = {a.j: a for a in ats}
    for k, t in enumerate(toks):
        if t.lower not in ("must", "should") or k not in ends:
            continue
        tgt = ends[k]
        if not any(a.j <= tgt.i and a.in_pp is None and not a.m.possessive for a in ats):
            continue  # nobody states the demand: the writer's own "must"
        tr = Trigger(k, k + 1, _DEMAND_LEX, "verb", cameo="100", plover_type="REQUEST", event_type="demand")
        comma = max((x for x in range(k) if toks[x].text == ","), default=-1)
        tr.subordinate = any(t.lower.endswith("ing") for t in toks[comma + 1 : comma + 2])  # ", saying he must"
        tr.lex = Lexeme(_DEMAND_LEX.words, "verb", "demand", "100", "REQUEST", None, frozenset(["control", "must"]), None, "must")
        out.append(tr)
    return out


_COUNTRY_ROWS: dict[str, dict] = {}


def _country_row(iso3: str | None) -> dict | None:
    """The ``countries.csv`` row of an ISO 3166 alpha-3 code."""
    if not _COUNTRY_ROWS:
        _COUNTRY_ROWS.update((r["iso3"], r) for r in resources().countries if r.get("iso3"))
    return _COUNTRY_ROWS.get(iso3 or "")


def _country_actor(index: ActorIndex, iso3: str) -> str | None:
    """The country actor of an ISO 3166 alpha-3 code, if the index knows it."""
    row = _country_row(iso3)
    act = index.actor(row["name"]) if row else None
    return act.name if act is not None and act.kind == "country" else None


def _generic_actor(index: ActorIndex, m: ActorMatch) -> str:
    """An unresolved "the French minister": a generic actor named by nationality and title."""
    row = _country_row(m.country)
    # the nationality ("Swedish"), else the country's name ("Republic of the Congo minister"), never its code
    dem = (row["demonyms"].split("|")[0] or row["name"]) if row is not None else m.country
    head = m.extra.get("head")
    if head and not m.title:  # "the Swedish company" naming none known: a Swedish company
        return index.discovered(f"{dem} {head}", "org", m.country, None, m.sector).name
    name = f"{dem} {m.title}" if m.title else dem
    return index.discovered(name, "person", m.country, m.title, m.sector).name


def _learn_from_description(index: ActorIndex, a: ActorTok) -> None:
    """A discovered actor learns country/title from a description resolved to it."""
    act = index.actor(a.names[0])
    if act is not None and act.origin == "discovered":
        act.country = act.country or a.m.country
        if a.m.title not in ("leader", None):
            act.title = act.title or a.m.title


def _merge_appositions(ats: list[ActorTok], toks: list[Token], index: ActorIndex) -> None:
    """"his Belarus ally, President Alexander Lukashenko": one actor, the name wins."""
    k = 0
    while k + 1 < len(ats):
        a, b = ats[k], ats[k + 1]
        between = toks[a.j : b.i]
        if len(between) == 1 and between[0].text == "," and (a.m.ref == "description" and b.m.ref is None and b.m.kind == "person"
                                                             or a.m.ref is None and b.m.ref == "description" and not b.m.plural and a.m.kind == "person"
                                                             or a.m.ref == "description" and b.m.ref is None and b.m.kind != "person" and a.m.extra.get("det") == "the"):
            desc, name = (a, b) if a.m.ref else (b, a)
            act = index.actor(name.m.name)
            if act is not None and act.origin == "discovered":
                act.country = act.country or desc.m.country
                act.title = act.title or (desc.m.title if desc.m.title not in ("leader",) else None)
            name.m.extra["apposition"] = desc.m.name
            keep = name
            keep.i, keep.j = min(a.i, b.i), max(a.j, b.j)
            ats[k : k + 2] = [keep]
            continue
        if a.m.ref == "description" and b.m.ref is None and b.m.kind == "person" and a.i < b.i <= a.j \
                and not a.m.plural and not a.m.possessive:
            # "Saudi national security adviser Musaed Al-Aiban": the title before the name is his
            b.m.extra["apposition"] = a.m.name
            b.i = a.i
            del ats[k]
            continue
        # "the utility, Coastline Power & Light,": two names of one actor
        if len(between) == 1 and between[0].text == "," and a.m.ref is None and b.m.ref is None and a.m.name == b.m.name:
            a.j = b.j
            del ats[k + 1]
            continue
        k += 1


#: Words of a time adjunct ("on tuesday", "in august", "this morning"): full weekday and month
#: names from the temporal lexicon (not the verbs "may" and "march"), days and parts of days.
_TIME_ADJUNCT_WORDS = frozenset(
    re.findall(r"[a-z]+", timex_lex.WEEKDAY_FULL)
    + [m for m in timex_lex.MONTHS if len(m) > 3 and m != "sept" and m not in timex_lex.AMBIGUOUS_MONTHS]
    + list(timex_lex.PARTS_OF_DAY) + "today yesterday tomorrow week weekend month year".split())


_CLAUSE_OPENERS = frozenset("until when while because if unless once whether that which who".split())


#: Event types of movement: "towards X" is their destination.
_MOVES = frozenset(["march", "mobilize", "protest", "return", "visit", "retreat", "flee"])
#: Prepositions that also quantify a number: "about 300 people", "over 50 protesters".
_QUANTITY_PREPS = frozenset("about around over under nearly almost some up".split())


#: "as <adverb> as" subordinators ("as soon as X asked", "as long as Y stays").
_AS_ADVERB_AS = frozenset("soon long far".split())


def _governing_prep(toks: list[Token], i: int) -> str | None:
    k = i - 1
    steps = 0
    while k >= 0 and steps < 4:
        w = toks[k].lower
        if w in _PREPS_NOT_SUBJECT and k + 1 < len(toks) and (
                w == "at" and toks[k + 1].lower in ("least", "most")
                or w in _QUANTITY_PREPS and toks[k + 1].text[:1].isdigit()):
            k -= 1  # "at least 210 Palestinians", "about 300 people": a quantity, not a preposition
            steps += 1
            continue
        if w in _PREPS_NOT_SUBJECT:
            if w == "of" and k > 0 and toks[k - 1].lower in _PARTITIVE:
                return None  # "thousands of students", "leaders of the union": the group acts
            if w == "as" and k >= 2 and toks[k - 2].lower == "as" and toks[k - 1].lower in _AS_ADVERB_AS:
                return None  # "as soon as Morocco asked": a subordinator, Morocco is a subject
            return w
        if toks[k].key == "'s" and k >= 1 and toks[k - 1].cap and toks[k - 1].word and steps == 0:
            k -= 2  # "the secretary of Iran's Supreme National Security Council": the possessor's preposition
            steps += 1
            continue
        if not toks[k].word or w in ("and", "or") or toks[k].cap and steps > 0 and w not in _DET_NOUN:
            return None
        if w in _TIME_ADJUNCT_WORDS or w in _CLAUSE_OPENERS or w in _TIME_SUBORDINATORS:
            return None  # "said on tuesday it had ...", "at least until X visits": not X's preposition
        if w not in _DET_NOUN and not (toks[k].word and not toks[k].cap and steps < 3):
            return None
        k -= 1
        steps += 1
    return None


#: Subordinators that are not prepositions of what follows ("in 2016 after protesters stormed").
_TIME_SUBORDINATORS = frozenset("after before since".split())


#: the words between two coordinated actors ("A and B", "A, B", "A and with B"); to the left only the first three
_JOINS = (["and"], [","], [",", "and"], ["and", "with"], ["and", "to"], ["and", "the"], [",", "and", "the"])
_JOINS_LEFT = (["and"], [","], [",", "and"], ["and", "the"], [",", "and", "the"])


def _coordinations(ats: list[ActorTok], toks: list[Token]) -> list[list[ActorTok]]:
    groups: list[list[ActorTok]] = []
    cur: list[ActorTok] = []
    for a in ats:
        if _possessive_det(a, toks):
            continue  # "X and his wife Y": "his" only says whose wife Y is
        if not a.names:
            if cur:
                groups.append(cur)
            cur = []
            continue
        if cur:
            # joined by one or two words (the list is made only for such a short gap)
            gap = _join_gap(toks, cur[-1].j, a.i)
            if 1 <= len(gap) <= 2 and gap in _JOINS or _kin_join(gap, toks, a):
                cur.append(a)
                continue
            groups.append(cur)
        cur = [a]
    if cur:
        groups.append(cur)
    joined = lambda g: "and" in [t.lower for x, y in zip(g, g[1:]) for t in toks[x.j : y.i]]  # noqa: E731
    return [g for g in groups if len(g) >= 2 and joined(g)]


_CS_MEMO: dict[tuple[int, int], int] = {}


def _clause_start(toks: list[Token], i: int) -> int:
    key = (id(toks), i)
    v = _CS_MEMO.get(key)
    if v is None:
        v = _CS_MEMO[key] = _clause_start_scan(toks, i)
    return v


_CS_TEXTS = frozenset([";", ":"]) | _QUOTES_OPEN | _QUOTES_CLOSE
_CS_WORDS = frozenset("who which whom that because while whereas although though if unless since after before until when once but and".split())
_CE_WORDS = frozenset("but while whereas although though because who which and ,".split())


def _clause_start_scan(toks: list[Token], i: int) -> int:
    k = i - 1
    while k >= 0:
        w = toks[k]
        if w.lower not in _CS_WORDS and w.text not in _CS_TEXTS:
            k -= 1  # an ordinary word: none of the tests below applies
            continue
        if w.text in (";", ":"):
            return k + 1
        if w.text in _QUOTES_OPEN or w.text in _QUOTES_CLOSE:
            q = _quoted_phrase_start(toks, k, i)
            if q is None:
                return k + 1
            # 'X called the accord "a page turned" and thanked Y': the quote is inside X's
            # clause, which holds the verb's subject, unless that clause reports or nests
            # another ("He said Wagner would ... what he called a "march" and told ...")
            cs = _clause_start_scan(toks, q)
            if any(t.lower in _REPORT_WORDS or t.lower == "what" for t in toks[cs:q]):
                return k + 1
            return cs
        if w.lower in ("who", "which", "whom") and k > 0 and toks[k - 1].text == "," and any(t.text == "," for t in toks[k:i]):
            k -= 2  # a closed ", who ... ," relative clause: keep looking for the main subject
            continue
        if w.lower == "that" and k + 1 < len(toks) and toks[k + 1].lower in _THAT_TIME:
            k -= 1  # "later that day": a determiner, not a clause
            continue
        if w.lower in ("that", "who", "which", "whom", "because", "while", "whereas", "although", "though", "if", "unless") \
                and w.text != "WHO":  # (the World Health Organization)
            return k + 1
        if w.lower in ("after", "before") and k >= 2 and toks[k - 1].lower in _OFFSET_UNITS \
                and any(toks[c].text == "," and _offset_phrase_at(toks, c + 1) for c in range(max(0, k - 5), k - 1)):
            return k + 1  # "..., three days after the quake killed 2,600 people": the quake's own clause
        if w.lower in ("since", "after", "before", "until", "when", "once") and k + 1 < i and (toks[k + 1].cap or toks[k + 1].lower in _SELF_REF) \
                and toks[k + 1].lower not in _TIME_ADJUNCT_WORDS and toks[k + 1].lower not in ("march", "may") \
                and not toks[k + 1].text[:1].isdigit():  # (not "since August", "after Friday": a date)
            return k + 1  # "since Russia launched ...": a subordinate clause with its own subject
        if (w.lower in ("after", "before", "until", "when", "once") and k + 3 <= i <= k + 4
                and toks[k + 1].lower in ("a", "an", "the") and all(t.word and not t.cap for t in toks[k + 2 : i])):
            return k + 1  # "after a court ordered ...": the verb's subject is the court, not the main clause's
        if w.lower in ("but",) or (w.lower == "and" and k > 0 and toks[k - 1].text == ","):
            return k + 1
        k -= 1
    return 0


_THAT_TIME = frozenset("day morning afternoon evening night week month year weekend time".split())


def _quoted_phrase_start(toks: list[Token], k: int, i: int) -> int | None:
    """The opening quote of the quoted phrase closed at token ``k`` when the verb at ``i``
    is coordinated right after it ("X called the accord "a page turned" and thanked Y") and
    the phrase sits inside X's clause: opened right after an ordinary word, not after a
    reporting verb, a colon or a comma, nor at the start of the sentence (quoted speech,
    whose clause ends at the quote). Otherwise None: the quote bounds the clause."""
    if k + 2 > i or toks[k + 1].lower not in ("and", "but") or (
            i != k + 2 and not (i == k + 3 and toks[k + 2].lower in _COORD_ADVERBS)):
        return None
    c = toks[k].text
    if c not in _QUOTES_CLOSE or c in ("’", "‘"):
        return None
    if c == '"' and sum(t.text == '"' for t in toks[:k]) % 2 == 0:
        return None  # a straight quote that opens
    opener = '"' if c == '"' else {"”": "“", "»": "«"}[c]
    q = next((x for x in range(k - 1, -1, -1) if toks[x].text == opener), None)
    if q is None or q == 0 or k - q > 12:
        return None
    before = toks[q - 1]
    if not before.word or before.lower in _REPORT_WORDS or before.lower == "that" \
            or before.lower == "as" and toks[q + 1].lower not in ("a", "an", "the"):
        return None  # (but 'condemned it as "a brutal attack" and called ...': a noun phrase quoted)
    return q


_CE_MEMO: dict[tuple[int, int], int] = {}


def _clause_end(toks: list[Token], i: int) -> int:
    key = (id(toks), i)
    v = _CE_MEMO.get(key)
    if v is None:
        v = _CE_MEMO[key] = _clause_end_scan(toks, i)
    return v


def _clause_end_scan(toks: list[Token], i: int) -> int:
    k = i
    while k < len(toks):
        w = toks[k]
        if w.lower not in _CE_WORDS and w.text != ";":
            k += 1  # an ordinary word: none of the tests below applies
            continue
        if w.text in (";",) or w.lower in ("but", "while", "whereas", "although", "though", "because", "who", "which") \
                and w.text != "WHO":
            return k
        if w.lower == "and" and k > 0 and toks[k - 1].text == ",":
            return k
        if w.text == "," and _offset_phrase_at(toks, k + 1):
            return k  # "..., a day after protesters stormed parliament": another clause, another time
        k += 1
    return len(toks)


_OFFSET_UNITS = frozenset("minute minutes hour hours day days week weeks month months year years".split())
_OFFSET_COUNTS = frozenset(dating._NUMBER_WORDS) | frozenset(dating.APPROXIMATORS) | frozenset(  # (dating's counts)
    "several few just only barely".split())


def _offset_phrase_at(toks: list[Token], k: int) -> bool:
    """Does ``toks[k:]`` open with "[count] <unit> after|before" ("a day after",
    "just hours before"): a time offset from another event, which a clause follows?"""
    j, n = k, len(toks)
    while j < n and j < k + 3 and (toks[j].lower in _OFFSET_COUNTS or toks[j].text.isdigit()):
        j += 1
    return j + 2 < n and toks[j].lower in _OFFSET_UNITS and toks[j + 1].lower in ("after", "before") \
        and toks[j + 2].word


def _offset_clause_between(toks: list[Token], a: int, b: int) -> bool:
    """Is there a ", a day after" between ``toks[a]`` and ``toks[b]``? ("X said on Wednesday
    he would not sign it, a day after police opened fire": the writer dates X's words by
    an event X did not report.)"""
    return any(toks[k].text == "," and _offset_phrase_at(toks, k + 1) for k in range(a + 1, b))


#: What opens an apposition after a name: "X, the founder of ...,".
_APPOSITION_DETS = frozenset("the a an its his her their".split())


def _clause_subject(toks: list[Token], ats: list[ActorTok], i: int) -> ActorTok | None:
    cs = _clause_start(toks, i)
    best = None
    for a in ats:
        if cs <= a.i < i and a.in_pp is None and not a.m.possessive and a.names:
            best = a
    if best is not None:  # "X called Y and thanked him": the subject of "thanked" is X
        conj = next((k for k in range(i - 1, best.j - 1, -1) if toks[k].lower in ("and", "but")), None)
        if conj is not None:
            nxt = conj + 1 + (toks[conj + 1].lower in _COORD_ADVERBS)
            if (nxt < i and toks[nxt].word and not toks[nxt].cap and toks[nxt].lower not in _DETS
                    and toks[nxt].lower not in _PRONOUN_WORDS):
                shared = _shared_subject(toks, [a for a in ats if a.names], cs, best, conj)
                if shared is not None:
                    return shared
    return best


def _shared_subject(toks: list[Token], cands: list[ActorTok], cs: int, best: ActorTok, conj: int) -> ActorTok | None:
    """In "X called Y on Tuesday and urged ...", the verb after the conjunction ``conj`` shares
    X, the clause's subject, not Y (``best``, the nearest actor: the first verb's object).
    Y counts as an object when a word other than a conjunction lies between X and Y, Y is
    not itself coordinated with X ("X and Y met and agreed": both), and no reporting verb or
    subordinator comes between them ("officials said the mob ... and attacked": the mob)."""
    if best.j > conj:
        return None
    first = _first_subject(cands, cs, best)
    if first is None or first is best or toks[best.i - 1].lower in ("and", "or", ",", "&"):
        return None
    between = toks[first.j:best.i]
    if not any(t.word and t.lower not in ("and", "or") for t in between):
        return None
    if any(t.lower in _SHARED_SUBJECT_STOPS for t in between):  # "officials said the mob ... and attacked"
        return None
    return first


def _first_subject(cands: list[ActorTok], cs: int, best: ActorTok) -> ActorTok | None:
    """The first actor of the clause (from token ``cs``) up to ``best`` that can be a subject."""
    return next((a for a in cands if cs <= a.i and a.j <= best.i and a.in_pp is None and not a.m.possessive
                 and a.m.form != "demonym"), None)


#: Words between X and Y that make Y no object of X's verb (Y opens a reported or subordinate clause).
_SHARED_SUBJECT_STOPS = _REPORT_WORDS | frozenset("that who which whom when while after before as because if".split())


# --------------------------------------------------------------------------- attribution


_BE_FORMS = _BE | {"'s", "'re"}
_PASSIVE_GAP = frozenset("not n't never also already reportedly allegedly first".split())


def _passive_report(lows: list[str], k: int) -> bool:
    """Is the reporting verb at ``k`` a passive participle ("was told", "had not been
    informed", "is said to")? Not "was saying", whose subject speaks."""
    if lows[k].endswith("ing"):
        return False
    j = k - 1
    while j >= 0 and k - j <= 3 and lows[j] in _PASSIVE_GAP:
        j -= 1
    return j >= 0 and lows[j] in _BE_FORMS


def _attributions(toks: list[Token], ats: list[ActorTok], trigs: list[Trigger], blocked: set[int],
                  lows: list[str]) -> list[Attribution]:
    out: list[Attribution] = []
    n = len(toks)
    # "according to X"
    for k in (range(n - 2) if "according" in lows else ()):
        if lows[k] == "according" and lows[k + 1] == "to":
            for a in ats:
                if k + 2 <= a.i <= k + 3 and all(t.lower in _DET_NOUN for t in toks[k + 2 : a.i]):
                    e = a.j
                    while e < n and toks[e].text not in (",", ".", ";"):
                        e += 1
                    out.append(Attribution(list(a.names), "according", None, k, e, -1, pre=k < n / 2))
                    break
    for k in _positions(lows, _REPORT_WORDS):
        t = toks[k]
        lemma = _REPORT_VERBS[t.lower]
        if k in blocked or (k > 0 and toks[k - 1].lower in _DET_NOUN):
            continue
        if t.cap and k > 0 and _inside_name(toks, k):
            continue  # "at State House": part of a name
        if t.lower == "saying":
            continue  # "X, saying ..." shares X's event; "as saying" is handled with "quoted"
        if lemma == "claim" and k + 1 < n and lows[k + 1] in ("responsibility", "credit"):
            continue  # "claimed responsibility for the attack": the lexicon's claim (015), reporting nothing
        if lemma != "quote" and _passive_report(lows, k):
            continue  # "it had not been told in advance": its subject heard, it did not speak
        if t.lower in _NOUN_LIKE_REPORTS and not (k > 0 and toks[k - 1].word):
            continue
        if t.lower in _NOUN_LIKE_REPORTS and k + 1 < n and toks[k + 1].word and not toks[k + 1].cap \
                and lows[k + 1] not in _REPORTED_OPENERS and not any(a.j == k for a in ats):
            continue  # "dissolved state institutions", "a report card": a noun before a noun (not "Potach notes older ...")
        if lemma == "quote":
            # "X quoted Y as saying"
            src = _left_actor(toks, ats, k)
            quoted = None
            for a in ats:
                if a.i > k and a.i <= k + 8 and not a.m.possessive:
                    quoted = a
                    break
            if quoted is not None:
                e = quoted.j
                while e < n and toks[e].lower not in ("saying",) and e < quoted.j + 4:
                    e += 1
                lo = src.i if src else k
                out.append(Attribution(list(quoted.names), "quote", (src.names[0] if src and src.names else None), lo, min(n, e + 1), k, pre=lo < 2))
            continue
        # subject: nearest actor to the left in the same clause (or "said X" inversion)
        src = _left_actor(toks, ats, k)
        if src is None:
            # inverted post-posed attribution: '..., said X' / '”, added the ministry'
            if not (k > 0 and toks[k - 1].text in (",", "”", '"') and lemma in ("say", "add", "report", "state", "write", "claim")):
                continue
            for a in ats:
                if k < a.i <= k + 3 and a.in_pp is None:
                    src = a
                    break
            if src is None:
                continue
            lo, hi = k, src.j
            names = list(src.names)
        else:
            relative = src.j + 1 < k and toks[src.j].text == "," and _opens_aside(toks[src.j + 1].lower)
            outside = {t.start for t in (_without_relative(toks, src.j, k) if relative else toks[src.j:k])}
            if any(src.j <= tr.i < k and toks[tr.i].start in outside for tr in trigs):
                continue  # "X filed a lawsuit, saying ...": X is the actor of the event, not a reporter
                # (but "X, who hosted the summit, said ...", "X, asked about it, said": the
                # relative clause's or the aside's event is its own)
            subj = _subject_not_object(toks, ats, trigs, src)
            if subj is None:
                continue
            usable = [a for a in ats if a.names]
            grp = _with_coord(subj, usable, toks) if subj in usable else [subj]
            lo, hi = (grp[0].i if subj is src else k), k + 1  # "X accused Y ... and said": only "said" is masked
            src = grp[0] if len(grp) > 1 else subj
            names = (list(dict.fromkeys(n for g in grp for n in g.names))  # "Iraq and Syria announced": both speak
                     if len(grp) > 1 and all(g.names for g in grp) else list(src.names))
        out.append(Attribution(names, lemma, None, lo, _attribution_end(toks, ats, trigs, hi, k), k,
                               pre=_reported_after(toks, trigs, lo, hi, k)))
    return out


def _reported_after(toks: list[Token], trigs: list[Trigger], lo: int, hi: int, k: int) -> bool:
    """Does the reported content follow the attribution clause ``toks[lo:hi]`` (verb at ``k``),
    rather than come before its subject (post-posed: '"...," X said')?"""
    after = any(tr.i > hi and tr.i != k for tr in trigs)
    before = any(tr.j <= lo for tr in trigs)
    return after and not (before and lo > 0 and toks[lo - 1].text in (",", "”", "\"", "’"))


def _attribution_end(toks: list[Token], ats: list[ActorTok], trigs: list[Trigger], hi: int, k: int) -> int:
    """The attribution clause extends over adjuncts up to "that" / comma / quote."""
    e, n = hi, len(toks)
    starts = {a.i for a in ats}
    while e < n and toks[e].lower not in ("that",) and toks[e].text not in (",", ".", ";", "“", "\"") and e - hi < 8:
        if any(tr.i == e for tr in trigs) and e != k or e in starts and e >= hi:
            break
        e += 1
    return e


def _subject_not_object(toks: list[Token], ats: list[ActorTok], trigs: list[Trigger], src: ActorTok) -> ActorTok | None:
    """"X accused Y of stalling and said ...": Y is the object of "accused", so X (the
    subject of that verb) says it. An actor after a verb of its clause is its object."""
    cs = _clause_start(toks, src.i)
    verbs = [tr for tr in trigs if tr.pos == "verb" and cs <= tr.i and (
        tr.j <= src.i and not any(t.text in (",", "(", "”", '"') for t in toks[tr.j : src.i])  # ", CTK said": a subject
        or tr.i < src.i and src.j <= tr.j)]  # "gave the junta seven days to ... and said": inside the pattern
    if not verbs:
        return src
    subj = _left_actor(toks, ats, verbs[0].i)
    return subj if subj is not None and subj is not src else None


_RELATIVE_OPENERS = frozenset(["who", "which", "whose"])


def _opens_aside(w: str) -> bool:
    """Does the lower-cased word after a comma open a relative clause (", who ...") or a
    participial aside (", speaking ...", ", asked ..."; the participles of
    ``dating._PARTICIPIAL_OPENERS``) between a speaker and its verb?"""
    return w in _RELATIVE_OPENERS or w in dating._PARTICIPIAL_OPENERS or w.endswith("ing") and len(w) > 5


def _without_relative(toks: list[Token], a: int, b: int) -> list[Token]:
    """``toks[a:b]`` without ", who/which ... ," relative clauses and ", speaking / asked ... ,"
    participial asides (closed by a comma before ``b``)."""
    out: list[Token] = []
    k = a
    while k < b:
        if toks[k].text == "," and k + 1 < b and _opens_aside(toks[k + 1].lower) and (
                toks[k + 1].lower in _RELATIVE_OPENERS or any(t.text == "," for t in toks[k + 2 : b])):
            e = k + 2
            while e < b and toks[e].text != ",":
                e += 1
            k = e + 1
            continue
        out.append(toks[k])
        k += 1
    return out


#: Plural nouns closing "X and N other <...>" after a named speaker.
_COLLECTIVE_TAILS = frozenset("countries nations states allies governments members partners leaders officials".split())


def _left_actor(toks: list[Token], ats: list[ActorTok], k: int) -> ActorTok | None:
    cs = _clause_start(toks, k)
    best = None
    for a in ats:
        if a.j <= k and a.i >= cs and a.in_pp is None and not a.m.possessive and a.m.form != "demonym":
            # the subject directly precedes (allow adverbs and a ", who ... ," relative clause)
            gap = _without_relative(toks, a.j, k)
            if gap[:1] and gap[0].text == "(" and any(g.text == ")" for g in gap[1:5]):
                gap = gap[next(n for n, g in enumerate(gap) if g.text == ")") + 1:]  # "the Economic ... States (ECOWAS) said"
            if all(g.word and not g.cap for g in gap) and len(gap) <= 4 or (len(gap) <= 6 and all(g.word or g.text == "," for g in gap) and a.m.kind != "country") \
                    or 2 <= len(gap) <= 6 and gap[0].lower == "and" and gap[-1].lower in _COLLECTIVE_TAILS:
                best = a  # (also "The United States and 12 other Western countries said")
    return best


# --------------------------------------------------------------------------- coding


def _mark_embedding(toks: list[Token], trigs: list[Trigger]) -> None:
    """A trigger governed by a control verb ("agreed to lift", "refused to deploy")."""
    for idx, tr in enumerate(trigs):
        for prev in reversed(trigs[:idx]):
            gap = toks[prev.j : tr.i]
            if len(gap) > 8 or any(g.text in (";", ".") for g in gap):
                continue
            words = [g.lower for g in gap]
            if words[-1:] in (["and"], ["or"], ["but"]) and tr.pos == "verb" and _past_form(toks[tr.i].lower):
                break  # "called for calm and urged ...": a second finite verb, not a complement
            if "if" in words or "unless" in words:
                break  # "threatened to attack if the junta refused": the condition's own verb
            if "control" in prev.lex.flags:
                if "to" in words or "that" in words or "for" in words or len(gap) <= 3:
                    tr.embedded_by = prev
                    prev.child = prev.child or tr
                    break
                continue
            if tr.pos == "verb" and (words[-1:] == ["to"] or toks[tr.i].lower.endswith("ing") and words[-1:] in (["in"], ["by"], [","])):
                tr.subordinate = True  # "staged a strike to demand", ", demanding": purpose / manner
                break


#: Verbs that put an event on the calendar ("set sentencing for July 11").
_SCHEDULING = frozenset("set sets scheduled schedules slated rescheduled postponed".split())
#: Adjectives that make an event noun's modality ("a planned attack" has not happened).
_NOUN_MODALITY = {"planned": "planned", "proposed": "planned", "imminent": "planned", "impending": "planned",
                  "upcoming": "planned", "possible": "possible", "potential": "possible", "feared": "possible"}


def _modality(toks: list[Token], tr: Trigger) -> str:
    cs = _clause_start(toks, tr.i)
    window = [t.lower for t in toks[max(cs, tr.i - 6) : tr.i]]
    mod = "asserted"
    if _prevention(toks, tr) is not None:
        return "negated"  # "barred him from leaving": he did not leave
    if tr.embedded_by is not None:
        gov = tr.embedded_by.lex.event_type
        if gov in ("reject", "deny"):
            return "negated" if gov == "reject" else "reported_denial"
        mod = "planned"
    for k, w in enumerate(window):
        if (w in _NEG or w.endswith("n't")) and not (k + 1 < len(window) and window[k + 1] == "guilty"):
            mod = "negated"  # (but "pleaded not guilty to charges": the charges stand)
        elif w in _FAIL_VERBS:
            mod = "negated"
        elif w in _MODAL_PLANNED and mod == "asserted":
            mod = "planned"
        elif w in _MODAL_POSSIBLE and mod in ("asserted",) and not (w == "may" and toks[max(cs, tr.i - 6) + k].text == "May"):
            mod = "possible"  # (not the month: "in early May")
        elif w in _PLAN_VERBS and k + 1 < len(window) and window[k + 1] == "to" and mod == "asserted":
            mod = "planned"
        elif w in ("if", "unless") and mod == "asserted":
            mod = "possible"
    if mod == "negated" and any(w in _RULE_FORMS and k + 1 < len(window) and window[k + 1] == "out" and any(
            x in _NEG or x.endswith("n't") for x in window[:k]) for k, w in enumerate(window)):
        mod = "possible"  # "would not rule out using force": a possibility kept open
    if mod == "asserted" and tr.pos == "noun" and tr.i > 0:
        mod = _NOUN_MODALITY.get(toks[tr.i - 1].lower, mod)  # "a planned attack", "a possible strike"
    if mod == "asserted" and (tr.pos == "noun" or toks[tr.i].lower.endswith("ing")) \
            and any(toks[k].lower in _SCHEDULING for k in range(max(cs, tr.i - 2), tr.i)):
        mod = "planned"  # "set sentencing for July 11", "scheduled talks for Monday"
    if mod == "asserted" and tr.pos == "verb" and tr.i > 1 and toks[tr.i - 1].lower in ("and", "or"):
        mod = _shared_modal(toks, tr.i - 1, toks[tr.i].lower) or mod  # "would return it and invite them"
    if mod == "asserted" and tr.pos == "verb" and cs > 0 and toks[cs - 1].lower in ("if", "unless"):
        tr.conditional = True  # "... if it defied the court": the clause "if" opens (not in the window)
        mod = "possible"
    if mod == "asserted":
        k = tr.i - 1
        while k >= 0 and toks[k].word and toks[k].lower not in _BE and k > tr.i - 6 and toks[k].lower not in ("and", "but"):
            if toks[k].lower in ("denied", "denies", "deny", "denying"):  # (not "denied it and blamed X")
                return "reported_denial"
            k -= 1
    if mod == "asserted":
        for k in range(tr.i - 1, max(0, tr.i - 8), -1):
            if toks[k].lower == "that" and toks[k - 1].lower in _CLAIM_NOUNS:
                # "suggestions that it had ordered the killing": a claim, not a fact; one the
                # speaker dismisses ("dismissed ... suggestions that ...") is a denial
                if any(t.lower in _DISMISS_WORDS for t in toks[max(0, k - 12) : k - 1]):
                    return "reported_denial"
                return "alleged"
    return mod


_RULE_FORMS = frozenset("rule rules ruled ruling".split())
#: Nouns whose "that" clause is someone's claim ("allegations that ...").
_CLAIM_NOUNS = frozenset("""suggestion suggestions claim claims allegation allegations accusation accusations report
    reports rumour rumours rumor rumors speculation assertion assertions""".split())
_DISMISS_WORDS = frozenset("""dismissed dismisses dismissing rejected rejects rejecting denied denies denying
    refuted refutes""".split())


def _shared_modal(toks: list[Token], k: int, word: str) -> str | None:
    """The modality a verb coordinated at ``toks[k]`` ("and"/"or") shares with the verb
    phrase before it: "would return the bill and invite ..." is planned, "could sign
    it or veto ..." possible. Only a verb in its bare form shares (not "... and invited"),
    and only within one clause: punctuation, a subject pronoun or "that" ends the search."""
    if word.endswith(("ed", "s", "ing")):
        return None
    for t in reversed(toks[max(0, k - 12) : k]):
        w = t.lower
        if not t.word or w in _SUBJECT_WORDS or w in ("that", "which", "who", "and", "or", "but"):
            return None
        if w in _NEG or w.endswith("n't"):
            return None  # "did not return it and invite ...": the scope of the negation is unclear
        if w in _MODAL_PLANNED:
            return "planned"
        if w in _MODAL_POSSIBLE:
            return "possible"
    return None


_SUBJECT_WORDS = frozenset("i he she we they".split())  # not "it", "you": objects too


#: "X accused Y of <event>", "blamed Y for <event>": the event is Y's, as X alleges it.
_ALLEGE_VERBS = frozenset(["accuse", "accused", "accuses", "accusing", "blame", "blamed", "blames", "blaming",
                           "charged", "charges", "charging", "suspected", "suspects", "suspect"])


def _accused_span(toks: list[Token], tr: Trigger) -> tuple[int, int] | None:
    """The tokens of Y in "X accused Y of <trigger>" (the trigger right after "of"/"for"), or None."""
    k = tr.i - 1
    if tr.pos == "noun":  # "accused Y of making a secret deal": the noun a gerund right after "of" governs
        g = next((g for g in range(tr.i - 1, max(1, tr.i - 4) - 1, -1) if toks[g].lower.endswith("ing")
                  and toks[g - 1].lower in ("of", "for")), None)
        if g is None or not all(t.word and not t.cap for t in toks[g + 1 : tr.i]):
            return None
        k = g - 1
    elif k < 2 or toks[k].lower not in ("of", "for") or not toks[tr.i].lower.endswith("ing"):
        return None
    for v in range(k - 1, max(0, k - 10) - 1, -1):
        w = toks[v].lower
        if w in _ALLEGE_VERBS:
            return (v + 1, k)
        if w in (".", ";", "and", "but") or toks[v].text == ",":
            return None
    return None


def _is_passive(toks: list[Token], tr: Trigger) -> bool:
    if tr.pos != "verb":
        return False
    w = toks[tr.i].lower
    if not (w.endswith(("ed", "en", "wn")) or w in _IRREGULAR.get(tr.lex.lemma, []) or w in _IRREGULAR_FORMS):
        return False
    if _reduced_relative(toks, tr):
        tr.reduced = True
        return True
    k = tr.i - 1
    steps = 0
    while k >= 0 and steps < 3:
        p = toks[k].lower
        if p in _BE or p in _GET:
            return p not in ("has", "have", "had")
        if not toks[k].word or toks[k].cap:
            break
        k -= 1
        steps += 1
    # reduced passive "... killed by a bomb", "talks hosted by the EU's foreign policy chief"
    if tr.j < len(toks) and toks[tr.j].lower == "by":
        # "a loan backed by profits", "talks hosted by the EU": a participle after its noun
        # (but "talks hosted by X": the talks' parties are the clause's, as for a passive)
        tr.reduced = tr.by_participle = (tr.i > 0 and toks[tr.i - 1].word and toks[tr.i - 1].lower not in _AUX_ADV
                                          and toks[tr.i - 1].lower not in _PRONOUN_WORDS
                                          and toks[tr.i - 1].lower not in _GATHERING_NOUNS)
        return True
    nxt = toks[tr.j].lower if tr.j < len(toks) else ""
    if w.endswith("ed") and toks[tr.i].cap and _headline_like(toks):
        return True  # "Bankman-Fried Sentenced to 25 Years": a headline drops the "was" of its passives
    # "was arrested in the Bahamas ... and extradited to the United States": the second
    # participle of a passive, when no object follows it
    if tr.i >= 2 and toks[tr.i - 1].lower in ("and", "or") and (not nxt or nxt in _PREPS_NOT_SUBJECT or nxt in _AFTER_PARTICIPLE):
        for k in range(tr.i - 2, max(-1, tr.i - 14), -1):
            p = toks[k].lower
            if p in _CLAUSE_BREAK_WORDS or p in (";", ":") or p in ("has", "have", "had"):
                break
            if p in _BE and any(toks[q].lower.endswith(("ed", "en")) for q in range(k + 1, min(k + 3, tr.i - 1))):
                return True
    return False


#: Gatherings whose host is named after "by" ("talks hosted by X").
_GATHERING_NOUNS = frozenset("""talks meeting meetings summit summits visit visits negotiations conference conferences
    ceremony dinner session sessions event events forum""".split())
#: Words that may follow a participle with no object ("... and extradited last month").
_AFTER_PARTICIPLE = frozenset(". , ; last this next earlier later yesterday today".split())


_RR_PREPS = frozenset("for of with among including about to from like".split())
_RR_NEXT = frozenset("during in on at near when while after since last this over across amid".split())


def _reduced_relative(toks: list[Token], tr: Trigger) -> bool:
    """A past participle after a noun that a preposition governs, before a preposition or
    the clause's end: "a silence for the pilots killed during the mutiny", "the number of
    people arrested on Monday". A passive without "be": the noun is what was done to, and
    the clause's subject did none of it."""
    if tr.j < len(toks) and toks[tr.j].word and toks[tr.j].lower not in _RR_NEXT:
        return False
    k = tr.i - 1
    while k >= 0 and k >= tr.i - 5 and toks[k].word and toks[k].lower not in _RR_PREPS \
            and toks[k].lower not in _BE and toks[k].lower not in _SUBJECT_WORDS and toks[k].lower not in ("and", "or", "that", "who", "which"):
        k -= 1
    if not (0 <= k < tr.i - 1 and toks[k].lower in _RR_PREPS):
        return False
    if any(toks[q].lower == "as" and toks[q - 1].lower in _AS_ADVERB_AS and toks[q - 2].lower == "as"
           for q in range(max(k, 2), tr.i)):
        return False  # "as soon as Morocco asked": a clause of its own, Morocco asks
    # the clause has its own verb before the noun ("held ... for the pilots"); without one
    # the participle is that verb ("Troops from the north attacked at dawn")
    return any(_past_form(t.lower) or t.lower in _BE or t.lower in _REPORT_WORDS
               for t in toks[_clause_start(toks, tr.i) : k])


#: What is deployed when forces are: "deployed warships", "the deployment of peacekeepers".
_MATERIEL = frozenset("""warships warship ships vessels missiles missile jets aircraft planes tanks personnel police
    policemen force contingent contingents jawans commandos marines reservists officers guards units submarines drones weapons bombers carrier carriers batteries peacekeepers battalion
    battalions brigade brigades division divisions""".split())
#: What one walks out of in protest: "walked out of the talks".
_WALKOUT_FROM = frozenset("""meeting meetings talks session sessions parliament chamber negotiations summit hearing
    conference assembly debate vote ceremony council""".split())


#: Words one of which stands just before a trigger that names an event ("a", "as", "called").
_NAMED_AS_CUES = frozenset(["a", "an", "as"]) | _NAMING_VERBS
#: Verbs that judge their object "as" something (stems): the event after "as" is the object.
_JUDGING_STEMS = ("condemn", "denounc", "describ", "hail", "prais", "welcom", "criticis", "criticiz", "decr",
                  "dismiss", "reject", "slam", "brand", "label", "characteri", "view", "regard", "portray")


#: Event types whose words are also a game's ("beat", "attack", "strike", "clash", "shoot").
_SPORT_SENSITIVE = frozenset(["assault", "attack", "strike", "fight"])
_SPORT_WORDS = frozenset("""goal goals minute minutes match matches tournament championship league squad coach
    penalty striker goalkeeper midfielder semi-final quarter-final final kickoff equaliser equalizer substitute
    wicket wickets innings scored""".split())
_SCORE = re.compile(r"\d{1,3}-\d{1,3}$")


def _sport_context(toks: list[Token]) -> bool:
    """Does the sentence read as a game report: a score ("2-1") or two words of the game?"""
    seen = {t.lower for t in toks if t.lower in _SPORT_WORDS}
    return len(seen) >= 2 or any(_SCORE.match(t.text) for t in toks) and bool(seen)


_SPORT_LAST: list = [None, 0]  # [the last text asked about, its count]
_SPORT_WORD_RE = re.compile(r"\b(?:" + "|".join(sorted(_SPORT_WORDS, key=len, reverse=True)) + r")\b", re.I)


def _sport_words(text: str) -> int:
    """How many distinct words of a game the whole article uses (memoised per text): with
    four or more it is a game report, where a verb of violence with no target ("attacked
    from the first minute") is play; with none, no sentence of it reads as one."""
    if _SPORT_LAST[0] is not text:
        _SPORT_LAST[:] = [text, len({m.lower() for m in _SPORT_WORD_RE.findall(text)})]
    return _SPORT_LAST[1]


#: Words of health and disease: an emergency declared over them is no martial law.
_HEALTH_WORDS = frozenset("""health outbreak epidemic pandemic disease virus mpox cholera ebola measles polio covid
    covid-19 influenza flu infections cases""".split())
#: What a warning can be of without threatening anyone.
_HAZARD_WORDS = frozenset("""highest red amber orange yellow flood floods flooding storm storms weather tsunami heat
    hurricane typhoon cyclone tornado severe rain snow wildfire fire avalanche""".split())


def _named_as(toks: list[Token], tr: Trigger) -> bool:
    """Is the noun trigger what a naming verb calls its object ("called the shooting a vile
    attack", "described the raid as an act of war")? Then it names an event already told."""
    if tr.i < 2:
        return False
    for k in range(tr.i - 1, max(-1, tr.i - 5), -1):
        if toks[k].lower in _NAMED_AS_CUES:
            break
    else:
        return False  # (the common case: no "a"/"an"/"as" or naming verb just before it)
    k = tr.i - 1
    while k >= 0 and tr.i - k <= 3 and toks[k].word and toks[k].lower not in ("a", "an", "as") and not toks[k].cap:
        if toks[k].lower in _NAMING_VERBS and k >= 2 and toks[k - 2].lower == "what":
            return True  # "condemned what he called another massacre": the speaker's word for it
        k -= 1
    if k < 1 or toks[k].lower not in ("a", "an", "as"):
        return False
    while k > 0 and toks[k - 1].text in _QUOTES_OPEN:  # 'described it as "a brutal attack"'
        k -= 1
    if toks[k].lower != "as" and toks[k - 1].lower == "as":
        k -= 1
    for q in range(k - 1, max(-1, k - 9), -1):
        low = toks[q].lower
        if toks[k].lower == "as" and low.startswith(_JUDGING_STEMS) and q + 1 < k:
            return True  # "condemned the shooting as a brutal attack", "hailed the deal as a breakthrough"
        if low in _NAMING_VERBS:
            return q + 1 < k and toks[q + 1].lower not in ("for", "on", "upon", "off", "in", "out", "up")
        if low in _CLAUSE_BREAK_WORDS or low in (",", ";", ":", "and"):
            return False
    return False


#: What is fought without an enemy: "fought the blaze", "fight inflation".
_FOUGHT_THINGS = frozenset("""blaze blazes fire fires flames wildfire wildfires bushfire bushfires inferno disease
    diseases virus pandemic epidemic outbreak cancer inflation poverty corruption hunger famine drought""".split())
#: Nouns "fire" modifies when it is a blaze, not shooting.
_FIRE_COMPOUNDS = frozenset("""drill drills alarm alarms crew crews crews brigade brigades department departments
    engine engines fighter fighters service services station stations exit exits escape safety hazard""".split())
#: What a return goes back to that makes it news of its own ("returned to work", "to the table").
_RETURNED_TO = frozenset("work table talks negotiations power office duty".split())
#: Sea and air words that make drills military ("naval drills", "warplanes").
_SEA_AIR = frozenset("naval navy warplanes warships live-fire missile missiles air-force".split())
#: Nouns a name is given to with "called": "a group called X", "a town called Y".
_NAMED_THINGS = frozenset("""group groups organisation organization company firm movement party town village city
    program programme operation campaign initiative book film song app platform network channel outfit unit""".split())


#: What is released when no one is set free: "released a statement", "the water release".
#: (documents, "released a statement / a video", are announcements: ``_DOC_NOUNS``)
_RELEASED_THINGS = frozenset("""water wastewater album film list guidance gas radiation emissions oil funds funding
    budget forecast forecasts version update book metres meters tonnes tons litres liters""".split())
#: ... and who is: "released the hostages and their statement".
_RELEASED_PEOPLE = frozenset("""hostages hostage prisoners prisoner detainees detainee captives captive journalist journalists
    him her them soldiers soldier civilians children women men activist activists""".split())

#: What a government signs on its own: "signed executive orders / a decree / the bill into law".
_DOMESTIC_DOCUMENTS = frozenset("executive order orders decree decrees law laws bill bills legislation budget".split())


#: Things withdrawn or advanced that are no troops ("withdrew the bill", "advanced a bill").
_BILL_WORDS = frozenset("""bill bills law laws legislation proposal proposals resolution motion nomination candidacy
    application complaint lawsuit suit case offer request charges statement support recognition permit license
    licence accreditation plan plans amendment draft measure""".split())
#: Names of those whose gathering is a protest.
_PROTESTERS = re.compile(r"protest|demonstrat|crowd|support|rall|activist|opposition|marcher|students|workers", re.I)
#: Things received that make "receive" no hosting of a visitor.
_RECEIVED_THINGS = frozenset("""aid help assistance offers offer support supplies donations funds funding money
    letter letters call calls message messages invitation invitations award prize sentence sentences reports
    report complaints complaint request requests backing approval""".split())
#: Objects one "strikes" as an agreement ("struck a deal with X"): no attack, no walkout.
_STRUCK_AGREEMENTS = frozenset("deal deals agreement agreements accord bargain compromise pact truce partnership alliance".split())
#: Objects a country or force "strikes" without attacking ("struck a balance", "struck gold").
#: (The agreements are handled before: "struck a deal" is no strike at all.)
_STRUCK_NOT_ATTACKED = frozenset("balance tone note chord pose gold oil down out blow blows".split())
#: Words before "shot" that make it a photo, a jab or a try, not gunfire.
_NOT_GUN_SHOTS = frozenset("""mug booster flu vaccine covid photo camera long parting screen jump moon glamour
    penalty free tee slap drop""".split())
#: Those who put questions in interviews.
_PRESS_ASKERS = frozenset("reporters reporter journalists journalist interviewer interviewers press media".split())


def _press_question(toks: list[Token], tr: Trigger) -> bool:
    """Is ``tr`` ("asked", "questioned") a participle opening a clause ("Asked ...", "X, asked
    ...,") that reports a question (whether / about / why ...), put by no one or by the press?
    Not "asked by Moscow to mediate": a request."""
    if toks[tr.i].lower not in ("asked", "questioned", "pressed") or tr.i > 0 and toks[tr.i - 1].text != ",":
        return False
    window = [t.lower for t in toks[tr.j : tr.j + 8]]
    q = next((n for n, w in enumerate(window) if w in dating._QUESTION_OPENERS), None)
    if q is None or "to" in window[:q]:
        return False
    by = window.index("by") if "by" in window[:q] else None
    return by is None or any(w in _PRESS_ASKERS for w in window[by + 1 : q])


def _judicial(a: ActorTok) -> bool:
    """Is ``a`` a court or a judge?"""
    return a.m.sector == "JUD" or "court" in (a.m.name or "").lower() or "judge" in (a.m.title or "").lower()


def _report_after_clause(toks: list[Token], j: int) -> bool:
    """Does a reporting verb follow the comma that closes the clause at ``j`` within a few
    words ("..., X said", "..., said")?"""
    e = next((k for k in range(j, min(len(toks), j + 15)) if toks[k].text in (",", ".", ";", ":")), None)
    if e is None or toks[e].text != ",":
        return False
    for t in toks[e + 1 : e + 6]:
        if t.lower in _REPORT_WORDS:
            return True
        if not t.word:
            return False
    return False


#: Nouns "opposing" qualifies as an adjective ("backed opposing sides").
_OPPOSING_NOUNS = frozenset("""sides side camps camp views view factions faction parties forces teams team positions
    directions ends viewpoints interests armies blocs lines""".split())


def _sense(text: str, toks: list[Token], tr: Trigger, source: ActorTok | None, target_at: ActorTok | None, sent_text: str) -> bool:
    """Word-sense rules; False drops the trigger."""
    lx = tr.lex
    w = toks[tr.i].lower
    nxt = toks[tr.j].lower if tr.j < len(toks) else ""
    if lx.lemma == "call" and lx.pos == "verb" and lx.size == 1:
        if nxt in ("for", "on", "upon", "off", "it", "him", "her", "them", "a", "an", "in", "out", "up", "into"):
            return False  # other entries / naming / "called in"
        if tr.i > 0 and toks[tr.i - 1].lower in _NAMED_THINGS:
            return False  # "a group called the International Working Group": a name given, no call
        if target_at is None or target_at.i != tr.j and not (target_at.i <= tr.j + 1 and nxt == "the"):
            return False
        after = toks[target_at.j].lower if target_at.j < len(toks) else "."
        if after in ("a", "an", "the", "as") and not (target_at.j + 1 < len(toks) and toks[target_at.j + 1].lower in ("morning", "evening", "afternoon", "night", "day")):
            return False  # "called Wagner's action a betrayal"
        return True
    if _named_as(toks, tr):
        return False  # "called the shooting a vile attack": the speaker's word for an event, no new one
    if w == "shot" and tr.i > 0 and toks[tr.i - 1].lower in _NOT_GUN_SHOTS:
        return False  # "a mug shot", "a booster shot": a photo or a jab, nobody fired at
    if lx.lemma == "shoot" and any(t.lower in ("mouth", "mouths") for t in toks[tr.j : tr.j + 3]):
        return False  # "shooting their mouths off": talking
    if lx.event_type == "host" and tr.pos == "verb" and any(t.lower in _RECEIVED_THINGS for t in toks[tr.j : tr.j + 4]):
        return False  # "received aid from Spain", "received a letter": nobody hosted
    if lx.cameo == "139" and lx.size > 1 and source is not None and _judicial(source):
        return False  # "the court gave prosecutors 30 days to respond": a court's deadline, no ultimatum
    if lx.lemma == "advance" and tr.i + 1 < len(toks) and toks[tr.i + 1].lower in _DETS | _BILL_WORDS:
        return False  # "advanced a bill on foreign agents": legislation moves, no troops
    if lx.event_type == "retreat" and lx.lemma == "withdraw" and tr.pos == "verb" \
            and any(t.lower in _BILL_WORDS for t in toks[tr.j : tr.j + 3]):
        return False  # "urged Tbilisi to withdraw the bill": no forces pull back
    if lx.lemma == "gather" and not (source is not None and _PROTESTERS.search(source.m.name or "")):
        return False  # "protesters gathered again" is a protest; "leaders gathered in Paris" is not
    if lx.lemma == "ask" and tr.pos == "verb" and _press_question(toks, tr):
        return False  # "Asked by reporters on Friday whether ..., X said": a question put in an interview
    if lx.event_type == "meeting" and lx.pos == "verb" and w.endswith("ing") and _report_after_clause(toks, tr.j) \
            and any(t.lower in _PRESS_ASKERS for t in toks[tr.j : tr.j + 3]):
        return False  # "Speaking to reporters, X said ...": the reporting verb codes the statement
    if w == "opposing" and nxt in _OPPOSING_NOUNS:
        return False  # "backed opposing sides", "opposing views": an adjective, nobody opposes anyone
    if lx.lemma == "use" and toks[tr.j - 1].lower != "force":
        return False  # "by using forces and weapons": troops put to use, no force used on anyone
    if lx.lemma == "meet" and w == "met" and tr.passive and source is None:
        return False  # "if the demand was not met", "were met with tear gas": nobody met anyone
    if lx.event_type == "meeting" and lx.pos == "verb" and target_at is not None and target_at.m.sector == "MED":
        # "speaking to reporters", "told journalists": a statement made to the press, no consultation
        tr.event_type, tr.cameo, tr.plover_type, tr.plover_mode = "statement", "010", None, None
        return True
    if lx.event_type == "mobilize" and lx.cameo == "150" and not (source is not None and _is_armed(source)) \
            and not any(_ARMED_WORDS.search(t.lower) or t.lower in _MATERIEL or t.lower in _SEA_AIR for t in toks):
        return False  # "fire drills", "the exercise of power": no armed force in sight
    if lx.event_type == "fight" and any(t.lower in _FOUGHT_THINGS for t in toks[tr.j : tr.j + 3]):
        return False  # "fought the blaze", "to fight inflation": no armed clash
    if w.startswith("fire") and tr.i + 1 < len(toks) and toks[tr.i + 1].lower in _FIRE_COMPOUNDS:
        return False  # "fire drills", "fire crews", "the fire department": no shot fired
    if lx.lemma == "charge" and nxt.startswith(("d'", "d’")):
        return False  # "the charge d'affaires": a diplomat
    if lx.event_type == "return" and tr.pos == "verb" and nxt in ("to", "home", "from") \
            and not any(t.lower in _RETURNED_TO for t in toks[tr.j : tr.j + 4]):
        return False  # "returned to Taipei on Friday": went back, gave nothing back (not "returned to work")
    if lx.event_type == "mobilize" and lx.lemma in ("deploy", "deployment") and not (source is not None and _is_armed(source)) \
            and not any(_ARMED_WORDS.search(t.lower) or t.lower in _MATERIEL for t in toks):
        return False  # "deployed a fix": software, not forces
    if tr.pos == "noun" and w == "protest" and tr.i > 0 and toks[tr.i - 1].lower == "in":
        return False  # "quit in protest", "walked out in protest at ...": how, not a protest event
    if lx.event_type == "strike" and tr.pos == "verb" and w.startswith("walk") and nxt == "of" \
            and not any(t.lower in _WALKOUT_FROM for t in toks[tr.j + 1 : tr.j + 5]):
        return False  # "walked out of the prison": left a place (not "walked out of the talks")
    if lx.event_type in _SPORT_SENSITIVE and _sport_words(text) and not (source is not None and _is_armed(source)) and (
            _sport_context(toks) or target_at is None and _sport_words(text) >= 4):
        return False  # "beating England 2-1", "struck four minutes from time": a match, not violence
    if lx.lemma == "warn" and tr.pos == "verb" and target_at is None \
            and "that" in [t.lower for t in toks[tr.j : tr.j + 5]] and not any(t.lower in ("against", "to") for t in toks[tr.j : tr.j + 2]):
        # "economists had warned that a stoppage could cost billions": a grim forecast, no threat
        tr.event_type, tr.cameo, tr.plover_type, tr.plover_mode = "statement", "012", None, None
        return True
    if lx.event_type == "threaten" and (w in ("warning", "warnings", "alert", "alerts") and any(
            t.lower in _HAZARD_WORDS for t in toks[max(0, tr.i - 2) : tr.j + 3])
            or nxt == "of" and any(t.lower in _HAZARD_WORDS for t in toks[tr.j + 1 : tr.j + 4])):
        return False  # "its highest warning", "a flood alert": a warning of weather, not a threat
    if lx.event_type == "martial_law" and any(t.lower in _HEALTH_WORDS for t in toks):
        # "declared mpox a public health emergency": a declaration, no state of emergency imposed
        tr.event_type, tr.cameo, tr.plover_type, tr.plover_mode = "statement", "010", None, None
        return True
    if lx.lemma == "plead" and nxt in ("guilty", "not", "innocent", "no"):
        return False  # "pleading guilty": a plea in court, no appeal to anyone
    if lx.lemma == "sign" and tr.pos == "verb" and any(t.lower in _DOMESTIC_DOCUMENTS for t in toks[tr.j : tr.j + 3]):
        return False  # "signed executive orders", "signed the bill into law": no agreement with anyone
    if lx.lemma == "order" and tr.i > 0 and toks[tr.i - 1].lower == "executive":
        return False  # "executive orders": documents, no demand
    if tr.pos == "verb" and tr.i > 0 and toks[tr.i - 1].lower == "the" and w in _PEOPLE_PARTICIPLES \
            and nxt not in ("by", "man", "woman", "men", "women", "people", "soldier", "soldiers"):
        return False  # "visited the wounded in hospital": people, not an event
    if lx.event_type == "merge" and w.startswith(("take", "took")) and tr.j < len(toks) and (
            nxt in _CASE_NOUNS or nxt in ("the", "a") and tr.j + 1 < len(toks) and toks[tr.j + 1].lower in _CASE_NOUNS):
        return False  # "took over the case": an inquiry changing hands, no takeover
    if lx.lemma == "blast" and (tr.i > 0 and toks[tr.i - 1].lower in ("all", "the", "any", "no", "of", "further", "more", "some")
                                or nxt in ("", ".", ",", ";", "until", "at", "in", "near", "and", "through")):
        return False  # "stop all blasting", "blasting at the quarry": explosions, not criticism
    if lx.event_type == "release" and tr.pos == "verb":
        left = toks[tr.i - 3 : tr.i]
        obj = toks[tr.j : tr.j + 3]
        for t in list(left) + list(obj):
            if t.lower in _DOC_NOUNS:
                tr.event_type, tr.cameo, tr.plover_type, tr.plover_mode = "announce", "010", None, None
                tr.lex = Lexeme(lx.words, lx.pos, "announce", "010", None, None, frozenset(["doc:" + _DOC_NOUNS[t.lower]]), None, lx.lemma)
                return True
    if lx.event_type == "release" and (
            tr.i > 0 and toks[tr.i - 1].lower in _RELEASED_THINGS
            or any(t.lower in _RELEASED_THINGS for t in toks[tr.j : tr.j + 6])
            and not any(t.lower in _RELEASED_PEOPLE or t.lower.endswith(("ers", "ists")) for t in toks[tr.j : tr.j + 6])
            or tr.passive and any(t.lower in _RELEASED_THINGS for t in toks[max(0, tr.i - 8) : tr.i])
            or tr.pos == "noun" and nxt != "of" and tr.i > 0 and toks[tr.i - 1].lower in ("the", "a", "this", "that")):
        return False  # "the water release", "released 7,800 cubic metres": no one set free
    if w in ("strike", "strikes", "struck", "hit", "hits", "hitting", "striking"):
        if tr.pos == "verb" and any(t.lower in _STRUCK_AGREEMENTS for t in toks[tr.j : tr.j + 3]):
            return False  # "struck a deal with X": the deal is the event (its noun codes it)
        left = [t.lower for t in toks[max(0, tr.i - 5) : tr.i]]
        if "cause_only" in lx.flags and left[-1:] and left[-1] in ("worst", "hardest", "badly", "hard", "most"):
            return False  # "the worst hit areas": an adjective
        if any(x in _HAZARDS for x in left):
            # "an earthquake struck the province": a natural disaster, on the timeline but with
            # no CAMEO/PLOVER code (no actor does it), and no labour strike or attack
            tr.event_type, tr.cameo, tr.plover_type, tr.plover_mode = "disaster", "", None, None
            tr.lex = Lexeme(lx.words, lx.pos, "disaster", "", None, None, frozenset(["hazard"]), None, lx.lemma)
            return True
        if (lx.event_type == "strike" or "cause_only" in lx.flags) and tr.pos == "verb" and (
                any(x in _WEAPONS for x in left) or any(t.lower in _DEATH_WORDS for t in toks)
                or w in ("struck", "strikes", "striking") and source is not None and source.i < tr.i
                and (source.m.kind in ("country", "gov") or _is_armed(source))
                and tr.j < len(toks) and toks[tr.j].word and toks[tr.j].lower not in _PREPS_NOT_SUBJECT
                and not any(t.lower in _STRUCK_NOT_ATTACKED for t in toks[tr.j : tr.j + 3])):
            # "Russian missiles struck Kyiv", "struck a school, killing ...": an attack, no walkout
            tr.event_type, tr.cameo, tr.plover_type, tr.plover_mode = "attack", "190", "ASSAULT", None
            return True
    if "cause_only" in lx.flags:
        return False  # "hit a record", "was hit by sanctions": no hazard or weapon strikes
    if lx.lemma == "rule" and tr.pos == "verb" and lx.size == 1:
        judicial = source is not None and _judicial(source)
        if not judicial and nxt not in ("that", "on", "against", "in", "for"):
            return False  # "Taliban ruled Afghanistan": governing, not a court ruling
    if lx.event_type == "strike" and tr.pos == "noun" and (
            _strike_target_follows(toks, tr.j)
            or toks[tr.i - 1].lower in ("missile", "drone", "air", "military", "rocket", "artillery")
            or any(t.lower in _DEATH_WORDS for t in toks)):  # "some hostages had died in the strikes"
        tr.event_type, tr.cameo, tr.plover_type, tr.plover_mode = "attack", "190", "ASSAULT", None
        return True
    if lx.event_type == "merge" and lx.lemma == "take" and source is not None and _is_armed(source):
        tr.event_type, tr.cameo, tr.plover_type, tr.plover_mode = "seize", "171", "COERCE", "seize"
        return True
    if "armed_only" in lx.flags and not (source is not None and _is_armed(source)):
        return False  # "moved north", "headed towards": a troop movement only when troops move
    if lx.armed and source is not None and _is_armed(source):
        c, t, m = lx.armed
        tr.cameo, tr.plover_type, tr.plover_mode = c, t, m
        if lx.event_type == "strike" or t == "ASSAULT":
            tr.event_type = "attack"  # ("set fire to" by an armed actor: an attack, not a riot)
    return True


#: What strikes in an attack: "missiles struck the city" is no walkout.
_WEAPONS = frozenset("""missile missiles rocket rockets drone drones shell shells bomb bombs airstrike airstrikes
    air-strike air-strikes warplane warplanes jets bombers artillery mortar mortars shelling projectile projectiles""".split())
#: Words of death and wounding: strikes in such a sentence are attacks, not walkouts.
_DEATH_WORDS = frozenset("died dead killed killing wounded injured casualties bodies".split())


def _strike_target_follows(toks: list[Token], j: int) -> bool:
    """After the noun "strike" (ending at token ``j``), "on/against/at" + a target, perhaps past a
    date: "a strike on Kharkiv", "a strike at dawn on Gaza"; not "ended their strike on Wednesday"."""
    k = j
    for _ in range(2):
        if k >= len(toks) or toks[k].lower not in ("on", "against", "at", "in", "overnight"):
            return False
        n = _time_len(toks, k + 1)
        if not n:
            return toks[k].lower != "in"
        k += 1 + n
    return False


def _time_len(toks: list[Token], k: int) -> int:
    """How many tokens of a date or time of day start at ``k`` ("Wednesday", "the morning",
    "12 March", "8 pm"; 0: none): such a phrase dates the event, it names no target."""
    words = [t.lower for t in toks[k:k + 3]]
    lead = 1 if words[:1] and words[0] in ("the", "this", "that", "last", "early", "late") else 0
    words = words[lead:]
    if not words:
        return 0
    first, after = words[0], words[1] if len(words) > 1 else ""
    if first[:1].isdigit():  # "on 12 March", "at 8 pm", "in 2023"; not "on 5 villages"
        if after in timex_lex.MONTHS or after in ("am", "pm", "a.m.", "p.m."):
            return lead + 2
        return lead + 1 if len(first) == 4 or ":" in first else 0
    if (first in timex_lex.WEEKDAYS or first in timex_lex.PARTS_OF_DAY or first in _TIME_NOUNS
            or (first in timex_lex.MONTHS and first not in timex_lex.AMBIGUOUS_MONTHS)):
        return lead + 1 + (after in timex_lex.PARTS_OF_DAY or after[:1].isdigit())
    return 0


_TIME_NOUNS = frozenset(["dawn", "dusk", "noon", "midnight", "weekend", "day", "date", "time", "start", "end"])


def _is_armed(a: ActorTok) -> bool:
    if a.m.sector in ("MIL", "REB", "COP"):
        return True
    if any(_ARMED_NAME.search(n) for n in a.names or [a.m.name]):
        return True  # "the Rapid Support Forces", "the Arakan Army"
    return bool(_ARMED_WORDS.search(a.m.kind or "")) or bool(_ARMED_WORDS.search(a.m.title or ""))


def _select_source(toks: list[Token], tr: Trigger, ats: list[ActorTok]) -> list[ActorTok]:
    """Clause subject(s) left of the trigger (or "by" agent for passives)."""
    usable = [a for a in ats if a.names and not a.attrib]
    if "must" in tr.lex.flags:
        tgt = next((a for a in usable if a.j == tr.i), None)
        subj = [a for a in ats if a.names and tgt is not None and a.j <= tgt.i and a.in_pp is None and not a.m.possessive]
        return _with_coord(subj[0], usable, toks) if subj and subj[0] in usable else subj[:1]
    if tr.passive:
        ce = _clause_end(toks, tr.j)
        for a in usable:
            if tr.j <= a.i < min(ce, tr.j + 8) and a.in_pp == "by":
                return _with_coord(a, usable, toks)
        for a in usable:  # "accused of misusing funds ... by government officials"
            if a.i >= tr.j and a.in_pp == "by" and a.m.form != "pronoun":
                return _with_coord(a, usable, toks)
        return []
    anchor = tr.i
    if tr.pos == "noun":
        lv = _light_verb(toks, tr)
        if lv is None:
            return _nominal_source(toks, tr, usable)
        anchor = lv
    cs = _clause_start(toks, anchor)
    best = None
    participle = toks[anchor].lower.endswith("ing") and anchor > 0 and toks[anchor - 1].text == ","
    # inside ", who ... ," the clause's own actors are its subjects ("who said both sides had ...")
    free = (None, "rel") if cs > 0 and toks[cs - 1].lower in _RELATIVE_WORDS else (None,)
    for a in usable:
        if cs <= a.i and a.j <= anchor and (a.in_pp is None or a.in_pp in free and not _reports(toks, a)
                                            or a.in_pp == "with" and a.j == anchor and toks[anchor].lower.endswith("ing")) \
                and (not a.m.possessive or _speaks_for(toks, a, anchor)) and a.m.form != "demonym":
            # ("with 15,000 forces staging a march": the forces stage it)
            best = a
            if participle:
                break  # ", accusing them of ...": the main clause's subject acts
    if participle and best is not None and _object_of_verb(toks, best, cs):
        return []  # "An earthquake struck Morocco, killing ...": the subject (no actor) kills, not its object
    gov = tr.embedded_by
    if best is not None and gov is not None and "gap_target" in gov.lex.flags and gov.i < best.i < gov.j:
        return _with_coord(best, usable, toks)  # "gave the junta a week to step down": the junta would
    if best is not None and anchor > 1 and toks[anchor - 1].lower == "to" and best.i > cs:
        # "X called Y later to thank her": X thanks (subject control); "X urged Y to leave": Y
        before = toks[best.i - 1].lower
        first = _first_subject(usable, cs, best)
        if (first is not None and first is not best and toks[best.i - 1].word and before not in ("and", "or")
                and before not in _OBJECT_CONTROL and not before.endswith("ly")):
            return _with_coord(first, usable, toks, left=True)
    k = anchor - 1
    if k > cs and toks[k].lower in _COORD_ADVERBS:
        k -= 1  # "and then urged", "and later called"
    if best is not None and toks[k].lower in ("and", "but"):
        shared = _shared_subject(toks, usable, cs, best, k)
        if shared is not None:
            return _with_coord(shared, usable, toks, left=True)
        if _object_of_verb(toks, best, cs):
            return []  # "killing three people and wounding five": the people are no one's subject
    if best is None and cs > 0 and cs == anchor and toks[cs - 1].lower in ("who", "that") and tr.pos == "verb":
        # "22 protesters who stormed parliament": the relative pronoun's antecedent acts
        ante = next((a for a in usable if a.j == cs - 1 and not a.m.possessive and a.m.form != "demonym"), None)
        if ante is not None:
            return [ante]
    if best is None and cs > 0 and cs == anchor and toks[cs - 1].lower == "and":
        # "X warned ..., and accused Y": the coordinated verb shares the sentence's subject
        for a in usable:
            if a.i < cs and a.in_pp is None and not a.m.possessive and a.m.form != "demonym":
                return _with_coord(a, usable, toks, left=True)
    if best is None and cs >= 2 and toks[cs - 1].lower in ("who", "which") and toks[cs - 2].text == "," \
            and not any(cs <= a.i < anchor and a.in_pp in free and not _reports(toks, a) for a in ats):  # "who said both sides had ..."
        # "Ruto, who arrived in Addis Ababa on Tuesday, said ...": the relative pronoun's antecedent
        ante = [a for a in ats if a.names and not a.m.possessive and (
            a.j == cs - 2 or a.j == cs - 3 and toks[a.j].word and not toks[a.j].cap and a.m.kind not in ("person", "pronoun"))]
        # (", which": right after the name, or after its head noun: "the United Steelworkers union, which ...")
        if ante and ante[0].in_pp in ("from", "in", "at"):  # "guerrillas from Anlong Veng, who ...": the head
            ante = [a for a in ats if a.names and a.j == ante[0].i - 1 and a.in_pp is None and not a.m.possessive] or ante
        if ante:
            return ante
    if best is None and participle:
        # "X, speaking to Y on Friday, said ...": the speaker (masked as the reporting verb's) acts
        ante = next((a for a in ats if a.names and a.attrib and a.j == anchor - 1 and a.in_pp is None
                     and not a.m.possessive and a.m.form != "demonym"), None)
        if ante is not None:
            return [ante]
    if best is None:
        # "After initiating the offensive, Putin ...": subject after the adjunct's comma
        k = anchor
        while k < len(toks) and toks[k].text != ",":
            k += 1
        if k < len(toks) and cs == 0 and toks[0].lower in ("after", "before", "while", "since", "following", "having", "when", "upon", "by", "despite", "in") \
                and not (k + 1 < len(toks) and toks[k + 1].lower in ("and", "but", "or", "while")):
            # (not ", and Hezbollah fired ...": a second clause, not the subject after an adjunct)
            for a in usable:
                if a.i > k and a.in_pp is None:
                    return _with_coord(a, usable, toks)
        if anchor == 0 and k < len(toks) and toks[0].lower.endswith("ing") and len(toks[0].lower) > 5 \
                and not (len(toks) > 1 and (_past_form(toks[1].lower) or toks[1].lower in _BE)):
            # (not "Fighting continued ..., residents said": a gerund subject, the residents only tell it)
            # "Speaking to reporters on Friday, X said": the one who says it speaks
            for a in ats:
                if a.i > k and a.names and (a.attrib or a.i == k + 1) and a.in_pp is None and a.m.form != "pronoun" \
                        and not any(t.lower in _REPORT_WORDS for t in toks[k:a.i]):  # (the speaker, not one named after "said")
                    return [a]
        return []
    return _with_coord(best, usable, toks, left=True)


#: Nouns for the people who act in someone's name ("Ganjar's campaign accused ...").
_PROXY_NOUNS = frozenset("campaign camp team office lawyers lawyer attorneys attorney aides spokesman spokeswoman "
                         "spokesperson".split())


def _speaks_for(toks: list[Token], a: "ActorTok", anchor: int) -> bool:
    """Is the possessive ``a`` the owner of a proxy noun right before the verb ("Ganjar's
    campaign accused"): the owner acts?"""
    k = a.j + 1  # after "'s"
    return k < len(toks) and toks[k].lower in _PROXY_NOUNS and k + 1 == anchor


#: Adverbs that may stand between a conjunction and its verb ("and then urged").
_COORD_ADVERBS = frozenset("then later also subsequently again afterwards quickly immediately".split())

#: Verbs whose object does what the following "to"-infinitive says ("urged Y to leave").
_OBJECT_CONTROL = frozenset(
    """ask asked asks asking urge urged urges urging tell told tells telling persuade persuaded persuades
    invite invited invites inviting order ordered orders ordering force forced forces forcing allow allowed
    allows allowing permit permitted encourage encouraged encourages want wanted wants expect expected expects
    instruct instructed instructs warn warned warns press pressed presses push pushed pushes help helped helps
    authorize authorized authorise authorised require required requires advise advised advises remind reminded
    summon summoned beg begged get got enable enabled lead led compel compelled oblige obliged""".split())




def _complement_follows(toks: list[Token], j: int) -> bool:
    """Does a noun phrase start at token ``j``, right after the event noun ("called the mutiny
    treason", "... a 'stab in the back'"), rather than a particle, preposition or date ("called
    the strike off", "called the strike last week")?"""
    if j >= len(toks):
        return False
    t = toks[j]
    if t.lower in ("a", "an") or t.text in _QUOTES_OPEN:
        return True
    return (t.word and not t.cap and t.lower not in _STOP_CAPS and t.lower not in _NOT_COMPLEMENT
            and not _time_len(toks, j))


_NOT_COMPLEMENT = frozenset("off last next early late again too".split())


def _light_verb(toks: list[Token], tr: Trigger) -> int | None:
    k = tr.i - 1
    steps = 0
    while k >= 0 and steps < 4:
        w = toks[k].lower
        if w in _LIGHT_VERBS:
            if w in _CALL_WORDS and _complement_follows(toks, tr.j):
                return None  # "called the mutiny treason / a stab in the back": names it, calls none
            return k
        if not toks[k].word:
            return None
        k -= 1
        steps += 1
    return None


def _nominal_source(toks: list[Token], tr: Trigger, usable: list[ActorTok]) -> list[ActorTok]:
    # "mutiny by Wagner"
    for a in usable:
        if tr.j <= a.i <= tr.j + 3 and a.in_pp == "by":
            return [a]
    # "Russia's offensive", "Wagner mutiny" (modifier)
    inside = {k for a in usable for k in range(a.i, a.j)}
    for a in reversed(usable):
        if a.j <= tr.i and tr.i - a.j <= 4 and all(t.word for t in toks[a.j : tr.i]):
            if a.m.possessive and "poss_target" in tr.lex.flags:
                return []  # "demanded his release": he is freed, he frees no one
            gap = [t for k, t in enumerate(toks[a.j : tr.i], a.j) if t.lower != "'s" and k not in inside]
            if (a.m.possessive or "mod_source" in tr.lex.flags or "mod_target" in tr.lex.flags and a.m.form == "demonym") \
                    and all(not t.cap for t in gap):
                if "mod_target" in tr.lex.flags and not a.m.possessive and a.m.form != "demonym":
                    continue  # ("Ukraine offensive": on Ukraine; "Azerbaijani offensive": by Azerbaijan)
                if not a.m.possessive and gap:
                    continue  # "Wagner mutiny" (adjacent), not "Putin described the mutiny"
                return [a]
    return []


def _with_coord(a: ActorTok, usable: list[ActorTok], toks: list[Token], left: bool = False) -> list[ActorTok]:
    grp = _coord_group(a, usable, toks)
    joins = [t.lower for x, y in zip(grp, grp[1:]) for t in toks[x.j : y.i]]
    if "and" in joins:
        return grp
    # "into Yoon, Kim and the interior minister": a list whose last member names no one yet
    listed = joins and set(joins) == {","} and grp[-1].j + 1 < len(toks) and toks[grp[-1].j].lower == "and" \
        and toks[grp[-1].j + 1].lower in ("the", "a", "an", "his", "her", "their", "its")
    return grp if listed else [a]


def _join_gap(toks: list[Token], j: int, i: int) -> list[str]:
    """The words between two actors (``toks[j:i]``), an age apposition left out: "Noa Argamani,
    26, Almog Meir Jan, 22, and Andrey Kozlov" joins as "X, Y and Z"."""
    gap = [t.lower for t in toks[j:i]]
    if len(gap) >= 3 and gap[0] == "," and gap[1].isdigit() and len(gap[1]) <= 3 and gap[2] == ",":
        return [","] + gap[3:] if gap[3:] != [] else [","]
    return gap


def _possessive_det(a: ActorTok, toks: list[Token]) -> bool:
    """Is ``a`` a possessive pronoun before a common noun ("his wife Y"): whose, not who?"""
    return a.m.form == "pronoun" and a.m.possessive and a.j + 1 < len(toks) and toks[a.j].word and not toks[a.j].cap


def _kin_join(gap: list[str], toks: list[Token], a: ActorTok) -> bool:
    """"X and his wife Y": "and" + a possessive + one common noun joins X and Y."""
    return len(gap) == 3 and gap[0] == "and" and gap[1] in _POSSESSIVE_DETS and toks[a.i - 1].word and not toks[a.i - 1].cap


def _coord_group(a: ActorTok, usable: list[ActorTok], toks: list[Token]) -> list[ActorTok]:
    if _possessive_det(a, toks):
        return [a]
    usable = [u for u in usable if not _possessive_det(u, toks)]
    grp = [a]
    idx = usable.index(a)
    # leftwards: "A and B spoke" -> include A
    k = idx - 1
    while k >= 0:
        gap = _join_gap(toks, usable[k].j, grp[0].i)
        if 1 <= len(gap) <= 2 and gap in _JOINS_LEFT or _kin_join(gap, toks, grp[0]):
            grp.insert(0, usable[k])
            k -= 1
            continue
        break
    k = idx + 1
    while k < len(usable):
        gap = _join_gap(toks, grp[-1].j, usable[k].i)
        if ((1 <= len(gap) <= 2 and gap in _JOINS or _kin_join(gap, toks, usable[k]))
                and not _opens_clause(toks, usable[k].j)):
            grp.append(usable[k])
            k += 1
            continue
        break
    return grp


_CLAUSE_VERBS = frozenset("said says is was were are has have had will would could can may might did does".split())


def _opens_clause(toks: list[Token], j: int) -> bool:
    """Is the actor ending before token ``j`` the subject of a verb of its own ("arrived in
    Belarus, and the FSB dropped the case"): then it is no coordinated partner."""
    if j >= len(toks) or not toks[j].word or toks[j].cap:
        return False
    w = toks[j].lower
    return w in _CLAUSE_VERBS or (w.endswith("ed") and len(w) > 4)


_REASON_FOR = frozenset(["thank", "praise", "accuse", "criticize"])  # "for X" gives the reason
_THEME_ROOTS = frozenset(["03", "06", "07", "08"])  # "offered troops", "provided aid to": the object is a thing given


def _select_targets(toks: list[Token], tr: Trigger, ats: list[ActorTok], sources: list[ActorTok]) -> list[ActorTok]:
    """The trigger's target(s); a group noun the sentence goes on to name ("foreign leaders,
    among them X of A and Y of B") gives way to the named actors."""
    targets = _targets(toks, tr, ats, sources)
    if len(targets) == 1 and (targets[0].m.extra.get("group") or targets[0].m.kind == "group" and targets[0].m.plural):
        named = _named_members(toks, targets[0], [a for a in ats if a.names and not a.attrib and a not in sources])
        if named:
            return named
    return targets


#: What introduces the members of a group just named: "leaders, among them ...", "including".
_MEMBERS_CUE = (["among", "them"], ["among", "whom"], ["including"], ["such", "as"], ["namely"], [":"],
                ["notably"], ["in", "particular"])


def _named_members(toks: list[Token], group: ActorTok, usable: list[ActorTok]) -> list[ActorTok]:
    """The actors listed right after ``group`` behind a cue: "X, Y and Z", each possibly with
    an "of <country>" or "'s <title>" attribute (skipped, not a member)."""
    k = group.j + (group.j < len(toks) and toks[group.j].text == ",")
    cue = next((c for c in _MEMBERS_CUE if [t.lower for t in toks[k:k + len(c)]] == c), None)
    if cue is None:
        return []
    k += len(cue)
    members: list[ActorTok] = []
    for a in usable:
        if a.i < k:
            continue
        gap = [t.lower for t in toks[k:a.i]]
        if members and a.in_pp == "of" and gap == ["of"]:  # "Lukashenko of Belarus": his country
            k = a.j
            continue
        if gap not in ([], [","], ["and"], [",", "and"]) or a.m.extra.get("group") or a.m.form == "pronoun":
            break
        members.append(a)
        k = a.j
    return members


def _aid_from(toks: list[Token], tr: Trigger, ats: list[ActorTok]) -> ActorTok | None:
    """The donor of an aid noun: the actor after "from" right after it ("aid from Spain",
    "rescue teams from Qatar"), with at most two nouns between."""
    for k in range(tr.j, min(len(toks), tr.j + 3)):
        if toks[k].lower == "from":
            return next((a for a in ats if a.names and a.in_pp == "from" and k < a.i <= k + 2 and not a.attrib), None)
        if not toks[k].word or toks[k].cap:
            return None
    return None


#: Event types (besides consultations) whose "in / at <place>" is where, not with whom.
_VENUE_TYPES = frozenset(["sign_agreement", "negotiate"])


def _demonym_object(toks: list[Token], tr: Trigger, a: ActorTok, ats: list[ActorTok]) -> bool:
    """Does the nationality ``a`` open the verb's object ("accused a Chinese warship of ...")
    with no actor named after it outside a prepositional phrase? Then its country is the target
    before any actor named later ("near a U.S. destroyer"; but "phoned her Marenian
    counterpart, Viktor Sand": the name)."""
    return tr.pos == "verb" and a.in_pp is None and a.i - tr.j <= 1 and all(t.lower in _DETS for t in toks[tr.j : a.i]) \
        and not any(b.i > a.i and b.in_pp is None and b.names and b.m.form not in ("demonym", "pronoun") for b in ats)


def _targets(toks: list[Token], tr: Trigger, ats: list[ActorTok], sources: list[ActorTok]) -> list[ActorTok]:
    usable = [a for a in ats if a.names and not a.attrib and a not in sources and a.gap_of in (-1, tr.i)
              and not (a.m.extra.get("group") and tr.cameo[:2] in _THEME_ROOTS)
              and not (tr.event_type in _DOCUMENT_VERBS and toks[a.i].lower == "it" and a.i >= tr.j)]
    post = next((b.i for b in ats if b.attrib and b.i > tr.j and toks[b.i - 1].text == ","), None)
    if post is not None:  # "..., a spokesman told reporters": the reporting clause's own people
        usable = [a for a in usable if a.i < post]
    src_names = {n for s in sources for n in s.names}
    if tr.lex.lemma in _TOPIC_VERBS:  # "discussed Ukraine with X": Ukraine is the topic, X the other side
        usable = [a for a in usable if a.in_pp == "with"]
    if "must" in tr.lex.flags:
        tgt = next((a for a in usable if a.j == tr.i), None)
        return _with_coord(tgt, usable, toks) if tgt is not None else []
    if "gap_target" in tr.lex.flags:  # "called Yoon a traitor": the one named between the words
        tgt = next((a for a in usable if tr.i < a.i and a.j < tr.j and not a.m.possessive), None)
        if tgt is not None:
            return _with_coord(tgt, usable, toks)
    if tr.passive and tr.reduced:  # "the members arrested in Kolkata": the noun it follows, if an actor
        before = next((a for a in usable if a.j == tr.i), None)
        if before is not None or tr.by_participle:
            return [before] if before is not None else []  # ("$50 billion backed by profits": no one)
    if tr.passive and not tr.reduced:
        cs = _clause_start(toks, tr.i)
        best = None
        for a in usable:
            if cs <= a.i and a.j <= tr.i and a.in_pp is None and not a.m.possessive \
                    and not _for_to_be(toks, a.j, tr.i) \
                    and not any(toks[q].lower in _SUBORDINATORS and not toks[q + 1].lower.endswith("ing")
                                for q in range(a.j, tr.i - 1)):  # "X conceded before the results were announced"
                # (but "he was killed after being captured": his own capture)
                best = a
        if best is not None and any(toks[q].text == "," for q in range(best.j, tr.i)):
            # "Sam Bankman-Fried, the founder of the exchange FTX, was sentenced": the one before the apposition
            head = next((a for a in usable if cs <= a.i and a.j < best.i and a.in_pp is None and not a.m.possessive
                         and any(toks[q].text == "," and toks[q + 1].lower in _APPOSITION_DETS
                                 for q in range(a.i + 1, best.i - 1))), None)
            best = head or best
        return _with_coord(best, usable, toks) if best else []
    if tr.pos == "noun" and "mod_target" in tr.lex.flags:
        for a in usable:
            if a.j <= tr.i and tr.i - a.j <= 2 and not a.m.possessive and a.m.form not in ("pronoun", "demonym") \
                    and all(t.word for t in toks[a.j : tr.i]):  # ("the Azerbaijani offensive": Azerbaijan's own)
                return [a]
    if tr.pos == "noun" and _light_verb(toks, tr) is None:
        # "sanctions against X", "Ukraine offensive"
        for a in usable:
            if tr.j <= a.i <= tr.j + 4 and a.in_pp in ("against", "on", "with", "in", "into", "to", "between", "over", "of"):
                if a.in_pp == "in" and tr.cameo[:2] == "04" and tr.cameo[:3] != "042" and (a.m.kind == "country" or a.m.form == "capital"):
                    continue  # "a summit in southern Italy", "talks in Geneva": where, not with whom
                return _with_coord(a, usable, toks)
        for a in usable:
            if a.j <= tr.i and tr.i - a.j <= 2 and "mod_target" in tr.lex.flags and not a.m.possessive \
                    and a.m.form != "demonym":
                return [a]
        return []
    ce = _clause_end(toks, tr.j)
    limit = min(ce, tr.j + 14)
    cs = _clause_start(toks, tr.i)
    rel_close = len(toks)
    if cs >= 2 and toks[cs - 1].lower in ("who", "which") and toks[cs - 2].text == ",":
        close = next((k for k in range(tr.j, len(toks)) if toks[k].text == ","), None)
        if close is not None:  # "X, who brought the case last year, told ...": the clause ends at its comma
            rel_close = close
            limit = min(limit, close)
    limit = _target_stop(toks, tr, limit)
    coord = len(toks)  # "conceded defeat and congratulated X", "condemned it and spoke with X": the second verb's
    starts = {a.i: a.j for a in ats}
    for k in range(tr.j, len(toks) - 1):
        nxt = toks[k + 1].lower
        if nxt == "by" and k > tr.j and _past_form(toks[k].lower) and tr.cameo[:2] == "04":
            coord = k  # "met for talks hosted by X": X hosted; the meeting's parties come before
            break      # (not "prevented the rally staged by students": the students are its target)
        if toks[k].lower != "and":
            continue
        if not toks[k + 1].cap and (_past_form(nxt) or nxt in _CLAUSE_AUX):  # ("quit and will join X")
            coord = k
            break
        e = starts.get(k + 1)  # "stormed parliament and police opened fire": a clause with its own subject
        if e is not None and e < len(toks) and not toks[e].cap and (_past_form(toks[e].lower) or toks[e].lower in _CLAUSE_AUX):
            coord = k
            break
    limit = min(limit, coord)
    for fallback in (False, True):
        for a in usable:
            if tr.j <= a.i < limit and (a.in_pp != "by" or _demand_by(toks, a)) and not (a.in_pp == "for" and tr.event_type in _REASON_FOR) \
                    and src_names.isdisjoint(a.names) \
                    and (a.m.form == "demonym" and not _demonym_object(toks, tr, a, usable)
                         or a.m.form == "pronoun" and a.m.possessive) == fallback \
                    and not (fallback and a.m.form == "pronoun" and "need_target" not in tr.lex.flags
                             and a.i - tr.j > 2):  # ("stepped down after the scandal hurt his ratings")
                # "thanked X for their patience": a reason, not a target; "phoned her
                # counterpart, Viktor Sand": a possessive pronoun only when nothing else fits
                if a.in_pp in ("outside", "around") or _place_modifier(toks, a):
                    continue  # "a concert hall outside the Russian capital": where, not whom
                if _after_when_prep(toks, a.i):
                    continue  # "agreed to disarm after the Azerbaijani offensive": when, not with whom
                if a.in_pp in ("towards", "toward") and tr.event_type in _MOVES:
                    continue  # "moved north along the M4 towards Moscow": where to, not whom
                if a.m.possessive and a.m.form != "pronoun" and any(b.i in (a.j, a.j + 1) and b.names for b in usable):
                    continue  # "the headquarters of Russia's Southern Military District": the district
                if a.in_pp == "at" and tr.cameo[:2] in ("01", "02", "03", "05"):
                    continue  # "announced the agreement at the White House": where it was said
                if a.m.form == "capital" and a.in_pp in ("in", "at", "near", "from", "through", "across", "around", "along",
                                                          "towards", "toward") \
                        and not (tr.cameo[:3] == "042" and a.in_pp in ("in", "at")):
                    continue  # (but "arrived in Paris": the country visited)
                if a.in_pp in _LOCATIVE and a.m.kind in ("country", "igo", "gov") and a.m.form != "demonym" \
                        and (tr.cameo[:2] == "04" and tr.cameo[:3] not in ("042", "043")
                             or (tr.event_type or tr.lex.event_type) in _VENUE_TYPES) and LOCATIVE_VENUES:
                    continue  # "met in Brussels", "initialled an agreement at the White House": where, not with whom
                return _with_coord(a, usable, toks)
    # "took control of military sites ..., including the headquarters of the Southern Military
    # District": the object's named member
    inc = next((k for k in range(tr.j, min(len(toks), tr.j + 20)) if toks[k].lower == "including"
                and toks[k - 1].text == ","), None)
    if inc is not None and not any(toks[k].lower in _CLAUSE_BREAK_WORDS or toks[k].text in (";", ":")
                                   for k in range(tr.j, inc)):
        for a in usable:
            if inc < a.i <= inc + 6 and src_names.isdisjoint(a.names) and a.m.ref is None and a.m.form not in ("pronoun", "demonym") \
                    and all(t.word and not t.cap or t.lower in ("the", "of") for t in toks[inc + 1 : a.i]):
                return [a]
    # wider: the rest of the sentence for legal / accusation verbs
    if tr.event_type in _WIDE_TARGETS:
        wide = min(coord, rel_close)
        stop = _target_stop(toks, tr, wide)  # not past ", ruling that ..." (but past ", saying ...": its grounds)
        if stop < wide and not (toks[stop + 1].lower in _REPORT_WORDS or toks[stop + 1].lower.startswith(("alleg", "claim", "argu", "accus"))):
            wide = stop
        for a in usable:
            if tr.j <= a.i < wide and not a.m.possessive and a.m.form != "pronoun" and src_names.isdisjoint(a.names) \
                    and a.in_pp not in _PLACE_PREPS and not _place_modifier(toks, a):  # "... outside the Russian capital"
                return [a]
    return []


_CHARGE_NOUNS = frozenset("charge charges allegation allegations accusation accusations indictment".split())
#: Verbs whose subject is the one charged by the accusation noun after them.
_CHARGED_VERBS = frozenset("""plead pleads pleaded pleading face faces faced facing deny denies denied denying
    contest contests contested admit admits admitted dispute disputes disputed""".split())
#: Words opening a clause of its own, with its own subject ("before the results were announced").
_SUBORDINATORS = frozenset("before after until because although though while whereas once unless".split())
#: Prepositions of time: what they govern dates the event, it takes no part in it.
_WHEN_PREPS = frozenset("after before since until during amid following".split())
def _after_when_prep(toks: list[Token], i: int) -> bool:
    """Does a preposition of time govern the words at ``i`` ("after [the] Azerbaijani offensive")?"""
    k = i - 1
    if k >= 0 and toks[k].lower in ("the", "a", "an", "this", "last"):
        k -= 1
    return k >= 0 and toks[k].lower in _WHEN_PREPS


#: Auxiliaries that open a clause after its subject ("... and Zardari will become president").
_CLAUSE_AUX = frozenset("will would could should can may might must has have had was were is are".split())
#: Group heads too vague to refer back on their own once modified ("rights groups").
_VAGUE_HEADS = frozenset(["group", "agency", "organisation", "organization"])
_REQUESTER_NOUNS = frozenset(["request", "invitation", "behest", "urging", "initiative"])


def _target_stop(toks: list[Token], tr: Trigger, limit: int) -> int:
    """Where the search for the target stops before ``limit``: at ", killing ..." ("fired
    missiles at cities, killing 31 people": the participle's object is its own), at "the
    request of" ("at the request of Britain, France and others": who asked, not parties), and
    for a statement or agreement at "that" ("agreed that Russia must not ...": the complement
    holds no party to it)."""
    says = tr.cameo[:2] in ("01", "03") or tr.lex.lemma == "warn"  # ("warned that the flooding would hit people")
    for k in range(tr.j, limit):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is not None and (toks[k].text == "," and nxt.word and (nxt.lower.endswith("ing") or nxt.lower in ("where", "when", "whereas"))
                                or toks[k].lower in _REQUESTER_NOUNS and nxt.lower == "of"):
            return k  # (", where angry residents threw mud at them": another clause's people)
        if says and toks[k].lower == "that":
            return k
        if toks[k].lower in _TARGET_STOP_OPENERS and k > tr.j and toks[k - 1].lower not in ("such", "well", "as", "so", "just") \
                and nxt is not None and (nxt.cap and nxt.word or nxt.lower in _DETS or toks[k - 1].text == ","):
            return k  # "defies the deadline as France pulls out": another clause's actor
    return limit


#: Conjunctions opening another clause, whose actors are not the target of the verb before.
_TARGET_STOP_OPENERS = frozenset("as while whereas because although though".split())
_DEMAND_NOUNS = frozenset("calls call demands demand requests request proposal proposals offer offers appeals appeal "
                          "plea pleas".split())


def _demand_by(toks: list[Token], a: "ActorTok") -> bool:
    """"rejected calls by Belarus's rulers": the one who called is the rejection's target."""
    return a.i >= 2 and toks[a.i - 1].lower == "by" and toks[a.i - 2].lower in _DEMAND_NOUNS
#: Verbs whose object is what is talked about, not the other party ("discussed Ukraine").
_TOPIC_VERBS = frozenset(["discuss"])
_LOCATIVE = frozenset(["in", "at", "near", "inside", "across"])
_PLACE_NOUNS = frozenset("capital city border borders region territory soil coast town province airspace waters "
                         "frontier side".split())


def _place_modifier(toks: list[Token], a: "ActorTok") -> bool:
    """A demonym naming where something happened ("outside the Russian capital", "near the
    Ukrainian border"), not an actor (but "shelled the Ukrainian border": what was hit)."""
    if a.m.form != "demonym" or a.j >= len(toks) or toks[a.j].lower not in _PLACE_NOUNS:
        return False
    k = a.i - 1
    while k > 0 and k >= a.i - 2 and toks[k].lower in _COMPASS:  # "in the southern Russian city"
        k -= 1
    k -= (k >= 0 and toks[k].lower == "the")
    return k >= 0 and toks[k].lower in _WHERE_PREPS


_COMPASS = frozenset("""north south east west northern southern eastern western central northeastern northwestern
    southeastern southwestern north-eastern north-western south-eastern south-western far remote""".split())


#: Prepositions of place: what they govern is where, not whom (for the wide target search).
_WHERE_PREPS = _LOCATIVE | frozenset(["outside", "around"])
_PLACE_PREPS = _WHERE_PREPS | frozenset(["from"])
#: "neither signed it", "parliament ratified it": what is signed or ratified is a text
_DOCUMENT_VERBS = frozenset(["sign_agreement", "agree", "ratify", "approve"])
#: legal and accusation verbs: their target may stand anywhere later in the sentence
#: ("alleged that its president had been detained by police")
_WIDE_TARGETS = frozenset(["sue", "rule", "accuse", "criticize"])


def _reports(toks: list[Token], a: ActorTok) -> bool:
    """Is the actor the subject of a reporting verb right after it ("which he said would ...")?"""
    return a.j < len(toks) and toks[a.j].lower in _REPORT_WORDS
#: "met in Brussels": a country or international body after a locative preposition is the
#: venue of a consultation, not its other party
LOCATIVE_VENUES = True


def _for_to_be(toks: list[Token], a: int, b: int) -> bool:
    """Does "for ... to be" stand between ``toks[a]`` and the passive verb ``toks[b]``? Then
    what the passive is done to follows "for" ("called for the bill to be withdrawn")."""
    for k in range(a, b):
        if toks[k].lower == "for":
            return any(toks[m].lower == "to" and toks[m + 1].lower == "be" for m in range(k + 1, b - 1))
    return False


def _past_form(w: str) -> bool:
    return w.endswith("ed") and len(w) > 4 or w in dating._IRREGULAR_PAST


def _actorless_ok(tr: Trigger, toks: list[Token]) -> bool:
    """Keep an event whose actors are unnamed ("a car bomb killed three soldiers")?

    Violence, arrests and protest are reported with anonymous actors; other verbs are kept when
    they are the main verb of their clause (a subject exists even if no actor is known),
    other nouns are dropped.
    """
    if tr.cameo[:2] in ("14", "18", "19", "20") or tr.cameo[:3] == "173":
        return True  # (173: "more than 10,000 arrests have been made": arrests are reported without their agents too)
    return tr.pos == "verb" and tr.embedded_by is None and not tr.subordinate


def _embedded_child(tr: Trigger) -> "Trigger | None":
    return tr.child


def _location(toks: list[Token], tr: Trigger, ats: list[ActorTok], actors: list[str]) -> str | None:
    """A country or capital governed by "in/at/near" in the trigger's clause ("met in Geneva")."""
    ce = _clause_end(toks, tr.j)
    for a in ats:
        if tr.j <= a.i < ce and a.in_pp in ("in", "at", "near") and (a.m.kind == "country" or a.m.form == "capital"):
            if a.m.form == "capital" or a.m.name not in actors:
                return toks[a.i].text if a.m.form == "capital" else a.m.name
    return None


def _salience(toks: list[Token], tr: Trigger, has_src: bool, has_tgt: bool) -> float:
    """How likely the trigger is the sentence's main event (structure, not certainty)."""
    s = 1.0 if tr.pos == "verb" else (0.8 if _light_verb(toks, tr) is not None else 0.5)
    s += 0.3 * has_src + 0.2 * has_tgt
    if tr.embedded_by is not None:
        s -= 0.35
    if tr.subordinate:
        s -= 0.4
    first = toks[0].lower
    if first in _INTRO_WORDS and tr.i < next((k for k, t in enumerate(toks) if t.text == ","), 0):
        s -= 0.3  # inside a sentence-initial adjunct: "In a letter handed over to the UN, ..."
    cs = _clause_start(toks, tr.i)
    if cs > 0 and toks[cs - 1].lower in ("that", "which", "who", "whom", "because", "while", "if", "unless", "although", "though", "whereas"):
        s -= 0.3 if toks[cs - 1].lower != "that" else 0.1
    if tr.pos == "verb" and toks[tr.i].lower.endswith("ing") and tr.i > 0 and toks[tr.i - 1].text == ",":
        s -= 0.3  # ", killing one person": a participial afterthought
    return s - 0.002 * tr.i


def _purpose_of(toks: list[Token], tr: Trigger, coded: list[tuple[Trigger, str]]) -> str | None:
    """"will travel to Vilnius next month to meet X": a purpose infinitive right after a
    planned (or possible) event of its clause is planned as well; the modality to inherit."""
    if tr.pos != "verb" or tr.i < 1 or toks[tr.i - 1].lower != "to" or not coded:
        return None
    gov, mod = coded[-1]
    if mod not in ("planned", "possible") or not 0 < tr.i - gov.j <= 8:
        return None
    if any(t.text in (",", ";", ":") or t.lower in ("and", "but", "that", "who", "which") for t in toks[gov.j : tr.i]):
        return None
    return mod


def _code_event(text: str, toks: list[Token], tr: Trigger, ats: list[ActorTok], attribs: list[Attribution],
                disc: Discourse, sent_no: int, index: ActorIndex, inherit: str | None = None) -> list[dict]:
    """Code one trigger: actors, sense, codes, modality, reporter; one dict per dyad.
    ``inherit``: the modality of the event it is the purpose of (``_purpose_of``)."""
    tr.passive = _is_passive(toks, tr)
    accused = _accused_span(toks, tr)
    gerund: list[ActorTok] = []
    if accused is not None:  # "X accused Y of shelling": Y is the alleged actor, or nobody known
        sources = [a for a in ats if a.names and not a.attrib and accused[0] <= a.i and a.j <= accused[1]][:1]
    else:
        sources = _select_source(toks, tr, ats)
        gerund = _gerund_subject(toks, tr, ats, attribs)
        sources = gerund or sources
        kept = _kept_from(toks, tr, ats)
        if kept is not None:  # "the court blocked the government from deploying ...": the government's, prevented
            sources = kept
    targets = _select_targets(toks, tr, ats, sources)
    if len(sources) >= 2 and targets and targets[0].in_pp in ("in", "at") and targets[0].m.kind == "country" \
            and tr.lex.event_type in ("agree", "ceasefire", "meeting", "negotiate") and tr.pos == "verb":
        targets = []  # "Israel and Hamas agreed to extend their truce in Gaza": with each other, not with Gaza
    if tr.lex.event_type == "aid" and (tr.pos == "noun" or tr.i > 0 and toks[tr.i].lower == tr.lex.lemma and (
            _past_form(toks[tr.i - 1].lower) or toks[tr.i - 1].lower == "and")):  # ("received aid", "search and rescue")
        donor = _aid_from(toks, tr, ats)
        if donor is not None and donor not in sources:  # "Morocco received aid from Spain": Spain gives
            targets, sources = [s for s in sources if s.names][:1], _with_coord(donor, [a for a in ats if a.names], toks)
    if toks[tr.i].lower in _CHARGE_NOUNS and sources and sources[0].j <= tr.i and not targets \
            and any(t.lower in _CHARGED_VERBS for t in toks[sources[0].j : tr.i]):
        sources, targets = [], sources[:1]  # "X pleaded not guilty to charges", "X faces charges": X is charged
        tr.embedded_by = None  # (the plea governs no planned charge: the charges stand)
    if tr.pos == "noun" and _under(toks, tr.i) and not (sources and sources[0].i > tr.i):
        # "X, who is under house arrest", "put under investigation", "under pressure from Y": X
        # undergoes it, and Y (after "from"/"by") does it
        subj = _clause_subject(toks, ats, tr.i)
        undergoes = [subj] if subj is not None and subj.names else sources[:1]  # (", who is ...": the antecedent)
        if undergoes:
            targets = undergoes
            sources = [a for a in ats if a.names and a.in_pp in ("from", "by") and tr.j <= a.i <= tr.j + 3][:1]
    sent_text = text[toks[0].start : toks[-1].end]
    if not _sense(text, toks, tr, sources[0] if sources else None, targets[0] if targets else None, sent_text):
        return []
    actors = _event_actors(toks, tr, sources, targets, disc)
    if actors is None:
        return []
    src_names, tgt_names = actors
    _phone_mode(toks, tr, src_names, sent_text, disc, sent_no)
    modality = _modality(toks, tr)
    if inherit is not None and modality == "asserted":
        modality = inherit
    if accused is not None and modality == "asserted":
        modality = "alleged"
    cameo, ptype = _codes(tr, modality)
    reporter, relayed = next(((at.reporter[0], at.relayed) for at in attribs if at.reporter and not (at.i <= tr.i < at.j)
                              and not _other_clause_reports(toks, tr, at)
                              and not _own_clause_after(toks, tr, at, sources)
                              and not (at.verb_i < tr.i and _offset_clause_between(toks, at.verb_i, tr.i))
                              and not (gerund and at.reporter[0] in gerund[0].names)
                              # "Brnabic thanked Petrovic and said ...": her own act, not her report
                              and not (tr.i < at.verb_i and at.reporter[0] in src_names)), (None, None))
    conf = _confidence(tr, modality, bool(src_names), bool(tgt_names))
    salience = _salience(toks, tr, bool(src_names), bool(tgt_names))
    trig = (toks[tr.i].start, toks[tr.j - 1].end)
    location = _location(toks, tr, ats, src_names + tgt_names)
    via_dyad = any(a.m.extra.get("dyad") for a in sources + targets)
    extra = {k: v for k, v in (("relayed_by", relayed), ("embedded_by", toks[tr.embedded_by.i].text if tr.embedded_by else None),
                               ("passive", tr.passive or None), ("via_dyad", via_dyad or None)) if v}
    # a definite re-mention of an event already reported as a fact ("would challenge the
    # agreement"): the fact's coding, used when the sentence does not date it (extract)
    as_fact = None
    if tr.antecedent is not None and tr.antecedent.modality == "asserted" and modality != "asserted":
        as_fact = {"modality": "asserted", "cameo": _codes(tr, "asserted")[0], "plover_type": _codes(tr, "asserted")[1],
                   "confidence": round(_confidence(tr, "asserted", bool(src_names), bool(tgt_names)), 3)}
    return [{
        "trigger": trig, "event_type": tr.event_type, "cameo": cameo, "plover_type": ptype,
        "plover_mode": tr.plover_mode, "source": s, "target": t, "modality": modality,
        "reported_by": reporter, "confidence": round(conf, 3), "salience": round(salience, 3), "location": location,
        "extra": dict(extra), "antecedent": tr.antecedent, "as_fact": as_fact, "pos": tr.pos,
    } for s, t in _dyads(tr, src_names, tgt_names, _reciprocal(toks, tr))]


def _object_of_verb(toks: list[Token], a: ActorTok, cs: int) -> bool:
    """Is ``a`` the object of a verb just before it ("killing three people", "arrested the
    men")? Numbers, determiners and adjectives may stand between."""
    j = a.i - 1
    while j > cs and (toks[j].lower in _DETS or toks[j].lower in _QUANTITY_WORDS or toks[j].text[:1].isdigit()
                      or toks[j].lower in ("at", "least", "about", "more", "than", "nearly")):
        j -= 1
    if j < cs or j < 0 or not toks[j].word or toks[j].cap:
        return False
    w = toks[j].lower
    if w in _REPORT_WORDS or w in _SHARED_SUBJECT_STOPS:
        return False  # "officials said the mob intercepted ... and attacked": the mob is a subject
    return (w.endswith("ing") and len(w) > 4) or (w.endswith("ed") and len(w) > 4) or w in dating._IRREGULAR_PAST \
        or w in _SAME_FORM_PAST


#: Verbs whose past is written as their present (with its -s form): "missiles hit Kharkiv,
#: killing two": Kharkiv is hit.
_SAME_FORM_PAST = frozenset("hit hits cut put set beat shut".split())


#: Number and quantity words before a noun ("three people", "several hundred protesters"):
#: the temporal tagger's lexicon, plus the plurals of its scales.
_QUANTITY_WORDS = (frozenset(timex_lex._UNITS_WORDS) | frozenset(timex_lex._SCALES) | frozenset(timex_lex.VAGUE_QUANTITIES)
                   | frozenset(["dozens", "hundreds", "thousands"]))
#: Words after which a participle is an adjective of the next noun ("from frozen assets").
_ADJECTIVE_SLOT = frozenset("from of with on in into the a an its their his her our".split())
_PEOPLE_PARTICIPLES = frozenset("wounded injured dead killed missing detained displaced accused arrested".split())
_CASE_NOUNS = frozenset("case investigation probe inquiry enquiry command control running".split())
_GERUND_PREPS = frozenset("after before while upon since when".split())


#: Verbs that keep someone from doing something ("barred him from leaving").
_PREVENT_WORDS = frozenset("""block blocks blocked blocking bar bars barred barring prevent prevents prevented preventing
    stop stops stopped stopping ban bans banned banning prohibit prohibits prohibited forbid forbids forbade forbidden
    keep keeps kept restrain restrained deter deterred""".split())


def _prevention(toks: list[Token], tr: Trigger) -> int | None:
    """The index of "blocked" in "X blocked Y from <trigger>ing" (the trigger prevented), or None."""
    if tr.pos != "verb" or tr.i < 3 or toks[tr.i - 1].lower != "from" or not toks[tr.i].lower.endswith("ing"):
        return None
    for k in range(tr.i - 2, max(-1, tr.i - 9), -1):
        if toks[k].lower in _PREVENT_WORDS:
            return k
        if toks[k].text in (";", ".", ",") or toks[k].lower in ("and", "but", "that"):
            return None
    return None


def _kept_from(toks: list[Token], tr: Trigger, ats: list[ActorTok]) -> list[ActorTok] | None:
    """Who "X blocked Y from deploying" keeps from acting: Y (or no one known), else None."""
    k = _prevention(toks, tr)
    if k is None or k > 0 and toks[k - 1].lower in _BE:
        return None  # (not found, or "X was barred from leaving": the subject, as found)
    return [a for a in ats if a.names and k < a.i and a.j < tr.i and not a.m.possessive][:1]


def _gerund_subject(toks: list[Token], tr: Trigger, ats: list[ActorTok], attribs: list[Attribution]) -> list[ActorTok]:
    """"X said on Wednesday after meeting Y", "Police arrested him after raiding the house": a
    gerund after a temporal preposition has the subject of the verb before it (a reporter
    too), not the first clause's subject. [] when the pattern does not apply."""
    if tr.pos != "verb" or tr.i < 2 or not toks[tr.i].lower.endswith("ing") or toks[tr.i - 1].lower not in _GERUND_PREPS:
        return []
    verbs = {at.verb_i for at in attribs}
    for k in range(tr.i - 2, max(-1, tr.i - 9), -1):
        w = toks[k].lower
        if k in verbs or w in dating._IRREGULAR_PAST or (w.endswith("ed") and len(w) > 4 and toks[k].word):
            subj = [a for a in ats if a.names and a.j <= k and a.in_pp is None and not a.m.possessive
                    and a.m.form != "demonym"]
            return subj[-1:] if subj and k - subj[-1].j <= 1 else []
        if toks[k].text in (";", ".") or w in ("and", "but"):
            return []
    return []


def _event_actors(toks: list[Token], tr: Trigger, sources: list[ActorTok], targets: list[ActorTok],
                  disc: Discourse) -> tuple[list[str], list[str]] | None:
    """Source and target names (None drops the event: no actors where they are required)."""
    lx = tr.lex
    src_names = [n for a in sources for n in a.names]
    tgt_names = [n for a in targets for n in a.names if n not in src_names]
    for f in lx.flags:  # the author of "the ruling" in "The ruling was released"
        if f.startswith("doc:") and not src_names:
            prev = disc.last_by_type.get(f[4:])
            if prev is not None and prev.source_actor:
                src_names = [prev.source_actor]
            tgt_names = []
    if tr.pos == "noun" and not src_names and not tgt_names and tr.i > 0 and toks[tr.i - 1].lower in ("the", "this", "that"):
        prev = disc.last_by_type.get(tr.event_type)  # "the mutiny": the one already reported
        if prev is not None:
            src_names = [prev.source_actor] if prev.source_actor else []
            tgt_names = [prev.target_actor] if prev.target_actor else []
            tr.antecedent = prev
    if "hazard" in lx.flags:
        return [], []
    if not src_names and not tgt_names and not _actorless_ok(tr, toks):
        return None
    if "need_target" in lx.flags and not tgt_names and not (tr.event_type in _SYMMETRIC and len(src_names) >= 2):
        return None
    return src_names, tgt_names


def _phone_mode(toks: list[Token], tr: Trigger, src_names: list[str], sent_text: str, disc: Discourse, sent_no: int) -> None:
    """"spoke with": a phone call when the sentence says so, or "also" continues an earlier call."""
    if tr.event_type != "meeting" or tr.lex.lemma not in ("speak", "talk", "consult", "confer", "discuss"):
        return
    phone = bool(_PHONE_CUE.search(sent_text)) and not _INPERSON_CUE.search(sent_text)
    if not phone and src_names:
        last = disc.last_phone.get(src_names[0])
        also = any(t.lower == "also" for t in toks[max(0, tr.i - 2) : tr.i])
        phone = last is not None and sent_no - last <= 6 and also
    if phone:
        tr.event_type, tr.cameo, tr.plover_type, tr.plover_mode = "phone_call", "041", "CONSULT", "phone"


def _codes(tr: Trigger, modality: str) -> tuple[str, str | None]:
    """CAMEO code and PLOVER type after the CAMEO intent / threat / refusal conventions."""
    cameo, ptype = tr.cameo, tr.plover_type
    child = _embedded_child(tr)
    if child is not None and "control" in tr.lex.flags and tr.event_type == "agree" and child.cameo[:2] in _FORCE_ROOTS:
        return "130", "THREATEN"  # "vowed to fight", "is prepared to impose martial law"
    if modality == "negated" and cameo[:2] in ("03", "04", "05", "06", "07", "08") and tr.embedded_by is None:
        return "120", "REJECT"  # refusing to cooperate is a rejection
    if modality in ("planned", "possible") and "control" not in tr.lex.flags and tr.embedded_by is None and cameo[:2] \
            and not tr.conditional:
        if cameo[:2] in _COOP_INTENT:
            return _COOP_INTENT[cameo[:2]], "AGREE"
        if cameo[:2] in _HOSTILE_THREAT:
            return _HOSTILE_THREAT[cameo[:2]], "THREATEN"
    return cameo, ptype


def _other_clause_reports(toks: list[Token], tr: Trigger, at: Attribution) -> bool:
    """"The EU offered a team, and Greece said it would send supplies": a reporting clause
    after ", and" / ", but" / ";" reports what follows it, not the event before it."""
    if tr.i >= at.i or at.i == 0 or toks[at.i - 1].lower not in ("and", "but", "while", ";"):
        return False  # "..., the ministry said": a post-posed reporter reports what precedes it
    between = toks[tr.j : at.i]
    return any(t.text == ";" or t.text == "," and k + 1 < len(between) and between[k + 1].lower in ("and", "but", "while")
               for k, t in enumerate(between))


def _own_clause_after(toks: list[Token], tr: Trigger, at: Attribution, sources: list[ActorTok]) -> bool:
    """"X said ..., and Y accused Z": an event whose subject opens a clause after ", and" /
    ", but" past the reporting verb is that subject's own, not reported by X."""
    if not sources or not at.verb_i < sources[0].i < tr.i:
        return False
    s = sources[0].i
    for k in range(at.verb_i + 1, s):
        if toks[k].text == "," and toks[k + 1].lower in ("and", "but", "while") \
                and all(t.word for t in toks[k + 2 : s]):
            return True
    return False


_MODALITY_WEIGHT = {"asserted": 1.0, "alleged": 0.6, "planned": 0.6, "possible": 0.5, "negated": 0.4,
                    "reported_denial": 0.4}


def _confidence(tr: Trigger, modality: str, has_src: bool, has_tgt: bool) -> float:
    conf = 0.55 + (0.15 if has_src else 0.0) + (0.1 if has_tgt else 0.0) - (0.1 if tr.pos == "noun" else 0.0)
    if not has_src and not has_tgt:
        conf -= 0.2
    conf *= _MODALITY_WEIGHT[modality]
    return conf * (0.8 if tr.embedded_by is not None else 1.0)


def _dyads(tr: Trigger, src_names: list[str], tgt_names: list[str],
           reciprocal: bool = False) -> list[tuple[str | None, str | None]]:
    """One (source, target) per pair: "spoke with A and B" -> two; "A and B met" -> A->B;
    "A and B accused each other" -> A->B and B->A."""
    if tgt_names:
        return [(s, t) for s in (src_names or [None]) for t in tgt_names]
    if reciprocal and len(src_names) >= 2:
        return [(a, b) for a in src_names for b in src_names if a != b]
    if len(src_names) >= 2 and tr.event_type in _SYMMETRIC and tr.lex.lemma not in _ONE_SIDED:
        return [(src_names[a], src_names[b]) for a in range(len(src_names)) for b in range(a + 1, len(src_names))]
    return [(s, None) for s in (src_names or [None])]


def _reciprocal(toks: list[Token], tr: Trigger) -> bool:
    """Is the trigger's object "each other" / "one another" ("accused each other of ...")?"""
    after = [t.lower for t in toks[tr.j : tr.j + 2]]
    return after in (["each", "other"], ["one", "another"])


# --------------------------------------------------------------------------- article level


def _kept_sentences(text: str, segments: list[Segment]) -> Iterable[tuple[int, int]]:
    """Sentence spans inside kept segments (one split of the whole text, clipped to segments)."""
    kept = sorted((seg.start, seg.end) for seg in segments if seg.keep)
    if not kept:
        return
    spans = dating._sentence_spans(text)  # one split per document, shared with the dating stage
    k = 0
    for a, b in spans:
        while k < len(kept) and kept[k][1] <= a:
            k += 1
        j = k
        while j < len(kept) and kept[j][0] < b:
            s0, s1 = max(a, kept[j][0]), min(b, kept[j][1])
            while s0 < s1 and text[s0].isspace():
                s0 += 1
            while s1 > s0 and text[s1 - 1].isspace():
                s1 -= 1
            if s1 > s0:
                yield s0, s1
            j += 1


#: A news dateline opening the body: "NAIROBI —", "MALATYA, Turkey -", "MOSCOW (AP)_",
#: "ADDIS ABABA, March 19 (Reuters) -": a city in capitals, perhaps a region or date and an agency.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][A-Za-z0-9.'’ ,-]{1,40}?)?(?: \([A-Za-z ]{2,20}\))?"
    r"\s*(?:—|–|--|-|_|:)\s*(?=[A-Z“\"'‘])")


#: ... and in a text written without capitals: "new delhi:", "ahmedabad :".
_DATELINE_LOWER = re.compile(r"[a-z][a-z.'’-]+(?: [a-z][a-z.'’-]+){0,2} ?: (?=\S)")


#: "convicted X on Thursday of ... after his 2022 defeat, and sentenced him": a verb right
#: after "and" with the same subject shares the first verb's date unless its own clause
#: holds a time expression (``_coordinated_date``).
COORDINATED_VERBS_SHARE_DATE = True
_AND_BEFORE = re.compile(r",?\s+and\s+(?:then\s+|later\s+|also\s+)?$")


_ING_WORD = re.compile(r"\w+ing\b")  # a trigger opening with a participle ("closing borders")


def _coordinated_date(text: str, prev: tuple, s0: int, ts: int, s1: int, ev: dict,
                      da: dating.DateAssignment) -> dating.DateAssignment:
    end, source, prev_da = prev
    if da.method == "publication_fallback" and source is not None and ev["source"] == source \
            and prev_da.method != "publication_fallback" and text[end:ts].rstrip().endswith(",") \
            and not any(c in text[end:ts] for c in ";:.“”\"") and _ING_WORD.match(text, ts):
        return prev_da  # "imposed sanctions on Niger, closing borders ...": the manner of the same act
    if source is None or ev["source"] != source or prev_da.time_text is None or da.time_text == prev_da.time_text \
            or prev_da.method in ("narrative_anchor", "publication_fallback"):
        return da  # (only a date written in the first verb's clause is shared)
    if not _AND_BEFORE.search(text[end:ts]):
        return da  # not "<verb> ..., and <verb>"
    if text.find(prev_da.time_text, s0, end) < 0 or text.find(prev_da.time_text, ts, s1) >= 0:
        return da  # the first verb's date is not written before it, or sits in the second clause
    if da.time_text is not None and text.find(da.time_text, ts, s1) >= 0:
        return da  # "... and will sentence him next week": the second verb's own date
    return prev_da


#: A definite re-mention ("the deal") takes its antecedent's date from at most this many
#: sentences back (further back, "the attack" is more often another one).
ANTECEDENT_SENTENCES = 12
#: ... also over a date of its sentence that belongs to the clause, not to the noun
#: ("condemned the attack on Monday": Monday's condemnation; the attack keeps its Friday).
ANTECEDENT_OVER_CLAUSE_DATE = True
#: A definite event noun after "over", "for", "after", ... that no earlier mention explains
#: takes no date from a verb of its sentence that owns the sentence's date (publication
#: fallback instead: the date is not in the text).
PRESUPPOSED_NOUNS_UNDATED = True
_PRESUPPOSED_BEFORE = re.compile(r"\b(?:over|for|after|following|about|against|into|since)\s+the\s+(?:\w+\s+)?$", re.I)


def _dates_the_noun(text: str, da: dating.DateAssignment, s0: int, s1: int, ts: int, te: int,
                    after_verb: bool) -> bool:
    """Does the date's time expression date the event noun itself? Before it: "Friday's
    attack", "the March 3 attack". After it: "The attack on Friday killed ..." (the noun opens
    its clause), "take out the march again on Thursday" (a new one) — but not "condemned the
    attack on Monday", where the date is the condemnation's (``after_verb``)."""
    if not da.time_text:
        return False
    k = text.find(da.time_text, s0, s1)
    while k >= 0:
        if k >= te:
            words = text[te:k].lower().split()
            if len(words) <= 2 and set(words) <= {"on", "of", "in", "at", "again"} \
                    and (not after_verb or "again" in words):
                return True
        elif k + len(da.time_text) <= ts:
            gap = text[k + len(da.time_text):ts]
            if len(gap) <= 3 and gap.strip().lower() in ("", "'s", "’s"):
                return True
        k = text.find(da.time_text, k + 1, s1)
    return False


def _antecedent_date(m: Mention) -> dating.DateAssignment:
    """The date of an earlier mention, for a definite re-mention of its event ("the deal")
    that its own sentence does not date: anchored on the story, as narrative dates are."""
    method = "narrative_anchor" if m.date_start is not None else m.date_method
    return dating.DateAssignment(m.date_start, m.date_end, m.granularity, method, m.time_text, m.time_start,
                                 m.time_end, confidence=min(0.6, m.extra.get("date_confidence", 0.6)))


#: Default per-document time budget of ``extract`` in seconds (``timex.tag`` has its own).
TIME_CAP = 3.0


def extract(article: Article, segments: list[Segment], timexes: list[Timex], actors: ActorIndex,
            time_cap: float = TIME_CAP) -> list[Mention]:
    """Event mentions of the kept segments of ``article`` (see module docstring).

    Stops before the next sentence once ``time_cap`` seconds (wall clock) have passed
    since the sentences were split, and returns the mentions found so far: a huge
    document costs a bounded time instead of minutes.
    """
    text = article.text
    dct = article.published
    disc = Discourse(actors)
    mentions: list[Mention] = []
    pending_quote: list[Mention] = []
    sent_of: dict[int, int] = {}  # id(mention) -> its sentence number
    sentences = list(_kept_sentences(text, segments))  # one regex pass: not worth capping
    if sentences:  # "BELGRADE — Students ended ...": the dateline places the story, it acts in nothing
        d = (_DATELINE if _sentences_cased(text) else _DATELINE_LOWER).match(text, sentences[0][0], sentences[0][1])
        if d is not None and d.end() < sentences[0][1]:
            sentences[0] = (d.end(), sentences[0][1])
    deadline = time.monotonic() + max(0.0, time_cap)
    for sent_no, (s0, s1) in enumerate(sentences):
        if time.monotonic() >= deadline:
            break
        evs = sentence_events(text, s0, s1, actors, disc, sent_no)
        sent = text[s0:s1]
        left_open = ("“" in sent and sent.count("“") > sent.count("”")) or ('"' in sent and sent.count('"') % 2 == 1)
        dated: dict[tuple[int, int], dating.DateAssignment] = {}
        prev_verb: tuple[int, str | None, dating.DateAssignment] | None = None  # (trigger end, source, date)
        for ev in evs:
            ts, te = ev["trigger"]
            da = dated.get((ts, te))
            if da is None:
                da = dated[(ts, te)] = dating.date_event(text, dct, ts, te, timexes, sentence=(s0, s1))
                if COORDINATED_VERBS_SHARE_DATE and prev_verb is not None:
                    da = dated[(ts, te)] = _coordinated_date(text, prev_verb, s0, ts, s1, ev, da)
            if ev["modality"] == "possible" and da.method == "narrative_anchor" and dct is not None:
                # "... would close if it refused": a condition, on no day of the story told so far
                da = dating._publication(dating._as_date(dct))
            if ev.get("pos") == "verb":
                prev_verb = (te, ev["source"], da)
            ante = ev.get("antecedent")
            if (ante is not None and ante.date_method != "publication_fallback"
                    and (da.method in ("publication_fallback", "narrative_anchor")
                         or ANTECEDENT_OVER_CLAUSE_DATE and not _dates_the_noun(
                             text, da, s0, s1, ts, te, any(e.get("pos") == "verb" and e["trigger"][1] <= ts for e in evs)))
                    and ante.modality in ("asserted", ev["modality"])  # not "the march" done, once planned
                    and sent_no - sent_of.get(id(ante), -ANTECEDENT_SENTENCES) <= ANTECEDENT_SENTENCES):
                da = _antecedent_date(ante)  # "criticised the deal": the deal's date, not today's
                if ev.get("as_fact"):
                    ev = {**ev, **ev["as_fact"]}
            elif (PRESUPPOSED_NOUNS_UNDATED and ante is None and ev.get("pos") == "noun"
                  and da.method in ("relative_to_publication", "explicit_date")
                  and _PRESUPPOSED_BEFORE.search(text, max(s0, ts - 40), ts) is not None
                  and any(e.get("pos") == "verb" and e["trigger"][1] <= ts and dated.get(e["trigger"]) is not None
                          and dated[e["trigger"]].time_text == da.time_text for e in evs)
                  and not _dates_the_noun(text, da, s0, s1, ts, te, True)):
                # "A court on Sunday charged four men over the attack ...": Sunday is the charge's;
                # the attack is known to the reader, its date is not in this sentence
                da = dating._publication(dating._as_date(dct)) if dct is not None else da
            conf = ev["confidence"]
            m = Mention(
                doc_id=article.doc_id, event_type=ev["event_type"], cameo_code=ev["cameo"],
                plover_type=ev["plover_type"], plover_mode=ev["plover_mode"], source_actor=ev["source"],
                target_actor=ev["target"], sentence=sent, char_start=s0, char_end=s1, trigger=text[ts:te],
                trigger_start=ts, trigger_end=te, date_start=da.date_start, date_end=da.date_end,
                granularity=da.granularity, date_method=da.method, time_text=da.time_text,
                time_start=da.time_start, time_end=da.time_end, reported_by=ev["reported_by"], location=ev.get("location"),
                confidence=round(conf, 3), modality=ev["modality"],
                extra={**ev["extra"], "salience": ev["salience"], "date_confidence": da.confidence},
            )
            if m.extra.get("first_person") and m.reported_by:
                m.source_actor = m.reported_by  # '"I concede," X said'
            mentions.append(m)
            sent_of[id(m)] = sent_no
            if m.source_actor and m.event_type == "phone_call":
                disc.last_phone[m.source_actor] = sent_no
            if m.modality == "asserted" or m.event_type not in disc.last_by_type:
                disc.last_by_type[m.event_type] = m  # "the attack": the one that happened, not a planned one
        # quoted speech spanning sentences: give earlier quoted mentions the later speaker
        new = mentions[len(mentions) - len(evs):]
        if pending_quote:
            rep = disc.reporters[-1][1] if disc.reporters and disc.reporters[-1][0] == sent_no else None
            if rep:
                for m in pending_quote:
                    m.reported_by = rep
                    if m.extra.get("first_person") and m.source_actor is None:
                        m.source_actor = rep
                pending_quote = []
        if left_open or (pending_quote and not rep):
            pending_quote.extend(m for m in new if not m.reported_by and not m.extra.get("from_report_verb"))
    return mentions
