"""Bulk import of participants from CSV or XLSX over HTTP (as the frontend uploads it) and by management command:
the rules of single registration, dry runs, all-or-nothing and partial runs, file refusals, rights, history."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openimis_be_meeting.models import Participant
from openimis_be_meeting.services import ParticipantService
from openimis_be_meeting.timeutils import now_for_storage

from factories import PASSWORD, open_event, register
from frontend import logged_in, rest_post

HEADER = "first_name,last_name,email"


def csv_upload(*lines: str, header: str = HEADER, name: str = "participants.csv", encoding: str = "utf-8"):
    text = "\n".join([header, *lines]) + "\n"
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def people(numbers, domain="example.cm") -> list[str]:
    return [f"Person{n},Ndongo,person{n}@{domain}" for n in numbers]


def upload(session, event, file, **options):
    data = {"file": file, **{key: str(value).lower() for key, value in options.items()}}
    return rest_post(session, f"events/{event.id}/participants/import", data)


def rows_of(event):
    """(email local part, status, waiting-list position) of the event's live participants, in registration order."""
    return [
        (p.email.split("@")[0], p.status, p.waitlist_position)
        for p in Participant.objects.live().filter(event=event).order_by("registered_at", "id")
    ]


@pytest.fixture
def session(admin):
    return logged_in("Admin", PASSWORD)


# --- dry run, real run, statuses -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_dry_run_reports_each_problem_by_row_and_column_and_writes_nothing(session, admin):
    event = open_event(admin, capacity=1)
    file = csv_upload(
        "Amina,Bello,amina@example.cm,+237 699 00 11 22,FEMALE,yes",
        ",Mbarga,jean@example.cm,,,",
        "Fatou,Diallo,not-an-email,call me maybe,KING,perhaps",
        "",  # blank lines are skipped but keep the numbering
        "Paul,Okafor,paul@example.cm,,male,0",
        header="first_name,last_name,email,phone,gender,consent_photos",
    )

    response = upload(session, event, file, dryRun=True)

    assert response.status_code == 200, response.content
    body = response.json()
    assert {key: body[key] for key in ("dryRun", "rows", "valid", "created", "confirmed", "waitlisted")} == {
        "dryRun": True,
        "rows": 4,
        "valid": 2,
        "created": 0,
        "confirmed": 1,
        "waitlisted": 1,
    }
    assert [(e["row"], e["column"], e["code"]) for e in body["errors"]] == [
        (3, "firstName", "meeting.validation.required"),
        (4, "email", "meeting.validation.invalid_email"),
        (4, "phone", "meeting.validation.invalid_phone"),
        (4, "gender", "meeting.validation.invalid_choice"),
        (4, "consentPhotos", "meeting.import.invalid_flag"),
    ]
    # The messages are single registration's own.
    assert body["errors"][0]["message"] == "firstName is required."
    assert body["errors"][1]["message"] == "The email address is not valid."
    assert Participant.objects.count() == 0


@pytest.mark.django_db
def test_statuses_are_those_single_registration_gives_continuing_the_waiting_list(session, admin):
    imported, by_hand = (open_event(admin, capacity=3, code=code) for code in ("IMPORTED", "BY-HAND"))
    for event in (imported, by_hand):
        for number in (1, 2, 3, 4):  # three seats taken, one waiting
            assert register(admin, event, number)["success"]
    for number in (5, 6, 7):
        assert register(admin, by_hand, number)["success"]

    response = upload(session, imported, csv_upload(*people([5, 6, 7])))

    assert response.status_code == 200, response.content
    assert response.json()["created"] == 3
    assert response.json()["waitlisted"] == 3
    assert rows_of(imported) == rows_of(by_hand)
    assert rows_of(imported)[-3:] == [
        ("person5", "WAITLISTED", 2),
        ("person6", "WAITLISTED", 3),
        ("person7", "WAITLISTED", 4),
    ]


@pytest.mark.django_db
def test_seats_left_are_filled_in_file_order_then_the_rest_wait(session, admin):
    event = open_event(admin, capacity=3)
    assert register(admin, event, 1)["success"]

    body = upload(session, event, csv_upload(*people([2, 3, 4, 5]))).json()

    assert (body["confirmed"], body["waitlisted"], body["pending"]) == (2, 2, 0)
    assert rows_of(event) == [
        ("person1", "CONFIRMED", None),
        ("person2", "CONFIRMED", None),
        ("person3", "CONFIRMED", None),
        ("person4", "WAITLISTED", 1),
        ("person5", "WAITLISTED", 2),
    ]


@pytest.mark.django_db
def test_an_event_needing_approval_gets_pending_registrations(session, admin):
    event = open_event(admin, capacity=1, requires_approval=True)

    body = upload(session, event, csv_upload(*people([1, 2]))).json()

    assert (body["created"], body["pending"], body["confirmed"]) == (2, 2, 0)
    assert rows_of(event) == [("person1", "PENDING", None), ("person2", "PENDING", None)]


@pytest.mark.django_db
def test_imported_participants_follow_the_lifecycle_and_have_history(session, admin):
    event = open_event(admin, capacity=1)
    upload(session, event, csv_upload(*people([1, 2, 3]), header=HEADER))
    first, second, third = Participant.objects.filter(event=event).order_by("registered_at")
    # The history row holds every field as the participant was written (COPY on PostgreSQL, bulk_create elsewhere).
    tracked = [f.attname for f in Participant.history.model.tracked_fields]
    for participant in (first, second, third):
        (created,) = Participant.history.filter(id=participant.id)
        assert {name: getattr(created, name) for name in tracked} == {
            name: getattr(participant, name) for name in tracked
        }
    assert abs((third.registered_at - now_for_storage()).total_seconds()) < 60
    assert (third.version, third.is_deleted, third.json_ext) == (1, False, None)

    assert ParticipantService(admin).cancel({"id": str(first.id)})["success"]

    assert rows_of(event) == [
        ("person1", "CANCELLED", None),
        ("person2", "CONFIRMED", None),
        ("person3", "WAITLISTED", 1),
    ]
    history = list(Participant.history.filter(id=third.id))
    assert [(h.history_type, h.status, h.waitlist_position, h.version, h.history_user_id) for h in history] == [
        ("~", "WAITLISTED", 1, 2, admin.id),  # moved up the line by the cancellation
        ("+", "WAITLISTED", 2, 1, admin.id),
    ]
    assert history[-1].history_change_reason == "Imported from participants.csv"
    assert Participant.history.filter(id=first.id).count() == 2  # created, cancelled
    assert {p.user_created_id for p in (first, second, third)} == {admin.id}
    assert len({p.checkin_token for p in (first, second, third)}) == 3


@pytest.mark.django_db
def test_values_are_read_as_a_person_would_write_them(session, admin):
    event = open_event(admin)
    file = csv_upload(
        "Amina,Bello,Amina@Example.CM ,female,in person,Yes,TRUE,1,cm,speaker,Wheelchair,Vegetarian,Director",
        header=(
            "First Name,LAST_NAME,E-mail,Gender,attendanceMode,consent listed,Consent_Photos,consent-contact,"
            "Country,role,accessibility_needs,dietary_needs,job title"
        ),
    )

    response = upload(session, event, file)

    assert response.status_code == 200, response.content
    p = Participant.objects.get()
    assert (p.first_name, p.email, p.gender, p.attendance_mode, p.country, p.role, p.job_title) == (
        "Amina",
        "amina@example.cm",
        "FEMALE",
        "IN_PERSON",
        "CM",
        "SPEAKER",
        "Director",
    )
    assert (p.consent_listed, p.consent_photos, p.consent_contact) == (True, True, True)
    assert (p.accessibility_needs, p.dietary_needs) == ("Wheelchair", "Vegetarian")


@pytest.mark.django_db
def test_semicolons_a_byte_order_mark_unknown_columns_and_quoted_commas(session, admin):
    event = open_event(admin)
    text = '\ufefffirst_name;last_name;email;notes\n"Ngono, Jr";Mbarga;j@example.cm;VIP\n'
    file = SimpleUploadedFile("export.csv", text.encode("utf-8"))

    body = upload(session, event, file).json()

    assert body["created"] == 1, body
    assert body["ignoredColumns"] == ["notes"]
    assert Participant.objects.get().first_name == "Ngono, Jr"


# --- all or nothing, partial, duplicates -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_real_run_with_one_bad_row_writes_nothing(session, admin):
    event = open_event(admin)
    file = csv_upload(*people([1, 2]), "Bad,Row,nope", *people([3]))

    response = upload(session, event, file)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "meeting.import.rows_invalid"
    assert body["message"] == "Nothing was imported: 1 row(s) have errors. Correct them, or import with partial=true."
    assert (body["created"], body["valid"]) == (0, 3)
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(4, "email")]
    assert Participant.objects.count() == 0


@pytest.mark.django_db
def test_partial_imports_the_valid_rows_and_reports_the_others(session, admin):
    event = open_event(admin, capacity=2)
    file = csv_upload(*people([1]), "Bad,Row,nope", *people([2, 3]))

    response = upload(session, event, file, partial=True)

    assert response.status_code == 200
    body = response.json()
    assert (body["rows"], body["created"], body["confirmed"], body["waitlisted"]) == (4, 3, 2, 1)
    assert [(e["row"], e["code"]) for e in body["errors"]] == [(3, "meeting.validation.invalid_email")]
    assert rows_of(event) == [
        ("person1", "CONFIRMED", None),
        ("person2", "CONFIRMED", None),
        ("person3", "WAITLISTED", 1),
    ]


@pytest.mark.django_db
def test_partial_with_no_valid_row_writes_nothing_and_says_why(session, admin):
    event = open_event(admin)

    response = upload(session, event, csv_upload("A,B,nope", ",,x@example.cm"), partial=True)

    assert response.status_code == 200
    body = response.json()
    assert (body["rows"], body["valid"], body["created"], len(body["errors"])) == (2, 0, 0, 3)
    assert Participant.objects.count() == 0


@pytest.mark.django_db
def test_duplicates_in_the_file_and_against_the_event_are_reported_never_merged(session, admin):
    event = open_event(admin)
    assert register(admin, event, 1)["success"]
    cancelled = register(admin, event, 9)["data"]["id"]
    assert ParticipantService(admin).cancel({"id": cancelled})["success"]  # may register again
    file = csv_upload(
        "Again,Ndongo,PERSON1@example.cm",
        *people([2]),
        "Twin,Ndongo,Person2@Example.cm",
        *people([9]),
        "Third,Ndongo,person2@example.cm",
    )

    response = upload(session, event, file, partial=True)

    body = response.json()
    assert [(e["row"], e["column"], e["code"]) for e in body["errors"]] == [
        (2, "email", "meeting.participant.email_taken"),
        (4, "email", "meeting.import.duplicate_in_file"),
        (6, "email", "meeting.import.duplicate_in_file"),
    ]
    assert body["errors"][1]["message"] == "person2@example.cm is already on row 3 of this file."
    assert body["errors"][0]["message"] == "This email address is already registered for this event."
    assert body["created"] == 2
    assert Participant.objects.filter(event=event, email="person2@example.cm").count() == 1
