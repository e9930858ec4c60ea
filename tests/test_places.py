"""parse_place / find_postcode on real location strings from NHS Jobs, FPM, Reed and Adzuna."""

from pathlib import Path

import pytest

import pipeline.places
from pipeline.places import Place, distance_km, find_postcode, parse_place


@pytest.mark.parametrize(
    ("text", "postcode", "outward", "town", "county", "nation"),
    [
        # NHS Jobs search-result cards
        ("Chichester PO19 6SE", "PO19 6SE", "PO19", "Chichester", "West Sussex", "England"),
        ("York YO19 6LE", "YO19 6LE", "YO19", "York", "North Yorkshire", "England"),
        # legacy NHS Jobs JSON-LD addressLocality + postalCode
        ("Heron GP Merlyn Vaz Health And Social Centre, Leicester LE5 3GH", "LE5 3GH", "LE5", "Leicester", "Leicestershire", "England"),
        ("Shap, Penrith, Cumbria CA10 3LW", "CA10 3LW", "CA10", "Penrith", "Cumbria", "England"),
        ("South West region (Bristol, Chippenham, Taunton, Saltash) TA1 2PX", "TA1 2PX", "TA1", "Taunton", "Somerset", "England"),
        ("Women&amp;Children Management H26024, Warwick CV34 5BW", "CV34 5BW", "CV34", "Warwick", "Warwickshire", "England"),
        ("Newcastle under Lyme ST5 1JD", "ST5 1JD", "ST5", "Newcastle-under-Lyme", "Staffordshire", "England"),
        ("Holywell CH8 7TR", "CH8 7TR", "CH8", "Holywell", "Flintshire", "Wales"),
        ("Francis Road medical Centre, Leyton E10 6PP", "E10 6PP", "E10", "Leyton", "Greater London", "England"),
        ("Caldicot NP26 5AB", "NP26 5AB", "NP26", "Caldicot", "Newport", "Wales"),
        ("Nevill Hall Hospital, Abergavenny NP7 7EG", "NP7 7EG", "NP7", "Abergavenny", "Monmouthshire", "Wales"),
        ("Thornton Heath CR7 7JH", "CR7 7JH", "CR7", "Croydon", "Greater London", "England"),
        # a district astride the Welsh border: the town names the county
        ("Hay-on-Wye HR3", "", "HR3", "Hay-on-Wye", "Powys", "Wales"),
        # First Practice Management seed: "Town, County"
        ("Southam, Warwickshire", "", "", "Southam", "Warwickshire", "England"),
        ("Sharnbrook, Bedfordshire", "", "", "Sharnbrook", "Bedfordshire", "England"),
        ("Buckhurst Hill, Essex", "", "", "Buckhurst Hill", "Essex", "England"),
        ("Holywell, Flintshire", "", "", "Holywell", "Flintshire", "Wales"),
        ("Newport, Isle of Wight", "", "", "Newport", "Isle of Wight", "England"),
        # Reed locationName: unspaced postcodes, towns and counties
        ("ST145JP", "ST14 5JP", "ST14", "Uttoxeter", "Staffordshire", "England"),
        ("EC1A1BB", "EC1A 1BB", "EC1A", "London", "Greater London", "England"),
        ("W1S3BE", "W1S 3BE", "W1S", "London", "Greater London", "England"),
        ("LN110AB", "LN11 0AB", "LN11", "Louth", "Lincolnshire", "England"),
        ("Stratford-upon-Avon", "", "", "Stratford-upon-Avon", "Warwickshire", "England"),
        ("Wrexham", "", "", "Wrexham", "Wrexham", "Wales"),
        ("Bristol", "", "", "Bristol", "City of Bristol", "England"),
        # legacy NHS Jobs addressLocality without its postcode
        ("Grove Road Health Centre, Wrexham", "", "", "Wrexham", "Wrexham", "Wales"),
        ("Shincliffe, Durham", "", "", "Shincliffe", "Durham", "England"),
        ("South West London", "", "", "London", "Greater London", "England"),
        # Adzuna location.display_name
        ("Farringdon, Central London", "", "", "Farringdon", "Greater London", "England"),
        ("Islington, North London", "", "", "Islington", "Greater London", "England"),
        ("London, UK", "", "", "London", "Greater London", "England"),
        # an outward code alone
        ("Leicester LE5", "", "LE5", "Leicester", "Leicestershire", "England"),
        # a town written without its "Royal" (real listings of the labelled dedupe sets)
        ("Leamington Spa, Warwickshire", "", "", "Royal Leamington Spa", "Warwickshire", "England"),
        ("Tunbridge Wells", "", "", "Royal Tunbridge Wells", "Kent", "England"),
    ],
)
def test_parse_place_resolves(text, postcode, outward, town, county, nation):
    place = parse_place(text)
    assert (place.postcode, place.outward_code, place.town, place.county, place.nation) == (
        postcode,
        outward,
        town,
        county,
        nation,
    )
    assert place.latitude is not None and place.longitude is not None


def test_postcode_locates_to_its_district_centroid():
    place = parse_place("Chichester PO19 6SE")
    assert place.latitude == pytest.approx(50.837, abs=0.01)
    assert place.longitude == pytest.approx(-0.779, abs=0.01)


@pytest.mark.parametrize(
    ("text", "county", "nation"),
    [
        ("Hertfordshire", "Hertfordshire", "England"),
        ("Hampshire", "Hampshire", "England"),
        ("Lancashire", "Lancashire", "England"),
        ("Gloucestershire", "Gloucestershire", "England"),
        ("County Durham", "Durham", "England"),
        ("Co. Antrim", "County Antrim", "Northern Ireland"),
    ],
)
def test_county_alone_gives_county_nation_and_centroid(text, county, nation):
    place = parse_place(text)
    assert (place.town, place.county, place.nation) == ("", county, nation)
    assert place.latitude is not None


@pytest.mark.parametrize("text", ["Newport", "Holywell", "Broughton", "Richmond"])
def test_ambiguous_town_name_alone_stays_unresolved(text):
    assert parse_place(text) == Place("", "", text, "", "", None, None)


def test_towns_far_apart_are_a_multi_site_job():
    assert parse_place("South West region (Bristol, Chippenham, Taunton, Saltash)") == Place("", "", "", "", "", None, None)
    place = parse_place("Exeter, Plymouth, Devon")
    assert (place.town, place.county) == ("", "Devon")


def test_town_missing_from_its_county_keeps_the_county():
    place = parse_place("Holywell, Hertfordshire")
    assert (place.town, place.county, place.nation) == ("Holywell", "Hertfordshire", "England")
    assert place.latitude == pytest.approx(parse_place("Hertfordshire").latitude)


@pytest.mark.parametrize(
    ("text", "town", "county", "near"),
    [
        # BMJ Careers snapshot (reconstructed) and the dedupe sets' Reed, Adzuna and Totaljobs copies: a town
        # the table also holds under a longer name close by ("Harrow on the Hill", "Portslade-by-Sea") is that town,
        # not the county's centre
        ("Harrow, Middlesex", "Harrow", "Greater London", "HA1"),
        ("Harrow, Greater London", "Harrow", "Greater London", "HA1"),
        ("Newcastle, Tyne and Wear", "Newcastle upon Tyne", "Tyne and Wear", "NE1"),
        ("Portslade, East Sussex", "Portslade", "East Sussex", "BN41"),
    ],
)
def test_a_town_and_its_near_namesakes_are_one_place(text, town, county, near):
    place, district = parse_place(text), parse_place(near)
    assert (place.town, place.county) == (town, county)
    assert distance_km(place.latitude, place.longitude, district.latitude, district.longitude) < 5


def test_namesakes_far_apart_in_one_county_stay_the_county():
    """Ashton-under-Lyne and Ashton upon Mersey are 17 km apart: "Ashton, Greater Manchester" is not guessed, and
    the place says it is located by its county."""
    place = parse_place("Ashton, Greater Manchester")
    assert (place.town, place.county, place.located_by) == ("Ashton", "Greater Manchester", "county")
    assert place.latitude == pytest.approx(parse_place("Greater Manchester").latitude)


@pytest.mark.parametrize(
    ("text", "located_by"),
    [("CV47 0FE", "postcode district"), ("Southam, Warwickshire", "town"), ("Hertfordshire", "county"), ("Remote", "")],
)
def test_a_place_says_what_its_coordinates_are_the_centre_of(text, located_by):
    place = parse_place(text)
    assert place.located_by == located_by and (place.latitude is None) == (located_by == "")


def test_historic_county_still_resolves_a_nearby_town():
    place = parse_place("Stockport, Cheshire")
    assert (place.town, place.county) == ("Stockport", "Greater Manchester")


@pytest.mark.parametrize("text", [None, "", "   ", "Remote", "Band 7", "Women&Children Management H26024"])
def test_no_place(text):
    place = parse_place(text)
    assert (place.postcode, place.county, place.nation, place.latitude) == ("", "", "", None)


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("Please send your CV to Escrick Surgery, Main Street, Escrick, York, YO19 6LE by Friday", "YO19 6LE"),
        ("ref H26024; call 01234 567890; address: Warwick Hospital, Lakin Road, CV34 5BW", "CV34 5BW"),
        ("based at st145jp and B91 1AA", "ST14 5JP"),
        ("Tel 0121 424 2000, fax 0121 424 2001", ""),
        ("Band 8b - General Manager, salary £53,219 - £60,202", ""),
        ("QQ1 1AA is not a postcode area", ""),
        ("Finance team, London W1 2nd floor", ""),
        (None, ""),
    ],
)
def test_find_postcode(text, postcode):
    assert find_postcode(text) == postcode


def test_table_is_compact_and_attributed():
    data = Path(pipeline.places.__file__).parent / "data"
    assert (data / "places.json.gz").stat().st_size < 1_000_000
    assert "Place and postcode data © GeoNames (geonames.org), CC BY 4.0" in (data / "README.md").read_text()


def test_distance_km_between_real_places():
    chichester, york = parse_place("Chichester PO19 6SE"), parse_place("York YO19 6LE")
    distance = distance_km(chichester.latitude, chichester.longitude, york.latitude, york.longitude)
    assert distance == pytest.approx(350, rel=0.05)
