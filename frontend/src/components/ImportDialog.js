import React, { useState } from "react";
import {
  Dialog,
  DialogTitle,
  DialogContent,
  DialogActions,
  Button,
  FormControlLabel,
  Checkbox,
  Table,
  TableHead,
  TableRow,
  TableCell,
  TableBody,
  Typography,
} from "@material-ui/core";
import { useMsg } from "../utils/i18n";
import { apiRequestHeaders, restUrl } from "../utils/gql";
import { Errors } from "./common";

/** POST events/<id>/participants/import (README, "Imports"): the report, or the refusal, as JSON. */
export async function uploadParticipants(eventId, file, { dryRun, partial, createOrganisations }, fetchImpl = fetch) {
  const form = new FormData();
  form.append("file", file);
  const params = new URLSearchParams({
    dryRun: String(!!dryRun),
    partial: String(!!partial),
    createOrganisations: String(!!createOrganisations),
  });
  const response = await fetchImpl(restUrl(`events/${eventId}/participants/import?${params}`), {
    method: "POST",
    headers: apiRequestHeaders(false),
    credentials: "same-origin",
    body: form,
  });
  let body;
  try {
    body = await response.json();
  } catch (e) {
    body = { message: `HTTP ${response.status}` };
  }
  return { ok: response.ok, status: response.status, body };
}

function Report({ report }) {
  const { msg, msgv } = useMsg();
  return (
    <div data-testid="import-report">
      <Typography>
        {msgv(report.dryRun ? "import.reportDryRun" : "import.reportDone", {
          rows: report.rows ?? 0,
          valid: report.valid ?? 0,
          created: report.created ?? 0,
          confirmed: report.confirmed ?? 0,
          waitlisted: report.waitlisted ?? 0,
          pending: report.pending ?? 0,
        })}
      </Typography>
      {!!report.organisationsCreated?.length && (
        <Typography>{msgv("import.organisations", { names: report.organisationsCreated.join(", ") })}</Typography>
      )}
      {!!report.errors?.length && (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{msg("import.row")}</TableCell>
              <TableCell>{msg("import.column")}</TableCell>
              <TableCell>{msg("import.problem")}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {report.errors.map((e, i) => (
              <TableRow key={i}>
                <TableCell>{e.row}</TableCell>
                <TableCell>{e.column ?? ""}</TableCell>
                <TableCell>{e.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}

/** The import: a dry run first, whose report says what would happen; then the import of the same file. */
export default function ImportDialog({ event, open, onClose, onImported }) {
  const { msg, msgv } = useMsg();
  const [file, setFile] = useState(null);
  const [options, setOptions] = useState({ partial: false, createOrganisations: false });
  const [checked, setChecked] = useState(null);
  const [report, setReport] = useState(null);
  const [refusal, setRefusal] = useState(null);
  const [busy, setBusy] = useState(false);

  const send = async (dryRun) => {
    setBusy(true);
    setRefusal(null);
    const { ok, body } = await uploadParticipants(event.uuid, file, { ...options, dryRun });
    setBusy(false);
    if (body.rows !== undefined) setReport(body);
    if (!ok) setRefusal([{ message: body.message, field: body.field }]);
    if (dryRun && ok) setChecked({ file, ...options, problems: body.errors?.length ?? 0 });
    if (!dryRun && ok) onImported(body);
  };
  const option = (name) => (
    <FormControlLabel
      control={
        <Checkbox
          name={name}
          checked={options[name]}
          onChange={(e) => {
            setOptions({ ...options, [name]: e.target.checked });
            setChecked(null);
          }}
        />
      }
      label={msg(`import.${name}`)}
    />
  );
  const checkedAsIs =
    checked && checked.file === file && checked.partial === options.partial && checked.createOrganisations === options.createOrganisations;
  // All or nothing with problems found would be refused: correct the file, or import the valid rows (partial).
  const mayImport = checkedAsIs && (options.partial || checked.problems === 0);
  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>{msgv("import.title", { code: event.code })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2">{msg("import.help")}</Typography>
        <input
          type="file"
          name="importFile"
          accept=".csv,.xlsx"
          onChange={(e) => {
            setFile(e.target.files[0] || null);
            setChecked(null);
            setReport(null);
          }}
        />
        <div>
          {option("partial")}
          {option("createOrganisations")}
        </div>
        <Errors errors={refusal} />
        {checkedAsIs && !mayImport && <Typography data-testid="import-hint">{msg("import.fixOrPartial")}</Typography>}
        {report && <Report report={report} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{msg("close")}</Button>
        <Button name="dryRun" variant="outlined" disabled={!file || busy} onClick={() => send(true)}>
          {msg("import.dryRun")}
        </Button>
        <Button name="import" variant="contained" color="primary" disabled={!mayImport || busy} onClick={() => send(false)}>
          {msg("import.import")}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
