import { join } from "node:path";
import { exampleDir } from "./paths";
import { freePort, runCommand, startServer, type RunningServer } from "./processes";

const demoDir = exampleDir("call-demo");
const bin = (name: string) => join(demoDir, "node_modules", ".bin", name);

/**
 * examples/call-demo as it ships: type-checked, `vite build` into `outDir` (absolute; default
 * the example's own dist), and served by `vite preview` on a free port.
 */
export async function serveCallDemo(outDir = join(demoDir, "dist")): Promise<RunningServer> {
  await runCommand(bin("tsc"), ["-p", "."], { cwd: demoDir });
  await runCommand(bin("vite"), ["build", "--logLevel", "warn", "--outDir", outDir, "--emptyOutDir"], {
    cwd: demoDir,
  });
  const port = await freePort();
  return startServer(
    bin("vite"),
    ["preview", "--outDir", outDir, "--port", String(port), "--strictPort", "--host", "127.0.0.1"],
    { cwd: demoDir, url: `http://127.0.0.1:${port}/`, ready: /Local:\s+(http:\/\/\S+)/ },
  );
}
