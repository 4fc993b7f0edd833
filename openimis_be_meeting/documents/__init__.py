"""Documents a meeting hands out: badges, certificates of attendance, visa invitation letters (docs/documents.md).

For other parts of the module (the personal page, the retention job):
    documents.urls.badge_url(participant, user=...)      the badge's address, or None
    documents.badges.single_badge_pdf(output, participant)  write one badge to a file
"""
