"""Classify a job title (and its employer) into the primary-care management roles pmjobs tracks.

General rules, not a list of titles: abbreviations are expanded, clinical and hospital roles are
ruled out first, and the employer settles titles that only primary care makes relevant
("General Manager", "Operations Manager", "Business Manager").
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import NamedTuple

from pipeline.practices import AGENCY_WORDS

ROLES: tuple[str, ...] = (
    "practice_manager",
    "assistant_or_deputy_practice_manager",
    "practice_business_manager",
    "operations_manager_primary_care",
    "pcn_manager",
    "other_primary_care_management",
    "not_relevant",
)
NOT_RELEVANT = "not_relevant"
#: The reason a manager's title is not relevant when only the place was missing: other advert text may give it.
NO_PRIMARY_CARE = "nothing in the title or employer says primary care"
OTHER = "other_primary_care_management"

# Spellings and abbreviations folded before matching, in order, on lower-case text.
_REWRITES = [
    (re.compile(pattern), replacement)
    for pattern, replacement in [
        (r"&", " and "),
        (r"\bprimary care networks?\b", "pcn"),
        (r"\bpcns?\b(?:\s*\(\s*pcns?\s*\))?", "pcn"),
        (r"\bpr?act(?:i[cs]e|\.|\b)|\bprac\b\.?", "practice"),
        (r"\bm(?:a?n)?gr\b\.?|\bmngr\b\.?|\bman\b\.", "manager"),
        (r"\bass(?:is)?t\b\.?|\basst\b\.?", "assistant"),
        (r"\bdep\b\.?|\bdpty\b\.?", "deputy"),
        (r"\bs(?:n)?r\b\.?", "senior"),
        (r"\bjnr\b\.?", "junior"),
        (r"\bapm\b", "assistant practice manager"),
        (r"\bdpm\b", "deputy practice manager"),
        (r"\bops\b", "operations"),
        (r"\bbus\b\.?", "business"),
        (r"\bgeneral practi(?:tioners?|ces?)\b", "gp"),
        (r"\bp\.?m\b\.?", "practice manager"),
        # clinical and admin primary-care abbreviations boards print ("ANP", "HCA", "FCP", "Pharm Tech")
        (r"\banps?\b", "advanced nurse practitioner"),
        (r"\bacps?\b", "advanced clinical practitioner"),
        (r"\bhcas?\b|\bhealth care assistant", "healthcare assistant"),
        (r"\bfcps?\b|\bfirst contact physio(?:therapist)?s?\b", "first contact practitioner"),
        (r"\brgns?\b", "registered general nurse"),
        (r"\bphysio\b\.?", "physiotherapist"),
        (r"\bpharm\.? techs?\b\.?", "pharmacy technician"),
        (r"\badmin\b\.?", "administrator"),
        (r"\brecep\b\.?", "receptionist"),
        (r"\bco-?ord(?:inator)?\b\.?", "coordinator"),
        (r"\bband\s*\d[abcd]?\b", " "),
        (r"\s[-–]\s|[(),/|:;]", " | "),
        (r"[^a-z0-9|]+", " "),
    ]
]
# Clinical posts, and "practice" meaning professional or clinical practice.
_CLINICAL = re.compile(
    r"\b(?:nurs\w*|clinical practi\w*|advanced practi\w*|professional practice|practitioners?|"
    r"pharmac\w*|dispensary|physio\w*|paramedics?|doctors?|physicians?|salaried gp|gp partner|gp registrar|"
    r"locum(?! (?:(?:deputy |assistant )?practice )?manager)|"
    r"clinicians?|(?:clinical|medical) (?:lead|director)|therap\w*|midwi\w*|matron|dieti[tc]ians?|"
    r"radiograph\w*|psycholog\w*|surgeons?|consultants?|healthcare assistant|phlebotom\w*|"
    r"social worker|wards?|theatres?|technicians?|medicines management)\b"
)
# A manager, head or director, or the lead of a service or function ("Service Lead"); a team's
# lead ("Admin Lead", "Lead Receptionist") supervises and is not management.
_MANAGER = re.compile(
    r"\b(?:manager|managers|management|head of|director)\b|\b(?:services?|operations|operational|business|"
    r"transformation|project|programme|digital|quality|finance|hr|workforce|estates|it|network|locality|"
    r"development|pcn) lead (?:\||$)"
)
# Primary care named in a title; "practice" only as in "Practice (Finance) Manager", since
# "Customer Success Manager - Practice Unbound" names a product.
_PRIMARY_TITLE = re.compile(
    r"\b(?:gp|pcn|primary care|federation|surgery|surgeries|medical (?:cent(?:re|er)|group|practice)|"
    r"health cent(?:re|er)|qof|practice(?: \w+){0,2} manager)\b"
)
# An employer's name is primary care when it says so; "surgery" or "practice" only count when
# nothing in the name says hospital ("Abdominal Medicine and Surgery").
# A partnership named for its doctors ("Dr Rozewicz & Partners") is how GP practices are named.
_PRIMARY_EMPLOYER = re.compile(
    r"\b(?:gp|pcn|primary care|federation|medical (?:cent(?:re|er)|group|practice)|health cent(?:re|er)|dr \w+(?: \w+)? and partners)\b"
)
_PRACTICE_EMPLOYER = re.compile(r"\b(?:surgery|surgeries|practices?)\b")
# Agencies and firms whose names say "practice" but hire for others or for themselves
# ("Public Practice Recruitment Ltd"): their name says nothing about primary care.
_NOT_A_CARE_EMPLOYER = re.compile(rf"\b(?:{AGENCY_WORDS}|consult\w*|tax|financial)\b")
# Departments and employers outside primary care (a hospital's "Surgery Division" is not a GP surgery).
_SECONDARY_CARE = re.compile(
    r"\b(?:trust|hospitals?|ccg|clinical commissioning|commissioners?|commissioning|nhs england|"
    r"health board|icb|integrated care board|council|hospice|university|ambulance|health education|"
    r"division|divisional|directorate|care group|hmp|prison|outpatients?|and surgery|general surgery|"
    r"day surgery|elective surgery|specialist surgery|diagnostic|imaging|radiology|pathology|"
    r"emergency (?:medicine|department|services?)|acute (?:medicine|assessment|care|services?)|urgent (?:care|treatment)|"
    r"unscheduled care|out of hours|111)\b"
)
# Posts that support management or sit on a board without managing ("PCN Management Assistant",
# "Management Support Administrator", "Non-Executive Director").
_NOT_A_MANAGER = re.compile(
    r"\b(?:manager|management|director)(?: \w+)? (?:assistant|administrator|secretary|officer|apprentice|coordinator)\b"
    r"|\bnon executive\b"
)
_JUNIOR = re.compile(r"\b(?:assistant|deputy|trainee|apprentice|junior|aspiring)\b")
# Practice managers of other professions and of social work ("Dental Practice Manager", Medivet,
# a solicitors' practice, a council's children's services).
_OTHER_PROFESSION = re.compile(
    r"\b(?:\w*dent(?:al|ists?|istry)|orthodont\w*|vet\w*|\w*vets?|pets?|opticians?|optometr\w*|optical|"
    r"solicitors?|law|legal|accountan\w*|tax|architects?|physiotherapy|chiropract\w*|osteopath\w*|"
    r"council|social work\w*|children s services|fostering|adoption)\b"
)
# The senior manager of an organisation, as opposed to a function's manager ("Finance Manager").
_SENIOR_MANAGER = re.compile(r"\b(?:business|operations|operational|general|network) manager\b|^ manager ")
_BUSINESS_MANAGER = re.compile(r"\bbusiness (?:and (?:practice )?)?manager\b|\bpractice business\b")
_OPERATIONS_MANAGER = re.compile(r"\b(?:operations|operational|general) manager\b|\bpractice operations\b")
_PCN_MANAGER = re.compile(r"\bpcn (?:(?:business|operations|operational|general|network) )?manager\b")
# A general practice (not a federation or PCN) is where "Operations/Business Manager" is the practice's.
_AT_PRACTICE = re.compile(r"\b(?:gp|practices?|surger(?:y|ies)|(?:medical|health) cent(?:re|er))\b")
_NETWORK = re.compile(r"\b(?:federation|pcn)\b")


def _fold(text: str | None) -> str:
    text = html.unescape(text or "").lower()
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    return f" {text.strip()} "


def title_words(title: str | None) -> list[str]:
    """A title's words with spellings and abbreviations folded as the classifier reads them ("Pract. Mgr")."""
    return _fold(title).replace("|", " ").split()


def _practice_manager_kind(words: str) -> str:
    """Which kind of practice manager: "Practice Manager / Partner" is not a business manager."""
    if _JUNIOR.search(words):
        return "assistant_or_deputy_practice_manager"
    if _BUSINESS_MANAGER.search(words):
        return "practice_business_manager"
    if _OPERATIONS_MANAGER.search(words):
        return "operations_manager_primary_care"
    return "practice_manager"


class TitleDecision(NamedTuple):
    """A role and the words of the title or employer that decided it."""

    role: str
    reason: str


def _said(match: re.Match) -> str:
    return repr(match.group().strip(" |"))


@lru_cache(maxsize=16384)
def decide_title(title: str | None, employer: str | None = "") -> TitleDecision:
    """One of ROLES for an advert title, with the words that decided it; the employer decides
    titles only primary care makes relevant."""
    words = _fold(title)
    where = _fold(employer)
    clinical = _CLINICAL.search(words)
    if clinical:
        return TitleDecision(NOT_RELEVANT, f"title names a clinical post ({_said(clinical)})")
    profession = _OTHER_PROFESSION.search(words + where)
    if profession:
        return TitleDecision(NOT_RELEVANT, f"title or employer names another profession ({_said(profession)})")
    if not _MANAGER.search(words):
        return TitleDecision(NOT_RELEVANT, "title names no manager, head or lead of a service")
    supporting = _NOT_A_MANAGER.search(words)
    if supporting:
        return TitleDecision(NOT_RELEVANT, f"title names a post that supports management or sits on a board ({_said(supporting)})")
    if " practice manager" in words:
        return TitleDecision(_practice_manager_kind(words), "title says 'practice manager'")
    junior = bool(_JUNIOR.search(words))
    senior = _SENIOR_MANAGER.search(words)
    senior = None if junior else senior
    pcn_manager = _PCN_MANAGER.search(words)
    if not junior and (pcn_manager or (senior and " pcn " in words + where)):
        return TitleDecision("pcn_manager", f"title says {_said(pcn_manager or senior)} of a PCN")
    secondary_employer = _SECONDARY_CARE.search(where)
    primary_employer = _PRIMARY_EMPLOYER.search(where) or (
        None if secondary_employer or _NOT_A_CARE_EMPLOYER.search(where) else _PRACTICE_EMPLOYER.search(where)
    )
    secondary_title = _SECONDARY_CARE.search(words)
    if secondary_title or (secondary_employer and not primary_employer):
        return TitleDecision(NOT_RELEVANT, f"title or employer is outside primary care ({_said(secondary_title or secondary_employer)})")
    primary = _PRIMARY_TITLE.search(words) or primary_employer
    if not primary:
        return TitleDecision(NOT_RELEVANT, NO_PRIMARY_CARE)
    reason = f"a manager's title at {_said(primary)}"
    at_practice = bool(_AT_PRACTICE.search(words + where)) and not _NETWORK.search(words + where)
    if senior and at_practice and _BUSINESS_MANAGER.search(words):
        return TitleDecision("practice_business_manager", reason)
    if senior and at_practice and _OPERATIONS_MANAGER.search(words):
        return TitleDecision("operations_manager_primary_care", reason)
    return TitleDecision(OTHER, reason)


def classify_title(title: str | None, employer: str | None = "") -> str:
    """One of ROLES for an advert title; the employer decides titles only primary care makes relevant."""
    return decide_title(title, employer).role


def is_relevant(role: str) -> bool:
    """Whether an advert with this role belongs in pmjobs."""
    return role != NOT_RELEVANT
