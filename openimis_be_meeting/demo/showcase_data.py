"""The demo's digital systems, standards and showcases, as data: what seed_showcases writes through the services."""

# The openIMIS user who reviews the demo showcases: a review must come from someone who neither created nor presents
# the showcase. Its password is random and not kept: it signs nobody in, it only authors the demo reviews.
REVIEWER_LOGIN = "DemoShowcaseReviewer"
REVIEWER_ROLE = "Meeting showcase reviewer (demo)"

# key -> (name, type, owner acronym, country, version, deployment stage, address)
SYSTEMS = {
    "oi-cheque": ("openIMIS Chèque Santé", "OPENIMIS", "CHEQUE-SANTE", "CM", "v24.04", "PRODUCTION", ""),
    "oi-hiv": ("openIMIS HIV fee elimination", "OPENIMIS", "CNLS", "CM", "v24.04", "PRODUCTION", ""),
    "oi-refugees": ("openIMIS health vouchers for refugees", "OPENIMIS", "HCR-VOUCHER", "CM", "v23.10", "PILOT", ""),
    "oi-national": ("openIMIS Cameroon national instance", "OPENIMIS", "MINSANTE", "CM", "", "CONCEPT", ""),
    "pbf": ("World Bank PBF platform (OpenRBF)", "PBF_PLATFORM", "PBF-CM", "CM", "", "NATIONAL_SCALE", ""),
    "registry": ("MINAS social registry", "SOCIAL_REGISTRY", "MINAS", "CM", "", "CONCEPT", ""),
    "dhis2": ("DHIS2 Cameroon", "DHIS2", "MINSANTE", "CM", "2.39", "NATIONAL_SCALE", ""),
    "fhir": ("Cameroon health FHIR server", "FHIR_SERVER", "MINSANTE", "CM", "HAPI FHIR 6", "PILOT", ""),
    "momo": ("Mobile money payment gateway", "PAYMENT", None, "CM", "", "PILOT", ""),
    "core-mis": ("CORE-MIS tools", "OTHER", "WB", "", "", "PILOT", "https://openimis.org"),
}

# key -> (code, name, version, family)
STANDARDS = {
    "fhir": ("HL7-FHIR-R4", "HL7 FHIR R4", "4.0.1", "HL7_FHIR"),
    "adx": ("DHIS2-ADX", "DHIS2 ADX aggregate data exchange", "", "DHIS2_API"),
    "dci": ("SP-DCI", "Social Protection Digital Convergence Initiative APIs", "1.0", "SP_DCI"),
    "openhie": ("OPENHIE", "OpenHIE architecture (interoperability layer)", "5.0", "OPENHIE"),
    "rest": ("REST-OPENAPI", "REST API described with OpenAPI", "3.0", "REST_OPENAPI"),
    "csv": ("CSV", "CSV file exchange", "", "FILE"),
}


def _link(source, target, standard, level, data, *, direction="PUSH", mode="BATCH", reference=""):
    return (source, target, standard, level, data, direction, mode, reference)


# Each showcase: where it ends up in the workflow, its content, presenters (last names of demo participants), its
# integrations, its slot (day of the event counted from its first day, hour, minute) and the review it receives.
SHOWCASES = [
    {
        "status": "PRESENTED",
        "title": "Chèque Santé: verified claims feed the World Bank PBF platform",
        "title_fr": "Chèque Santé : les demandes vérifiées alimentent la plateforme FBP de la Banque mondiale",
        "abstract_fr": (
            "Le programme de chèques santé maternelle traite les demandes de remboursement dans openIMIS ; chaque "
            "mois, les quantités vérifiées par formation sanitaire partent vers la plateforme de financement basé sur "
            "la performance, qui calcule les subventions. Les mêmes chiffres parviennent à DHIS2 en données agrégées."
        ),
        "abstract": (
            "The maternal health voucher scheme adjudicates claims in openIMIS; every month the verified quantities "
            "per health facility go to the Performance Based Financing platform, which computes the facility "
            "subsidies. The same figures reach DHIS2 as aggregated data."
        ),
        "lead": "CHEQUE-SANTE",
        "partners": ["PBF-CM", "WB", "GIZ"],
        "presenters": ["Tchoumi", "Ondoa"],
        "scheme_name": "Chèque Santé",
        "scheme_type": "HEALTH_VOUCHER",
        "use_cases": ["CLAIMS", "REPORTING", "PAYMENT"],
        "demo_type": "LIVE",
        "media_links": ["https://openimis.org/community-meeting"],
        "integrations": [
            _link("oi-cheque", "pbf", "rest", "IN_PRODUCTION", "Verified services per health facility and month"),
            _link("oi-cheque", "dhis2", "adx", "DEMONSTRATED", "Monthly voucher use by district"),
        ],
        "slot": (0, 10, 0),
        "review": (5, "ACCEPT", "The link the other schemes are asking for, already in production."),
    },
    {
        "status": "PRESENTED",
        "title": "HIV fee elimination: openIMIS reporting to DHIS2 and FHIR",
        "title_fr": "Élimination des frais liés au VIH : openIMIS rapporte à DHIS2 et en FHIR",
        "abstract": (
            "The HIV fee elimination scheme sends its monthly service counts to the national DHIS2 as ADX, and "
            "exposes beneficiaries and claims as FHIR R4 resources tested against the openIMIS implementation guide."
        ),
        "lead": "CNLS",
        "partners": ["MINSANTE", "SolDevelo"],
        "presenters": ["Kamga", "Manga"],
        "scheme_name": "HIV fee elimination",
        "scheme_type": "FEE_EXEMPTION",
        "use_cases": ["REPORTING", "CLAIMS"],
        "demo_type": "LIVE",
        "media_links": [],
        "integrations": [
            _link("oi-hiv", "dhis2", "adx", "IN_PRODUCTION", "Exempted HIV services per facility and month"),
            _link(
                "oi-hiv",
                "fhir",
                "fhir",
                "CONFORMANCE_TESTED",
                "Patient, Coverage and Claim resources",
                direction="BOTH",
                mode="REAL_TIME",
                reference="openIMIS FHIR R4 implementation guide, test run of the CNLS instance",
            ),
            _link("fhir", "dhis2", "fhir", "DEMONSTRATED", "MeasureReport of exempted services, mapped to data sets"),
        ],
        "slot": (0, 14, 0),
        "review": (4, "ACCEPT", "Good reuse of the FHIR module; show the conformance report."),
    },
    {
        "status": "SCHEDULED",
        "title": "CORE-MIS payments through mobile money",
        "abstract": (
            "After the merger with CORE-MIS, openIMIS pays beneficiaries of cash transfers through mobile money; "
            "the refugee voucher scheme is the first to sync its beneficiaries to the payment tools."
        ),
        "lead": "WB",
        "partners": ["SolDevelo", "HCR-VOUCHER"],
        "presenters": ["Okafor", "Nowak"],
        "scheme_name": "",
        "scheme_type": "CASH_TRANSFER",
        "use_cases": ["PAYMENT", "BENEFICIARY_SYNC"],
        "demo_type": "LIVE",
        "media_links": [],
        "integrations": [
            _link("core-mis", "momo", "rest", "DEMONSTRATED", "Payment orders and confirmations", mode="REAL_TIME"),
            _link("oi-refugees", "core-mis", "rest", "CLAIMED", "Beneficiaries eligible for a transfer"),
        ],
        "slot": (1, 11, 0),
        "review": (4, "ACCEPT", "First look at CORE-MIS in a Cameroonian setting."),
    },
    {
        "status": "SCHEDULED",
        "title": "Health vouchers for refugees: openIMIS on the OpenHIE pattern",
        "abstract": (
            "The refugee health voucher scheme reports voucher use to DHIS2 and plans to route its exchanges "
            "through the national FHIR server following the OpenHIE architecture."
        ),
        "lead": "HCR-VOUCHER",
        "partners": ["Swiss TPH", "MINSANTE"],
        "presenters": ["Bouba", "Gerber"],
        "scheme_name": "Health vouchers for refugees",
        "scheme_type": "HEALTH_VOUCHER",
        "use_cases": ["ENROLMENT", "REPORTING"],
        "demo_type": "SLIDES",
        "media_links": [],
        "integrations": [
            _link("oi-refugees", "dhis2", "adx", "DEMONSTRATED", "Vouchers issued and used per camp"),
            _link("oi-refugees", "fhir", "openhie", "CLAIMED", "Beneficiary and encounter records", mode="REAL_TIME"),
            _link(
                "fhir", "dhis2", "openhie", "CLAIMED", "Aggregated voucher use, forwarded by the interoperability layer"
            ),
        ],
        "slot": (2, 10, 0),
        "review": (3, "ACCEPT", "Worth showing, though the OpenHIE part is still a plan."),
    },
    {
        "status": "ACCEPTED",
        "title": "Planning the link with the MINAS social registry",
        "abstract": (
            "The Ministry of Social Affairs plans a social registry; this session shows how openIMIS schemes and "
            "the CORE-MIS tools would take eligible households from it through the SP-DCI interfaces."
        ),
        "lead": "MINAS",
        "partners": ["WB", "GIZ"],
        "presenters": ["Ebanga", "Raman"],
        "scheme_name": "",
        "scheme_type": "SOCIAL_PROTECTION",
        "use_cases": ["ELIGIBILITY", "BENEFICIARY_SYNC"],
        "demo_type": "SLIDES",
        "media_links": [],
        "integrations": [
            _link("registry", "oi-cheque", "dci", "CLAIMED", "Households eligible for maternal vouchers"),
            _link(
                "registry",
                "core-mis",
                "dci",
                "CLAIMED",
                "Household registry search",
                direction="BOTH",
                mode="REAL_TIME",
            ),
        ],
        "slot": None,
        "review": (4, "ACCEPT", "Key for the social protection use cases; slot to be found."),
    },
    {
        "status": "UNDER_REVIEW",
        "title": "PBF subsidies paid to health facilities by mobile money",
        "abstract": "The PBF platform sends the computed facility subsidies to the mobile money gateway for payment.",
        "lead": "PBF-CM",
        "partners": ["WB"],
        "presenters": ["Eyenga"],
        "scheme_name": "Performance Based Financing",
        "scheme_type": "OTHER",
        "use_cases": ["PAYMENT"],
        "demo_type": "RECORDED",
        "media_links": [],
        "integrations": [_link("pbf", "momo", "rest", "CLAIMED", "Facility subsidy payment orders")],
        "slot": None,
        "review": (3, "REVISE", "Where does openIMIS come in? Please show the exchange with the scheme."),
    },
    {
        "status": "DRAFT",
        "title": "One national openIMIS instance for Cameroon's schemes",
        "abstract": "Moving the schemes onto one national instance, starting with the Chèque Santé data.",
        "lead": "GIZ",
        "partners": ["MINSANTE", "CHEQUE-SANTE", "CNLS", "HCR-VOUCHER"],
        "presenters": ["Brandt"],
        "scheme_name": "",
        "scheme_type": "",
        "use_cases": ["ENROLMENT", "CLAIMS"],
        "demo_type": "SLIDES",
        "media_links": [],
        "integrations": [_link("oi-cheque", "oi-national", "csv", "CLAIMED", "Insurees and claims history")],
        "slot": None,
        "review": None,
    },
    {
        "status": "REJECTED",
        "title": "Uploading Chèque Santé claims to the PBF platform as spreadsheets",
        "abstract": "The monthly CSV export of claims that the PBF team imported by hand before the REST exchange.",
        "lead": "PBF-CM",
        "partners": [],
        "presenters": ["Menye"],
        "scheme_name": "Chèque Santé",
        "scheme_type": "HEALTH_VOUCHER",
        "use_cases": ["CLAIMS"],
        "demo_type": "SLIDES",
        "media_links": [],
        "integrations": [_link("oi-cheque", "pbf", "csv", "IN_PRODUCTION", "Claims export, one file per month")],
        "slot": None,
        "review": (2, "REJECT", "Superseded by the REST exchange."),
        "decision_note": "The CSV upload was replaced by the REST exchange shown in the Chèque Santé showcase.",
    },
]

# The steps after submission that take a reviewed showcase to its demo status.
AFTER_REVIEW = {
    "UNDER_REVIEW": [],
    "ACCEPTED": ["ACCEPTED"],
    "SCHEDULED": ["ACCEPTED", "SCHEDULED"],
    "PRESENTED": ["ACCEPTED", "SCHEDULED", "PRESENTED"],
    "REJECTED": ["REJECTED"],
}
