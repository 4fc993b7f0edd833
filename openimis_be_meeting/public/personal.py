"""The personal page, opened by the secret link in every mail: status and place in line, one's own details, the
calendar feed, cancelling (confirmed first), a new link, and self check-in at the door.

Forms post to addresses without the token (it travels in the form's body), so that no refused request writes a
token into a log line."""

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse

from ..errors import MeetingError
from ..models import ACTIVE_PARTICIPANT_STATUSES, Participant
from ..permissions import public_actor
from ..services import ParticipantService
from ..services import public as public_service
from ..services.attendance import CHECK_IN_EVENT_STATUSES
from ..services.personal import participant_id_for_token
from .forms import DetailsForm, known_organisations, message_for
from .pages import absolute, page, public_page

OWN_DETAILS = list(DetailsForm.base_fields)


def _own(token) -> Participant | None:
    participant_id = participant_id_for_token(token)
    if participant_id is None:
        return None
    return Participant.objects.live().select_related("event", "organisation").filter(id=participant_id).first()


def _token(request, token=None) -> str:
    return token if token is not None else request.POST.get("token", "")


def _invalid(request):
    return page(request, "link_invalid.html", status=404)


def _context(participant: Participant, token: str, **extra) -> dict:
    feed = reverse("meeting-personal-agenda", kwargs={"token": participant.checkin_token})
    return {
        "participant": participant,
        "event": participant.event,
        "token": token,
        "active": participant.status in ACTIVE_PARTICIPANT_STATUSES,
        "feed_url": feed,
        "can_check_in": participant.status == "CONFIRMED" and participant.event.status in CHECK_IN_EVENT_STATUSES,
        **extra,
    }


@public_page(secret=True)
def personal(request, token):
    """The person's own page."""
    participant = _own(token)
    if participant is None:
        return _invalid(request)
    notice = request.GET.get("done", "")[:32]
    return page(request, "personal.html", _context(participant, token, done=notice))


@public_page(secret=True)
def edit(request, token=None):
    """GET: one's details in a form; POST: change them through the service's update_own."""
    token = _token(request, token)
    participant = _own(token)
    if participant is None:
        return _invalid(request)
    if request.method == "GET":
        form = DetailsForm(initial=_initial(participant))
    else:
        form = DetailsForm(request.POST)
        if form.is_valid():
            data = form.service_data()
            typed = data.pop("organisation") or ""
            problems = {key: error for key, error in public_service.check_public_input(data).items() if key in data}
            if not problems:
                result = _update(token, data, typed, participant)
                if result["success"]:
                    return redirect(reverse("meeting-public-personal", kwargs={"token": token}) + "?done=changed")
                form.add_error(None, result["detail"]["message"])
            else:
                form.show_problems(problems)
    context = _context(participant, token, form=form, organisations=known_organisations())
    return page(request, "edit.html", context, status=400 if form.errors else 200)


def _update(token: str, data: dict, typed: str, participant: Participant) -> dict:
    if typed.strip():
        try:
            data["organisation_id"] = str(public_service.organisation_for(typed, country=data.get("country") or "").id)
        except MeetingError as error:
            return {"success": False, "detail": {**error.as_dict(), "message": message_for(error, "")}}
    else:
        data["organisation_id"] = None
    return ParticipantService(public_actor()).update_own({"token": token, **data})


def _initial(participant: Participant) -> dict:
    initial = {name: getattr(participant, name, "") for name in OWN_DETAILS if name != "organisation"}
    initial["organisation"] = participant.organisation.name if participant.organisation else ""
    return initial


@public_page(secret=True)
def cancel(request, token=None):
    """GET: ask to confirm, with when the registration last changed; POST: cancel, if that is still so."""
    token = _token(request, token)
    participant = _own(token)
    if participant is None:
        return _invalid(request)
    if request.method == "GET":
        stamp = participant.status_changed_at.isoformat()
        return page(request, "cancel.html", _context(participant, token, stamp=stamp))
    result = ParticipantService(public_actor()).cancel_own({"token": token, "stamp": request.POST.get("stamp")})
    if not result["success"]:
        context = _context(participant, token, message=result["detail"]["message"])
        return page(request, "cancel_refused.html", context, status=409)
    return redirect(reverse("meeting-public-personal", kwargs={"token": token}) + "?done=cancelled")


@public_page(secret=True)
def rotate(request):
    """POST: a new personal link, mailed; the one used here stops working at once."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    participant = _own(request.POST.get("token", ""))
    if participant is None:
        return _invalid(request)
    public_service.welcome(participant, language=request.page_language, url_for=absolute(request), kind="new_link")
    return page(request, "sent.html", {"event": participant.event, "link_requested": True})
