"""Registering oneself: the form, the mail that confirms the address, and the link that takes the seat."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ..errors import MeetingError, Problems
from ..selectors.public import privacy_notice, public_event
from ..services import public as service
from .forms import RegistrationForm, known_organisations, message_for
from .pages import absolute, client_ip, page, public_page


def _event_or_404(event_id):
    event = public_event(event_id)
    if event is None:
        raise Http404
    return event


@public_page()
@require_http_methods(["GET", "POST"])
def register(request, event_id):
    """GET: the form; POST: check it, then mail a confirmation link (or, to a known address, say it is registered)."""
    event = _event_or_404(event_id)
    try:
        service.check_open(event)
    except MeetingError as error:
        full = error.problem is Problems.EVENT_FULL
        return page(request, "closed.html", {"event": event, "full": full}, status=403)
    form = RegistrationForm(request.POST or None, initial={"attendance_mode": _default_mode(event)})
    if request.method == "POST":
        try:
            service.admit(client_ip(request))
            if form.is_valid() and form.is_robot():
                return redirect(reverse("meeting-public-sent", kwargs={"event_id": event.id}))  # as if sent
            if form.is_valid():
                data = form.service_data()
                problems = service.check_public_input(data)
                if not problems:
                    service.request_registration(
                        event=event, data=data, language=request.page_language, url_for=absolute(request)
                    )
                    return redirect(reverse("meeting-public-sent", kwargs={"event_id": event.id}))
                form.show_problems(problems)
        except MeetingError as error:
            return _refused(request, event, error)
    context = {"event": event, "form": form, "notice": privacy_notice(event), "organisations": known_organisations()}
    return page(request, "register.html", context, status=400 if form.errors else 200)


def _default_mode(event) -> str:
    return "ONLINE" if event.participation_mode == "ONLINE" else "IN_PERSON"


def _refused(request, event, error: MeetingError):
    too_many = error.problem in (Problems.PUBLIC_TOO_MANY_REQUESTS, Problems.PUBLIC_EVENT_BUSY)
    context = {"event": event, "message": message_for(error, "")}
    return page(request, "refused.html", context, status=429 if too_many else 403)


@public_page()
def sent(request, event_id):
    """The same answer for every accepted form: look in your mailbox."""
    return page(request, "sent.html", {"event": _event_or_404(event_id)})


@public_page(secret=True)
def verify(request, token):
    """GET from the mail: a button that confirms (a mail scanner following links takes no seat); POST: confirm."""
    if request.method == "POST":
        token = request.POST.get("token", "")
    pending = service.pending_request(token)
    if pending is None:
        return page(request, "link_invalid.html", status=410)
    if request.method != "POST":
        return page(request, "verify.html", {"event": pending.event, "token": token})
    try:
        result = service.confirm_registration(token=token, url_for=absolute(request))
    except MeetingError:
        return page(request, "link_invalid.html", status=410)
    if not result["success"]:
        detail = result["detail"]
        already = detail.get("code") == Problems.PARTICIPANT_EMAIL_TAKEN.code
        context = {"event": pending.event, "already": already, "message": detail.get("message", "")}
        return page(request, "not_registered.html", context, status=409)
    return page(request, "registered.html", {"event": pending.event, "participant": result["participant"]})


@public_page()
@require_http_methods(["GET", "POST"])
def new_link(request, event_id):
    """Ask for a new personal link by email; the answer is the same whether the address is registered or not."""
    event = _event_or_404(event_id)
    if request.method == "POST":
        try:
            service.admit(client_ip(request))
            service.resend_link(
                event=event, email=request.POST.get("email"), language=request.page_language, url_for=absolute(request)
            )
        except MeetingError as error:
            return _refused(request, event, error)
        return page(request, "sent.html", {"event": event, "link_requested": True})
    return page(request, "new_link.html", {"event": event})
