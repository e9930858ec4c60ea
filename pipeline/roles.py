"""Classify a job title (and its employer) into the primary-care management roles pmjobs tracks.

General rules, not a list of titles: abbreviations are expanded, clinical and hospital roles are
ruled out first, and the employer settles titles that only primary care makes relevant
("General Manager", "Operations Manager", "Business Manager").
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

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

# Abbreviations and spellings folded before matching (applied to lower-case text).
_REWRITES = [
    (re.compile(p), r)
    for p, r in [
        (r"&", " and "),
        (r"\bprimary care networks?\b", "pcn"),
        (r"\bpcn\s*\(\s*pcn\s*\)", "pcn"),
        (r"\bpract\b\.?|\bprac\b\.?", "practice"),
        (r"\bm(?:a?n)?gr\b\.?|\bmngr\b\.?|\bman\b\.", "manager"),
        (r"\bass(?:is)?t\b\.?", "assistant"),
        (r"\bdep\b\.?|\bdpty\b\.?", "deputy"),
        (r"\bops\b", "operations"),
        (r"\bbus\b\.?", "business"),
        (r"\bgeneral practitioners?\b", "gp"),
        (r"\bp\.?m\b\.?", "practice manager"),
        (r"\bband\s*\d[abcd]?\b", " "),
        (r"[^a-z0-9]+", " "),
    ]
]
_CLINICAL = re.compile(
    r"\b(?:nurse|nursing|clinical practice|advanced practi|practitioner|pharmac|physio|paramedic|"
    r"doctor|physician|gp partner|salaried gp|gp registrar|locum gp|clinician|therapist|midwi|"
    r"matron|dietitian|dentist|dental|optometrist|radiograph|psycholog|surgeon|consultant|"
    r"healthcare assistant|phlebotom|social worker|ward)"
)
_GP_PRACTICE = re.compile(r"\b(?:gp|practice|surgery|medical cent(?:re|er)|health cent(?:re|er))\b")
_PRIMARY_CARE = re.compile(
    r"\b(?:gp|general practice|surgery|surgeries|medical cent(?:re|er)|medical practice|health cent(?:re|er)|"
    r"practice|practices|pcn|primary care|federation|medical group|family doctors?)\b"
)
_SECONDARY_CARE = re.compile(
    r"\b(?:trust|hospitals?|ccg|clinical commissioning|nhs england|health board|integrated care|icb|"
    r"council|hospice|university|ambulance|commissioning support)\b"
)
_MANAGER = re.compile(r"\b(?:manager|management|managers)\b")
_ASSISTANT = re.compile(r"\b(?:assistant|deputy|trainee|apprentice|junior|aspiring)\b")


def _fold(text: str | None) -> str:
    text = html.unescape(text or "").lower()
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    return f" {text.strip()} "


@lru_cache(maxsize=16384)
def classify_title(title: str | None, employer: str | None = "") -> str:
    """One of ROLES for an advert title; the employer decides titles only primary care makes relevant."""
    words = _fold(title)
    where = _fold(employer)
    if _CLINICAL.search(words) or not _MANAGER.search(words):
        return NOT_RELEVANT
    in_primary_care = bool(_PRIMARY_CARE.search(words)) or (
        bool(_PRIMARY_CARE.search(where)) and not _SECONDARY_CARE.search(words)
    )
    if "pcn" in words or ("network manager" in words and "pcn" in where):
        if re.search(r"\b(?:support|assistant|deputy)\b", words):
            return "other_primary_care_management"
        return "pcn_manager"
    if " practice manager " in words or " practice managers " in words:
        if _ASSISTANT.search(words):
            return "assistant_or_deputy_practice_manager"
        if "business" in words:
            return "practice_business_manager"
        if "operations" in words:
            return "operations_manager_primary_care"
        return "practice_manager"
    if not in_primary_care or _SECONDARY_CARE.search(where) and not _GP_PRACTICE.search(where):
        return NOT_RELEVANT
    if "business manager" in words:
        return "practice_business_manager"
    if re.search(r"\b(?:operations|general) manager\b", words):
        return "operations_manager_primary_care"
    return "other_primary_care_management"


def is_relevant(role: str) -> bool:
    """Whether an advert with this role belongs in pmjobs."""
    return role != NOT_RELEVANT
