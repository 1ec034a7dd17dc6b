"""PLOVER trigger lexicon: lemmas and verb+object phrases to (category, mode), plus contexts.

Kept apart from the coder so the keyword baseline in `benchmarks/events.py` uses the same lists.
Categories follow the PLOVER 2018 specification; modes are PLOVER's where it defines them.
"""

from __future__ import annotations

# Verb lemma -> (category, mode). The mode is refined by the object in `PHRASES`.
VERB_TRIGGERS: dict[str, tuple[str, str | None]] = {
    # AGREE: intent, promise, acceptance.
    "agree": ("AGREE", None),
    "accept": ("AGREE", None),
    "promise": ("AGREE", None),
    "pledge": ("AGREE", None),
    "offer": ("AGREE", None),
    "vow": ("AGREE", None),
    "sign": ("AGREE", "agreement"),
    "commit": ("AGREE", None),
    "consent": ("AGREE", None),
    "approve": ("AGREE", None),
    "ratify": ("AGREE", "agreement"),
    # CONSULT: meetings, visits, talks, mediation.
    "meet": ("CONSULT", "visit"),
    "visit": ("CONSULT", "visit"),
    "host": ("CONSULT", "host"),
    "discuss": ("CONSULT", None),
    "negotiate": ("CONSULT", None),
    "mediate": ("CONSULT", "third-party"),
    "confer": ("CONSULT", None),
    "telephone": ("CONSULT", "phone"),
    # SUPPORT: verbal support.
    "praise": ("SUPPORT", None),
    "support": ("SUPPORT", None),
    "endorse": ("SUPPORT", None),
    "defend": ("SUPPORT", None),
    "apologize": ("SUPPORT", None),
    "apologise": ("SUPPORT", None),
    "forgive": ("SUPPORT", None),
    "welcome": ("SUPPORT", None),
    "commend": ("SUPPORT", None),
    "hail": ("SUPPORT", None),
    "congratulate": ("SUPPORT", None),
    "back": ("SUPPORT", None),
    "thank": ("SUPPORT", None),
    # CONCEDE: easing, allowing, releasing.
    "allow": ("CONCEDE", None),
    "ease": ("CONCEDE", None),
    "lift": ("CONCEDE", None),
    "relax": ("CONCEDE", None),
    "concede": ("CONCEDE", None),
    "shorten": ("CONCEDE", None),
    "release": ("CONCEDE", None),
    "free": ("CONCEDE", None),
    "permit": ("CONCEDE", None),
    "pardon": ("CONCEDE", None),
    "reopen": ("CONCEDE", None),
    "return": ("CONCEDE", None),
    # COOPERATE: material cooperation.
    "cooperate": ("COOPERATE", None),
    "collaborate": ("COOPERATE", None),
    "share": ("COOPERATE", "intelligence"),
    "coordinate": ("COOPERATE", None),
    # AID: material aid given, including arms and training.
    "provide": ("AID", None),
    "give": ("AID", None),
    "donate": ("AID", "economic"),
    "deliver": ("AID", "military"),
    "supply": ("AID", "military"),
    "send": ("AID", None),
    "transfer": ("AID", "military"),
    "grant": ("AID", None),
    "train": ("AID", "training"),
    "receive": ("AID", None),
    "fund": ("AID", "economic"),
    "finance": ("AID", "economic"),
    "evacuate": ("AID", "humanitarian"),
    "equip": ("AID", "military"),
    "arm": ("AID", "military"),
    "sell": ("AID", "military"),
    "ship": ("AID", "military"),
    # RETREAT: withdrawal, surrender, disarmament.
    "withdraw": ("RETREAT", "withdraw"),
    "retreat": ("RETREAT", "withdraw"),
    "surrender": ("RETREAT", "surrender"),
    "demobilize": ("RETREAT", "disarm"),
    "demobilise": ("RETREAT", "disarm"),
    "disarm": ("RETREAT", "disarm"),
    "resign": ("RETREAT", "resign"),
    "disband": ("RETREAT", "disarm"),
    # REQUEST.
    "ask": ("REQUEST", None),
    "request": ("REQUEST", None),
    "appeal": ("REQUEST", None),
    "seek": ("REQUEST", None),
    "plead": ("REQUEST", None),
    # DEMAND.
    "demand": ("DEMAND", None),
    "insist": ("DEMAND", None),
    "urge": ("DEMAND", None),
    "press": ("DEMAND", None),
    # DISAPPROVE.
    "denounce": ("DISAPPROVE", None),
    "condemn": ("DISAPPROVE", None),
    "criticize": ("DISAPPROVE", None),
    "criticise": ("DISAPPROVE", None),
    "accuse": ("DISAPPROVE", "accuse"),
    "blame": ("DISAPPROVE", "accuse"),
    "complain": ("DISAPPROVE", None),
    "indict": ("DISAPPROVE", "accuse"),
    "deplore": ("DISAPPROVE", None),
    "censure": ("DISAPPROVE", None),
    "slam": ("DISAPPROVE", None),
    "rebuke": ("DISAPPROVE", None),
    "charge": ("DISAPPROVE", "accuse"),
    "protest": ("DISAPPROVE", None),
    # REJECT.
    "reject": ("REJECT", None),
    "refuse": ("REJECT", None),
    "decline": ("REJECT", None),
    "oppose": ("REJECT", None),
    "veto": ("REJECT", None),
    "dismiss": ("REJECT", None),
    "violate": ("REJECT", None),
    "rebuff": ("REJECT", None),
    "spurn": ("REJECT", None),
    "defy": ("REJECT", None),
    # THREATEN.
    "threaten": ("THREATEN", None),
    "warn": ("THREATEN", None),
    # PROTEST.
    "demonstrate": ("PROTEST", "demo"),
    "rally": ("PROTEST", "demo"),
    "march": ("PROTEST", "demo"),
    "riot": ("PROTEST", "riot"),
    "picket": ("PROTEST", "demo"),
    "boycott": ("PROTEST", "boycott"),
    # SANCTION.
    "sanction": ("SANCTION", None),
    "suspend": ("SANCTION", None),
    "halt": ("SANCTION", None),
    "cancel": ("SANCTION", None),
    "freeze": ("SANCTION", None),
    "blacklist": ("SANCTION", None),
    "sever": ("SANCTION", "relations"),
    "recall": ("SANCTION", "relations"),
    "embargo": ("SANCTION", None),
    "prohibit": ("SANCTION", None),
    "reduce": ("SANCTION", None),
    "cut": ("SANCTION", None),
    # MOBILIZE: own forces and weapons readied, deployed, built up.
    "mobilize": ("MOBILIZE", "troops"),
    "mobilise": ("MOBILIZE", "troops"),
    "deploy": ("MOBILIZE", "troops"),
    "reinforce": ("MOBILIZE", "troops"),
    "strengthen": ("MOBILIZE", "troops"),
    "station": ("MOBILIZE", "troops"),
    "mass": ("MOBILIZE", "troops"),
    "construct": ("MOBILIZE", "weapons"),
    "build": ("MOBILIZE", "weapons"),
    "patrol": ("MOBILIZE", "police"),
    # COERCE: repression short of armed force.
    "arrest": ("COERCE", "arrest"),
    "detain": ("COERCE", "arrest"),
    "deport": ("COERCE", "deport"),
    "expel": ("COERCE", "deport"),
    "ban": ("COERCE", "ban"),
    "outlaw": ("COERCE", "ban"),
    "confiscate": ("COERCE", "seize"),
    "seize": ("COERCE", "seize"),
    "destroy": ("COERCE", "destroy"),
    "demolish": ("COERCE", "destroy"),
    "deface": ("COERCE", "censor"),
    "censor": ("COERCE", "censor"),
    "blockade": ("COERCE", "restrict"),
    "reimpose": ("COERCE", "restrict"),
    "impose": ("COERCE", "restrict"),
    "raid": ("COERCE", "arrest"),
    "jail": ("COERCE", "arrest"),
    "imprison": ("COERCE", "arrest"),
    "execute": ("COERCE", "execute"),
    # ASSAULT: violence against non-combatants, terror, assassination.
    "kill": ("ASSAULT", None),
    "assassinate": ("ASSAULT", "assassinate"),
    "torture": ("ASSAULT", "torture"),
    "abuse": ("ASSAULT", "sexual"),
    "rape": ("ASSAULT", "sexual"),
    "massacre": ("ASSAULT", None),
    "kidnap": ("ASSAULT", "abduct"),
    "abduct": ("ASSAULT", "abduct"),
    "behead": ("ASSAULT", None),
    "bomb": ("ASSAULT", "explosives"),
    "murder": ("ASSAULT", None),
    "attack": ("ASSAULT", None),
    "stab": ("ASSAULT", "primitive"),
    "shoot": ("ASSAULT", "firearms"),
    # FIGHT: conventional armed force.
    "fight": ("FIGHT", None),
    "shell": ("FIGHT", "heavy-weapons"),
    "invade": ("FIGHT", "heavy-weapons"),
    "clash": ("FIGHT", "firearms"),
    "bombard": ("FIGHT", "heavy-weapons"),
    "strike": ("FIGHT", "heavy-weapons"),
    "fire": ("FIGHT", "firearms"),
    "pound": ("FIGHT", "heavy-weapons"),
    "occupy": ("FIGHT", "occupy"),
    "shoot down": ("FIGHT", "aerial"),
    # INVESTIGATE.
    "investigate": ("INVESTIGATE", None),
    "probe": ("INVESTIGATE", None),
    "inspect": ("INVESTIGATE", None),
    "examine": ("INVESTIGATE", None),
}

# Nouns that state an event on their own (headed by a light or aspectual verb or by a subject).
NOUN_TRIGGERS: dict[str, tuple[str, str | None]] = {
    "talk": ("CONSULT", None),
    "meeting": ("CONSULT", "visit"),
    "summit": ("CONSULT", "multilateral"),
    "visit": ("CONSULT", "visit"),
    "mediation": ("CONSULT", "third-party"),
    "negotiation": ("CONSULT", None),
    "consultation": ("CONSULT", None),
    "agreement": ("AGREE", "agreement"),
    "deal": ("AGREE", "agreement"),
    "training": ("AID", "training"),
    "delivery": ("AID", "military"),
    "aid": ("AID", None),
    "assistance": ("AID", None),
    "asylum": ("AID", "asylum"),
    "shipment": ("AID", "military"),
    "withdrawal": ("RETREAT", "withdraw"),
    "pullout": ("RETREAT", "withdraw"),
    "demand": ("DEMAND", None),
    "ultimatum": ("THREATEN", None),
    "threat": ("THREATEN", None),
    "protest": ("PROTEST", "demo"),
    "demonstration": ("PROTEST", "demo"),
    "strike": ("PROTEST", "strike"),
    "rally": ("PROTEST", "demo"),
    "riot": ("PROTEST", "riot"),
    "sanction": ("SANCTION", None),
    "embargo": ("SANCTION", None),
    "deployment": ("MOBILIZE", "troops"),
    "construction": ("MOBILIZE", "weapons"),
    "exercise": ("MOBILIZE", "exercise"),
    "drill": ("MOBILIZE", "exercise"),
    "game": ("MOBILIZE", "exercise"),
    "maneuver": ("MOBILIZE", "exercise"),
    "manoeuvre": ("MOBILIZE", "exercise"),
    "patrol": ("MOBILIZE", "police"),
    "blockade": ("COERCE", "restrict"),
    "curfew": ("COERCE", "restrict"),
    "arrest": ("COERCE", "arrest"),
    "crackdown": ("COERCE", "repress"),
    "attack": ("ASSAULT", None),
    "bombing": ("ASSAULT", "explosives"),
    "assassination": ("ASSAULT", "assassinate"),
    "invasion": ("FIGHT", "heavy-weapons"),
    "offensive": ("FIGHT", "heavy-weapons"),
    "airstrike": ("FIGHT", "aerial"),
    "fire": ("FIGHT", "firearms"),
    "clash": ("FIGHT", "firearms"),
    "shelling": ("FIGHT", "heavy-weapons"),
    "battle": ("FIGHT", None),
    "investigation": ("INVESTIGATE", None),
    "inquiry": ("INVESTIGATE", None),
    "probe": ("INVESTIGATE", None),
    "hearing": ("INVESTIGATE", None),
    "inspector": ("INVESTIGATE", "inspect"),
    "inspection": ("INVESTIGATE", "inspect"),
}

# Nouns that only count when a light or aspectual verb governs them ("launched an offensive",
# "training began"); bare mentions ("threat assessment", "deployment profile") are not events.
LIGHT_VERBS = frozenset(
    {
        "hold",
        "launch",
        "conduct",
        "carry",
        "stage",
        "mount",
        "begin",
        "start",
        "resume",
        "continue",
        "complete",
        "open",
        "make",
        "undertake",
        "impose",
        "reimpose",
        "declare",
        "issue",
        "order",
        "organize",
        "organise",
        "have",
        "pay",
        "dispatch",
        "send",
        "announce",
        "plan",
        "host",
        "end",
        "finish",
        "initiate",
        "lead",
        "join",
        "kick",
        "wrap",
        "use",
        "extend",
        "reiterate",
        "reject",
        "grant",
        "provide",
        "deliver",
        "sign",
        "reach",
        "seal",
        "conclude",
        "strike",
        "break",
        "lift",
        "ease",
        "tighten",
    }
)

# Verb + object lemma -> (category, mode): the pair overrides the verb alone.
# Light verbs that voice a stance named by their object ("voiced support", "expressed concern").
STANCE_VERBS = ("voice", "express", "reaffirm", "reiterate", "declare", "signal", "show")
# "spoke by phone with", "talked over video link with": a call is a consultation.
CALL_VERBS = frozenset({"speak", "talk", "confer", "chat"})
CALL_MEDIA = frozenset({"phone", "telephone", "videophone", "video", "videoconference",
                        "videolink", "link", "call"})

PHRASES: dict[tuple[str, str], tuple[str, str | None]] = {
    ("open", "fire"): ("FIGHT", "firearms"),
    ("open", "hearing"): ("INVESTIGATE", None),
    ("open", "investigation"): ("INVESTIGATE", None),
    ("open", "border"): ("RETREAT", None),
    ("hold", "talk"): ("CONSULT", None),
    ("hold", "meeting"): ("CONSULT", "visit"),
    ("hold", "exercise"): ("MOBILIZE", "exercise"),
    ("hold", "drill"): ("MOBILIZE", "exercise"),
    ("impose", "sanction"): ("SANCTION", None),
    ("impose", "embargo"): ("SANCTION", None),
    ("impose", "curfew"): ("COERCE", "curfew"),
    ("impose", "law"): ("COERCE", "martial-law"),
    ("impose", "restriction"): ("COERCE", "restrict"),
    ("impose", "blockade"): ("COERCE", "restrict"),
    ("declare", "siege"): ("COERCE", "martial-law"),
    ("declare", "emergency"): ("COERCE", "martial-law"),
    ("declare", "law"): ("COERCE", "martial-law"),
    ("declare", "war"): ("FIGHT", None),
    ("lift", "sanction"): ("CONCEDE", None),
    ("lift", "curfew"): ("CONCEDE", None),
    ("lift", "ban"): ("CONCEDE", None),
    ("lift", "blockade"): ("CONCEDE", None),
    ("cut", "aid"): ("SANCTION", None),
    ("cut", "tie"): ("SANCTION", "relations"),
    ("cut", "electricity"): ("SANCTION", None),
    ("sever", "tie"): ("SANCTION", "relations"),
    ("break", "tie"): ("SANCTION", "relations"),
    ("expel", "diplomat"): ("SANCTION", "relations"),
    ("expel", "ambassador"): ("SANCTION", "relations"),
    ("recall", "ambassador"): ("SANCTION", "relations"),
    ("suspend", "aid"): ("SANCTION", None),
    ("halt", "aid"): ("SANCTION", None),
    ("launch", "offensive"): ("FIGHT", "heavy-weapons"),
    ("launch", "attack"): ("FIGHT", None),
    ("launch", "strike"): ("FIGHT", "aerial"),
    ("launch", "airstrike"): ("FIGHT", "aerial"),
    ("launch", "missile"): ("FIGHT", "missile"),
    ("fire", "missile"): ("FIGHT", "missile"),
    ("fire", "rocket"): ("FIGHT", "missile"),
    ("fire", "shell"): ("FIGHT", "heavy-weapons"),
    ("launch", "investigation"): ("INVESTIGATE", None),
    ("launch", "probe"): ("INVESTIGATE", None),
    ("launch", "war"): ("FIGHT", None),
    ("launch", "mediation"): ("CONSULT", "third-party"),
    ("launch", "exercise"): ("MOBILIZE", "exercise"),
    ("launch", "game"): ("MOBILIZE", "exercise"),
    ("mount", "invasion"): ("FIGHT", "heavy-weapons"),
    ("mount", "offensive"): ("FIGHT", "heavy-weapons"),
    ("carry", "attack"): ("ASSAULT", None),
    ("carry", "strike"): ("FIGHT", "aerial"),
    ("stage", "strike"): ("PROTEST", "strike"),
    ("stage", "protest"): ("PROTEST", "demo"),
    ("call", "strike"): ("PROTEST", "strike"),
    ("shoot", "down"): ("FIGHT", "aerial"),
    ("launch", "drone"): ("FIGHT", "missile"),
    ("fire", "drone"): ("FIGHT", "missile"),
    ("press", "offensive"): ("FIGHT", "heavy-weapons"),
    ("press", "attack"): ("FIGHT", "heavy-weapons"),
    ("send", "soldier"): ("MOBILIZE", "troops"),
    ("send", "unit"): ("MOBILIZE", "troops"),
    ("send", "battalion"): ("MOBILIZE", "troops"),
    ("send", "brigade"): ("MOBILIZE", "troops"),
    ("send", "warship"): ("MOBILIZE", "troops"),
    ("send", "ship"): ("MOBILIZE", "troops"),
    ("send", "reinforcement"): ("MOBILIZE", "troops"),
    ("deploy", "ship"): ("MOBILIZE", "troops"),
    ("use", "gas"): ("PROTEST", "riot"),
    ("block", "road"): ("PROTEST", "obstruct"),
    ("block", "bridge"): ("PROTEST", "obstruct"),
    ("block", "roadway"): ("PROTEST", "obstruct"),
    ("set", "fire"): ("COERCE", "destroy"),
    ("close", "border"): ("FIGHT", None),
    ("close", "embassy"): ("SANCTION", "relations"),
    ("send", "troop"): ("MOBILIZE", "troops"),
    ("send", "force"): ("MOBILIZE", "troops"),
    ("send", "inspector"): ("INVESTIGATE", "inspect"),
    ("dispatch", "inspector"): ("INVESTIGATE", "inspect"),
    ("dispatch", "troop"): ("MOBILIZE", "troops"),
    ("share", "evidence"): ("COOPERATE", "intelligence"),
    ("share", "intelligence"): ("COOPERATE", "intelligence"),
    ("sign", "agreement"): ("AGREE", "agreement"),
    ("reach", "agreement"): ("AGREE", "agreement"),
    ("sign", "deal"): ("AGREE", "agreement"),
    ("provide", "intelligence"): ("AID", "intelligence"),
    ("grant", "asylum"): ("AID", "asylum"),
    ("reduce", "supply"): ("SANCTION", None),
    ("cut", "supply"): ("SANCTION", None),
    ("fail", "agreement"): ("REJECT", None),
    ("violate", "ceasefire"): ("FIGHT", None),
    ("complete", "withdrawal"): ("RETREAT", "withdraw"),
    ("order", "patrol"): ("MOBILIZE", "police"),
    # Trading fire is combat between the two; summoning an envoy is an official complaint.
    ("exchange", "fire"): ("FIGHT", "firearms"),
    ("exchange", "gunfire"): ("FIGHT", "firearms"),
    ("exchange", "shot"): ("FIGHT", "firearms"),
    ("summon", "ambassador"): ("DISAPPROVE", None),
    ("summon", "envoy"): ("DISAPPROVE", None),
    ("summon", "diplomat"): ("DISAPPROVE", None),
    ("summon", "attache"): ("DISAPPROVE", None),
    # Stopping another state's ship is coercion; stopping its missiles is air defence.
    ("intercept", "vessel"): ("COERCE", "seize"),
    ("intercept", "ship"): ("COERCE", "seize"),
    ("intercept", "boat"): ("COERCE", "seize"),
    ("intercept", "tanker"): ("COERCE", "seize"),
    ("intercept", "missile"): ("FIGHT", "aerial"),
    ("intercept", "drone"): ("FIGHT", "aerial"),
    ("intercept", "rocket"): ("FIGHT", "aerial"),
    ("call", "sanction"): ("DISAPPROVE", None),
    ("shun", "work"): ("PROTEST", "strike"),
    ("cancel", "visit"): ("SANCTION", "relations"),
    ("withdraw", "troop"): ("RETREAT", "withdraw"),
    ("pull", "troop"): ("RETREAT", "withdraw"),
    ("give", "asylum"): ("AID", "asylum"),
    ("force", "out"): ("COERCE", "deport"),  # "forced out 1,000 refugees"
    # De-escalation: calling off or ending one's own protest or offensive concedes.
    ("call", "off"): ("CONCEDE", None),
    ("end", "strike"): ("CONCEDE", None),
    ("suspend", "strike"): ("CONCEDE", None),
    ("end", "protest"): ("CONCEDE", None),
    ("suspend", "protest"): ("CONCEDE", None),
    ("end", "boycott"): ("CONCEDE", None),
    # Formal protests and complaints by states object (DISAPPROVE); crowds protest (PROTEST).
    ("lodge", "protest"): ("DISAPPROVE", None),
    ("file", "protest"): ("DISAPPROVE", None),
    ("register", "protest"): ("DISAPPROVE", None),
    ("deliver", "protest"): ("DISAPPROVE", None),
    ("send", "protest"): ("DISAPPROVE", None),
    ("issue", "protest"): ("DISAPPROVE", None),
    ("lodge", "complaint"): ("DISAPPROVE", None),
    ("file", "complaint"): ("DISAPPROVE", None),
    ("lodge", "objection"): ("DISAPPROVE", None),
    ("take", "delivery"): ("AID", "military"),  # the subject receives (coded like "receive")
    # Readying forces: "cancelled leave for combat units", "called up reservists".
    ("cancel", "leave"): ("MOBILIZE", "troops"),
    ("call", "up"): ("MOBILIZE", "troops"),
    # Stances voiced through a light verb: "voiced support for", "expressed concern over".
    **{(v, "support"): ("SUPPORT", None) for v in STANCE_VERBS},
    **{(v, "solidarity"): ("SUPPORT", None) for v in STANCE_VERBS},
    **{(v, "backing"): ("SUPPORT", None) for v in STANCE_VERBS},
    **{(v, "concern"): ("DISAPPROVE", None) for v in STANCE_VERBS},
    **{(v, "criticism"): ("DISAPPROVE", None) for v in STANCE_VERBS},
    **{(v, "opposition"): ("DISAPPROVE", None) for v in STANCE_VERBS},
    # Stopping another side's ships or supply runs at sea is coercion (roads: PROTEST above).
    ("block", "vessel"): ("COERCE", "restrict"),
    ("block", "ship"): ("COERCE", "restrict"),
    ("block", "boat"): ("COERCE", "restrict"),
    ("block", "convoy"): ("COERCE", "restrict"),
    ("block", "mission"): ("COERCE", "restrict"),
    ("block", "resupply"): ("COERCE", "restrict"),
    ("open", "crossing"): ("RETREAT", None),
    ("open", "bridge"): ("RETREAT", None),
    ("reopen", "border"): ("RETREAT", None),
    ("reopen", "crossing"): ("RETREAT", None),
}

# A state banning or halting trade, transit or shipments sanctions ("banned the transit of
# Russian goods", "suspended arms exports to X"): verb lemma x object lemma -> SANCTION.
TRADE_BAN_VERBS = frozenset({"ban", "prohibit", "restrict", "halt", "suspend", "block", "curb",
                             "bar", "freeze", "stop", "outlaw", "forbid", "embargo"})
TRADE_OBJECTS = frozenset({"transit", "import", "export", "trade", "shipment", "sale", "supply",
                           "delivery", "flight", "overflight", "purchase", "investment",
                           "good", "cargo", "transport", "traffic", "commerce", "transfer"})
for _v in TRADE_BAN_VERBS:
    for _o in TRADE_OBJECTS:
        PHRASES.setdefault((_v, _o), ("SANCTION", None))

# Sending or deploying warships is a deployment, not a transfer ("sent destroyers to monitor").
for _v in ("send", "dispatch", "deploy"):
    for _o in ("destroyer", "frigate", "corvette", "submarine", "carrier", "vessel", "warship",
               "cruiser", "ship"):
        PHRASES.setdefault((_v, _o), ("MOBILIZE", "troops"))

# Raising the alert or readiness of forces mobilises them ("put its army on the highest level
# of combat readiness", "placed troops on high alert", "raised the alert level").
READINESS_VERBS = frozenset({"put", "place", "raise", "increase", "heighten", "elevate", "bring",
                             "move", "declare", "order", "keep"})
READINESS_NOUNS = frozenset({"readiness", "alert"})

# Verbs that govern a nominal subject trigger ("training began", "the drills continue").
ASPECTUAL_VERBS = frozenset(
    {"begin", "start", "resume", "continue", "end", "finish", "conclude", "open", "close",
     "kick", "wrap", "get", "take", "go", "commence", "last", "run", "involve", "include"}
)

# Categories that govern an embedded event ("agreed to provide" is AGREE; "refused to" REJECT).
GOVERNING = frozenset({"AGREE", "REJECT", "THREATEN", "DEMAND", "REQUEST", "DISAPPROVE", "SUPPORT"})

# Verbs that report speech: sources of attribution, never events themselves.
REPORTING_VERBS = frozenset(
    {
        "say",
        "announce",
        "affirm",
        "note",
        "report",
        "state",
        "confirm",
        "tell",
        "claim",
        "add",
        "stress",
        "emphasize",
        "emphasise",
        "declare",
        "clarify",
        "highlight",
        "quote",
        "reveal",
        "explain",
        "indicate",
        "write",
        "observe",
        "assert",
        "mention",
        "reiterate",
        "remark",
        "disclose",
        "underline",
        "point",
        "cite",
        "argue",
        "believe",
        "think",
        "deny",
    }
)

# Lemmas that mark intent or plans: the governed event is future.
FUTURE_MARKERS = frozenset(
    {
        "plan",
        "intend",
        "expect",
        "aim",
        "schedule",
        "prepare",
        "set",
        "due",
        "going",
        "seek",
        "hope",
        "decide",
        "ready",
        "willing",
        "prepared",
        "will",
        "shall",
    }
)
HYPOTHETICAL_AUX = frozenset({"could", "may", "might", "can"})

# Categories whose promised (future) form PLOVER codes as AGREE, or as THREATEN.
COOPERATIVE = frozenset({"AID", "CONSULT", "CONCEDE", "COOPERATE", "RETREAT", "SUPPORT"})
HOSTILE = frozenset({"COERCE", "ASSAULT", "FIGHT", "PROTEST"})

# Context keyword lemma -> PLOVER context.
CONTEXT_WORDS: dict[str, str] = {
    "nuclear": "cbrn",
    "uranium": "cbrn",
    "chemical": "cbrn",
    "biological": "cbrn",
    "radiological": "cbrn",
    "enrichment": "cbrn",
    "warhead": "cbrn",
    "plutonium": "cbrn",
    "military": "military",
    "troop": "military",
    "army": "military",
    "missile": "military",
    "weapon": "military",
    "exercise": "military",
    "drill": "military",
    "soldier": "military",
    "force": "military",
    "navy": "military",
    "warship": "military",
    "tank": "military",
    "defense": "military",
    "defence": "military",
    "crew": "military",
    "launcher": "military",
    "artillery": "military",
    "peacekeeping": "military",
    "peacekeeper": "military",
    "offensive": "military",
    "aircraft": "military",
    "drone": "military",
    "arms": "military",
    "diplomat": "diplomatic",
    "diplomatic": "diplomatic",
    "embassy": "diplomatic",
    "ambassador": "diplomatic",
    "talk": "diplomatic",
    "summit": "diplomatic",
    "negotiation": "diplomatic",
    "mediation": "diplomatic",
    "visit": "diplomatic",
    "trade": "economic",
    "economic": "economic",
    "dollar": "economic",
    "loan": "economic",
    "tariff": "economic",
    "oil": "economic",
    "export": "economic",
    "import": "economic",
    "refugee": "refugees",
    "asylum": "refugees",
    "election": "election",
    "vote": "election",
    "ballot": "election",
    "candidate": "election",
    "terrorist": "terrorism",
    "terrorism": "terrorism",
    "terror": "terrorism",
    "cyber": "cyber",
    "hacker": "cyber",
    "court": "legal",
    "law": "legal",
    "curfew": "legal",
    "rights": "rights",
}

# Phrasal verbs: verb lemma + particle -> (category, mode). The particle is a `prt` child, or an
# adverb or preposition right after the verb that the parser did not read as one ("pulled out
# of", "pulled back from"). Handing over (AID) depends on what is handed: see the coder.
PHRASAL_VERBS: dict[tuple[str, str], tuple[str, str | None]] = {
    ("hand", "over"): ("AID", "military"),
    ("turn", "over"): ("AID", "military"),
    ("ship", "out"): ("AID", "military"),
    ("pull", "out"): ("RETREAT", "withdraw"),
    ("pull", "back"): ("RETREAT", "withdraw"),
    ("pull", "away"): ("RETREAT", "withdraw"),
    ("move", "out"): ("RETREAT", "withdraw"),
    ("fall", "back"): ("RETREAT", "withdraw"),
    ("hand", "back"): ("CONCEDE", None),
    ("give", "back"): ("CONCEDE", None),
}
# Particles read off the verb even when the parser tags them as an adverb or a preposition.
PARTICLES = frozenset({"over", "out", "back", "away"})

# Moving one's own forces somewhere deploys them ("moved two batteries to the coast",
# "relocated three battalions to the border"). "moved to ban X" has no force object, and
# "transfer" stays a transfer (AID) to another country.
MOVE_VERBS = frozenset({"move", "redeploy", "relocate", "reposition", "shift", "rush",
                        "station", "bring", "pull", "send"})
FORCE_OBJECTS = frozenset({"troop", "soldier", "unit", "battalion", "brigade", "division",
                           "regiment", "force", "reinforcement", "missile", "launcher",
                           "battery", "warship", "tank", "jet", "bomber", "helicopter",
                           "artillery", "paratrooper", "marine", "armour", "armor",
                           "contingent", "squadron", "frigate", "destroyer", "submarine",
                           "personnel", "serviceman", "servicemen", "ship", "vessel",
                           "fleet", "aircraft", "fighter", "drone", "system", "howitzer",
                           "interceptor", "corvette", "gunboat", "warplane"})
for _v in MOVE_VERBS - {"send", "pull"}:
    for _o in FORCE_OBJECTS:
        PHRASES.setdefault((_v, _o), ("MOBILIZE", "troops"))
# Transferring people in uniform moves them ("transferred troops to the border"); transferring
# weapons to another country stays AID.
for _o in ("troop", "soldier", "unit", "battalion", "brigade", "division", "regiment",
           "contingent", "personnel", "serviceman", "servicemen", "paratrooper", "marine",
           "reinforcement"):
    PHRASES.setdefault(("transfer", _o), ("MOBILIZE", "troops"))

# Trade restrictions imposed are sanctions ("imposed export controls on chips bound for X",
# "imposed tariffs on Chinese vehicles"); other restrictions stay COERCE ("imposed
# restrictions on movement"). The nouns that are sanctions whatever they restrict:
TRADE_MEASURES = frozenset({"tariff", "duty", "levy", "embargo", "sanction"})
# ... and the restrictive nouns that are sanctions when aimed at trade or at another country.
RESTRICTIONS = frozenset({"restriction", "ban", "control", "limit", "curb", "quota", "license",
                          "licence", "requirement", "measure", "prohibition"})
TRADE_WORDS = TRADE_OBJECTS | frozenset(
    {"export", "import", "trade", "arms", "investment", "financial", "economic", "technology",
     "chip", "semiconductor", "equipment", "machine", "component", "part", "product", "good",
     "vehicle", "steel", "oil", "gas", "grain", "visa", "travel", "commodity", "material"})
IMPOSING_VERBS = frozenset({"impose", "reimpose", "introduce", "slap", "tighten", "expand",
                            "extend", "announce", "place"})

# Explosives that kill or wound with no one named act as an (unattributed) assault: "a car bomb
# exploded near a police station, killing four officers".
EXPLOSIVES = frozenset({"bomb", "ied", "device", "explosive", "vest", "mine", "grenade",
                        "bomber", "blast", "explosion", "car", "motorcycle", "truck"})
EXPLODE_VERBS = frozenset({"explode", "detonate", "blow", "go", "rip", "hit", "strike"})
HARM_VERBS = frozenset({"kill", "wound", "injure", "maim", "claim", "leave"})

# Denying reports or claims rejects them ("denied reports that it had sold ammunition to X");
# the act denied is not coded on its own (it folds into the REJECT).
DENIED_NOUNS = frozenset({"report", "claim", "allegation", "accusation", "charge", "suggestion",
                          "rumour", "rumor", "assertion", "story", "involvement",
                          "responsibility", "speculation"})

# Ordering foreign troops out of a country (or giving them a deadline to leave) is coded
# COERCE (mode deport), like "expel": PLOVER's COERCE covers expulsions carried out by
# authority, while DEMAND is a verbal claim whose target may ignore it; an order by the
# sovereign that hosts the troops is binding on them. Ordering diplomats out reduces relations
# (SANCTION, mode relations), like "expelled the ambassador".
ORDER_VERBS = frozenset({"order", "give", "tell", "instruct", "direct"})
LEAVE_VERBS = frozenset({"leave", "withdraw", "quit", "depart", "exit", "vacate", "go"})
DIPLOMATS = frozenset({"diplomat", "ambassador", "envoy", "attache", "consul", "staff",
                       "charge"})
