import React from "react";
import { Grid } from "@material-ui/core";
import { ENUMS } from "../constants";
import { useMsg } from "../utils/i18n";
import { literal } from "../utils/gql";
import { Field, EnumSelect } from "./common";

const value = (filters, id) => filters?.[id]?.value ?? null;

export default function ParticipantFilter({ filters, onChangeFilters }) {
  const { msg } = useMsg();
  const set = (id, v, filter) => onChangeFilters([{ id, value: v || null, filter: v ? filter : null }]);
  return (
    <Grid container spacing={2}>
      <Grid item xs={4}>
        <Field name="search" label={msg("filter.search")} value={value(filters, "search")} onChange={(v) => set("search", v, `search: ${literal(v)}`)} />
      </Grid>
      <Grid item xs={3}>
        <EnumSelect
          name="statusFilter"
          label={msg("field.status")}
          enumName="MeetingParticipantStatusEnum"
          values={ENUMS.MeetingParticipantStatusEnum}
          value={value(filters, "status")}
          onChange={(v) => set("status", v, `status: ${v}`)}
        />
      </Grid>
      <Grid item xs={3}>
        <EnumSelect
          name="roleFilter"
          label={msg("field.role")}
          enumName="MeetingParticipantRoleEnum"
          values={ENUMS.MeetingParticipantRoleEnum}
          value={value(filters, "role")}
          onChange={(v) => set("role", v, `role: ${v}`)}
        />
      </Grid>
      <Grid item xs={2}>
        <EnumSelect
          name="attendanceModeFilter"
          label={msg("field.attendanceMode")}
          enumName="MeetingAttendanceModeEnum"
          values={ENUMS.MeetingAttendanceModeEnum}
          value={value(filters, "attendanceMode")}
          onChange={(v) => set("attendanceMode", v, `attendanceMode: ${v}`)}
        />
      </Grid>
    </Grid>
  );
}
