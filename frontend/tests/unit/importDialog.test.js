jest.mock("@openimis/fe-core", () => require("./feCoreMock"));
const React = require("react");
const { screen, fireEvent, waitFor } = require("@testing-library/react");
const { renderScreen } = require("./render");
const ImportDialog = require("../../src/components/ImportDialog").default;
const { uploadParticipants } = require("../../src/components/ImportDialog");

const EVENT = { uuid: "ev-1", code: "OIM-CM-YDE" };
const REPORT = { dryRun: true, rows: 3, valid: 2, created: 0, confirmed: 1, waitlisted: 1, pending: 0, errors: [{ row: 4, column: "email", message: "The email address is not valid." }] };

describe("the participant import", () => {
  afterEach(() => delete global.fetch);

  test("posts the file to the module's REST upload with the options", async () => {
    const calls = [];
    const fetchImpl = (url, init) => {
      calls.push([url, init]);
      return Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve(REPORT) });
    };
    const file = new File(["first_name,last_name,email\n"], "p.csv", { type: "text/csv" });
    const { body } = await uploadParticipants("ev-1", file, { dryRun: true, partial: false, createOrganisations: true }, fetchImpl);
    expect(body).toEqual(REPORT);
    expect(calls[0][0]).toBe("/api/openimis_be_meeting/events/ev-1/participants/import?dryRun=true&partial=false&createOrganisations=true");
    expect(calls[0][1].method).toBe("POST");
    expect(calls[0][1].body.get("file").name).toBe("p.csv");
  });

  test("the import is offered only after a dry run of that very file, whose report is shown", async () => {
    const urls = [];
    global.fetch = jest.fn((url) => {
      urls.push(url);
      const dry = url.includes("dryRun=true");
      return Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve({ ...REPORT, dryRun: dry, created: dry ? 0 : 2 }) });
    });
    const onImported = jest.fn();
    const { unmount } = renderScreen(React.createElement(ImportDialog, { event: EVENT, open: true, onClose: () => {}, onImported }));
    const importButton = () => screen.getByRole("button", { name: "Import" });
    expect(importButton()).toBeDisabled();
    const input = document.querySelector("input[name=importFile]");
    fireEvent.change(input, { target: { files: [new File(["x"], "p.csv")] } });
    expect(importButton()).toBeDisabled();
    fireEvent.click(screen.getByRole("button", { name: "Check the file" }));
    await screen.findByText(/Check: 3 rows, 2 valid; they would be 1 confirmed, 1 on the waiting list/);
    expect(screen.getByText("The email address is not valid.")).toBeInTheDocument();
    expect(importButton()).toBeDisabled(); // all or nothing, with a problem: it would be refused
    expect(screen.getByTestId("import-hint")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("checkbox", { name: "Import the valid rows even if others have problems" }));
    expect(importButton()).toBeDisabled(); // other options: check again
    fireEvent.click(screen.getByRole("button", { name: "Check the file" }));
    await waitFor(() => expect(importButton()).toBeEnabled());
    fireEvent.click(importButton());
    await waitFor(() => expect(onImported).toHaveBeenCalled());
    expect(urls.map((u) => new URL(u, "http://x").searchParams.get("dryRun"))).toEqual(["true", "true", "false"]);
    expect(urls[2]).toContain("partial=true");
    unmount();
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
});
