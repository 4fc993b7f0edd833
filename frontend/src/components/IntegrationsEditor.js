import React from "react";
import { Table, TableHead, TableRow, TableCell, TableBody, IconButton, Button } from "@material-ui/core";
import DeleteIcon from "@material-ui/icons/Delete";
import { ENUMS } from "../constants";
import { useMsg } from "../utils/i18n";
import { OptionSelect, EnumSelect, Field } from "./common";

export const NEW_INTEGRATION = {
  sourceSystemId: null,
  targetSystemId: null,
  direction: "PUSH",
  standardId: null,
  dataExchanged: "",
  mode: "REAL_TIME",
  evidenceLevel: "CLAIMED",
  conformanceReference: "",
};

/** A showcase's integrations: source → target by a standard, with the evidence reached. */
export default function IntegrationsEditor({ value, onChange, systems, standards, readOnly }) {
  const { msg } = useMsg();
  const update = (i, field, v) => onChange(value.map((row, j) => (i === j ? { ...row, [field]: v } : row)));
  const systemOptions = systems.map((s) => ({ value: s.uuid, label: s.name }));
  const standardOptions = standards.map((s) => ({ value: s.uuid, label: `${s.code} ${s.standardVersion || ""}`.trim() }));
  return (
    <div data-testid="integrations">
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{msg("integration.source")}</TableCell>
            <TableCell>{msg("integration.target")}</TableCell>
            <TableCell>{msg("integration.standard")}</TableCell>
            <TableCell>{msg("integration.direction")}</TableCell>
            <TableCell>{msg("integration.mode")}</TableCell>
            <TableCell>{msg("integration.evidenceLevel")}</TableCell>
            <TableCell>{msg("integration.dataExchanged")}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map((row, i) => (
            <TableRow key={i}>
              <TableCell>
                <OptionSelect name={`integrations.${i}.sourceSystemId`} options={systemOptions} value={row.sourceSystemId} onChange={(v) => update(i, "sourceSystemId", v)} readOnly={readOnly} nullLabel={msg("choose")} />
              </TableCell>
              <TableCell>
                <OptionSelect name={`integrations.${i}.targetSystemId`} options={systemOptions} value={row.targetSystemId} onChange={(v) => update(i, "targetSystemId", v)} readOnly={readOnly} nullLabel={msg("choose")} />
              </TableCell>
              <TableCell>
                <OptionSelect name={`integrations.${i}.standardId`} options={standardOptions} value={row.standardId} onChange={(v) => update(i, "standardId", v)} readOnly={readOnly} nullLabel={msg("choose")} />
              </TableCell>
              <TableCell>
                <EnumSelect name={`integrations.${i}.direction`} enumName="MeetingDirectionEnum" values={ENUMS.MeetingDirectionEnum} value={row.direction} onChange={(v) => update(i, "direction", v)} readOnly={readOnly} withNull={false} />
              </TableCell>
              <TableCell>
                <EnumSelect name={`integrations.${i}.mode`} enumName="MeetingExchangeModeEnum" values={ENUMS.MeetingExchangeModeEnum} value={row.mode} onChange={(v) => update(i, "mode", v)} readOnly={readOnly} withNull={false} />
              </TableCell>
              <TableCell>
                <EnumSelect
                  name={`integrations.${i}.evidenceLevel`}
                  enumName="MeetingEvidenceLevelEnum"
                  values={ENUMS.MeetingEvidenceLevelEnum}
                  value={row.evidenceLevel}
                  onChange={(v) => update(i, "evidenceLevel", v)}
                  readOnly={readOnly}
                  withNull={false}
                />
              </TableCell>
              <TableCell>
                <Field name={`integrations.${i}.dataExchanged`} value={row.dataExchanged} onChange={(v) => update(i, "dataExchanged", v)} readOnly={readOnly} />
              </TableCell>
              <TableCell>
                {!readOnly && (
                  <IconButton size="small" aria-label={msg("integration.remove")} onClick={() => onChange(value.filter((_, j) => j !== i))}>
                    <DeleteIcon />
                  </IconButton>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {!readOnly && (
        <Button name="addIntegration" onClick={() => onChange([...value, { ...NEW_INTEGRATION }])}>
          {msg("integration.add")}
        </Button>
      )}
    </div>
  );
}
