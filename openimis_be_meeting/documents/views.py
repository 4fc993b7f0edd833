"""The public verification page, opened by a document's QR code or by typing its code: no login, the same answer
(404, the same page) for every code that proves nothing, whether malformed or unknown."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import View

from ..errors import MeetingError
from . import verification

TEMPLATE = "openimis_be_meeting/documents/verify.html"


class VerificationPage(View):
    public_page = True  # no right opens it; the rights tests and table cover the API views only

    def get(self, request, code: str = ""):
        found, status, limited = None, 404, False
        if not code and "number" in request.GET:
            try:
                found = verification.verify_letter(
                    request.GET.get("number", ""), request.GET.get("passport", ""), ip=request.META.get("REMOTE_ADDR")
                )
            except MeetingError:  # the checks by number from this address are over the limit
                status, limited = 429, True
        else:
            found = verification.verify(code or request.GET.get("code", ""))
        body = render_to_string(TEMPLATE, {"found": found, "limited": limited}, request=request)
        response = HttpResponse(body, status=200 if found else status)
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"
        return response
