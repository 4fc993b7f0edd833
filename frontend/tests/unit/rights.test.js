jest.mock("@openimis/fe-core", () => require("./feCoreMock"));
const React = require("react");
const { screen, fireEvent, waitFor } = require("@testing-library/react");
const { renderScreen } = require("./render");
const ParticipantsPage = require("../../src/pages/ParticipantsPage").default;
const EventsPage = require("../../src/pages/EventsPage").default;
const EventPage = require("../../src/pages/EventPage").default;
const ShowcasePage = require("../../src/pages/ShowcasePage").default;
const { menuEntries } = require("../../src/components/MeetingMainMenu");
const { participantProjection } = require("../../src/actions");

const EVENT = { uuid: "ev-1", code: "OIM-CM-YDE", name: "Community meeting", status: "REGISTRATION_OPEN", capacity: 2, timezone: "UTC" };
const PEOPLE = [
  { uuid: "p1", firstName: "Ada", lastName: "Okafor", status: "PENDING", role: "ATTENDEE", country: "CM", email: "ada@example.org", phone: "+237 1", checkinToken: "TOKEN-ADA" },
  { uuid: "p2", firstName: "Bola", lastName: "Mbarga", status: "WAITLISTED", waitlistPosition: 1, role: "SPEAKER", country: "CM", email: "bola@example.org", checkinToken: "TOKEN-BOLA" },
];

/** The backend: the event, its numbers and its participants, with personal fields only where they were asked for. */
function answer(action) {
  const q = action.payload;
  if (q.includes("meetingParticipants")) {
    const asked = (field) => q.includes(field);
    const nodes = PEOPLE.map((p) => Object.fromEntries(Object.entries(p).filter(([k]) => asked(k))));
    return { payload: { data: { meetingParticipants: { totalCount: nodes.length, edges: nodes.map((node) => ({ node })) } } } };
  }
  if (q.includes("node(id:")) {
    return { payload: { data: { node: { ...EVENT, startsAt: "2030-10-24T08:30:00+00:00", endsAt: "2030-10-26T17:00:00+00:00" }, meetingEventStatistics: { registrations: 2, capacity: 2, confirmed: 0, seatsLeft: 2, waitlistLength: 1 } } } };
  }
  return { payload: { data: {} } };
}

const participants = (rights) =>
  renderScreen(React.createElement(ParticipantsPage), { rights, path: "/p/:event_uuid", route: "/p/ev-1", answer });

describe("participants: what each right shows", () => {
  test("read rights only: no action, no personal data, and personal fields are not even asked for", async () => {
    const { sent, container } = participants([215001, 216001]);
    await screen.findByText("Okafor");
    expect(screen.getByText("Pending approval")).toBeInTheDocument();
    expect(screen.queryByText("Email")).toBeNull();
    expect(screen.queryByText("Badge code")).toBeNull();
    expect(container.textContent).not.toMatch(/ada@example\.org|TOKEN-ADA|\+237/);
    expect(screen.queryByRole("button", { name: "Register" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Import a file" })).toBeNull();
    expect(container.querySelectorAll("[data-action]")).toHaveLength(0);
    const list = sent.find((a) => a.payload.includes("meetingParticipants"));
    expect(list.payload).toContain('eventId: "ev-1"');
    for (const field of ["email", "phone", "gender", "checkinToken"]) expect(list.payload).not.toContain(field);
  });

  test("with 216006 the personal columns appear; with 216007 and 216003 the actions the statuses allow", async () => {
    const { container } = participants([215001, 216001, 216002, 216003, 216006, 216007]);
    await screen.findByText("ada@example.org");
    expect(screen.getByText("Email")).toBeInTheDocument();
    expect(screen.getByText("TOKEN-ADA")).toBeInTheDocument();
    const actions = (uuid) => [...container.querySelectorAll(`[data-actions="${uuid}"] [data-action]`)].map((b) => b.dataset.action);
    expect(actions("p1")).toEqual(["approve", "reject", "cancel"]);
    expect(actions("p2")).toEqual(["reject", "cancel"]);
    expect(screen.getByRole("button", { name: "Register" })).toBeInTheDocument();
  });

  test("approving asks first, then sends approveMeetingParticipant for that person", async () => {
    const { sent, container } = participants([216001, 216007]);
    await screen.findByText("Okafor");
    fireEvent.click(container.querySelector('[data-actions="p1"] [data-action=approve]'));
    expect(sent.some((a) => a.payload.includes("approveMeetingParticipant"))).toBe(false);
    fireEvent.click(await screen.findByText("ok"));
    await waitFor(() => expect(sent.some((a) => a.payload.includes("approveMeetingParticipant") && a.payload.includes('id: "p1"'))).toBe(true));
  });

  test("the projection follows 216006", () => {
    expect(participantProjection([216001])).not.toContain("email");
    expect(participantProjection([216001, 216006])).toEqual(expect.arrayContaining(["email", "phone", "gender", "checkinToken"]));
  });
});

describe("events", () => {
  const row = { ...EVENT, eventType: "WORKSHOP", startsAt: "2030-10-24T08:30:00+01:00", city: "Yaoundé", country: "CM" };
  const list = () => ({ payload: { data: { meetingEvents: { totalCount: 1, edges: [{ node: row }] } } } });
  test("no create button without 215002; the row shows the event in the user's language", async () => {
    renderScreen(React.createElement(EventsPage), { rights: [215001], answer: list });
    expect(await screen.findByText("OIM-CM-YDE")).toBeInTheDocument();
    expect(screen.getByText("Registration open")).toBeInTheDocument();
    expect(screen.getByText("2030-10-24 08:30")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "New event" })).toBeNull();
  });
  test("with 215002, the create button; without 215001, nothing at all", async () => {
    renderScreen(React.createElement(EventsPage), { rights: [215001, 215002], answer: list });
    expect(await screen.findByRole("button", { name: "New event" })).toBeInTheDocument();
  });
  test("without 215001 the screen is empty", () => {
    const { container } = renderScreen(React.createElement(EventsPage), { rights: [217001], answer: list });
    expect(container.textContent).toBe("");
  });

  test("the event form offers the lifecycle's next steps to 215003 only", async () => {
    const form = (rights) => renderScreen(React.createElement(EventPage), { rights, path: "/e/:event_uuid", route: "/e/ev-1", answer });
    const { container, unmount } = form([215001, 215003]);
    await screen.findByDisplayValue("OIM-CM-YDE");
    const names = () => [...container.querySelectorAll("button[name]")].map((b) => b.name);
    expect(names()).toEqual(expect.arrayContaining(["save", "status-REGISTRATION_CLOSED", "status-CANCELLED", "status-POSTPONED"]));
    expect(names()).not.toContain("status-PUBLISHED");
    unmount();
    const readOnly = form([215001]);
    await screen.findByDisplayValue("OIM-CM-YDE");
    expect([...readOnly.container.querySelectorAll("button[name]")].map((b) => b.name).filter((n) => n === "save" || n.startsWith("status-"))).toEqual([]);
    expect(readOnly.container.querySelector("input[name=code]")).toBeDisabled();
  });
});

describe("the showcase workflow's buttons follow the status and the rights", () => {
  const showcase = (status) => (action) => ({
    payload: {
      data: action.payload.includes("node(id:")
        ? { node: { uuid: "s1", title: "Birth notifications", status, event: { uuid: "ev-1", code: "X", name: "Y" }, integrations: [], presenters: [], partnerOrganisations: [], mediaLinks: [], useCases: [], countries: [] } }
        : {},
    },
  });
  const buttons = async (status, rights) => {
    const { container, unmount } = renderScreen(React.createElement(ShowcasePage), { rights, path: "/s/:showcase_uuid", route: "/s/s1", answer: showcase(status) });
    await screen.findByTestId("showcase-status");
    const names = [...container.querySelectorAll("button[name]")].map((b) => b.name).sort();
    unmount();
    return names;
  };
  test.each([
    ["DRAFT", [217001, 217003], ["addIntegration", "save", "submit", "withdraw"]],
    ["SUBMITTED", [217001, 217005], ["review"]],
    ["UNDER_REVIEW", [217001, 217005, 217006], ["decide", "review"]],
    ["ACCEPTED", [217001, 217006], ["schedule"]],
    ["SCHEDULED", [217001, 217006], ["presented", "schedule"]],
    ["UNDER_REVIEW", [217001], []],
    ["PRESENTED", [217001, 217003, 217005, 217006], []],
  ])("%s with %j", async (status, rights, expected) => {
    expect(await buttons(status, rights)).toEqual(expected);
  });
});

describe("the Meetings menu", () => {
  const msg = (id) => id;
  test.each([
    [[215001, 216001, 216005, 217001], ["menu.events", "menu.checkIn", "menu.showcases", "menu.matrix"]],
    [[215001, 216001, 217001], ["menu.events", "menu.showcases", "menu.matrix"]],
    [[216005], ["menu.checkIn"]],
    [[121901], []],
  ])("rights %j", (rights, expected) => {
    expect(menuEntries(rights, msg).map((e) => e.text)).toEqual(expected);
  });
});
