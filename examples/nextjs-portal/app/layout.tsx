import type { Metadata } from "next";
import type { ReactNode } from "react";
import { NavLinks } from "../components/NavLinks";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Northwind Portal", template: "%s · Northwind Portal" },
  description:
    "An enterprise portal whose meetings run Agora calls through the cloud proxy, ordered by @agora-cloud-proxy/react.",
};

/** Server-rendered shell: top bar, navigation and footer. No call code runs here. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <div className="topbar-inner">
            <a className="logo" href="/">
              <span className="logo-mark" aria-hidden="true">
                N
              </span>
              Northwind Portal
            </a>
            <NavLinks
              links={[
                { href: "/", label: "Overview" },
                { href: "/meetings", label: "Meetings" },
                { href: "/network", label: "Network policy" },
              ]}
            />
            <span className="user" aria-label="Signed in as Alex Moreno">
              <span className="avatar" aria-hidden="true">
                AM
              </span>
              Alex Moreno
            </span>
          </div>
        </header>
        <main className="page">{children}</main>
        <footer className="footer">
          Northwind Portal · an example of <code>@agora-cloud-proxy/react</code> on the Next.js App Router
        </footer>
      </body>
    </html>
  );
}
