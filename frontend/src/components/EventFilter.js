import React from "react";
import { Grid, FormControlLabel, Checkbox } from "@material-ui/core";
import { ENUMS } from "../constants";
import { useMsg } from "../utils/i18n";
import { literal, enumValue } from "../utils/gql";
import { Field, EnumSelect } from "./common";
import { CountryPicker } from "../pickers";

const value = (filters, id) => filters?.[id]?.value ?? null;

/** The backend's meetingEvents filters, as Searcher filters ({id, value, filter}). */
export default function EventFilter({ filters, onChangeFilters }) {
  const { msg } = useMsg();
  const set = (id, v, filter) => onChangeFilters([{ id, value: v === "" || v === false ? null : v, filter: v ? filter : null }]);
  return (
    <Grid container spacing={2}>
      <Grid item xs={3}>
        <Field
          name="nameContains"
          label={msg("filter.name")}
          value={value(filters, "name_Icontains")}
          onChange={(v) => set("name_Icontains", v, `name_Icontains: ${literal(v)}`)}
        />
      </Grid>
      <Grid item xs={2}>
        <Field
          name="codeContains"
          label={msg("field.code")}
          value={value(filters, "code_Icontains")}
          onChange={(v) => set("code_Icontains", v, `code_Icontains: ${literal(v)}`)}
        />
      </Grid>
      <Grid item xs={2}>
        <EnumSelect
          name="statusFilter"
          label={msg("field.status")}
          enumName="MeetingEventStatusEnum"
          values={ENUMS.MeetingEventStatusEnum}
          value={value(filters, "status")}
          onChange={(v) => set("status", v, `status: ${v}`)}
        />
      </Grid>
      <Grid item xs={2}>
        <EnumSelect
          name="eventTypeFilter"
          label={msg("field.eventType")}
          enumName="MeetingEventTypeEnum"
          values={ENUMS.MeetingEventTypeEnum}
          value={value(filters, "eventType")}
          onChange={(v) => set("eventType", v, `eventType: ${v}`)}
        />
      </Grid>
      <Grid item xs={2}>
        <EnumSelect
          name="participationModeFilter"
          label={msg("field.participationMode")}
          enumName="MeetingParticipationModeEnum"
          values={ENUMS.MeetingParticipationModeEnum}
          value={value(filters, "participationMode")}
          onChange={(v) => set("participationMode", v, `participationMode: ${v}`)}
        />
      </Grid>
      <Grid item xs={3}>
        <CountryPicker
          name="countryFilter"
          value={value(filters, "country")}
          onChange={(v) => set("country", v, `country: ${literal(v)}`)}
        />
      </Grid>
      <Grid item xs={2}>
        <Field
          name="startsAfter"
          type="date"
          label={msg("filter.startsAfter")}
          value={value(filters, "startsAfter")}
          onChange={(v) => set("startsAfter", v, `startsAfter: ${literal(`${v}T00:00:00`)}`)}
        />
      </Grid>
      <Grid item xs={2}>
        <Field
          name="startsBefore"
          type="date"
          label={msg("filter.startsBefore")}
          value={value(filters, "startsBefore")}
          onChange={(v) => set("startsBefore", v, `startsBefore: ${literal(`${v}T23:59:59`)}`)}
        />
      </Grid>
      <Grid item xs={2}>
        <FormControlLabel
          control={
            <Checkbox
              name="upcoming"
              checked={!!value(filters, "upcoming")}
              onChange={(e) => set("upcoming", e.target.checked, "upcoming: true")}
            />
          }
          label={msg("filter.upcoming")}
        />
      </Grid>
    </Grid>
  );
}

export const statusFilter = (status) => ({ status: { value: status, filter: `status: ${enumValue(status).name}` } });
