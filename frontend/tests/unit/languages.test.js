jest.mock("@openimis/fe-core", () => require("./feCoreMock"));
const React = require("react");
const { screen, fireEvent, waitFor } = require("@testing-library/react");
const { renderScreen } = require("./render");
const fr = require("../../src/translations/fr.json");
const EventPage = require("../../src/pages/EventPage").default;
const EventsPage = require("../../src/pages/EventsPage").default;
const ShowcasePage = require("../../src/pages/ShowcasePage").default;

// What the backend answers a French-speaking caller: `name`, `title`... in French (the caller's language), `nameEn`...
// and `nameFr`... as written.
const EVENT = {
  uuid: "ev-1",
  code: "OIM-CM-YDE",
  name: "Réunion communautaire",
  nameEn: "Community meeting",
  nameFr: "Réunion communautaire",
  description: "Trois jours à Yaoundé",
  descriptionEn: "Three days in Yaoundé",
  descriptionFr: "Trois jours à Yaoundé",
  status: "DRAFT",
  eventType: "COMMUNITY_MEETING",
  participationMode: "IN_PERSON",
  timezone: "UTC",
  startsAt: "2030-10-24T08:30:00+00:00",
  endsAt: "2030-10-26T17:00:00+00:00",
  requiresApproval: false,
  waitingList: true,
};
const SHOWCASE = {
  uuid: "s1",
  title: "Notifications de naissance",
  titleEn: "Birth notifications",
  titleFr: "Notifications de naissance",
  abstract: "L'état civil notifie openIMIS",
  abstractEn: "The civil registry notifies openIMIS",
  abstractFr: "L'état civil notifie openIMIS",
  status: "DRAFT",
  demoType: "LIVE",
  event: { uuid: "ev-1", code: "OIM-CM-YDE", name: "Réunion communautaire" },
  integrations: [],
  presenters: [],
  partnerOrganisations: [],
  mediaLinks: [],
  useCases: [],
  countries: [],
};

/** The top-level fields of a selection, as GraphQL resolves them: `alias: field` answers field under alias. */
function resolve(selection, row) {
  let flat = selection;
  while (/\{[^{}]*\}/.test(flat)) flat = flat.replace(/\{[^{}]*\}/g, " ");
  const tokens = flat.replace(/:/g, ": ").split(/[\s,]+/).filter(Boolean);
  const node = {};
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].endsWith(":")) {
      node[tokens[i].slice(0, -1)] = row[tokens[i + 1]];
      i++;
    } else {
      node[tokens[i]] = row[tokens[i]];
    }
  }
  return node;
}

function backend(row, type) {
  return (action) => {
    const q = action.payload;
    if (q.includes("mutationLogs")) return { payload: { data: { mutationLogs: { edges: [{ node: { status: 2, error: null } }] } } } };
    if (q.startsWith("mutation")) return { payload: { data: {} } };
    const on = q.match(new RegExp(`\\.\\.\\. on ${type} \\{(.*)\\} \\} \\}$`, "s"));
    if (on) return { payload: { data: { node: resolve(on[1], row) } } };
    const list = q.match(/node \{ (.*) \} \} \} \}$/s);
    if (list) return { payload: { data: { meetingEvents: { totalCount: 1, edges: [{ node: resolve(list[1], row) }] } } } };
    return { payload: { data: {} } };
  };
}

describe("the forms edit each language's text as written, whatever the user's language", () => {
  test("in French, the event form shows the English name as written, and a French name typed reaches the mutation as nameFr", async () => {
    const { container, sent } = renderScreen(React.createElement(EventPage), {
      rights: [215001, 215003],
      path: "/e/:event_uuid",
      route: "/e/ev-1",
      answer: backend(EVENT, "MeetingEventGQLType"),
      messages: fr,
    });
    await screen.findByDisplayValue("OIM-CM-YDE");
    const input = (name) => container.querySelector(`[name=${name}]`);
    expect(input("name")).toHaveValue("Community meeting");
    expect(input("nameFr")).toHaveValue("Réunion communautaire");
    expect(input("description")).toHaveValue("Three days in Yaoundé");
    expect(input("descriptionFr")).toHaveValue("Trois jours à Yaoundé");
    expect(screen.getByText("Nom en anglais")).toBeInTheDocument();
    expect(screen.getByText("Nom en français")).toBeInTheDocument();

    fireEvent.change(input("nameFr"), { target: { value: "Réunion de la communauté openIMIS" } });
    fireEvent.click(container.querySelector("button[name=save]"));
    await waitFor(() => expect(sent.some((a) => a.payload.includes("updateMeetingEvent"))).toBe(true));
    const mutation = sent.find((a) => a.payload.includes("updateMeetingEvent")).payload;
    expect(mutation).toContain('nameFr: "Réunion de la communauté openIMIS"');
    expect(mutation).toContain('name: "Community meeting"');
    expect(mutation).toContain('description: "Three days in Yaoundé"');
    expect(mutation).toContain('descriptionFr: "Trois jours à Yaoundé"');
  });

  test("a new event sends the French texts typed, none when left empty, and its waiting list ticked", async () => {
    const { container, sent } = renderScreen(React.createElement(EventPage), { rights: [215001, 215002], path: "/e", route: "/e", answer: backend(EVENT, "MeetingEventGQLType") });
    const input = (name) => container.querySelector(`[name=${name}]`);
    fireEvent.change(input("code"), { target: { value: "NEW-1" } });
    fireEvent.change(input("name"), { target: { value: "Workshop" } });
    fireEvent.change(input("nameFr"), { target: { value: "Atelier" } });
    expect(input("waitingList")).toBeChecked();
    fireEvent.click(container.querySelector("button[name=save]"));
    await waitFor(() => expect(sent.some((a) => a.payload.includes("createMeetingEvent"))).toBe(true));
    const mutation = sent.find((a) => a.payload.includes("createMeetingEvent")).payload;
    expect(mutation).toContain('name: "Workshop" nameFr: "Atelier"');
    expect(mutation).not.toContain("descriptionFr");
    // Like requiresApproval, the waiting list is always sent: ticked by default for a new event.
    expect(mutation).toContain("requiresApproval: false waitingList: true");
  });

  test("the waiting-list checkbox shows the event's waitingList, and unticking it sends waitingList: false", async () => {
    const { container, sent } = renderScreen(React.createElement(EventPage), {
      rights: [215001, 215003],
      path: "/e/:event_uuid",
      route: "/e/ev-1",
      answer: backend(EVENT, "MeetingEventGQLType"),
    });
    await screen.findByDisplayValue("OIM-CM-YDE");
    const checkbox = container.querySelector("[name=waitingList]");
    expect(checkbox).toBeChecked();
    expect(screen.getByText("Waiting list when full")).toBeInTheDocument();
    const load = sent.find((a) => a.payload.includes("MeetingEventGQLType")).payload;
    expect(load).toMatch(/\bwaitingList\b/);

    fireEvent.click(checkbox);
    expect(checkbox).not.toBeChecked();
    fireEvent.click(container.querySelector("button[name=save]"));
    await waitFor(() => expect(sent.some((a) => a.payload.includes("updateMeetingEvent"))).toBe(true));
    const mutation = sent.find((a) => a.payload.includes("updateMeetingEvent")).payload;
    expect(mutation).toContain("waitingList: false");
    expect(mutation).not.toContain("waitingList: true");
  });

  test("an event without a waiting list loads unticked", async () => {
    const { container } = renderScreen(React.createElement(EventPage), {
      rights: [215001, 215003],
      path: "/e/:event_uuid",
      route: "/e/ev-1",
      answer: backend({ ...EVENT, waitingList: false }, "MeetingEventGQLType"),
    });
    await screen.findByDisplayValue("OIM-CM-YDE");
    expect(container.querySelector("[name=waitingList]")).not.toBeChecked();
  });

  test("a French name emptied is sent as nameFr: \"\" (the backend removes it); a French description empty when loaded and left so is not sent", async () => {
    const { container, sent } = renderScreen(React.createElement(EventPage), {
      rights: [215001, 215003],
      path: "/e/:event_uuid",
      route: "/e/ev-1",
      answer: backend({ ...EVENT, descriptionFr: "" }, "MeetingEventGQLType"),
    });
    await screen.findByDisplayValue("OIM-CM-YDE");
    const input = (name) => container.querySelector(`[name=${name}]`);
    expect(input("nameFr")).toHaveValue("Réunion communautaire");
    fireEvent.change(input("nameFr"), { target: { value: "" } });
    fireEvent.click(container.querySelector("button[name=save]"));
    await waitFor(() => expect(sent.some((a) => a.payload.includes("updateMeetingEvent"))).toBe(true));
    const mutation = sent.find((a) => a.payload.includes("updateMeetingEvent")).payload;
    expect(mutation).toContain('name: "Community meeting" nameFr: "" description: "Three days in Yaoundé"');
    expect(mutation).not.toContain("descriptionFr");
  });

  test("a French showcase title emptied is sent as titleFr: \"\"; an abstract in French empty when loaded and left so is not sent", async () => {
    const { container, sent } = renderScreen(React.createElement(ShowcasePage), {
      rights: [217001, 217003],
      path: "/s/:showcase_uuid",
      route: "/s/s1",
      answer: backend({ ...SHOWCASE, abstractFr: null }, "MeetingShowcaseGQLType"),
    });
    await screen.findByTestId("showcase-status");
    const input = (name) => container.querySelector(`[name=${name}]`);
    fireEvent.change(input("titleFr"), { target: { value: "" } });
    fireEvent.click(container.querySelector("button[name=save]"));
    await waitFor(() => expect(sent.some((a) => a.payload.includes("updateMeetingShowcase"))).toBe(true));
    const mutation = sent.find((a) => a.payload.includes("updateMeetingShowcase")).payload;
    expect(mutation).toContain('title: "Birth notifications" titleFr: "" abstract: "The civil registry notifies openIMIS"');
    expect(mutation).not.toContain("abstractFr");
  });

  test("the events list keeps the caller's language", async () => {
    const { sent } = renderScreen(React.createElement(EventsPage), { rights: [215001], answer: backend(EVENT, "MeetingEventGQLType"), messages: fr });
    expect(await screen.findByText("Réunion communautaire")).toBeInTheDocument();
    const list = sent.find((a) => a.payload.includes("meetingEvents")).payload;
    expect(list).not.toMatch(/nameEn|nameFr/);
  });

  test("in French, the showcase form shows the English title and abstract as written, and sends the French ones as titleFr, abstractFr", async () => {
    const { container, sent } = renderScreen(React.createElement(ShowcasePage), {
      rights: [217001, 217003],
      path: "/s/:showcase_uuid",
      route: "/s/s1",
      answer: backend(SHOWCASE, "MeetingShowcaseGQLType"),
      messages: fr,
    });
    await screen.findByTestId("showcase-status");
    const input = (name) => container.querySelector(`[name=${name}]`);
    expect(input("title")).toHaveValue("Birth notifications");
    expect(input("titleFr")).toHaveValue("Notifications de naissance");
    expect(input("abstract")).toHaveValue("The civil registry notifies openIMIS");
    expect(input("abstractFr")).toHaveValue("L'état civil notifie openIMIS");
    // The event stays in the caller's language: it is shown, not edited here.
    expect(input("event")).toHaveValue("OIM-CM-YDE — Réunion communautaire");

    fireEvent.change(input("titleFr"), { target: { value: "Déclarations de naissance" } });
    fireEvent.click(container.querySelector("button[name=save]"));
    await waitFor(() => expect(sent.some((a) => a.payload.includes("updateMeetingShowcase"))).toBe(true));
    const mutation = sent.find((a) => a.payload.includes("updateMeetingShowcase")).payload;
    expect(mutation).toContain('title: "Birth notifications" titleFr: "Déclarations de naissance"');
    expect(mutation).toContain('abstract: "The civil registry notifies openIMIS" abstractFr: "L\'état civil notifie openIMIS"');
  });
});
