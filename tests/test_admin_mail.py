"""The outbox in the admin: the list (addresses only with the personal-data right), resending, and an announcement
previewed with its count before it is sent."""

import pytest
from mail_helpers import deliver

from openimis_be_meeting.models import Message

from admin_pages import APP, action, admin_login, errors, messages_of, text
from factories import make_user, open_event, register

pytestmark = pytest.mark.django_db


def test_the_message_list_shows_addresses_only_to_holders_of_the_personal_data_right(admin, smtp):
    event = open_event(admin, capacity=5)
    register(admin, event, 1)
    make_user("Desk", rights=["216001", "216003"])
    make_user("Keeper", rights=["216001", "216003", "216006"])

    desk = admin_login("Desk").get(f"{APP}message/")
    keeper = admin_login("Keeper").get(f"{APP}message/")
    assert desk.status_code == keeper.status_code == 200
    assert "CONFIRMED" in text(desk) and "person1@example.cm" not in desk.content.decode()
    assert "person1@example.cm" in text(keeper)
    row = Message.objects.get()
    assert "person1@example.cm" not in admin_login("Desk").get(f"{APP}message/{row.pk}/change/").content.decode()
    make_user("Stranger", rights=["215001"])
    assert admin_login("Stranger").get(f"{APP}message/").status_code == 403


def test_resending_from_the_admin_queues_a_new_message_that_is_delivered(admin, smtp):
    event = open_event(admin, capacity=5)
    register(admin, event, 1)
    deliver()
    make_user("Desk", rights=["216001", "216003"])
    row = Message.objects.get()

    page = action(admin_login("Desk"), "message", "resend_messages", [row])
    assert messages_of(page) == [("success", "CONFIRMED: queued again.")]
    deliver()
    assert [m["To"] for m in smtp.messages()] == ["person1@example.cm"] * 2
    make_user("Reader", rights=["216001"])
    refused = action(admin_login("Reader"), "message", "resend_messages", [row])
    assert Message.objects.count() == 2 and "resend_messages" not in refused.content.decode()


def test_an_announcement_is_previewed_with_its_count_then_sent_to_those_who_agreed(admin, smtp):
    event = open_event(admin, capacity=5)
    register(admin, event, 1, consent_contact=True)
    register(admin, event, 2, consent_contact=False)
    Message.objects.all().delete()
    make_user("Announcer", rights=["216001", "218101"])
    client = admin_login("Announcer")
    form = {"event": str(event.pk), "subject": "Shuttle", "body": "The shuttle leaves at 8."}

    preview = client.post(f"{APP}message/announce/", {**form, "preview": "1"})
    assert preview.status_code == 200
    assert "Recipients (who agreed to be contacted): 1" in text(preview)
    assert "Left out (they did not agree to be contacted): 1" in text(preview)
    assert "The shuttle leaves at 8." in text(preview)
    assert Message.objects.count() == 0
    register(admin, event, 3, consent_contact=True)
    Message.objects.all().delete()
    stale = client.post(f"{APP}message/announce/", {**form, "send": "1", "count": "1"})
    assert any("not 1 as previewed" in error for error in errors(stale))
    sent = client.post(f"{APP}message/announce/", {**form, "send": "1", "count": "2"}, follow=True)
    assert messages_of(sent) == [("success", "The announcement is on its way.")]
    deliver()
    assert sorted(m["To"] for m in smtp.messages()) == ["person1@example.cm", "person3@example.cm"]
    make_user("Desk", rights=["216001", "216003"])
    assert admin_login("Desk").get(f"{APP}message/announce/").status_code == 403
