"""Documents a meeting hands out: badges, certificates of attendance, visa invitation letters (docs/documents.md).

For other parts of the module (the personal page, the retention job), no rights checked here:
    documents.urls.badge_url(participant, user=...)           the badge's address, or None
    documents.badges.single_badge_pdf(output, participant)    write one badge to a file
    documents.letters.request_letter(participant, data)       ask for a visa letter (participant locked)
    documents.erase_personal(participant)                     erase the passport details of their letters
"""


def erase_personal(participant) -> int:
    """Erase the visa data (passport number, nationality, date of birth, passport expiry) of a participant's letters,
    on the event's retention date; how many letters were erased."""
    from .letters import erase_personal as erase

    return erase(participant)
