import { useEffect, useRef, useState } from "react";

type Devices = "checking" | "none" | "available" | "unsupported";

/**
 * A local camera/microphone preview, offered only when the browser reports real devices.
 * It uses `getUserMedia` directly and publishes nothing: it shows that devices work while the
 * proxy and the join are sorted out.
 */
export function LocalPreview() {
  const [devices, setDevices] = useState<Devices>("checking");
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    let active = true;
    const mediaDevices = navigator.mediaDevices as MediaDevices | undefined;
    if (!mediaDevices?.enumerateDevices) {
      setDevices("unsupported");
      return;
    }
    mediaDevices.enumerateDevices().then(
      (list) => {
        if (active)
          setDevices(list.some((d) => d.kind === "videoinput" || d.kind === "audioinput") ? "available" : "none");
      },
      () => {
        if (active) setDevices("none");
      },
    );
    return () => {
      active = false;
    };
  }, []);

  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
    return () => stream?.getTracks().forEach((track) => track.stop());
  }, [stream]);

  const start = () => {
    setError(null);
    navigator.mediaDevices.getUserMedia({ video: true, audio: true }).then(setStream, (cause: unknown) => {
      setError(cause instanceof Error ? `${cause.name}: ${cause.message}` : "The browser refused the devices.");
    });
  };

  return (
    <section className="preview" aria-label="Local preview">
      {stream ? (
        <video ref={video} className="preview-video" autoPlay muted playsInline />
      ) : (
        <div className="preview-placeholder" data-testid="preview-state" data-devices={devices}>
          <svg viewBox="0 0 24 24" aria-hidden="true" className="preview-icon">
            <path d="M4 7h10a2 2 0 0 1 2 2v1.5l4-2.5v8l-4-2.5V15a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2z" />
          </svg>
          {devices === "available" ? (
            <button type="button" className="button secondary" onClick={start}>
              Start camera preview
            </button>
          ) : (
            <p>
              {devices === "checking"
                ? "Looking for a camera or microphone…"
                : "No camera or microphone found: local preview is off."}
            </p>
          )}
          {error ? <p className="preview-error">{error}</p> : null}
        </div>
      )}
      {stream ? (
        <button type="button" className="button secondary preview-stop" onClick={() => setStream(null)}>
          Stop preview
        </button>
      ) : null}
      <p className="preview-caption">Local preview · not published</p>
    </section>
  );
}
