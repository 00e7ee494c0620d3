import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import "./app.css";

const root = document.getElementById("root");
if (!root) throw new Error('index.html has no <div id="root">; the demo has nowhere to render.');

// StrictMode on purpose: in `vite dev` React mounts, unmounts and mounts again, and the
// timeline shows that the SDK still sees one startProxyServer().
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
