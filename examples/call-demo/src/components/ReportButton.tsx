import {
  createCloudProxyReport,
  useCloudProxyDiagnostics,
  type CloudProxyPreflightResult,
  type CloudProxyState,
} from "@agora-cloud-proxy/react";

interface ReportButtonProps {
  /** The call's session state (CallPanel reads it already). */
  status: CloudProxyState;
  /** The last network test, if one ran. */
  preflight: CloudProxyPreflightResult | null;
  sdkVersion: string;
}

/**
 * "Download report for IT": the call's session (state, attempts, history) and the last network
 * test as a plain-text report, saved as a file. The report never holds the App ID, the token
 * or the channel name: the session never keeps them.
 */
export function ReportButton({ status, preflight, sdkVersion }: ReportButtonProps) {
  const { history } = useCloudProxyDiagnostics();
  return (
    <button
      type="button"
      className="button secondary"
      onClick={() => {
        const { json, text } = createCloudProxyReport({ session: { state: status, history }, preflight, sdkVersion });
        const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
        const link = document.createElement("a");
        link.href = url;
        link.download = `agora-cloud-proxy-report-${json.createdAt.replace(/[:.]/g, "-")}.txt`;
        link.click();
        // After the click has started the download: the browser has read the URL by then.
        setTimeout(() => URL.revokeObjectURL(url), 1_000);
      }}
    >
      Download report for IT
    </button>
  );
}
