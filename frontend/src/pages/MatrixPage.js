import React, { useEffect, useState } from "react";
import { useDispatch } from "react-redux";
import { Helmet, ProgressOrError } from "@openimis/fe-core";
import { Grid, Table, TableHead, TableRow, TableCell, TableBody, Tooltip } from "@material-ui/core";
import { ENUMS, EVIDENCE_COLOURS, RIGHT_SHOWCASE_SEARCH } from "../constants";
import { useMsg } from "../utils/i18n";
import { useRights, has } from "../utils/rights";
import { query, args, enumValue } from "../utils/gql";
import { pairGrid, standardGrid, atLeast } from "../utils/matrix";
import { usePageStyles, Section, EnumSelect, OptionSelect, useOptions, edgesOf } from "../components/common";
import { EventPicker, CountryPicker } from "../pickers";

const SYSTEM = "uuid name systemType country";
const MATRIX_FIELDS = `pairs { systemA { ${SYSTEM} } systemB { ${SYSTEM} } standards { code } directions bestEvidenceLevel showcaseCount }
  bySystemStandard { system { ${SYSTEM} } standard { uuid code name } bestEvidenceLevel showcaseCount }`;

export function matrixQuery(filters) {
  return `{ meetingInteroperabilityMatrix${args({
    eventId: filters.eventId,
    country: filters.country,
    standardId: filters.standardId,
    useCase: filters.useCase && enumValue(filters.useCase),
  })} { ${MATRIX_FIELDS} } }`;
}

function Cell({ entry, minimum, title }) {
  const { msg, enumLabel } = useMsg();
  if (!entry || !atLeast(entry.bestEvidenceLevel, minimum)) return <TableCell data-cell="empty" />;
  const label = `${title}: ${enumLabel("MeetingEvidenceLevelEnum", entry.bestEvidenceLevel)} · ${entry.showcaseCount} ${msg("matrix.showcases")}`;
  return (
    <Tooltip title={label}>
      <TableCell
        data-cell={entry.bestEvidenceLevel}
        aria-label={label}
        style={{ background: EVIDENCE_COLOURS[entry.bestEvidenceLevel], textAlign: "center", border: "1px solid #fff" }}
      >
        {entry.showcaseCount}
        {entry.standards ? ` · ${entry.standards.map((s) => s.code).join(", ")}` : ""}
      </TableCell>
    </Tooltip>
  );
}

function Grid2({ grid, minimum, columnLabel, testid }) {
  return (
    <div style={{ overflowX: "auto" }}>
      <Table size="small" data-testid={testid}>
        <TableHead>
          <TableRow>
            <TableCell />
            {grid.columns.map((c) => (
              <TableCell key={c.uuid} style={{ writingMode: "vertical-rl", whiteSpace: "nowrap" }}>
                {columnLabel(c)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {grid.rows.map((r) => (
            <TableRow key={r.uuid}>
              <TableCell component="th" style={{ whiteSpace: "nowrap" }}>
                {r.name}
              </TableCell>
              {grid.columns.map((c) => (
                <Cell key={c.uuid} entry={grid.cell(r, c)} minimum={minimum} title={`${r.name} × ${columnLabel(c)}`} />
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

export function Legend() {
  const { enumLabel } = useMsg();
  return (
    <div data-testid="legend" style={{ display: "flex", gap: 12, padding: 8 }}>
      {ENUMS.MeetingEvidenceLevelEnum.map((level) => (
        <span key={level}>
          <span style={{ display: "inline-block", width: 14, height: 14, background: EVIDENCE_COLOURS[level], marginRight: 4 }} />
          {enumLabel("MeetingEvidenceLevelEnum", level)}
        </span>
      ))}
    </div>
  );
}

export default function MatrixPage() {
  const classes = usePageStyles();
  const dispatch = useDispatch();
  const rights = useRights();
  const { msg } = useMsg();
  const [filters, setFilters] = useState({ eventId: null, country: null, standardId: null, useCase: null, minimum: null });
  const [matrix, setMatrix] = useState(null);
  const [error, setError] = useState(null);
  const standards = useOptions(`{ meetingStandards(first: 100) { edges { node { uuid code } } } }`, (data) =>
    edgesOf(data.meetingStandards).map((s) => ({ value: s.uuid, label: s.code })),
  );
  useEffect(() => {
    if (!has(rights, RIGHT_SHOWCASE_SEARCH)) return;
    setMatrix(null);
    setError(null);
    query(dispatch, matrixQuery(filters))
      .then((data) => setMatrix(data.meetingInteroperabilityMatrix))
      .catch((e) => setError({ message: e.message }));
  }, [filters.eventId, filters.country, filters.standardId, filters.useCase]);
  if (!has(rights, RIGHT_SHOWCASE_SEARCH)) return null;
  const set = (f) => (v) => setFilters({ ...filters, [f]: v });
  return (
    <div className={classes.page}>
      <Helmet title={msg("matrix.title")} />
      <Section title={msg("matrix.title")}>
        <Grid container spacing={2}>
          <Grid item xs={3}>
            <EventPicker name="matrixEvent" value={filters.eventId} onChange={set("eventId")} label={msg("matrix.allEvents")} />
          </Grid>
          <Grid item xs={3}>
            <CountryPicker name="matrixCountry" value={filters.country} onChange={set("country")} />
          </Grid>
          <Grid item xs={2}>
            <OptionSelect name="matrixStandard" label={msg("integration.standard")} options={standards} value={filters.standardId} onChange={set("standardId")} />
          </Grid>
          <Grid item xs={2}>
            <EnumSelect name="matrixUseCase" label={msg("field.useCases")} enumName="MeetingUseCaseEnum" values={ENUMS.MeetingUseCaseEnum} value={filters.useCase} onChange={set("useCase")} />
          </Grid>
          <Grid item xs={2}>
            <EnumSelect name="matrixMinimum" label={msg("matrix.minimum")} enumName="MeetingEvidenceLevelEnum" values={ENUMS.MeetingEvidenceLevelEnum} value={filters.minimum} onChange={set("minimum")} />
          </Grid>
        </Grid>
        <Legend />
      </Section>
      {!matrix ? (
        <ProgressOrError progress={!error} error={error} />
      ) : (
        <>
          <Section title={msg("matrix.systems")}>
            {matrix.pairs.length ? (
              <Grid2 grid={pairGrid(matrix.pairs)} minimum={filters.minimum} columnLabel={(c) => c.name} testid="matrix-systems" />
            ) : (
              <p data-testid="matrix-empty">{msg("matrix.empty")}</p>
            )}
          </Section>
          <Section title={msg("matrix.standards")}>
            <Grid2 grid={standardGrid(matrix.bySystemStandard)} minimum={filters.minimum} columnLabel={(c) => c.code} testid="matrix-standards" />
          </Section>
        </>
      )}
    </div>
  );
}
