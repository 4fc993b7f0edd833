// End to end: Debian's headless Chromium (playwright-core, no browser download) drives the host against the demo
// backend. Needs FRONT_URL (the host, e.g. http://127.0.0.1:3100/front) and the backend's frontend_setup users.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";
import { writeQrVideo } from "./qrvideo.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const FRONT = (process.env.FRONT_URL || "http://127.0.0.1:3100/front").replace(/\/$/, "");
const SHOTS = process.env.SCREENSHOTS || join(here, "..", "..", "screenshots");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const RUN = Date.now().toString(36).toUpperCase().slice(-6);
const CODE = `E2E-${RUN}`;
const FLAGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--lang=en-GB"];
const PEOPLE = [
  { firstName: "Adaeze", lastName: `Okafor${RUN}`, email: `adaeze.${RUN}@e2e.example.org` },
  { firstName: "Bola", lastName: `Mbarga${RUN}`, email: `bola.${RUN}@e2e.example.org` },
  { firstName: "Chidi", lastName: `Ndiaye${RUN}`, email: `chidi.${RUN}@e2e.example.org` },
];
const results = { run: RUN, event: CODE };
mkdirSync(SHOTS, { recursive: true });

let browser;
const state = {};

async function launch(extra = []) {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...FLAGS, ...extra] });
}

async function newPage(b = browser) {
  const context = await b.newContext({ viewport: { width: 1440, height: 900 }, locale: "en-GB", permissions: ["camera"] });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  page.setDefaultTimeout(20000);
  return page;
}

async function shot(page, name) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function login(page, username, password) {
  await page.goto(`${FRONT}/login`);
  await page.fill("input[type=text]", username);
  await page.fill("input[type=password]", password);
  await page.click("button[type=submit]");
  await page.waitForURL((url) => !url.pathname.endsWith("/login"));
  await page.waitForFunction(() => !!localStorage.getItem("csrfToken"));
  // A run stopped half-way may have left the user in French: start in English.
  const user = await page.evaluate(() => fetch("/api/core/users/current_user/").then((r) => r.json()));
  if (user.i_user.language !== "en") {
    const r = await gql(page, `mutation { changeUserLanguage(input: { clientMutationId: "lang-en-${Date.now()}" clientMutationLabel: "English" languageId: "en" }) { clientMutationId } }`);
    assert.ok(!r.errors, JSON.stringify(r.errors));
    await page.waitForTimeout(1000);
  }
  await page.goto(`${FRONT}/meeting/events`);
  await page.waitForSelector("header button:has-text('English'), header button:has-text('Français')");
}

/** GraphQL from inside the page, with the session's cookie and CSRF token, as fe-core sends it. */
async function gql(page, query) {
  return page.evaluate(async (q) => {
    const response = await fetch("/api/graphql", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Requested-With": "XMLHttpRequest", "X-CSRFToken": localStorage.getItem("csrfToken") },
      body: JSON.stringify({ query: q }),
    });
    return response.json();
  }, query);
}

async function mutationOutcome(page, clientMutationId) {
  for (let i = 0; i < 30; i++) {
    const r = await gql(page, `{ mutationLogs(clientMutationId: "${clientMutationId}", orderBy: ["-requestDateTime"], first: 1) { edges { node { status error } } } }`);
    const node = r.data?.mutationLogs?.edges?.[0]?.node;
    if (node && node.status !== 0) return node;
    await page.waitForTimeout(300);
  }
  return null;
}

async function confirm(page) {
  const dialog = page.locator("[role=dialog]").last();
  await dialog.waitFor();
  await dialog.locator("button").first().click();
  await dialog.waitFor({ state: "detached" });
}

async function done(page) {
  await page.waitForSelector("[data-testid=mutation-done], [data-testid=mutation-errors]");
  const errors = await page.locator("[data-testid=mutation-errors]").allInnerTexts();
  assert.deepEqual(errors, [], `the backend refused: ${errors.join(" | ")}`);
}

const isoDay = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

before(async () => {
  browser = await launch();
});

afterEach(async (t) => {
  mkdirSync(join(SHOTS, "debug"), { recursive: true });
  if (state.admin) await state.admin.screenshot({ path: join(SHOTS, "debug", `${t.name.slice(0, 40).replace(/\W+/g, "-")}.png`) }).catch(() => {});
});

after(async () => {
  if (browser) await browser.close();
  writeFileSync(join(SHOTS, "results.json"), JSON.stringify(results, null, 2));
});

test("log in as openIMIS users do and open Meetings", async () => {
  const page = await newPage();
  state.admin = page;
  await login(page, "Admin", "admin123");
  assert.ok(await page.evaluate(() => !!localStorage.getItem("csrfToken")), "getCsrfToken's token is kept for later requests");
  await page.click("header button:has-text('Meetings')");
  const menu = page.locator("[role=tooltip] a, [role=menu] a, ul[role=menu] li");
  await menu.first().waitFor();
  const entries = await page.locator("a[href*='/front/meeting/']").allInnerTexts();
  assert.deepEqual(entries.map((e) => e.trim()), ["Events", "Check-in desk", "Showcases", "Interoperability matrix"]);
  await shot(page, "01-menu");
  await page.click("a[href$='/front/meeting/showcases']");
  await page.waitForURL(/\/meeting\/showcases$/);
  await page.click("header button:has-text('Meetings')");
  await page.click("a[href$='/front/meeting/events']");
  await page.waitForSelector("td:has-text('OIM-CM-YDE')");
  await shot(page, "02-events");
});

test("create an event, publish it and open registration", async () => {
  const page = state.admin;
  await page.click("button[aria-label='New event']");
  await page.fill("input[name=code]", CODE);
  await page.fill("input[name=name]", `Browser test meeting ${RUN}`);
  await page.selectOption("select[name=eventType]", "WORKSHOP");
  await page.fill("input[name=startsAt]", `${isoDay(0)}T00:00`);
  await page.fill("input[name=endsAt]", `${isoDay(2)}T23:00`);
  await page.selectOption("select[name=timezone]", "UTC");
  await page.fill("input[name=city]", "Yaoundé");
  await page.selectOption("select[name=country]", "CM");
  await page.fill("input[name=capacity]", "2");
  await page.check("input[name=requiresApproval]");
  await shot(page, "03-event-form");
  await page.click("button[name=save]");
  await page.waitForURL(/\/meeting\/events\/event\/[0-9a-f-]{36}$/);
  state.eventId = page.url().split("/").pop();
  await page.waitForSelector("[data-testid=event-status]:has-text('Draft')");
  await page.click("button[name=status-PUBLISHED]");
  await confirm(page);
  await page.waitForSelector("[data-testid=event-status]:has-text('Published')");
  await page.click("button[name=status-REGISTRATION_OPEN]");
  await confirm(page);
  await page.waitForSelector("[data-testid=event-status]:has-text('Registration open')");
  await shot(page, "04-event-registration-open");
  const journal = await gql(page, `{ mutationLogs(first: 5, orderBy: ["-requestDateTime"]) { edges { node { clientMutationLabel status } } } }`);
  const labels = journal.data.mutationLogs.edges.map((e) => e.node.clientMutationLabel);
  assert.ok(labels.includes(`Event ${CODE}: REGISTRATION_OPEN`), `journalized: ${labels}`);
});

test("register beyond capacity, approve, and see the waiting list", async () => {
  const page = state.admin;
  await page.click("button[name=participants]");
  await page.waitForSelector("[data-testid=participants-heading]");
  for (const p of PEOPLE) {
    await page.click("button[name=openRegister]");
    await page.fill("input[name=firstName]", p.firstName);
    await page.fill("input[name=lastName]", p.lastName);
    await page.fill("input[name=email]", p.email);
    await page.selectOption("select[name=country]", "CM");
    await page.click("button[name=register]");
    await page.waitForSelector("[role=dialog]", { state: "detached" });
    await done(page);
  }
  const uuid = async (p) => page.locator(`[data-last-name="${p.lastName}"]`).getAttribute("data-uuid");
  for (const p of PEOPLE) p.uuid = await uuid(p);
  for (const p of PEOPLE) {
    await page.locator(`[data-status=PENDING][data-person="${p.uuid}"]`).waitFor();
    await page.click(`[data-actions="${p.uuid}"] [data-action=approve]`);
    await confirm(page);
    await page.locator(`[data-status=PENDING][data-person="${p.uuid}"]`).waitFor({ state: "detached" });
  }
  const status = async (p) => page.locator(`[data-person="${p.uuid}"]`).getAttribute("data-status");
  assert.equal(await status(PEOPLE[0]), "CONFIRMED");
  assert.equal(await status(PEOPLE[1]), "CONFIRMED");
  assert.equal(await status(PEOPLE[2]), "WAITLISTED");
  assert.equal(await page.locator(`[data-waitlist="${PEOPLE[2].uuid}"]`).innerText(), "1", "first in line");
  await page.waitForSelector("[data-testid=participants-summary]:has-text('2 confirmed of 2 seats, 1 on the waiting list')");
  state.tokens = {};
  for (const p of PEOPLE.slice(0, 2)) state.tokens[p.firstName] = (await page.locator(`[data-token="${p.uuid}"]`).innerText()).trim();
  assert.match(state.tokens.Adaeze, /^\S{8,}$/);
  await shot(page, "05-participants-waiting-list");
});

test("import participants: the dry run's report first, then the import", async () => {
  const page = state.admin;
  const events = await gql(page, `{ meetingEvents(code: "FHIR-CONNECT") { edges { node { uuid } } } }`);
  const fhir = events.data.meetingEvents.edges[0].node.uuid;
  await page.goto(`${FRONT}/meeting/events/participants/${fhir}`);
  await page.click("button[name=openImport]");
  const csv = ["first_name,last_name,email,country", `Dina,Import${RUN},dina.${RUN}@e2e.example.org,KE`, `Eli,Import${RUN},not-an-email,KE`].join("\n");
  await page.setInputFiles("input[name=importFile]", { name: "participants.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  assert.ok(await page.locator("button[name=import]").isDisabled(), "no import before the dry run");
  await page.click("button[name=dryRun]");
  await page.waitForSelector("[data-testid=import-report]:has-text('Check: 2 rows, 1 valid')");
  await page.waitForSelector("[data-testid=import-report] td:has-text('email')");
  assert.ok(await page.locator("button[name=import]").isDisabled(), "all or nothing would refuse: the import waits for a choice");
  await page.check("input[name=partial]");
  assert.ok(await page.locator("button[name=import]").isDisabled(), "other options: check again");
  await page.click("button[name=dryRun]");
  await page.waitForFunction(() => !document.querySelector("button[name=import]").disabled);
  await shot(page, "05b-import-dry-run");
  await page.click("button[name=import]");
  await page.waitForSelector("[data-testid=import-report]:has-text('Import: 2 rows, 1 registered')");
  const imported = await gql(page, `{ meetingParticipants(eventId: "${fhir}", search: "Import${RUN}") { totalCount } }`);
  assert.equal(imported.data.meetingParticipants.totalCount, 1, "the valid row only");
});

test("check a badge in twice (the second harmless), and scan one with the camera through a flaky network", async () => {
  const page = state.admin;
  await page.goto(`${FRONT}/meeting/checkin/${state.eventId}`);
  await page.fill("input[name=badgeCode]", state.tokens.Adaeze);
  await page.click("button[name=checkIn]");
  await page.waitForSelector(`[data-testid=check-in-results] li[data-outcome=done]:has-text("Adaeze")`);
  assert.equal(await page.locator("[data-testid=check-in-results] li").first().getAttribute("data-already"), "no");
  await page.fill("input[name=badgeCode]", state.tokens.Adaeze);
  await page.click("button[name=checkIn]");
  await page.waitForSelector(`[data-testid=check-in-results] li[data-already=yes]:has-text("already checked in")`);
  await shot(page, "06-check-in-twice");

  // The camera: Chromium's fake device plays a video of Bola's badge; the first answer from the server is lost.
  const video = join(tmpdir(), `badge-${RUN}.y4m`);
  writeQrVideo(video, state.tokens.Bola);
  const camBrowser = await launch(["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${video}`]);
  try {
    const desk = await newPage(camBrowser);
    await login(desk, "Admin", "admin123");
    let lost = 0;
    await desk.route("**/api/graphql", async (route) => {
      const body = route.request().postData() || "";
      if (body.includes("checkInMeetingParticipant") && lost === 0) {
        lost++;
        await route.fetch(); // the server records the check-in ...
        return route.abort("connectionreset"); // ... and the desk never hears back
      }
      return route.continue();
    });
    await desk.goto(`${FRONT}/meeting/checkin/${state.eventId}`);
    await desk.click("button[name=camera]");
    await desk.waitForSelector("[data-testid=network-state]:has-text('Offline')", { timeout: 30000 });
    assert.equal(lost, 1);
    const queued = await desk.evaluate(() => JSON.parse(localStorage.getItem("meeting.checkInQueue") || "[]"));
    assert.equal(queued.length, 1, "the scan waits in the device's queue with its clientMutationId");
    state.replayedId = queued[0].clientMutationId;
    await desk.click("button[name=camera]");
    await desk.waitForSelector(`[data-testid=check-in-results] li[data-outcome=done]:has-text("Bola")`, { timeout: 30000 });
    await desk.waitForSelector("[data-testid=queue-size]:has-text('0 scans')");
    await shot(desk, "07-check-in-camera-replayed");
    const logs = await gql(desk, `{ mutationLogs(clientMutationId: "${state.replayedId}") { edges { node { status } } } }`);
    assert.deepEqual(logs.data.mutationLogs.edges.map((e) => e.node.status).sort(), [2, 2], "sent twice, both succeeded");
  } finally {
    await camBrowser.close();
  }
  const attendances = await gql(page, `{ meetingAttendances(eventId: "${state.eventId}") { totalCount edges { node { method participant { firstName } } } } }`);
  assert.equal(attendances.data.meetingAttendances.totalCount, 2, "one attendance each: the repeated and the replayed scans recorded nothing new");
  const methods = attendances.data.meetingAttendances.edges.map((e) => `${e.node.participant.firstName}:${e.node.method}`).sort();
  assert.deepEqual(methods, ["Adaeze:MANUAL", "Bola:QR"]);
});

test("propose a showcase, a second user reviews and accepts it, and the matrix cell appears", async () => {
  const page = state.admin;
  await page.goto(`${FRONT}/meeting/showcases/showcase`);
  await page.selectOption("select[name=eventId]", state.eventId);
  await page.fill("input[name=title]", `Birth notifications ${RUN}`);
  await page.fill("textarea[name=abstract]", "The civil registry notifies openIMIS of each birth.");
  await page.selectOption("select[name=schemeType]", "HEALTH_VOUCHER");
  await page.selectOption("select[name=leadOrganisationId]", { index: 1 });
  await page.click("#mui-component-select-presenterIds");
  await page.click(`li[role=option]:has-text("${PEOPLE[0].lastName}")`);
  await page.keyboard.press("Escape");
  await page.click("button[name=addIntegration]");
  await page.selectOption("select[name='integrations.0.sourceSystemId']", { index: 1 });
  await page.selectOption("select[name='integrations.0.targetSystemId']", { index: 2 });
  await page.selectOption("select[name='integrations.0.standardId']", { index: 1 });
  await page.selectOption("select[name='integrations.0.evidenceLevel']", "CONFORMANCE_TESTED");
  await page.fill("input[name='integrations.0.dataExchanged']", "Birth notifications");
  await shot(page, "08-showcase-proposal");
  await page.click("button[name=save]");
  await page.waitForURL(/\/meeting\/showcases\/showcase\/[0-9a-f-]{36}$/);
  state.showcaseUrl = page.url();
  await page.waitForSelector("[data-testid=showcase-status]:has-text('Draft')");
  await page.click("button[name=submit]");
  await confirm(page);
  await page.waitForSelector("[data-testid=showcase-status]:has-text('Submitted')");
  assert.equal(await page.locator("button[name=review]").count(), 1, "Admin holds 217005");

  await page.goto(`${FRONT}/meeting/matrix`);
  await page.selectOption("select[name=matrixEvent]", state.eventId);
  await page.waitForSelector("[data-testid=matrix-empty]");

  const reviewer = await newPage();
  await login(reviewer, "Reviewer", "reviewer123");
  await reviewer.goto(state.showcaseUrl);
  await reviewer.waitForSelector("[data-testid=showcase-status]:has-text('Submitted')");
  assert.equal(await reviewer.locator("button[name=save], button[name=withdraw], button[name=submit]").count(), 0, "no 217003: no edit, submit or withdraw");
  await reviewer.click("button[name=review]");
  for (const score of ["relevance", "depth", "reusability", "countryImpact"]) await reviewer.selectOption(`select[name=${score}]`, "4");
  await reviewer.selectOption("select[name=recommendation]", "ACCEPT");
  await reviewer.fill("textarea[name=comment]", "Reusable by other voucher schemes.");
  await reviewer.click("button[name=submitReview]");
  await reviewer.waitForSelector("[data-testid=showcase-status]:has-text('Under review')");
  await reviewer.waitForSelector("[data-testid=reviews] td:has-text('Reviewer')");
  await reviewer.click("button[name=decide]");
  await reviewer.selectOption("select[name=decision]", "ACCEPTED");
  await reviewer.click("button[name=submitDecision]");
  await reviewer.waitForSelector("[data-testid=showcase-status]:has-text('Accepted')");
  await shot(reviewer, "09-showcase-accepted");
  await reviewer.click("button[name=schedule]");
  await reviewer.fill("input[name=slotStartsAt]", `${isoDay(1)}T10:00`);
  await reviewer.fill("input[name=slotEndsAt]", `${isoDay(1)}T10:45`);
  await reviewer.click("button[name=submitSchedule]");
  await reviewer.waitForSelector("[data-testid=showcase-status]:has-text('Scheduled')");
  await reviewer.waitForSelector(`[data-testid=showcase-slot]:has-text("${isoDay(1)} 10:00")`);

  await reviewer.goto(`${FRONT}/meeting/matrix`);
  await reviewer.selectOption("select[name=matrixEvent]", state.eventId);
  await reviewer.waitForSelector("[data-testid=matrix-systems] td[data-cell=CONFORMANCE_TESTED]");
  assert.equal(await reviewer.locator("[data-testid=matrix-systems] td[data-cell=CONFORMANCE_TESTED]").count(), 2, "the pair, both ways");
  await reviewer.waitForSelector("[data-testid=matrix-standards] td[data-cell=CONFORMANCE_TESTED]");
  await shot(reviewer, "10-matrix-cell");
  await reviewer.goto(`${FRONT}/meeting/matrix`);
  await reviewer.waitForSelector("[data-testid=matrix-systems] td[data-cell=IN_PRODUCTION]");
  await shot(reviewer, "11-matrix-all-events");
  await reviewer.context().close();
});

test("agenda and statistics", async () => {
  const page = state.admin;
  const events = await gql(page, `{ meetingEvents(code: "OIM-CM-YDE") { edges { node { uuid } } } }`);
  const yaounde = events.data.meetingEvents.edges[0].node.uuid;
  state.yaounde = yaounde;
  await page.goto(`${FRONT}/meeting/events/agenda/${yaounde}`);
  await page.waitForSelector("[data-testid=agenda-grid] [data-session=PLENARY]");
  assert.ok((await page.locator("[data-testid=agenda-grid] tbody tr").count()) >= 3, "three days");
  await shot(page, "12-agenda");
  await page.goto(`${FRONT}/meeting/events/statistics/${state.eventId}`);
  await page.waitForSelector("[data-testid=stats-numbers]:has-text('3 registrations')");
  await page.waitForSelector("[data-testid=chart-status] .recharts-bar-rectangle");
  await page.goto(`${FRONT}/meeting/events/statistics/${yaounde}`);
  await page.waitForSelector("[data-testid=chart-attendance] .recharts-bar-rectangle");
  await shot(page, "13-statistics");
});

test("a read-only user without personal data sees no actions, no personal data, and is refused when forcing", async () => {
  const page = await newPage();
  const seen = [];
  page.on("response", async (r) => {
    if (r.url().includes("/api/graphql")) seen.push(await r.text().catch(() => ""));
  });
  await login(page, "Reader", "reader123");
  await page.click("header button:has-text('Meetings')");
  await page.locator("a[href*='/front/meeting/']").first().waitFor();
  const entries = (await page.locator("a[href*='/front/meeting/']").allInnerTexts()).map((e) => e.trim());
  assert.deepEqual(entries, ["Events", "Showcases", "Interoperability matrix"], "no check-in desk without 216005");
  await page.keyboard.press("Escape");
  await page.goto(`${FRONT}/meeting/events`);
  await page.waitForSelector(`td:has-text('${CODE}')`);
  assert.equal(await page.locator("button[aria-label='New event']").count(), 0);
  await page.goto(`${FRONT}/meeting/events/event/${state.eventId}`);
  await page.waitForSelector("[data-testid=event-status]");
  assert.equal(await page.locator("button[name=save], button[name^=status-]").count(), 0, "no save, no lifecycle action");
  assert.ok(await page.locator("input[name=code]").isDisabled());
  await page.goto(`${FRONT}/meeting/events/participants/${state.eventId}`);
  await page.waitForSelector(`[data-last-name="${PEOPLE[0].lastName}"]`);
  assert.equal(await page.locator("button[name=openRegister], button[name=openImport], [data-action]").count(), 0, "no register, import, approve, reject or cancel");
  const text = await page.locator("body").innerText();
  for (const p of PEOPLE) assert.ok(!text.includes(p.email), "no email on the page");
  for (const token of Object.values(state.tokens)) assert.ok(!text.includes(token), "no badge code on the page");
  assert.ok(!text.includes("Email") && !text.includes("Badge code"), "no personal columns");
  await shot(page, "14-read-only-participants");
  await page.goto(state.showcaseUrl);
  await page.waitForSelector("[data-testid=showcase-status]");
  assert.equal(await page.locator("button[name=save], button[name=submit], button[name=review], button[name=decide], button[name=schedule], button[name=withdraw]").count(), 0);
  await page.goto(`${FRONT}/meeting/events/statistics/${state.eventId}`);
  await page.waitForSelector("[data-testid=stats-numbers]");
  await page.goto(`${FRONT}/meeting/checkin/${state.eventId}`);
  await page.waitForTimeout(1000);
  assert.equal(await page.locator("input[name=badgeCode]").count(), 0, "the check-in desk is not shown");
  for (const body of seen) {
    for (const p of PEOPLE) assert.ok(!body.includes(p.email), "no email ever reached the browser");
    for (const token of Object.values(state.tokens)) assert.ok(!body.includes(token), "no badge code ever reached the browser");
  }
  // Forced: the mutation sent by hand, as the buttons would have sent it.
  const forced = await gql(
    page,
    `mutation { changeMeetingEventStatus(input: { clientMutationId: "forced-${RUN}" clientMutationLabel: "forced" id: "${state.eventId}" status: CANCELLED }) { clientMutationId internalId } }`,
  );
  const outcome = forced.errors ? { status: 1, error: JSON.stringify(forced.errors) } : await mutationOutcome(page, `forced-${RUN}`);
  assert.equal(outcome?.status, 1, "refused");
  assert.match(outcome.error, /permission|right|authori/i);
  const approve = await gql(page, `mutation { approveMeetingParticipant(input: { clientMutationId: "forced2-${RUN}" id: "${state.eventId}" }) { clientMutationId } }`);
  const approveOutcome = approve.errors ? { status: 1 } : await mutationOutcome(page, `forced2-${RUN}`);
  assert.equal(approveOutcome?.status, 1);
  const still = await gql(state.admin, `{ meetingEvents(code: "${CODE}") { edges { node { status } } } }`);
  assert.equal(still.data.meetingEvents.edges[0].node.status, "REGISTRATION_OPEN", "nothing changed");
  await page.context().close();
});

test("time to the first page of a 2,000-participant event's participants", async () => {
  const page = state.admin;
  const events = await gql(page, `{ meetingEvents(code: "PERF-2000") { edges { node { uuid } } } }`);
  const big = events.data.meetingEvents.edges[0].node.uuid;
  const stats = await gql(page, `{ meetingEventStatistics(eventId: "${big}") { registrations } }`);
  assert.equal(stats.data.meetingEventStatistics.registrations, 2000);
  const times = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(`${FRONT}/meeting/events`);
    await page.waitForSelector("td:has-text('PERF-2000')");
    const t0 = Date.now();
    await page.evaluate((path) => {
      window.history.pushState({}, "", path);
      window.dispatchEvent(new PopStateEvent("popstate"));
    }, `/front/meeting/events/participants/${big}`);
    await page.waitForFunction(() => document.querySelectorAll("tbody [data-status]").length >= 20);
    times.push(Date.now() - t0);
  }
  times.sort((a, b) => a - b);
  results.participantsFirstPageMs = { median: times[2], min: times[0], max: times[4], runs: times };
  await page.waitForSelector("text=2000 participants");
  await shot(page, "15-participants-2000");
  console.log(`participants screen, 2,000 participants, first page: median ${times[2]} ms (${times.join(", ")})`);
});

test("the same pages in French", async () => {
  const page = state.admin;
  await page.goto(`${FRONT}/meeting/events`);
  await page.click("header button:has-text('English')");
  await page.click("li:has-text('Français')");
  const dialog = page.locator("[role=dialog]").last();
  await dialog.waitFor();
  await dialog.locator("button").last().click();
  await page.waitForTimeout(1500);
  for (let i = 0; i < 5 && !(await page.locator("header button:has-text('Réunions')").count()); i++) {
    await page.reload();
    await page.waitForTimeout(1500);
  }
  await page.waitForSelector("header button:has-text('Réunions')");
  await page.goto(`${FRONT}/meeting/events`);
  await page.waitForSelector(`td:has-text('${CODE}')`);
  const text = await page.locator("body").innerText();
  assert.ok(text.includes("Inscriptions ouvertes") && text.includes("Le nom contient"), "events in French");
  await shot(page, "16-events-fr");
  await page.goto(`${FRONT}/meeting/events/participants/${state.eventId}`);
  await page.waitForSelector(`[data-last-name="${PEOPLE[2].lastName}"]`);
  await page.waitForSelector(`[data-person="${PEOPLE[2].uuid}"]:has-text("En liste d’attente"), [data-person="${PEOPLE[2].uuid}"]:has-text("En liste d'attente")`);
  await page.waitForSelector(`[data-testid=participants-summary]:has-text("2 confirmés sur 2 places, 1 en liste d'attente")`);
  await page.waitForSelector(`td:has-text("Cameroun")`);
  await shot(page, "17-participants-fr");
  await page.goto(`${FRONT}/meeting/checkin/${state.eventId}`);
  await page.waitForSelector(`button[name=checkIn]:has-text("Enregistrer l'arrivée")`);
  await page.goto(`${FRONT}/meeting/matrix`);
  await page.waitForSelector("h6:has-text('Systèmes × systèmes')");
  await page.waitForSelector("[data-testid=legend]:has-text('Conformité testée')");
  await shot(page, "18-matrix-fr");
  await page.goto(state.showcaseUrl);
  await page.waitForSelector("[data-testid=showcase-status]:has-text('Programmée')");
  await shot(page, "19-showcase-fr");
});

test("in French, the event form edits the English name as written, and a French name typed is sent as nameFr", async () => {
  const page = state.admin;
  // A French-speaking user's browser asks for French (Accept-Language): `name` answers the French text where one
  // is written, the lists show it, and the form must still edit the English one.
  await page.context().setExtraHTTPHeaders({ "Accept-Language": "fr-FR,fr;q=0.9" });
  const sent = [];
  const onRequest = (r) => {
    if (r.url().includes("/api/graphql") && r.method() === "POST") sent.push(r.postData() || "");
  };
  page.on("request", onRequest);
  try {
    const demo = await gql(page, `{ meetingEvents(code: "OIM-CM-YDE") { edges { node { uuid name nameEn nameFr } } } }`);
    const yde = demo.data.meetingEvents.edges[0].node;
    assert.ok(yde.nameFr && yde.nameEn && yde.nameFr !== yde.nameEn, "the demo's Yaoundé meeting has both names");
    assert.equal(yde.name, yde.nameFr, "the caller's language is French");
    await page.goto(`${FRONT}/meeting/events/event/${yde.uuid}`);
    await page.waitForSelector("[data-testid=event-status]");
    assert.equal(await page.inputValue("input[name=name]"), yde.nameEn, "the English name as written");
    assert.equal(await page.inputValue("input[name=nameFr]"), yde.nameFr);
    await page.waitForSelector("label:has-text('Nom en anglais')");
    await page.waitForSelector("label:has-text('Nom en français')");
    await shot(page, "20-event-form-fr");

    const english = `Browser test meeting ${RUN}`;
    const french = `Réunion du test navigateur ${RUN}`;
    await page.goto(`${FRONT}/meeting/events/event/${state.eventId}`);
    await page.waitForSelector("[data-testid=event-status]");
    assert.equal(await page.inputValue("input[name=name]"), english);
    assert.equal(await page.inputValue("input[name=nameFr]"), "");
    await page.fill("input[name=nameFr]", french);
    await page.click("button[name=save]");
    await done(page);
    const mutation = sent.map((body) => JSON.parse(body).query || "").find((q) => q.includes("updateMeetingEvent"));
    assert.ok(mutation, "updateMeetingEvent was sent");
    assert.ok(mutation.includes(`nameFr: "${french}"`), `the French name as nameFr: ${mutation}`);
    assert.ok(mutation.includes(`name: "${english}"`), "the English name unchanged");
    const saved = await gql(page, `{ meetingEvents(code: "${CODE}") { edges { node { name nameEn nameFr } } } }`);
    assert.deepEqual(saved.data.meetingEvents.edges[0].node, { name: french, nameEn: english, nameFr: french });
    assert.equal(await page.inputValue("input[name=name]"), english, "read back after saving: still the English one");
    assert.equal(await page.inputValue("input[name=nameFr]"), french);
    await page.goto(`${FRONT}/meeting/events`);
    await page.waitForSelector(`td:has-text("${french}")`);
  } finally {
    page.off("request", onRequest);
    await page.context().setExtraHTTPHeaders({});
  }
  // Back to English for the next run.
  const back = await gql(page, `mutation { changeUserLanguage(input: { clientMutationId: "lang-${RUN}" clientMutationLabel: "back to English" languageId: "en" }) { clientMutationId } }`);
  assert.ok(!back.errors, JSON.stringify(back.errors));
  assert.deepEqual(page.errors, [], "no uncaught error in the pages");
});
