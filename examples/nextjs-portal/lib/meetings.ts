/** A meeting on the portal's calendar. */
export interface Meeting {
  readonly id: string;
  readonly title: string;
  /** The Agora channel the meeting runs in. */
  readonly channel: string;
  readonly when: string;
  readonly host: string;
  readonly attendees: number;
}

/** The portal's calendar (static data: the example is about the call, not the calendar). */
export const MEETINGS: readonly Meeting[] = [
  {
    id: "weekly-support-sync",
    title: "Weekly support sync",
    channel: "support-sync",
    when: "Today · 10:00–10:30",
    host: "Dana Whitfield",
    attendees: 8,
  },
  {
    id: "incident-review",
    title: "Incident review: EU gateway",
    channel: "incident-review",
    when: "Today · 14:00–15:00",
    host: "Samir Haddad",
    attendees: 12,
  },
  {
    id: "quarterly-planning",
    title: "Quarterly planning",
    channel: "q3-planning",
    when: "Thursday · 09:00–11:00",
    host: "Lena Fischer",
    attendees: 24,
  },
];

export function findMeeting(id: string): Meeting | undefined {
  return MEETINGS.find((meeting) => meeting.id === id);
}
