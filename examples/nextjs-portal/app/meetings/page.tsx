import type { Metadata } from "next";
import Link from "next/link";
import { MEETINGS } from "../../lib/meetings";

export const metadata: Metadata = { title: "Meetings" };

export default function MeetingsPage() {
  return (
    <>
      <h1>Meetings</h1>
      <p className="lede">Every room joins Agora through the cloud proxy the network policy sets.</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Meeting</th>
            <th scope="col">When</th>
            <th scope="col">Host</th>
            <th scope="col">Attendees</th>
          </tr>
        </thead>
        <tbody>
          {MEETINGS.map((meeting) => (
            <tr key={meeting.id}>
              <td>
                <Link href={`/meetings/${meeting.id}`}>{meeting.title}</Link>
              </td>
              <td>{meeting.when}</td>
              <td>{meeting.host}</td>
              <td>{meeting.attendees}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
