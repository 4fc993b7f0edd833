import React, { useState } from "react";
import { useDispatch } from "react-redux";
import { Dialog, DialogTitle, DialogContent, DialogActions, Button, Grid, FormControlLabel, Checkbox } from "@material-ui/core";
import { ENUMS, RIGHT_PERSONAL_DATA } from "../constants";
import { useMsg } from "../utils/i18n";
import { useRights, has } from "../utils/rights";
import { mutate, enumValue } from "../utils/gql";
import { Field, EnumSelect, Errors } from "./common";
import { CountryPicker, OrganisationPicker } from "../pickers";

const EMPTY = {
  firstName: "",
  lastName: "",
  email: "",
  phone: "",
  gender: null,
  organisationId: null,
  jobTitle: "",
  country: null,
  role: "ATTENDEE",
  attendanceMode: "IN_PERSON",
  consentListed: false,
  consentPhotos: false,
  consentContact: false,
};

export function registrationInput(eventId, p) {
  return {
    eventId,
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email,
    phone: p.phone,
    gender: p.gender && enumValue(p.gender),
    organisationId: p.organisationId,
    jobTitle: p.jobTitle,
    country: p.country,
    role: p.role && enumValue(p.role),
    attendanceMode: p.attendanceMode && enumValue(p.attendanceMode),
    consentListed: p.consentListed,
    consentPhotos: p.consentPhotos,
    consentContact: p.consentContact,
  };
}

/** The registration form: one person for the event. Contact fields are asked only of holders of 216006. */
export default function RegisterDialog({ event, open, onClose, onRegistered }) {
  const dispatch = useDispatch();
  const rights = useRights();
  const { msg, msgv } = useMsg();
  const [p, setP] = useState(EMPTY);
  const [errors, setErrors] = useState([]);
  const [busy, setBusy] = useState(false);
  const set = (field) => (value) => setP({ ...p, [field]: value });
  const personal = has(rights, RIGHT_PERSONAL_DATA);

  const submit = async () => {
    setBusy(true);
    setErrors([]);
    const result = await mutate(
      dispatch,
      "registerMeetingParticipant",
      registrationInput(event.uuid, p),
      msgv("participants.mutation.register", { name: `${p.firstName} ${p.lastName}`, code: event.code }),
    );
    setBusy(false);
    if (result.status === 2) {
      setP(EMPTY);
      onRegistered(result);
    } else {
      setErrors(result.errors.length ? result.errors : [{ message: msg("mutation.pending") }]);
    }
  };
  const check = (field) => (
    <FormControlLabel
      control={<Checkbox name={field} checked={!!p[field]} onChange={(e) => set(field)(e.target.checked)} />}
      label={msg(`field.${field}`)}
    />
  );
  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>{msgv("participants.registerTitle", { code: event.code })}</DialogTitle>
      <DialogContent>
        <Grid container spacing={2}>
          <Grid item xs={4}>
            <Field name="firstName" label={msg("field.firstName")} value={p.firstName} onChange={set("firstName")} required />
          </Grid>
          <Grid item xs={4}>
            <Field name="lastName" label={msg("field.lastName")} value={p.lastName} onChange={set("lastName")} required />
          </Grid>
          <Grid item xs={4}>
            <Field name="email" type="email" label={msg("field.email")} value={p.email} onChange={set("email")} required />
          </Grid>
          {personal && (
            <Grid item xs={4}>
              <Field name="phone" label={msg("field.phone")} value={p.phone} onChange={set("phone")} />
            </Grid>
          )}
          {personal && (
            <Grid item xs={4}>
              <EnumSelect name="gender" label={msg("field.gender")} enumName="MeetingGenderEnum" values={ENUMS.MeetingGenderEnum} value={p.gender} onChange={set("gender")} />
            </Grid>
          )}
          <Grid item xs={4}>
            <Field name="jobTitle" label={msg("field.jobTitle")} value={p.jobTitle} onChange={set("jobTitle")} />
          </Grid>
          <Grid item xs={6}>
            <OrganisationPicker name="organisationId" value={p.organisationId} onChange={set("organisationId")} />
          </Grid>
          <Grid item xs={6}>
            <CountryPicker value={p.country} onChange={set("country")} />
          </Grid>
          <Grid item xs={6}>
            <EnumSelect name="role" label={msg("field.role")} enumName="MeetingParticipantRoleEnum" values={ENUMS.MeetingParticipantRoleEnum} value={p.role} onChange={set("role")} withNull={false} />
          </Grid>
          <Grid item xs={6}>
            <EnumSelect
              name="attendanceMode"
              label={msg("field.attendanceMode")}
              enumName="MeetingAttendanceModeEnum"
              values={ENUMS.MeetingAttendanceModeEnum}
              value={p.attendanceMode}
              onChange={set("attendanceMode")}
              withNull={false}
            />
          </Grid>
          <Grid item xs={12}>
            {check("consentListed")}
            {check("consentPhotos")}
            {check("consentContact")}
          </Grid>
        </Grid>
        <Errors errors={errors} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{msg("cancel")}</Button>
        <Button name="register" color="primary" variant="contained" disabled={busy} onClick={submit}>
          {msg("participants.register")}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
