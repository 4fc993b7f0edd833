import { formatPageQueryWithCount, graphql } from "@openimis/fe-core";
import { RIGHT_PERSONAL_DATA } from "./constants";

export const EVENT_PROJECTION = [
  "id",
  "uuid",
  "code",
  "name",
  "description",
  "eventType",
  "status",
  "startsAt",
  "endsAt",
  "timezone",
  "venue",
  "city",
  "country",
  "location { uuid code name }",
  "participationMode",
  "onlineUrl",
  "capacity",
  "registrationOpensAt",
  "registrationClosesAt",
  "requiresApproval",
  "waitingList",
  "organisers",
  "version",
];

const PARTICIPANT_PUBLIC = [
  "id",
  "uuid",
  "firstName",
  "lastName",
  "jobTitle",
  "country",
  "role",
  "attendanceMode",
  "status",
  "waitlistPosition",
  "registeredAt",
  "rejectionReason",
  "organisation { uuid name acronym }",
];
const PARTICIPANT_PERSONAL = ["email", "phone", "gender", "checkinToken"];

/** Personal fields are asked for only by holders of 216006: the others never receive them, not even as null. */
export function participantProjection(rights) {
  return rights.includes(RIGHT_PERSONAL_DATA) ? [...PARTICIPANT_PUBLIC, ...PARTICIPANT_PERSONAL] : PARTICIPANT_PUBLIC;
}

export const SHOWCASE_PROJECTION = [
  "id",
  "uuid",
  "title",
  "abstract",
  "status",
  "schemeName",
  "schemeType",
  "useCases",
  "countries",
  "demoType",
  "mediaLinks",
  "startsAt",
  "endsAt",
  "decisionNote",
  "reviewRound",
  "event { uuid code name startsAt endsAt timezone }",
  "leadOrganisation { uuid name acronym }",
  "partnerOrganisations { uuid name acronym }",
  "presenters { uuid firstName lastName }",
  "integrations { sourceSystem { uuid name } targetSystem { uuid name } direction standard { uuid code name } dataExchanged mode evidenceLevel conformanceReference }",
];
export const SHOWCASE_REVIEW_PROJECTION = [
  "reviewCount",
  "meanScores { relevance depth reusability countryImpact overall }",
  "reviews { reviewer round relevance depth reusability countryImpact comment recommendation reviewedAt }",
];

/**
 * The edit forms' projections: the texts written in English and French are asked as written, the English column
 * (`nameEn`...) under the key the form edits and sends back as `name`..., the French one beside it (`nameFr`...).
 * `name`, `title`... alone answer in the caller's language: right for the lists, wrong for a form, which would then
 * save a French user's French into the English column.
 */
const AS_WRITTEN = {
  name: "name: nameEn",
  description: "description: descriptionEn",
  title: "title: titleEn",
  abstract: "abstract: abstractEn",
};
const asWritten = (projection, french) => [...projection.map((field) => AS_WRITTEN[field] ?? field), ...french];
export const EVENT_FORM_PROJECTION = asWritten(EVENT_PROJECTION, ["nameFr", "descriptionFr"]);
export const SHOWCASE_FORM_PROJECTION = asWritten(SHOWCASE_PROJECTION, ["titleFr", "abstractFr"]);

export function fetchEvents(filters) {
  return graphql(formatPageQueryWithCount("meetingEvents", filters, EVENT_PROJECTION), "MEETING_EVENTS");
}

export function fetchParticipants(rights, filters) {
  return graphql(
    formatPageQueryWithCount("meetingParticipants", filters, participantProjection(rights)),
    "MEETING_PARTICIPANTS",
  );
}

export function fetchShowcases(filters) {
  return graphql(
    formatPageQueryWithCount("meetingShowcases", filters, SHOWCASE_PROJECTION.slice(0, 16)),
    "MEETING_SHOWCASES",
  );
}
