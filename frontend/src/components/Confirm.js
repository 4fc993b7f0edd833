import React, { useState } from "react";
import { ConfirmDialog } from "@openimis/fe-core";

/** fe-core's confirmation dialog, for one pending action at a time: ask(title, message, action). */
export function useConfirm() {
  const [pending, setPending] = useState(null);
  const ask = (title, message, action) => setPending({ title, message, action });
  const dialog = (
    <ConfirmDialog
      confirm={pending ? { title: pending.title, message: pending.message } : null}
      onConfirm={(ok) => {
        const action = pending?.action;
        setPending(null);
        if (ok && action) action();
      }}
    />
  );
  return { ask, dialog };
}
