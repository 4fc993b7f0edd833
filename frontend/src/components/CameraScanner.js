import React, { useEffect, useRef, useState } from "react";
import { BrowserQRCodeReader } from "@zxing/browser";
import { useMsg } from "../utils/i18n";

/** The device camera, read by ZXing; each badge code found is passed to onCode (the same code at most every 3 s). */
export default function CameraScanner({ onCode }) {
  const { msg } = useMsg();
  const video = useRef(null);
  const last = useRef({ code: null, at: 0 });
  const [error, setError] = useState(null);
  useEffect(() => {
    const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 150 });
    let controls = null;
    let stopped = false;
    reader
      .decodeFromVideoDevice(undefined, video.current, (result) => {
        if (!result) return;
        const code = result.getText();
        const now = Date.now();
        if (code === last.current.code && now - last.current.at < 3000) return;
        last.current = { code, at: now };
        onCode(code);
      })
      .then((c) => {
        controls = c;
        if (stopped) c.stop();
      })
      .catch((e) => setError(e?.message || String(e)));
    return () => {
      stopped = true;
      if (controls) controls.stop();
    };
  }, []);
  return (
    <div>
      <video ref={video} data-testid="camera" style={{ width: 320, maxWidth: "100%", background: "#000" }} muted playsInline />
      {error && <div role="alert">{`${msg("checkIn.cameraError")}: ${error}`}</div>}
    </div>
  );
}
