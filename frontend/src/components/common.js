import React, { useEffect, useState } from "react";
import { useDispatch } from "react-redux";
import { makeStyles } from "@material-ui/core/styles";
import { Paper, Grid, Typography, Divider, TextField, MenuItem } from "@material-ui/core";
import { Alert } from "@material-ui/lab";
import { useMsg, enumKey } from "../utils/i18n";
import { query } from "../utils/gql";

export const usePageStyles = makeStyles((theme) => ({
  page: theme.page,
  paper: theme.paper.paper,
  paperHeader: theme.paper.header,
  title: theme.paper.title,
  item: theme.paper.item,
  fab: theme.fab,
  actions: { display: "flex", gap: 8, flexWrap: "wrap", padding: 10 },
}));

/** A panel in openIMIS's style: a titled paper. */
export function Section({ title, actions = null, children }) {
  const classes = usePageStyles();
  return (
    <Paper className={classes.paper}>
      <Grid container alignItems="center" className={classes.title}>
        <Grid item xs>
          <Typography variant="h6">{title}</Typography>
        </Grid>
        {actions && <Grid item>{actions}</Grid>}
      </Grid>
      <Divider />
      <div className={classes.item}>{children}</div>
    </Paper>
  );
}

export function Field({ name, label, value, onChange, readOnly = false, type = "text", required = false, ...others }) {
  return (
    <TextField
      fullWidth
      name={name}
      label={label}
      type={type}
      required={required}
      disabled={readOnly}
      value={value ?? ""}
      onChange={(e) => onChange(type === "number" ? (e.target.value === "" ? null : Number(e.target.value)) : e.target.value)}
      InputLabelProps={type === "datetime-local" || type === "date" ? { shrink: true } : undefined}
      {...others}
    />
  );
}

/** A select of an enum of the schema, labelled in the user's language. */
export function EnumSelect({ name, label, enumName, values, value, onChange, readOnly = false, withNull = true }) {
  const { msg } = useMsg();
  return (
    <TextField
      select
      fullWidth
      name={name}
      label={label}
      disabled={readOnly}
      value={value ?? ""}
      onChange={(e) => onChange(e.target.value || null)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      {withNull && <option value="">{msg("any")}</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {msg(enumKey(enumName, v))}
        </option>
      ))}
    </TextField>
  );
}

export function OptionSelect({ name, label, options, value, onChange, readOnly = false, withNull = true, nullLabel }) {
  const { msg } = useMsg();
  return (
    <TextField
      select
      fullWidth
      name={name}
      label={label}
      disabled={readOnly}
      value={value ?? ""}
      onChange={(e) => onChange(e.target.value || null)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      {withNull && <option value="">{nullLabel ?? msg("any")}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}

/** Several values of a list, shown as chips in the select. */
export function MultiSelect({ name, label, options, value, onChange, readOnly = false }) {
  return (
    <TextField
      select
      fullWidth
      name={name}
      label={label}
      disabled={readOnly}
      value={value ?? []}
      onChange={(e) => onChange(e.target.value)}
      SelectProps={{
        multiple: true,
        renderValue: (selected) =>
          options
            .filter((o) => selected.includes(o.value))
            .map((o) => o.label)
            .join(", "),
      }}
      InputLabelProps={{ shrink: true }}
    >
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value} data-value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** Options read once from a GraphQL list: `select(data)` turns the answer into [{value, label}]. */
export function useOptions(payload, select, deps = []) {
  const dispatch = useDispatch();
  const [options, setOptions] = useState([]);
  useEffect(() => {
    let live = true;
    if (!payload) {
      setOptions([]);
      return undefined;
    }
    query(dispatch, payload)
      .then((data) => live && setOptions(select(data)))
      .catch(() => live && setOptions([]));
    return () => {
      live = false;
    };
  }, [payload, ...deps]);
  return options;
}

export const edgesOf = (connection) => (connection?.edges ?? []).map((e) => e.node);

/** What the backend refused, with the messages it wrote in the user's language. */
export function Errors({ errors }) {
  if (!errors?.length) return null;
  return (
    <Alert severity="error" data-testid="mutation-errors">
      {errors.map((e, i) => (
        <div key={i}>
          {e.message}
          {e.field ? ` (${e.field})` : ""}
        </div>
      ))}
    </Alert>
  );
}

export function Done({ message }) {
  if (!message) return null;
  return (
    <Alert severity="success" data-testid="mutation-done">
      {message}
    </Alert>
  );
}

/** The wall-clock part of an instant the API gives in the event's zone ("2031-03-10T09:00:00+03:00"). */
export const wallClock = (instant) => (instant ? instant.slice(0, 16) : "");
export const wallClockText = (instant) => (instant ? instant.slice(0, 16).replace("T", " ") : "");
