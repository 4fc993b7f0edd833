import React, { useMemo } from "react";
import { OptionSelect, useOptions, edgesOf } from "../components/common";
import { useMsg } from "../utils/i18n";

// ISO 3166-1 alpha-2 codes, the list the backend accepts (openimis_be_meeting/countries.py).
export const COUNTRY_CODES = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW".split(" ");

function regionNames(locale) {
  try {
    return new Intl.DisplayNames([locale || "en"], { type: "region" });
  } catch (e) {
    return { of: (code) => code };
  }
}

export function countryName(locale, code) {
  if (!code) return "";
  try {
    return regionNames(locale).of(code) || code;
  } catch (e) {
    return code;
  }
}

export function CountryPicker({ name = "country", label, value, onChange, readOnly }) {
  const { msg, locale } = useMsg();
  const options = useMemo(() => {
    const names = regionNames(locale);
    return COUNTRY_CODES.map((code) => ({ value: code, label: `${names.of(code) || code} (${code})` })).sort((a, b) =>
      a.label.localeCompare(b.label, locale),
    );
  }, [locale]);
  return (
    <OptionSelect name={name} label={label ?? msg("field.country")} options={options} value={value} onChange={onChange} readOnly={readOnly} />
  );
}

export function timeZones() {
  try {
    const zones = Intl.supportedValuesOf("timeZone");
    return zones.includes("UTC") ? zones : ["UTC", ...zones];
  } catch (e) {
    return ["UTC"];
  }
}

export function TimezonePicker({ name = "timezone", label, value, onChange, readOnly }) {
  const { msg } = useMsg();
  const options = useMemo(() => {
    const zones = timeZones();
    if (value && !zones.includes(value)) zones.push(value);
    return zones.map((z) => ({ value: z, label: z }));
  }, [value]);
  return (
    <OptionSelect
      name={name}
      label={label ?? msg("field.timezone")}
      options={options}
      value={value}
      onChange={onChange}
      readOnly={readOnly}
      nullLabel={msg("choose")}
    />
  );
}

const EVENTS_QUERY = `{ meetingEvents(first: 100, orderBy: ["-startsAt"]) {
  edges { node { uuid code name status startsAt endsAt timezone } } } }`;

export function useEvents() {
  return useOptions(EVENTS_QUERY, (data) => edgesOf(data.meetingEvents));
}

export function EventPicker({ name = "event", label, value, onChange, readOnly, filter = () => true }) {
  const { msg } = useMsg();
  const events = useEvents();
  const options = events.filter(filter).map((e) => ({ value: e.uuid, label: `${e.code} — ${e.name}` }));
  return (
    <OptionSelect
      name={name}
      label={label ?? msg("field.event")}
      options={options}
      value={value}
      onChange={onChange}
      readOnly={readOnly}
      nullLabel={msg("choose")}
    />
  );
}

const ORGANISATIONS_QUERY = `{ meetingOrganisations(first: 100, orderBy: ["name"]) {
  edges { node { uuid name acronym } } } }`;

export function OrganisationPicker({ name = "organisation", label, value, onChange, readOnly }) {
  const { msg } = useMsg();
  const options = useOptions(ORGANISATIONS_QUERY, (data) =>
    edgesOf(data.meetingOrganisations).map((o) => ({ value: o.uuid, label: o.acronym ? `${o.name} (${o.acronym})` : o.name })),
  );
  return (
    <OptionSelect
      name={name}
      label={label ?? msg("field.organisation")}
      options={options}
      value={value}
      onChange={onChange}
      readOnly={readOnly}
      nullLabel={msg("none")}
    />
  );
}
