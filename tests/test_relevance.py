"""decide_relevance on real adverts (fixtures, legacy NHS Jobs records) and the labelled sets."""

from pathlib import Path

import pytest

from bench.accuracy import RELEVANCE_DEV, load_rows, relevance_score
from pipeline.relevance import HEALTH_BOARDS, decide_relevance
from pipeline.roles import classify_title, is_relevant

DATA = Path(__file__).parent / "data"

# Opening words of real adverts (tests/data/relevance_dev.tsv gives each one's origin).
MODALITY = (
    "Due to internal staff progression Modality Partnership is looking to recruit to the role of Practice "
    "Manager at Black Country Family Practice within the Birmingham Division."
)
GUILDHALL = (
    "Partnering Health Limited are an established and expanding healthcare organisation ... Guildhall Walk "
    "Healthcare Centre is an NHS GP surgery situated close to the city centre"
)
TURNING_POINT = "Our service works closely with GPs, pharmacies and the local hospital to support people in recovery"
PUBLIC_PRACTICE = "Client Manager Accountant Job Vacancy Are you a dynamic and client-focused professional"
JUNCTION = (
    "Practice Plus Group are looking for an Administration Manager to join us at The Junction Health Centre ... "
    "Become the super-user for EMIS ... Contribution towards eye test and glasses."
)
DEPUTY_RECEPTION = (
    "Job Description: Deputy Reception Manager (General Practice) You will be part of our forward thinking team "
    "and share our vision, willingness and drive to adapt to changes within the NHS."
)
# Held-out adverts seen since their first measurement (heldout_relevance/README.md gives their origins).
MSK_CLINIC = (
    "Who we are Serving the Leeds community for over 30 years, the Centre is a well-established multidisciplinary "
    "musculoskeletal clinic ... Our team of 25+ practitioners covers osteopathy, physiotherapy, acupuncture, and "
    "complementary therapies"
)
# Federation posts of the development set, as a general board's snippet shows them
PETERBOROUGH = (
    "As part of a national focus on GP Practices co-ordinating the delivery of Enhanced Health in Care Homes, Greater "
    "Peterborough Network, an organisation owned and run by the GP Practices across Greater Peterborough, are looking "
    "to recruit a Project Manager."
)
VIADUCT = (
    "Base: Kingsgate House, Stockport / Home-Working Viaduct Care is the GP Federation and is a partnership of all GP "
    "practices across Stockport."
)
COLLEGE = (
    "A Career at St Edmunds College Part-time Health Centre Manager Term-time only Maternity Cover (Required for "
    "September 2026 to December 2026)"
)


@pytest.mark.parametrize(
    ("title", "employer", "description", "category", "source", "role", "reason_words"),
    [
        ("Practice Manager", "Modality Birmingham", MODALITY, "", "reed", "practice_manager", ["family practice"]),
        ("Deputy Service Manager", "Partnering Health", GUILDHALL, "", "nhs_jobs", "other_primary_care_management", ["gp surgery"]),
        ("Deputy Operations Manager - City & Hackney", "Turning Point", TURNING_POINT, "", "nhs_jobs", "not_relevant", ["primary care"]),
        ("Client Manager", "Public Practice Recruitment Ltd", PUBLIC_PRACTICE, "", "reed", "not_relevant", ["primary"]),
        (
            "Practice Manager",
            "",
            "A busy four-surgery dental practice offering NHS and private dentistry",
            "",
            "reed",
            "not_relevant",
            ["dental", "another kind of practice"],
        ),
        (
            "Practice Manager",
            "",
            "A first-opinion practice caring for cats, dogs and their owners; a team of vets",
            "",
            "reed",
            "not_relevant",
            ["vets"],
        ),
        (
            "Practice Manager",
            "",
            "Support the partners and solicitors of our Norwich office",
            "Legal Jobs",
            "adzuna",
            "not_relevant",
            ["solicitors", "Legal Jobs"],
        ),
        ("Practice Manager - ServiceNow", "", "Grow the delivery team and client base", "IT Jobs", "adzuna", "not_relevant", ["IT Jobs"]),
        ("Practice Manager", "", "Lead the office of a growing firm in Leeds", "", "reed", "not_relevant", ["nothing in the advert"]),
        # health-care words alone are not general practice (ASDA's pharmacy "Practice Manager" has patients)
        (
            "Practice Manager",
            "",
            "Lead the office of our surgery and its patients, reception and clinicians",
            "",
            "reed",
            "not_relevant",
            ["nothing in the advert says general practice"],
        ),
        # accountants' and surveyors' "general practice" is their general work
        (
            "Audit & General Practice Manager",
            "",
            "Our client, a general practice firm, seeks a manager",
            "",
            "reed",
            "not_relevant",
            ["only 'general practice'"],
        ),
        (
            "Practice Manager",
            "Park Surgery",
            "Lead our team of receptionists and administrators",
            "",
            "reed",
            "practice_manager",
            ["employer surgery"],
        ),
        (
            "Practice Manager",
            "Park Dental Surgery",
            "Lead our team of receptionists and administrators",
            "",
            "reed",
            "not_relevant",
            ["dental"],
        ),
        (
            "Locum Practice Manager",
            "",
            "A well-established GP practice in North Oxfordshire needs an interim manager",
            "",
            "reed",
            "practice_manager",
            ["gp practice"],
        ),
        ("Practice Manager", "", "", "", "reed", "practice_manager", ["title says 'practice manager'"]),
        ("Practice Manager", "", "Lead the office of a growing firm in Leeds", "", "nhs_jobs", "practice_manager", ["title says"]),
        ("Practice Manager", "", "Our GP surgery shares a building with a dental practice", "", "reed", "practice_manager", ["gp surgery"]),
        (
            "Operations Manager",
            "",
            "A large GP surgery in Bolton with 14,000 patients",
            "",
            "reed",
            "operations_manager_primary_care",
            ["gp surgery"],
        ),
        ("Sales Manager", "", "Sell our software to GP surgeries across the North West", "", "reed", "not_relevant", ["primary care"]),
        # a benefit's "eye test" does not outweigh a GP system; a premises name does not outweigh another profession
        ("Administration Manager", "Practice Plus Group", JUNCTION, "", "nhs_jobs", "other_primary_care_management", []),
        ("Practice Manager", "Good Health Centre", MSK_CLINIC, "Healthcare & Medical", "jobg8", "not_relevant", ["osteopathy"]),
        (
            "Part-time Health Centre Manager - Maternity Cover",
            "St Edmund's College",
            COLLEGE,
            "Healthcare & Medical",
            "jobg8",
            "not_relevant",
            ["term time only", "employer college"],
        ),
        # a partnership named for its doctors is a GP practice; a community pharmacy is not
        ("Practice Manager", "Dr Patel & Partners", "Lead our team of receptionists", "", "reed", "practice_manager", ["dr patel"]),
        (
            "Practice Manager",
            "",
            "Manage our community pharmacy team beside the medical centre",
            "",
            "reed",
            "not_relevant",
            ["community pharmacy"],
        ),
        # any manager of an organisation of GP practices works in primary-care management; a supplier's does not
        ("Care Home Project Manager", "", PETERBOROUGH, "", "reed", "other_primary_care_management", ["owned and run by the gp practices"]),
        (
            "Corporate Services & Business Development Manager",
            "Viaduct Care CIC",
            VIADUCT,
            "",
            "reed",
            "other_primary_care_management",
            ["is the gp federation"],
        ),
        ("Sales Manager", "", "Sell our software to GP federations and PCNs", "", "reed", "not_relevant", []),
        (
            "Administrative Assistant",
            "Derry GP Federation",
            "Derry GP Federation is a GP federation",
            "",
            "jobg8",
            "not_relevant",
            ["no manager"],
        ),
        ("Lead Nurse", "", VIADUCT, "", "reed", "not_relevant", ["clinical"]),
        # "general practice" beside the NHS or patients is the GPs' kind
        ("Deputy Reception Manager", "", DEPUTY_RECEPTION, "", "reed", "other_primary_care_management", ["general practice ... nhs"]),
    ],
)
def test_decide_relevance(title, employer, description, category, source, role, reason_words):
    decision = decide_relevance(title, employer, description, category, source)
    assert decision.role == role, decision.reason
    for words in reason_words:
        assert words in decision.reason


def test_reason_of_html_advert_text():
    """Reed's job details give HTML with (twice) escaped entities; words are read through it."""
    decision = decide_relevance("Practice Manager", "", "<p>Our <b>GP&amp;nbsp;surgery</b> in Truro</p>", "", "reed")
    assert decision.role == "practice_manager" and "'gp surgery'" in decision.reason


def test_titles_alone_decide_as_the_title_classifier():
    """With no advert text and no category, the decision is the title's (NHS Jobs titles stay where they are)."""
    rows = load_rows(DATA / "roles_dev.tsv")
    assert all(decide_relevance(r["title"], r["employer"]).role == classify_title(r["title"], r["employer"]) for r in rows)


def _split(rows: list[dict[str, str]]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    return ([r for r in rows if r["source"] not in HEALTH_BOARDS], [r for r in rows if r["source"] in HEALTH_BOARDS])


def test_dev_set_relevance():
    """Development set (tuned on: an upper bound). Measured: general boards precision 1.000, recall 0.943
    (was 0.886 before organisations of GP practices placed their managers; misses: a snippet cut at "Primary
    Car...", and OxFed's project manager, whose advert never says what OxFed is); health boards 1.000 / 0.963."""
    general, health = _split(load_rows(RELEVANCE_DEV))
    assert len(general) >= 300 and sum(r["relevant"] == "1" for r in general) >= 30
    for rows, precision, recall in ((general, 0.98, 0.92), (health, 0.98, 0.92)):
        score = relevance_score(rows)
        assert score.precision >= precision and score.recall >= recall, "\n".join(score.misses)


def test_title_alone_is_not_enough_on_general_boards():
    """The reason for the advert text: on the same general-board rows the title classifier keeps more wrong ones."""
    general, _ = _split(load_rows(RELEVANCE_DEV))
    title_kept = [r for r in general if is_relevant(classify_title(r["title"], r["employer"]))]
    title_precision = sum(r["relevant"] == "1" for r in title_kept) / len(title_kept)
    assert title_precision < 0.7 < relevance_score(general).precision


def test_heldout_general_boards():
    """Held-out real general-board adverts (334, only 4 relevant: heldout_relevance/README.md). First
    measurement: precision 0.125, recall 0.50 (the title classifier alone: 0.057 / 0.50). After the general
    rules that followed (health-care words alone and an accountant's "general practice" are not general
    practice; a locum practice manager is a manager): precision 0.571 (4 of 7), recall 1.0; after the second
    round (a premises name does not outweigh another profession, an education employer, urgent and
    emergency services, a firm whose clients are GPs): 1.0 / 1.0. Neither is a held-out figure any more;
    the fresh set (heldout_relevance2/, test below) holds no relevant advert and no advert the title alone keeps."""
    from bench.accuracy import RELEVANCE_HELDOUT

    score = relevance_score(load_rows(RELEVANCE_HELDOUT))
    assert score.precision >= 0.95 and score.recall >= 0.75, "\n".join(score.misses)


def test_heldout_nhs_jobs_titles():
    """Held-out NHS Jobs adverts of GP practices, PCNs and federations and hard negatives (title, employer and
    category only): precision 0.947, recall 0.939 at the first measurement and since; with the 31 JobG8 hard
    negatives appended later (one kept wrongly: "Tax Manager - GP Clients"), 0.939 / 0.939; after the second
    round of general rules (seen, so not held-out figures): 0.991 / 0.947."""
    from bench.accuracy import RELEVANCE_HELDOUT_NHS

    score = relevance_score(load_rows(RELEVANCE_HELDOUT_NHS))
    assert score.precision >= 0.98 and score.recall >= 0.94, "\n".join(score.misses)


def test_heldout2_general_boards():
    """Fresh held-out general-board adverts (373, none relevant: heldout_relevance2/README.md), first and only
    measurement on the code frozen before they arrived: none kept wrongly. With nothing relevant and nothing
    kept, precision and recall are undefined; issue 16's target (precision >= 0.95, recall >= 0.90) is not
    measurable here. The title classifier alone keeps none of them either."""
    from bench.accuracy import RELEVANCE_HELDOUT2

    rows = load_rows(RELEVANCE_HELDOUT2)
    score = relevance_score(rows)
    assert len(rows) >= 370 and score.relevant == 0
    assert score.kept == 0, "\n".join(score.misses)


def test_heldout4_general_board_look_alikes_are_dropped():
    """Fourth fresh set, precision only (heldout_relevance4/README.md): 157 real general-board adverts of Reed, Indeed
    UK and Adzuna (dental, veterinary and optical practice managers, an accountancy firm's "General Practice Manager",
    a parking "Pcn Appeals Officer", GP surgeries' receptionists and nurses), none relevant. Measured once on the code
    frozen before it arrived (main 495a143): none kept wrongly."""
    from bench.accuracy import RELEVANCE_HELDOUT4

    rows = load_rows(RELEVANCE_HELDOUT4)
    score = relevance_score(rows)
    assert len(rows) == 157 and score.relevant == 0
    assert score.kept == 0, "\n".join(score.misses)


@pytest.mark.parametrize("name", ["RELEVANCE_HELDOUT3", "RELEVANCE_HELDOUT3B"])
def test_heldout3_look_alikes_are_dropped(name):
    """Third fresh sets, precision only (no unused real general-board positive could be found): 284 real
    general-board look-alikes (JobG8 2026, Adzuna 2026 and 2013), and 263 real NHS Jobs 2020 look-alike texts
    shown as Adzuna, Reed and Indeed show adverts (employer mostly blank, text often cut). Measured once on the
    code frozen before they arrived (main 34291d8): none kept wrongly."""
    import bench.accuracy

    rows = load_rows(getattr(bench.accuracy, name))
    score = relevance_score(rows)
    assert len(rows) >= 260 and score.relevant == 0
    assert score.kept == 0, "\n".join(score.misses)
