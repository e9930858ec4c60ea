"""Whether an advert is a GP practice or PCN management post, read from everything the board gives.

The title decides the kind of post (`pipeline.roles`); the advert text, the employer and the board's
own category decide where it is. On a general board most "Practice Manager" adverts are for dental,
veterinary, optical, legal, accountancy or wealth-management practices, so there a title alone is
not enough: the advert must name general practice, and naming another profession's practice more
often than general practice rules it out. The rules are the phrase tables below; each decision says
which phrases decided it.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import NamedTuple

from pipeline.roles import NO_PRIMARY_CARE, NOT_RELEVANT, decide_title

#: Boards that carry only health-service adverts: there an advert need not say it is in health care.
HEALTH_BOARDS = frozenset({"nhs_jobs", "nhs_scotland", "hscni", "bmj_careers", "fpm"})

# Phrases that name a general practice or PCN as a workplace, by what they name; only GP practices
# work to the GP contract and its clinical systems.
GP_WORKPLACE_PHRASES = {
    "a GP practice or surgery": r"gp (?:practice|surgery|surgeries|partnership)s?|doctors?.? surger(?:y|ies)"
    r"|family (?:doctors?|practice)|training practice|dispensing practice",
    "a PCN": r"pcns?|primary care networks?",
    "its patient list": r"registered patients|patient list|list size|(?<!\d)\d+ patients",
    "the GP contract and its systems": r"qof|cqrs|emis(?: web)?|systm ?one|docman|gms|apms|pms contract|arrs"
    r"|enhanced services",
}
#: Organisations that GP practices form and own: any manager of one works in primary-care management,
#: as a federation's do (`pipeline.roles`), whatever the title ("Project Manager" at "an organisation owned
#: and run by the GP Practices across Greater Peterborough").
#: The advert must say the employer is one: a supplier selling to federations is not.
GP_ORGANISATION_PHRASES = {
    "a GP federation": r"(?:is|are|as) (?:the|a|an|our)(?: \w+){0,3} (?:gp federation|federation of (?:gp |general |family )?practices)",
    "an organisation of GP practices": r"(?:owned|run|led|formed)(?: and (?:run|led|owned))? by (?:the |its |local |member )*gp practices"
    r"|partnership of (?:all |the |local )*gp practices|gp owned (?:organisation|company|federation|provider)",
}
#: Premises names that GP practices share with private clinics ("Good Health Centre", an MSK clinic):
#: general practice, but not enough to outweigh another profession named in the advert.
GP_PREMISES_PHRASES = {"a medical practice or health centre": r"medical (?:practice|centre|center|group)s?|health cent(?:re|er)s?"}
# Phrases of the world of general practice that other health employers use too ("referrals from GPs").
GP_CONTEXT_PHRASES = {
    "GPs": r"gps?|gp partners?|general practi(?:tioners?|ce)",
    "primary care": r"primary (?:health ?)?care|federation of (?:gp )?practices",
    "NHS commissioners of general practice": r"icbs?|ccgs?|integrated care boards?|clinical commissioning|lmcs?",
}
#: Words of health care that, beside "general practice", show it is the GPs' kind ("a General Practice
#: environment ... our patients"), not an accountant's general work.
HEALTH_CARE_WORDS = r"patients?|nhs|cqc"
#: An employer named for a surgery, practice premises or its doctors ("Werrington Village Surgery",
#: "Dr Rozewicz & Partners"): once no other profession is named, a general practice.
PRACTICE_NAMES = r"surger(?:y|ies)|medical practice|medical cent(?:re|er)|health cent(?:re|er)|dr \w+(?: \w+)? and partners"
#: Phrases other professions use too: accountants' and surveyors' "general practice" is their general
#: work. Alone they do not place an advert in general practice on a general board.
AMBIGUOUS_PHRASES = frozenset({"general practice"})
# Phrases that show another profession's practice, by profession.
OTHER_PRACTICE_PHRASES = {
    "dental": r"dent(?:al|ists?|istry)|orthodont\w*|hygienists?|udas?|gdc",
    "veterinary": r"vet(?:erinary|s)?|rcvs|animals?|pets?|equine|small animal|kennels?",
    "optical": r"optic(?:ians?|al)|optometr\w*|eye (?:tests?|exams?|care)|contact lens\w*",
    "community pharmacy": r"community pharmac\w*|pharmacy (?:store|branch|counter)s?",
    "legal": r"solicitors?|law firms?|legal (?:practice|sector|services|team)|litigation|conveyanc\w*|paralegals?"
    r"|sra|barristers?|probate",
    "accountancy": r"accountan\w*|accounting (?:practice|firm|and advisory)|chartered accountants|bookkeep\w*"
    r"|tax (?:practice|returns?|advis\w*|affairs)|acca|icaew|audit (?:and|&) (?:accounts|assurance)",
    "a firm whose clients are GPs": r"(?:gp|medical|medic|doctor|healthcare|dental)s?(?: and \w+)? clients",
    "wealth management": r"wealth management|financial plann\w*|financial advis\w*|ifas?|paraplann\w*"
    r"|investment management",
    "other therapies": r"physiotherapy clinic|chiropract\w*|osteopath\w*|podiatr\w*|audiolog\w*|hearing (?:aids?|care)"
    r"|aesthetics? clinic|musculoskeletal clinic|acupuncture|complementary therap\w*",
    "education": r"term time only|pupils|boarding (?:school|house)s?|school nurs\w*|student (?:health|wellbeing)",
    "architecture and surveying": r"architect\w*|surveying practice",
    "IT and consulting": r"consultancy practice|(?:it|technology|software|data|cloud|cyber|sap|salesforce|servicenow)"
    r" practice",
}
#: Employers in education: their health centre is a college's or school's, unless named a surgery or practice.
EDUCATION_EMPLOYERS = r"colleges?|schools?|academy|academies|universit(?:y|ies)"
#: Board categories outside health care: a board filing an advert there is evidence against it.
OTHER_CATEGORIES = re.compile(
    r"\b(?:it|legal|law|accounting|accountancy|finance|engineering|sales|retail|leisure|teaching|education|"
    r"hospitality|catering|social care|social work|"
    r"trade|construction|manufacturing|logistics|warehouse|energy|oil|property|travel|creative|design|"
    r"scientific|maintenance|graduate|pr|advertising|marketing)\b"
)
#: Manager titles that run a practice or its front office: the ones an advert naming general practice
#: places there (a practice's systems or finance manager, or a supplier's sales manager, it does not).
PRACTICE_POSTS = (
    r"(?:business|operations|operational|general|office|service|site|reception|patient services"
    r"|administration|admin|practice|surgery|network) manager|head of operations"
)


def _phrases(table: dict[str, str]) -> re.Pattern:
    return re.compile("|".join(f"(?P<g{i}>\\b(?:{pattern})\\b)" for i, pattern in enumerate(table.values())))


_GP_WORKPLACE = _phrases(GP_WORKPLACE_PHRASES)
_GP_PREMISES = _phrases(GP_PREMISES_PHRASES)
_GP_ORGANISATION = _phrases(GP_ORGANISATION_PHRASES)
_PRACTICE_NAME = re.compile(rf"\b(?:{PRACTICE_NAMES})\b")
_GENERAL_PRACTICE = _phrases({**GP_WORKPLACE_PHRASES, **GP_PREMISES_PHRASES, **GP_CONTEXT_PHRASES})
_HEALTH_CARE = re.compile(rf"\b(?:{HEALTH_CARE_WORDS})\b")
_EDUCATION_EMPLOYER = re.compile(rf"\b(?:{EDUCATION_EMPLOYERS})\b")
_SURGERY_EMPLOYER = re.compile(r"\b(?:surger(?:y|ies)|practice)\b")
_OTHER_PRACTICE = _phrases(OTHER_PRACTICE_PHRASES)
_PRACTICE_POST = re.compile(rf"\b(?:{PRACTICE_POSTS})\b")
_TAG = re.compile(r"<[^<>]*>")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


class Relevance(NamedTuple):
    """The role (`pipeline.roles.ROLES`) and the words that decided it."""

    role: str
    reason: str


def _plain(text: str | None) -> str:
    """Lower-case words of a text that may hold HTML (Reed's job details), twice-escaped entities too."""
    text = html.unescape(html.unescape(text or ""))
    return f" {_NOT_WORD.sub(' ', _TAG.sub(' ', text).lower().replace('&', ' and '))} "


def _found(pattern: re.Pattern, text: str) -> list[str]:
    """Distinct phrases `pattern` finds in `text`, in order of first appearance."""
    return list(dict.fromkeys(m.group().strip() for m in pattern.finditer(text)))


def _listed(phrases: list[str], limit: int = 4) -> str:
    return ", ".join(repr(p) for p in phrases[:limit]) + (", ..." if len(phrases) > limit else "")


@lru_cache(maxsize=16384)
def decide_relevance(
    title: str | None,
    employer: str | None = "",
    description: str | None = "",
    category: str | None = "",
    source: str | None = "",
) -> Relevance:
    """The advert's role and why: the title's kind of post, placed by the employer, advert text and
    the board's category. `source` says whether the board carries only health-service adverts."""
    decision = decide_title(title, employer)
    advert = _plain(f"{title} | {employer} | {description}")
    board_category = _plain(category)
    general_practice = _found(_GENERAL_PRACTICE, advert)
    other = _found(_OTHER_PRACTICE, advert)
    if OTHER_CATEGORIES.search(board_category):
        other.append(f"category {category.strip()}")
    education = _EDUCATION_EMPLOYER.search(_plain(employer))
    if education and not _SURGERY_EMPLOYER.search(_plain(employer)):
        other.append(f"employer {education.group().strip()}")
    workplace = _found(_GP_WORKPLACE, advert)
    health_care = _found(_HEALTH_CARE, advert)
    if "general practice" in general_practice and health_care:
        workplace.append(f"general practice ... {health_care[0]}")
    if decision.role == NOT_RELEVANT:
        placed = workplace + _found(_GP_PREMISES, advert)
        placeable = decision.reason == NO_PRIMARY_CARE and _PRACTICE_POST.search(_plain(title))
        lifted = decide_title(title, f"{employer} | general practice") if placed and not other and placeable else None
        if lifted and lifted.role != NOT_RELEVANT:
            return Relevance(lifted.role, f"a practice's manager title; the advert names a general practice ({_listed(placed)})")
        organisation = _found(_GP_ORGANISATION, advert) if decision.reason == NO_PRIMARY_CARE and not other else []
        lifted = decide_title(title, f"{employer} | federation") if organisation else None
        if lifted and lifted.role != NOT_RELEVANT:
            return Relevance(lifted.role, f"a manager's title at an organisation of GP practices ({_listed(organisation)})")
        return Relevance(NOT_RELEVANT, decision.reason)
    if len(other) > len(general_practice) or (other and not workplace):
        return Relevance(NOT_RELEVANT, f"the advert or its category names another kind of practice ({_listed(other)})")
    if (source or "") in HEALTH_BOARDS or (not (description or "").strip() and not (category or "").strip()):
        return Relevance(decision.role, decision.reason)
    evidence = [phrase for phrase in general_practice if phrase not in AMBIGUOUS_PHRASES]
    evidence += [phrase for phrase in workplace if phrase not in evidence]
    practice_name = _PRACTICE_NAME.search(_plain(employer))
    if practice_name:
        evidence.append(f"employer {practice_name.group().strip()}")
    if evidence:
        return Relevance(decision.role, f"{decision.reason}; the advert names general practice ({_listed(evidence)})")
    return Relevance(
        NOT_RELEVANT,
        f"{decision.reason}, but nothing in the advert says general practice"
        + (f" (only {_listed(general_practice)})" if general_practice else ""),
    )
