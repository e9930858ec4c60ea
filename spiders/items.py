"""The one item type that flows from every spider through every pipeline."""

import scrapy

RAW_FIELDS = (
    "source",
    "source_id",
    "url",
    "title",
    "employer",
    "location",
    "salary_text",
    "closing_text",
    "posted_text",
    "description",
    "category",
    "reference",
    "contract_type",
    "working_pattern",
)

NORMALISED_FIELDS = (
    "role",
    "salary_min",
    "salary_max",
    "salary_period",
    "salary_pro_rata",
    "salary_band",
    "salary_annual_fte_min",
    "salary_annual_fte_max",
    "salary_band_min",
    "salary_band_max",
    "closing_date",
    "closing_open_ended",
    "posted_date",
    "postcode",
    "outward_code",
    "town",
    "county",
    "nation",
    "latitude",
    "longitude",
)


Vacancy = type(
    "Vacancy",
    (scrapy.Item,),
    {
        "__module__": __name__,
        "__doc__": "One advert as one source shows it: raw strings from the spider, parsed fields from the pipeline.",
        **{name: scrapy.Field() for name in RAW_FIELDS + NORMALISED_FIELDS},
    },
)
