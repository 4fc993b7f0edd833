"""Self check-in: the staff screen showing the door code (and its QR code), and the personal page's check-in."""

import segno
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import mark_safe

from ..permissions import Action, can, public_actor
from ..selectors.public import public_event
from ..services import AttendanceService
from ..services.doors import door_code, open_sessions
from .pages import page, public_page


@public_page(secret=True)
def door_screen(request, event_id):
    """For staff holding the check-in right (logged in to the instance): the current code of the day's door, or of
    one session's (?session=<id>), as digits and a QR code; the page reloads itself as the code changes."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    event = public_event(event_id)
    if event is None or not can(request.user, Action.CHECK_IN_PARTICIPANTS):
        raise Http404
    sessions = open_sessions(event)
    chosen = next((s for s in sessions if str(s.id) == request.GET.get("session")), None)
    code = door_code(event, session=chosen)
    qr = segno.make(code, error="m").svg_inline(scale=8, title=code)
    context = {"event": event, "code": code, "qr": mark_safe(qr), "sessions": sessions, "chosen": chosen}  # noqa: S308 - segno's own SVG
    return page(request, "door.html", context)


@public_page(secret=True)
def self_check_in(request):
    """POST from the personal page: the typed door code, through AttendanceService.self_check_in."""
    token = request.POST.get("token", "")
    if request.method != "POST":
        raise Http404
    result = AttendanceService(public_actor()).self_check_in({"token": token, "code": request.POST.get("code")})
    if not result["success"]:
        detail = result["detail"]
        return page(request, "check_in_refused.html", {"message": detail["message"], "token": token}, status=409)
    return redirect(reverse("meeting-public-personal", kwargs={"token": token}) + "?done=checked_in")
