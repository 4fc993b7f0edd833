import React, { useState } from "react";
import { Dialog, DialogTitle, DialogContent, DialogActions, Button, Grid } from "@material-ui/core";
import { ENUMS } from "../constants";
import { useMsg } from "../utils/i18n";
import { enumValue } from "../utils/gql";
import { Field, EnumSelect, OptionSelect, wallClock } from "./common";

const SCORES = ["relevance", "depth", "reusability", "countryImpact"];
const SCORE_OPTIONS = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));

function Frame({ title, open, onClose, onSubmit, submitName, submitLabel, children, valid = true }) {
  const { msg } = useMsg();
  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>{children}</DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{msg("cancel")}</Button>
        <Button name={submitName} color="primary" variant="contained" disabled={!valid} onClick={onSubmit}>
          {submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** reviewMeetingShowcase: four scores from 1 to 5, a recommendation and a comment. */
export function ReviewDialog({ open, onClose, onSubmit }) {
  const { msg } = useMsg();
  const [review, setReview] = useState({ relevance: null, depth: null, reusability: null, countryImpact: null, recommendation: "ACCEPT", comment: "" });
  const set = (f) => (v) => setReview({ ...review, [f]: v });
  const valid = SCORES.every((s) => review[s]);
  return (
    <Frame
      title={msg("showcase.review")}
      open={open}
      onClose={onClose}
      valid={valid}
      submitName="submitReview"
      submitLabel={msg("showcase.sendReview")}
      onSubmit={() =>
        onSubmit({
          ...Object.fromEntries(SCORES.map((s) => [s, Number(review[s])])),
          recommendation: enumValue(review.recommendation),
          comment: review.comment,
        })
      }
    >
      <Grid container spacing={2}>
        {SCORES.map((s) => (
          <Grid item xs={3} key={s}>
            <OptionSelect name={s} label={msg(`review.${s}`)} options={SCORE_OPTIONS} value={review[s]} onChange={set(s)} nullLabel="–" />
          </Grid>
        ))}
        <Grid item xs={12}>
          <EnumSelect
            name="recommendation"
            label={msg("review.recommendation")}
            enumName="MeetingRecommendationEnum"
            values={ENUMS.MeetingRecommendationEnum}
            value={review.recommendation}
            onChange={set("recommendation")}
            withNull={false}
          />
        </Grid>
        <Grid item xs={12}>
          <Field name="comment" label={msg("review.comment")} value={review.comment} onChange={set("comment")} multiline />
        </Grid>
      </Grid>
    </Frame>
  );
}

/** decideMeetingShowcase: the decision, with a note unless accepted. */
export function DecideDialog({ open, onClose, onSubmit }) {
  const { msg } = useMsg();
  const [decision, setDecision] = useState("ACCEPTED");
  const [note, setNote] = useState("");
  return (
    <Frame
      title={msg("showcase.decide")}
      open={open}
      onClose={onClose}
      valid={decision === "ACCEPTED" || !!note.trim()}
      submitName="submitDecision"
      submitLabel={msg("showcase.sendDecision")}
      onSubmit={() => onSubmit({ decision: enumValue(decision), note })}
    >
      <EnumSelect
        name="decision"
        label={msg("showcase.decision")}
        enumName="MeetingShowcaseDecisionEnum"
        values={ENUMS.MeetingShowcaseDecisionEnum}
        value={decision}
        onChange={setDecision}
        withNull={false}
      />
      <Field name="note" label={msg("field.decisionNote")} value={note} onChange={setNote} multiline />
    </Frame>
  );
}

/** scheduleMeetingShowcase: a slot within the event, in the event's time zone. */
export function ScheduleDialog({ open, onClose, onSubmit, showcase }) {
  const { msg, msgv } = useMsg();
  const [startsAt, setStartsAt] = useState(wallClock(showcase.startsAt || showcase.event?.startsAt));
  const [endsAt, setEndsAt] = useState(wallClock(showcase.endsAt));
  return (
    <Frame
      title={msg("showcase.schedule")}
      open={open}
      onClose={onClose}
      valid={!!startsAt && !!endsAt}
      submitName="submitSchedule"
      submitLabel={msg("showcase.schedule")}
      onSubmit={() => onSubmit({ startsAt: `${startsAt}:00`, endsAt: `${endsAt}:00` })}
    >
      <p>{msgv("showcase.scheduleZone", { zone: showcase.event?.timezone || "" })}</p>
      <Grid container spacing={2}>
        <Grid item xs={6}>
          <Field name="slotStartsAt" type="datetime-local" label={msg("field.startsAt")} value={startsAt} onChange={setStartsAt} />
        </Grid>
        <Grid item xs={6}>
          <Field name="slotEndsAt" type="datetime-local" label={msg("field.endsAt")} value={endsAt} onChange={setEndsAt} />
        </Grid>
      </Grid>
    </Frame>
  );
}
