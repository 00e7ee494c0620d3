import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MeetingRoom } from "../../../components/MeetingRoom";
import { findMeeting, MEETINGS } from "../../../lib/meetings";
import { PROXY_MODE_LABEL, readPortalCallConfig } from "../../../lib/portalConfig";

interface MeetingPageProps {
  params: Promise<{ meetingId: string }>;
}

// Every meeting room is prerendered at build time: the server renders the page and the
// provider's fallback; the SDK (or the simulated client) only loads in the browser.
export const dynamicParams = false;

export function generateStaticParams(): { meetingId: string }[] {
  return MEETINGS.map((meeting) => ({ meetingId: meeting.id }));
}

export async function generateMetadata({ params }: MeetingPageProps): Promise<Metadata> {
  const meeting = findMeeting((await params).meetingId);
  return { title: meeting?.title ?? "Meeting" };
}

export default async function MeetingPage({ params }: MeetingPageProps) {
  const meeting = findMeeting((await params).meetingId);
  if (!meeting) notFound();
  // Server configuration, read here on the server and handed to the client component as props.
  const { proxyMode, appId } = readPortalCallConfig();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link href="/meetings">Meetings</Link> / <span>{meeting.title}</span>
      </nav>
      <div className="meeting-header">
        <div>
          <h1>{meeting.title}</h1>
          <p className="lede">
            {meeting.when} · hosted by {meeting.host} · channel <code>{meeting.channel}</code>
          </p>
        </div>
        <span className="policy-chip" data-testid="meeting-policy">
          {PROXY_MODE_LABEL[proxyMode]}
        </span>
      </div>
      <MeetingRoom channel={meeting.channel} proxyMode={proxyMode} appId={appId} />
    </>
  );
}
