import React, { useEffect, useState } from "react";
import { useDispatch } from "react-redux";
import { useParams } from "react-router-dom";
import { Helmet, ProgressOrError } from "@openimis/fe-core";
import { Grid, Typography } from "@material-ui/core";
import { ResponsiveContainer, BarChart, Bar, XAxis, YAxis, Tooltip, CartesianGrid, PieChart, Pie, Cell, Legend } from "recharts";
import { RIGHT_PARTICIPANT_SEARCH, RIGHT_PERSONAL_DATA } from "../constants";
import { useMsg } from "../utils/i18n";
import { useRights, has } from "../utils/rights";
import { query, literal } from "../utils/gql";
import { usePageStyles, Section } from "../components/common";
import { countryName } from "../pickers";

const PALETTE = ["#006273", "#4c9aa8", "#f7c46c", "#8cc7a4", "#c0504d", "#9bbb59", "#8064a2", "#4bacc6", "#f79646", "#7f7f7f"];

function Bars({ data, testid, height = 260 }) {
  return (
    <div data-testid={testid} style={{ width: "100%", height }}>
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 10, right: 20, left: 0, bottom: 40 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" angle={-30} textAnchor="end" interval={0} height={60} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar dataKey="count" fill="#006273" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export default function StatisticsPage() {
  const classes = usePageStyles();
  const dispatch = useDispatch();
  const { event_uuid: eventId } = useParams();
  const rights = useRights();
  const { msg, msgv, enumLabel, locale } = useMsg();
  const [stats, setStats] = useState(null);
  const [error, setError] = useState(null);
  const personal = has(rights, RIGHT_PERSONAL_DATA);
  useEffect(() => {
    if (!has(rights, RIGHT_PARTICIPANT_SEARCH)) return;
    query(
      dispatch,
      `{ meetingEventStatistics(eventId: ${literal(eventId)}) { event { code name status } registrations capacity confirmed seatsLeft waitlistLength
          byStatus { key count } byRole { key count } byCountry { key count } byOrganisationType { key count }
          ${personal ? "byGender { key count }" : ""} attendanceByDay { day attended expected rate } } }`,
    )
      .then((d) => setStats(d.meetingEventStatistics))
      .catch((e) => setError({ message: e.message }));
  }, [eventId]);
  if (!has(rights, RIGHT_PARTICIPANT_SEARCH)) return null;
  if (!stats) return <ProgressOrError progress={!error} error={error} />;
  const label = (enumName) => (row) => ({ label: row.key ? enumLabel(enumName, row.key) : msg("stats.notGiven"), count: row.count });
  return (
    <div className={classes.page}>
      <Helmet title={msg("stats.title")} />
      <Section title={msgv("stats.heading", { code: stats.event.code, name: stats.event.name })}>
        <Typography data-testid="stats-numbers">
          {msgv("stats.numbers", {
            registrations: stats.registrations,
            confirmed: stats.confirmed,
            capacity: stats.capacity ?? "∞",
            seatsLeft: stats.seatsLeft ?? "∞",
            waitlist: stats.waitlistLength,
          })}
        </Typography>
      </Section>
      <Grid container>
        <Grid item xs={6}>
          <Section title={msg("stats.byStatus")}>
            <Bars testid="chart-status" data={stats.byStatus.map(label("MeetingParticipantStatusEnum"))} />
          </Section>
        </Grid>
        <Grid item xs={6}>
          <Section title={msg("stats.byRole")}>
            <div data-testid="chart-role" style={{ width: "100%", height: 260 }}>
              <ResponsiveContainer>
                <PieChart>
                  <Pie data={stats.byRole.map(label("MeetingParticipantRoleEnum"))} dataKey="count" nameKey="label" outerRadius={90} isAnimationActive={false}>
                    {stats.byRole.map((_, i) => (
                      <Cell key={i} fill={PALETTE[i % PALETTE.length]} />
                    ))}
                  </Pie>
                  <Legend />
                  <Tooltip />
                </PieChart>
              </ResponsiveContainer>
            </div>
          </Section>
        </Grid>
        <Grid item xs={6}>
          <Section title={msg("stats.byCountry")}>
            <Bars testid="chart-country" data={stats.byCountry.map((r) => ({ label: r.key ? countryName(locale, r.key) : msg("stats.notGiven"), count: r.count }))} />
          </Section>
        </Grid>
        <Grid item xs={6}>
          <Section title={msg("stats.byOrganisationType")}>
            <Bars testid="chart-organisation" data={stats.byOrganisationType.map(label("MeetingOrganisationTypeEnum"))} />
          </Section>
        </Grid>
        <Grid item xs={12}>
          <Section title={msg("stats.attendance")}>
            <div data-testid="chart-attendance" style={{ width: "100%", height: 260 }}>
              <ResponsiveContainer>
                <BarChart data={stats.attendanceByDay} margin={{ top: 10, right: 20, left: 0, bottom: 10 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="day" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  <Bar dataKey="expected" name={msg("stats.expected")} fill="#b7d4d8" isAnimationActive={false} />
                  <Bar dataKey="attended" name={msg("stats.attended")} fill="#006273" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </Section>
        </Grid>
      </Grid>
    </div>
  );
}
