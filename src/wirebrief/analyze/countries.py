"""Country and IGO resolution: names, demonyms, capitals and metonyms to ISO-3166 alpha-3.

pycountry gives the base tables (official and short names, codes); a hand-written table adds the
short names, demonyms/adjectives, capitals and government metonyms used in defense news.
Lookups are case-sensitive for capitalised forms so common words ("turkey", "chad") do not match.
Ambiguity: "Georgia" (also a US state), "Chad"/"Jordan" (given names), "Niger" (river) resolve to
the country; callers with more context (a PERSON entity) should prefer it.
"""

# ruff: noqa: E501  (data tables below: one country or IGO a line)
from __future__ import annotations

import functools
import re

# ISO3 | short name | other names, demonyms and adjectives | capitals | metonyms (seat of government).
# Fields are separated by "|", items by ",".
# A former state is coded as its successor, as ISO 3166 and the annotation guide do: the Soviet Union
# (nouns only: "Soviet-era" weapons say nothing of a party), Yugoslavia and Serbia and Montenegro,
# Czechoslovakia, Zaire.
_TABLE = """
AFG|Afghanistan|Afghan,Afghans,Afghani|Kabul|
ALB|Albania|Albanian,Albanians|Tirana|
DZA|Algeria|Algerian,Algerians|Algiers|
AGO|Angola|Angolan,Angolans|Luanda|
ARG|Argentina|Argentine,Argentinian,Argentinians,Argentines|Buenos Aires|Casa Rosada
ARM|Armenia|Armenian,Armenians|Yerevan|
AUS|Australia|Australian,Australians|Canberra|
AUT|Austria|Austrian,Austrians|Vienna|
AZE|Azerbaijan|Azerbaijani,Azerbaijanis,Azeri,Azeris|Baku|
BHR|Bahrain|Bahraini,Bahrainis|Manama|
BGD|Bangladesh|Bangladeshi,Bangladeshis|Dhaka|
BLR|Belarus|Belarusian,Belarussian,Belarusians,Belarussians,Byelorussian,Belorussian,Republic of Belarus|Minsk|
BEL|Belgium|Belgian,Belgians|Brussels|
BEN|Benin|Beninese|Porto-Novo|
BTN|Bhutan|Bhutanese|Thimphu|
BOL|Bolivia|Bolivian,Bolivians|La Paz,Sucre|
BIH|Bosnia and Herzegovina|Bosnia,Bosnian,Bosnians,Bosnia-Herzegovina|Sarajevo|
BWA|Botswana|Botswanan,Motswana|Gaborone|
BRA|Brazil|Brazilian,Brazilians|Brasilia,Brasília|Planalto
BRN|Brunei|Bruneian|Bandar Seri Begawan|
BGR|Bulgaria|Bulgarian,Bulgarians|Sofia|
BFA|Burkina Faso|Burkinabe,Burkinabè|Ouagadougou|
BDI|Burundi|Burundian,Burundians|Gitega,Bujumbura|
KHM|Cambodia|Cambodian,Cambodians|Phnom Penh|
CMR|Cameroon|Cameroonian,Cameroonians|Yaounde,Yaoundé|
CAN|Canada|Canadian,Canadians|Ottawa|
CPV|Cape Verde|Cabo Verde,Cape Verdean|Praia|
CAF|Central African Republic|Central African,CAR|Bangui|
TCD|Chad|Chadian,Chadians|N'Djamena|
CHL|Chile|Chilean,Chileans|Santiago|
CHN|China|Chinese,PRC,People's Republic of China,the People's Republic of China,Mainland China|Beijing,Peking|Zhongnanhai
COL|Colombia|Colombian,Colombians|Bogota,Bogotá|
COM|Comoros|Comoran,Comorian|Moroni|
COG|Republic of the Congo|Congo-Brazzaville,Congolese Republic|Brazzaville|
COD|Democratic Republic of the Congo|DR Congo,DRC,Congo,Congolese,Congo-Kinshasa,Democratic Republic of Congo,Zaire,Zairean,Zaireans,Zairian,Zairians|Kinshasa|
CRI|Costa Rica|Costa Rican,Costa Ricans|San Jose,San José|
CIV|Ivory Coast|Cote d'Ivoire,Côte d'Ivoire,Ivorian,Ivorians|Yamoussoukro,Abidjan|
HRV|Croatia|Croatian,Croatians,Croat,Croats|Zagreb|
CUB|Cuba|Cuban,Cubans|Havana|
CYP|Cyprus|Cypriot,Cypriots|Nicosia|
CZE|Czech Republic|Czechia,Czech,Czechs,Czechoslovakia,Czechoslovak|Prague|
DNK|Denmark|Danish,Dane,Danes|Copenhagen|
DJI|Djibouti|Djiboutian|Djibouti City|
DOM|Dominican Republic|Dominican,Dominicans|Santo Domingo|
ECU|Ecuador|Ecuadorian,Ecuadorians,Ecuadorean|Quito|
EGY|Egypt|Egyptian,Egyptians|Cairo|
SLV|El Salvador|Salvadoran,Salvadorans|San Salvador|
GNQ|Equatorial Guinea|Equatoguinean|Malabo|
ERI|Eritrea|Eritrean,Eritreans|Asmara|
EST|Estonia|Estonian,Estonians|Tallinn|
SWZ|Eswatini|Swaziland,Swazi|Mbabane|
ETH|Ethiopia|Ethiopian,Ethiopians|Addis Ababa|
FJI|Fiji|Fijian,Fijians|Suva|
FIN|Finland|Finnish,Finn,Finns|Helsinki|
FRA|France|French,Frenchman,Frenchmen|Paris|Elysee,Élysée,the Elysee,the Élysée,Elysee Palace,the Elysee Palace,Quai d'Orsay
GAB|Gabon|Gabonese|Libreville|
GMB|Gambia|The Gambia,Gambian,Gambians|Banjul|
GEO|Georgia|Georgian,Georgians|Tbilisi|
DEU|Germany|German,Germans,Federal Republic of Germany|Berlin|Bundeswehr,Chancellery,the Chancellery
GHA|Ghana|Ghanaian,Ghanaians|Accra|
GRC|Greece|Greek,Greeks|Athens|
GTM|Guatemala|Guatemalan,Guatemalans|Guatemala City|
GIN|Guinea|Guinean,Guineans|Conakry|
GNB|Guinea-Bissau|Bissau-Guinean|Bissau|
GUY|Guyana|Guyanese|Georgetown|
HTI|Haiti|Haitian,Haitians|Port-au-Prince|
HND|Honduras|Honduran,Hondurans|Tegucigalpa|
HUN|Hungary|Hungarian,Hungarians|Budapest|
ISL|Iceland|Icelandic,Icelander,Icelanders|Reykjavik|
IND|India|Indian,Indians|New Delhi,Delhi|
IDN|Indonesia|Indonesian,Indonesians|Jakarta|
IRN|Iran|Iranian,Iranians,Persia,Islamic Republic of Iran|Tehran,Teheran|
IRQ|Iraq|Iraqi,Iraqis|Baghdad|
IRL|Ireland|Irish,Republic of Ireland|Dublin|
ISR|Israel|Israeli,Israelis|Jerusalem,Tel Aviv|Knesset
ITA|Italy|Italian,Italians|Rome|
JAM|Jamaica|Jamaican,Jamaicans|Kingston|
JPN|Japan|Japanese|Tokyo|
JOR|Jordan|Jordanian,Jordanians|Amman|
KAZ|Kazakhstan|Kazakh,Kazakhs,Kazakhstani|Astana,Nur-Sultan,Almaty|Akorda
KEN|Kenya|Kenyan,Kenyans|Nairobi|
PRK|North Korea|North Korean,North Koreans,DPRK,Democratic People's Republic of Korea|Pyongyang|
KOR|South Korea|South Korean,South Koreans,ROK,Republic of Korea,Korea|Seoul|Blue House
XKX|Kosovo|Kosovar,Kosovars,Kosovan|Pristina|
KWT|Kuwait|Kuwaiti,Kuwaitis|Kuwait City|
KGZ|Kyrgyzstan|Kyrgyz,Kirghiz,Kyrgyzstani|Bishkek|
LAO|Laos|Lao,Laotian,Laotians|Vientiane|
LVA|Latvia|Latvian,Latvians|Riga|
LBN|Lebanon|Lebanese|Beirut|
LSO|Lesotho|Basotho|Maseru|
LBR|Liberia|Liberian,Liberians|Monrovia|
LBY|Libya|Libyan,Libyans|Tripoli|
LTU|Lithuania|Lithuanian,Lithuanians|Vilnius|
LUX|Luxembourg|Luxembourger,Luxembourgish|Luxembourg City|
MDG|Madagascar|Malagasy|Antananarivo|
MWI|Malawi|Malawian,Malawians|Lilongwe|
MYS|Malaysia|Malaysian,Malaysians|Kuala Lumpur|
MDV|Maldives|Maldivian|Malé|
MLI|Mali|Malian,Malians|Bamako|
MLT|Malta|Maltese|Valletta|
MRT|Mauritania|Mauritanian,Mauritanians|Nouakchott|
MUS|Mauritius|Mauritian|Port Louis|
MEX|Mexico|Mexican,Mexicans|Mexico City|
MDA|Moldova|Moldovan,Moldovans|Chisinau,Chișinău|
MNG|Mongolia|Mongolian,Mongolians|Ulaanbaatar,Ulan Bator|
MNE|Montenegro|Montenegrin,Montenegrins|Podgorica|
MAR|Morocco|Moroccan,Moroccans|Rabat|
MOZ|Mozambique|Mozambican,Mozambicans|Maputo|
MMR|Myanmar|Burma,Burmese,Myanmarese|Naypyidaw,Naypyitaw,Yangon,Rangoon|
NAM|Namibia|Namibian,Namibians|Windhoek|
NPL|Nepal|Nepali,Nepalese|Kathmandu|
NLD|Netherlands|the Netherlands,Holland,Dutch|Amsterdam,The Hague|
NZL|New Zealand|New Zealander,New Zealanders,Kiwi|Wellington|
NIC|Nicaragua|Nicaraguan,Nicaraguans|Managua|
NER|Niger|Nigerien,Nigeriens|Niamey|
NGA|Nigeria|Nigerian,Nigerians|Abuja|
MKD|North Macedonia|Macedonia,Macedonian,Macedonians|Skopje|
NOR|Norway|Norwegian,Norwegians|Oslo|
OMN|Oman|Omani,Omanis|Muscat|
PAK|Pakistan|Pakistani,Pakistanis|Islamabad|Rawalpindi
PSE|Palestine|Palestinian,Palestinians,Palestinian Territories,West Bank,Gaza,Gaza Strip|Ramallah|
PAN|Panama|Panamanian,Panamanians|Panama City|
PNG|Papua New Guinea|Papua New Guinean|Port Moresby|
PRY|Paraguay|Paraguayan,Paraguayans|Asuncion,Asunción|
PER|Peru|Peruvian,Peruvians|Lima|
PHL|Philippines|the Philippines,Philippine,Filipino,Filipinos|Manila|Malacanang
POL|Poland|Polish,Pole,Poles|Warsaw|
PRT|Portugal|Portuguese|Lisbon|
QAT|Qatar|Qatari,Qataris|Doha|
ROU|Romania|Romanian,Romanians|Bucharest|
RUS|Russia|Russian,Russians,Russian Federation,the Russian Federation,Soviet Union,USSR,U.S.S.R.,Soviets|Moscow|Kremlin,the Kremlin
RWA|Rwanda|Rwandan,Rwandans|Kigali|
SAU|Saudi Arabia|Saudi,Saudis,Saudi Arabian,KSA|Riyadh|
SEN|Senegal|Senegalese|Dakar|
SRB|Serbia|Serbian,Serbians,Serb,Serbs,Yugoslavia,Yugoslav,Yugoslavs,Federal Republic of Yugoslavia,Serbia and Montenegro|Belgrade|
SLE|Sierra Leone|Sierra Leonean|Freetown|
SGP|Singapore|Singaporean,Singaporeans|Singapore City|
SVK|Slovakia|Slovak,Slovaks,Slovakian|Bratislava|
SVN|Slovenia|Slovenian,Slovenians,Slovene,Slovenes|Ljubljana|
SLB|Solomon Islands|Solomon Islander|Honiara|
SOM|Somalia|Somali,Somalis|Mogadishu|
ZAF|South Africa|South African,South Africans|Pretoria,Cape Town|
SSD|South Sudan|South Sudanese|Juba|
ESP|Spain|Spanish,Spaniard,Spaniards|Madrid|Moncloa
LKA|Sri Lanka|Sri Lankan,Sri Lankans|Colombo|
SDN|Sudan|Sudanese|Khartoum|
SUR|Suriname|Surinamese|Paramaribo|
SWE|Sweden|Swedish,Swede,Swedes|Stockholm|
CHE|Switzerland|Swiss|Bern,Berne|
SYR|Syria|Syrian,Syrians|Damascus|
TWN|Taiwan|Taiwanese,Republic of China,ROC|Taipei|
TJK|Tajikistan|Tajik,Tajiks,Tajikistani|Dushanbe|
TZA|Tanzania|Tanzanian,Tanzanians|Dodoma,Dar es Salaam|
THA|Thailand|Thai,Thais|Bangkok|
TLS|Timor-Leste|East Timor,Timorese,East Timorese|Dili|
TGO|Togo|Togolese|Lome,Lomé|
TTO|Trinidad and Tobago|Trinidadian|Port of Spain|
TUN|Tunisia|Tunisian,Tunisians|Tunis|
TUR|Turkey|Türkiye,Turkiye,Turkish,Turk,Turks|Ankara|
TKM|Turkmenistan|Turkmen,Turkmens|Ashgabat|
UGA|Uganda|Ugandan,Ugandans|Kampala|
UKR|Ukraine|Ukrainian,Ukrainians,the Ukraine|Kyiv,Kiev|Bankova
ARE|United Arab Emirates|UAE,U.A.E.,Emirati,Emiratis,the UAE,the United Arab Emirates,the Emirates|Abu Dhabi|
GBR|United Kingdom|UK,U.K.,Britain,Great Britain,British,Briton,Britons,the UK,the U.K.,the United Kingdom,England,English,Scotland,Scottish,Wales,Welsh,Northern Ireland|London|Downing Street,Whitehall,Number 10,No 10,No. 10
USA|United States|US,U.S.,USA,U.S.A.,America,American,Americans,United States of America,the US,the U.S.,the United States,the United States of America|Washington,Washington D.C.,Washington DC|White House,the White House,Pentagon,the Pentagon,State Department,the State Department,Capitol Hill,Foggy Bottom
URY|Uruguay|Uruguayan,Uruguayans|Montevideo|
UZB|Uzbekistan|Uzbek,Uzbeks|Tashkent|
VEN|Venezuela|Venezuelan,Venezuelans|Caracas|Miraflores
VNM|Vietnam|Viet Nam,Vietnamese|Hanoi|
YEM|Yemen|Yemeni,Yemenis|Sanaa,Sana'a,Aden|
ZMB|Zambia|Zambian,Zambians|Lusaka|
STP|Sao Tome and Principe|São Tomé and Príncipe,Santomean,Santomeans|Sao Tome,São Tomé|
ZWE|Zimbabwe|Zimbabwean,Zimbabweans|Harare|
VAT|Vatican|Holy See,Vatican City|Vatican City|
"""

# Alliances and intergovernmental organisations: every name form -> (canonical name, code).
# Codes follow PLOVER/CAMEO practice (three letters) where one exists.
_IGO_TABLE = """
NATO|North Atlantic Treaty Organization|NATO,N.A.T.O.,North Atlantic Treaty Organization,North Atlantic Treaty Organisation,the North Atlantic Alliance,Atlantic Alliance,the Atlantic Alliance
EUR|European Union|EU,E.U.,European Union,the European Union,the EU,European Commission,the European Commission,European Council,the European Council
UNO|United Nations|UN,U.N.,United Nations,the United Nations,the UN,the U.N.,UN Security Council,U.N. Security Council,Security Council,the Security Council,United Nations Security Council,UN General Assembly,General Assembly
CSTO|Collective Security Treaty Organization|CSTO,Collective Security Treaty Organization,Collective Security Treaty Organisation
OSCE|Organization for Security and Co-operation in Europe|OSCE,Organization for Security and Co-operation in Europe,Organization for Security and Cooperation in Europe
IAEA|International Atomic Energy Agency|IAEA,International Atomic Energy Agency,the International Atomic Energy Agency,UN nuclear watchdog
AFU|African Union|AU,African Union,the African Union
ASN|Association of Southeast Asian Nations|ASEAN,Association of Southeast Asian Nations
SCO|Shanghai Cooperation Organisation|SCO,Shanghai Cooperation Organisation,Shanghai Cooperation Organization
UST|Union State|Union State,the Union State,Union State of Russia and Belarus
CIS|Commonwealth of Independent States|CIS,Commonwealth of Independent States
ARL|Arab League|Arab League,the Arab League,League of Arab States
GCC|Gulf Cooperation Council|GCC,Gulf Cooperation Council
OPC|Organisation for the Prohibition of Chemical Weapons|OPCW,Organisation for the Prohibition of Chemical Weapons,Organization for the Prohibition of Chemical Weapons
ECW|Economic Community of West African States|ECOWAS,Economic Community of West African States
OAS|Organization of American States|OAS,Organization of American States
G7|Group of Seven|G7,G-7,Group of Seven
G20|Group of Twenty|G20,G-20,Group of Twenty
IMF|International Monetary Fund|IMF,International Monetary Fund
WBK|World Bank|World Bank,the World Bank
ICC|International Criminal Court|ICC,International Criminal Court,the International Criminal Court
ICJ|International Court of Justice|ICJ,International Court of Justice
AUKUS|AUKUS|AUKUS
QUAD|Quad|Quad,the Quad,Quadrilateral Security Dialogue
BRICS|BRICS|BRICS
OIC|Organisation of Islamic Cooperation|OIC,Organisation of Islamic Cooperation,Organization of Islamic Cooperation
"""


def _split(field: str) -> list[str]:
    return [item.strip() for item in field.split(",") if item.strip()]


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, str], set[str], dict[str, str]]:
    """Build (exact-case index, short names, capitals, lower-case index for all-caps-safe forms)."""
    import pycountry

    exact: dict[str, str] = {}
    names: dict[str, str] = {}
    capitals: set[str] = set()
    # pycountry first: official and common names; the hand table overrides.
    for c in pycountry.countries:
        code = c.alpha_3
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                exact.setdefault(value, code)
                exact.setdefault("the " + value, code)
        names.setdefault(code, getattr(c, "common_name", None) or c.name)
    for line in _TABLE.strip().splitlines():
        iso, short, others, caps, metos = (line.split("|") + ["", "", "", ""])[:5]
        names[iso] = short
        for form in [short, *_split(others), *_split(caps), *_split(metos)]:
            exact[form] = iso
            if not form.startswith("the "):
                exact.setdefault("the " + form, iso)
                exact.setdefault("The " + form, iso)
        capitals.update(_split(caps))
    # Forms that are safe to match case-insensitively: multi-word or long proper names whose
    # lower-case form is not an English word ("RUSSIA", "russian federation").
    lower: dict[str, str] = {}
    for form, iso in exact.items():
        if len(form) > 3 and form.lower() not in _COMMON_WORDS:
            lower.setdefault(form.lower(), iso)
    return exact, names, capitals, lower


# Lower-cased forms that are ordinary English words: never match them case-insensitively.
_COMMON_WORDS = frozenset(
    {
        "turkey", "chad", "niger", "jordan", "georgia", "china", "guinea", "chile", "cuba",
        "congo", "malta", "male", "lima", "sofia", "victoria", "kingston", "santiago", "moroni",
        "praia", "mali", "oman", "peru", "poles", "pole", "turks", "danes", "swiss", "swede",
        "finn", "finns", "kiwi", "dutch", "french", "english", "welsh", "irish", "thai",
        "lao", "the us", "us", "usa", "america", "washington", "pentagon", "capitol hill",
        "the pentagon", "kremlin", "the kremlin", "white house", "the white house", "quad",
        "the quad", "security council", "the security council", "general assembly",
    }
)

_SPACE_RE = re.compile(r"\s+")
_POSSESSIVE_RE = re.compile(r"(?:'s|’s|'|’)$")


def _normalise(name: str) -> str:
    text = _SPACE_RE.sub(" ", name.strip().strip(".,;:\"“”()[]")).strip()
    text = _POSSESSIVE_RE.sub("", text)
    return text.replace("’", "'")


@functools.lru_cache(maxsize=8192)
def country_code(name: str) -> str | None:
    """ISO-3166 alpha-3 code for a country name, demonym, capital or government metonym.

    Exact-case first ("Turkey" matches, "turkey" does not); then a case-insensitive pass for
    multi-word and long names that are not English words ("RUSSIA", "united kingdom").
    """
    if not name:
        return None
    exact, _names, _caps, lower = _tables()
    raw = _SPACE_RE.sub(" ", name.strip())
    code = exact.get(raw)  # keeps final dots of "U.S."
    if code is not None:
        return code
    text = _normalise(name)
    if not text:
        return None
    code = exact.get(text)
    if code is not None:
        return code
    if text.startswith(("the ", "The ")):
        code = exact.get(text[4:])
        if code is not None:
            return code
    # A trailing "'s" was stripped; also try plural demonyms written in lower case at the start.
    code = lower.get(text.lower())
    if code is not None and not text.islower():
        return code
    if text.isupper() and len(text) > 3:
        return lower.get(text.lower())
    return None


def country_name(iso3: str) -> str | None:
    """Short common name for an ISO3 code ("RUS" -> "Russia")."""
    if not iso3:
        return None
    _exact, names, _caps, _lower = _tables()
    return names.get(iso3.upper())


def is_capital(name: str) -> bool:
    """True when the name is a national capital in the table ("Minsk", "Kyiv", "Kiev")."""
    _exact, _names, caps, _lower = _tables()
    return _normalise(name) in caps


def is_metonym(name: str) -> bool:
    """True for capitals and seats of government used for a government ("the Kremlin")."""
    text = _normalise(name)
    if is_capital(text):
        return True
    if text.startswith(("the ", "The ")):
        text = text[4:]
    return text in _metonyms()


@functools.cache
def _metonyms() -> frozenset[str]:
    out: set[str] = set()
    for line in _TABLE.strip().splitlines():
        parts = (line.split("|") + ["", "", "", ""])[:5]
        out.update(m[4:] if m.startswith("the ") else m for m in _split(parts[4]))
    return frozenset(out)


def _build_igos() -> tuple[dict[str, str], dict[str, str]]:
    codes: dict[str, str] = {}
    canon: dict[str, str] = {}
    for line in _IGO_TABLE.strip().splitlines():
        code, name, forms = line.split("|")
        canon[code] = name
        for form in _split(forms):
            codes[form] = code
    return codes, canon


# Every name form of an alliance/IGO -> its code ("the European Union" -> "EUR").
IGO_CODES: dict[str, str]
# Code -> canonical name ("NATO" -> "North Atlantic Treaty Organization").
IGO_NAMES: dict[str, str]
IGO_CODES, IGO_NAMES = _build_igos()


def igo_code(name: str) -> str | None:
    """Code of an alliance or IGO from any of its name forms ("the EU" -> "EUR")."""
    text = _normalise(name)
    code = IGO_CODES.get(text)
    if code is None and text.startswith(("the ", "The ")):
        code = IGO_CODES.get(text[4:])
    return code


def igo_name(code_or_name: str) -> str | None:
    """Canonical name of an IGO, from its code or any name form."""
    if code_or_name in IGO_NAMES:
        return IGO_NAMES[code_or_name]
    code = igo_code(code_or_name)
    return IGO_NAMES.get(code) if code else None


def resolve_actor_code(name: str) -> str | None:
    """Country ISO3 or IGO code for a name, country first."""
    return country_code(name) or igo_code(name)


def exact_country_code(form: str) -> str | None:
    """ISO3 for a country form (name, demonym, capital, metonym) spelt exactly as tabled."""
    return _tables()[0].get(form)


def demonym_codes_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO3) for every country form found in free text, longest match first.

    A cheap gazetteer scan for callers without an entity layer.
    """
    exact, _names, _caps, _lower = _tables()
    out: list[tuple[int, int, str]] = []
    for m in _gazetteer_re().finditer(text):
        code = exact.get(m.group(0))
        if code:
            out.append((m.start(), m.end(), code))
    return out


@functools.cache
def _gazetteer_re() -> re.Pattern[str]:
    exact, _names, _caps, _lower = _tables()
    forms = sorted(
        (f for f in exact if not f.startswith(("the ", "The ")) and len(f) > 1),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w])")
