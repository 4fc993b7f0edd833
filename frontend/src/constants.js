// Rights (openimis_be_meeting DEFAULT_CFG); a deployment may change them in the module's configuration.
export const RIGHT_EVENT_SEARCH = 215001;
export const RIGHT_EVENT_CREATE = 215002;
export const RIGHT_EVENT_UPDATE = 215003;
export const RIGHT_EVENT_DELETE = 215004;
export const RIGHT_PARTICIPANT_SEARCH = 216001;
export const RIGHT_PARTICIPANT_CREATE = 216002;
export const RIGHT_PARTICIPANT_UPDATE = 216003;
export const RIGHT_PARTICIPANT_DELETE = 216004;
export const RIGHT_PARTICIPANT_CHECK_IN = 216005;
export const RIGHT_PERSONAL_DATA = 216006;
export const RIGHT_PARTICIPANT_APPROVE = 216007;
export const RIGHT_SHOWCASE_SEARCH = 217001;
export const RIGHT_SHOWCASE_CREATE = 217002;
export const RIGHT_SHOWCASE_UPDATE = 217003;
export const RIGHT_SHOWCASE_DELETE = 217004;
export const RIGHT_SHOWCASE_REVIEW = 217005;
export const RIGHT_SHOWCASE_DECIDE = 217006;

export const MODULE_NAME = "meeting";

export const ROUTE_EVENTS = "meeting/events";
export const ROUTE_EVENT = "meeting/events/event";
export const ROUTE_PARTICIPANTS = "meeting/events/participants";
export const ROUTE_AGENDA = "meeting/events/agenda";
export const ROUTE_STATISTICS = "meeting/events/statistics";
export const ROUTE_CHECK_IN = "meeting/checkin";
export const ROUTE_SHOWCASES = "meeting/showcases";
export const ROUTE_SHOWCASE = "meeting/showcases/showcase";
export const ROUTE_MATRIX = "meeting/matrix";

// The enums of openimis_be_meeting/schema.graphql the screens show (a test checks them against the SDL).
export const ENUMS = {
  MeetingEventStatusEnum: [
    "DRAFT",
    "PUBLISHED",
    "REGISTRATION_OPEN",
    "REGISTRATION_CLOSED",
    "ONGOING",
    "COMPLETED",
    "CANCELLED",
    "POSTPONED",
  ],
  MeetingEventTypeEnum: ["COMMUNITY_MEETING", "WORKSHOP", "WEBINAR", "TRAINING", "CONNECTATHON", "OTHER"],
  MeetingParticipationModeEnum: ["IN_PERSON", "ONLINE", "HYBRID"],
  MeetingParticipantStatusEnum: ["PENDING", "CONFIRMED", "WAITLISTED", "REJECTED", "CANCELLED", "WITHDRAWN", "NO_SHOW"],
  MeetingParticipantRoleEnum: [
    "ATTENDEE",
    "SPEAKER",
    "SHOWCASE_PRESENTER",
    "ORGANISER",
    "DONOR_REPRESENTATIVE",
    "KNOWLEDGE_HUB_REPRESENTATIVE",
    "OBSERVER",
    "PRESS",
  ],
  MeetingAttendanceModeEnum: ["IN_PERSON", "ONLINE"],
  MeetingGenderEnum: ["FEMALE", "MALE", "OTHER", "UNDISCLOSED"],
  MeetingShowcaseStatusEnum: [
    "DRAFT",
    "SUBMITTED",
    "UNDER_REVIEW",
    "REVISION_REQUESTED",
    "ACCEPTED",
    "REJECTED",
    "SCHEDULED",
    "PRESENTED",
    "WITHDRAWN",
  ],
  MeetingSchemeTypeEnum: [
    "HEALTH_INSURANCE",
    "FEE_EXEMPTION",
    "HEALTH_VOUCHER",
    "CASH_TRANSFER",
    "SOCIAL_PROTECTION",
    "OTHER",
  ],
  MeetingUseCaseEnum: ["ENROLMENT", "ELIGIBILITY", "CLAIMS", "PAYMENT", "BENEFICIARY_SYNC", "REPORTING", "REFERRAL"],
  MeetingDemoTypeEnum: ["LIVE", "RECORDED", "SLIDES"],
  MeetingDirectionEnum: ["PUSH", "PULL", "BOTH"],
  MeetingExchangeModeEnum: ["REAL_TIME", "BATCH"],
  MeetingEvidenceLevelEnum: ["CLAIMED", "DEMONSTRATED", "CONFORMANCE_TESTED", "IN_PRODUCTION"],
  MeetingRecommendationEnum: ["ACCEPT", "REVISE", "REJECT"],
  MeetingShowcaseDecisionEnum: ["ACCEPTED", "REJECTED", "REVISION_REQUESTED"],
  MeetingSessionTypeEnum: ["PLENARY", "PANEL", "SHOWCASE_SLOT", "WORKSHOP", "BREAK", "NETWORKING", "SIDE_MEETING"],
  MeetingCheckInMethodEnum: ["MANUAL", "QR", "SELF"],
  MeetingOrganisationTypeEnum: [
    "MINISTRY",
    "SCHEME_OPERATOR",
    "IMPLEMENTER",
    "SOFTWARE_DEVELOPER",
    "KNOWLEDGE_HUB",
    "DONOR",
    "MULTILATERAL",
    "NGO",
    "ACADEMIA",
    "OTHER",
  ],
};

// The event lifecycle (README, changeMeetingEventStatus): the moves offered from each status.
export const EVENT_TRANSITIONS = {
  DRAFT: ["PUBLISHED", "CANCELLED", "POSTPONED"],
  PUBLISHED: ["REGISTRATION_OPEN", "CANCELLED", "POSTPONED"],
  REGISTRATION_OPEN: ["REGISTRATION_CLOSED", "CANCELLED", "POSTPONED"],
  REGISTRATION_CLOSED: ["ONGOING", "CANCELLED", "POSTPONED"],
  ONGOING: ["COMPLETED", "CANCELLED", "POSTPONED"],
  POSTPONED: ["DRAFT", "PUBLISHED", "REGISTRATION_OPEN", "CANCELLED"],
  COMPLETED: [],
  CANCELLED: [],
};

export const EVIDENCE_RANK = { CLAIMED: 1, DEMONSTRATED: 2, CONFORMANCE_TESTED: 3, IN_PRODUCTION: 4 };
export const EVIDENCE_COLOURS = {
  CLAIMED: "#fde9c9",
  DEMONSTRATED: "#f7c46c",
  CONFORMANCE_TESTED: "#8cc7a4",
  IN_PRODUCTION: "#2e8b57",
};

export const DEFAULT_PAGE_SIZE = 20;
export const ROWS_PER_PAGE_OPTIONS = [10, 20, 50, 100];

// Stored on the device: the check-in scans not yet confirmed by the server.
export const CHECK_IN_QUEUE_KEY = "meeting.checkInQueue";
