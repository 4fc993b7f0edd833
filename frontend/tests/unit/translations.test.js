const fs = require("fs");
const path = require("path");
const { ENUMS, EVENT_TRANSITIONS } = require("../../src/constants");

const en = require("../../src/translations/en.json");
const fr = require("../../src/translations/fr.json");
const SRC = path.join(__dirname, "..", "..", "src");
const SCHEMA = path.join(__dirname, "..", "..", "..", "openimis_be_meeting", "schema.graphql");

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return p.endsWith(".js") ? [fs.readFileSync(p, "utf8")] : [];
  });
}

/** Message ids the code uses: msg("..."), msgv("..."), M("...") and FormattedMessage ids, literal or templated. */
function usedKeys() {
  const literal = new Set();
  const templates = new Set();
  for (const text of sources(SRC)) {
    for (const m of text.matchAll(/\b(?:msg|msgv|M)\(\s*(["`])([^"`]+)\1/g)) (m[2].includes("${") ? templates : literal).add(m[2]);
    for (const m of text.matchAll(/<FormattedMessage[^>]*\bid="([^"]+)"/g)) literal.add(m[1]);
  }
  return { literal: [...literal], templates: [...templates] };
}

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  test("English and French have the same keys, none empty, with the same placeholders", () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      expect(text.trim()).not.toBe("");
      expect(fr[key].trim()).not.toBe("");
      expect([key, placeholders(fr[key])]).toEqual([key, placeholders(text)]);
    }
  });

  test("every key used in the code is in both languages", () => {
    const { literal } = usedKeys();
    expect(literal.length).toBeGreaterThan(150);
    const missing = (messages) => literal.filter((k) => messages[`meeting.${k}`] === undefined);
    expect(missing(en)).toEqual([]);
    expect(missing(fr)).toEqual([]);
  });

  test("every templated key has its whole family in both languages", () => {
    const { templates } = usedKeys();
    const families = {
      "events.to.${status}": [...new Set(Object.values(EVENT_TRANSITIONS).flat())],
      "checkIn.method.${r.scan.method}": ENUMS.MeetingCheckInMethodEnum,
      "field.${field}": ["consentListed", "consentPhotos", "consentContact"],
      "import.${name}": ["partial", "createOrganisations"],
      "review.${s}": ["relevance", "depth", "reusability", "countryImpact"],
      "showcase.action.${name}": ["submit", "review", "decide", "schedule", "presented", "withdraw"],
    };
    expect(templates.sort()).toEqual(Object.keys(families).sort());
    for (const [template, values] of Object.entries(families)) {
      const prefix = template.slice(0, template.indexOf("${"));
      for (const v of values) {
        expect(en[`meeting.${prefix}${v}`]).toBeDefined();
        expect(fr[`meeting.${prefix}${v}`]).toBeDefined();
      }
    }
  });

  test("every value of every enum shown has a label in both languages", () => {
    for (const [name, values] of Object.entries(ENUMS)) {
      for (const v of values) {
        expect([name, v, en[`meeting.enum.${name}.${v}`] !== undefined]).toEqual([name, v, true]);
        expect([name, v, fr[`meeting.enum.${name}.${v}`] !== undefined]).toEqual([name, v, true]);
      }
    }
  });

  test("the texts fe-core's Searcher asks of the module are there", () => {
    for (const key of ["search.title", "resetFilterTooltip", "refreshFilterTooltip"]) {
      expect(en[`meeting.${key}`]).toBeDefined();
      expect(fr[`meeting.${key}`]).toBeDefined();
    }
  });

  test("French is French: the texts differ from English for most keys", () => {
    const same = Object.keys(en).filter((k) => en[k] === fr[k]);
    expect(same.length / Object.keys(en).length).toBeLessThan(0.12);
  });
});

describe("the enums match the backend's committed SDL", () => {
  const sdl = fs.readFileSync(SCHEMA, "utf8");
  test.each(Object.keys(ENUMS))("%s", (name) => {
    const block = sdl.match(new RegExp(`enum ${name} \\{([^}]*)\\}`));
    expect(block).not.toBeNull();
    expect(block[1].trim().split(/\s+/)).toEqual(ENUMS[name]);
  });
});
