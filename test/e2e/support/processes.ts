import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/** Output kept per process: enough to explain a failure, never unbounded. */
const OUTPUT_LIMIT = 200_000;

/** A free TCP port on 127.0.0.1, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Env for every child: no telemetry, no update checks, no colours in logs. */
export function quietEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    STORYBOOK_DISABLE_TELEMETRY: "1",
    STORYBOOK_ENABLE_CRASH_REPORTS: "0",
    NO_UPDATE_NOTIFIER: "1",
    CI: "1",
    FORCE_COLOR: "0",
    NO_COLOR: "1",
    BROWSER: "none",
    ...extra,
  };
}

export interface CommandResult {
  readonly output: string;
  readonly durationMs: number;
}

/** Runs a command to completion; rejects with the end of its output if it exits non-zero. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? quietEnv(), detached: true });
    let output = "";
    const append = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
    };
    child.stdout.on("data", append);
    child.stderr.on("data", append);
    const timer = setTimeout(() => {
      killGroup(child, "SIGKILL");
      reject(
        new Error(`${command} ${args.join(" ")} timed out after ${options.timeoutMs} ms:\n${output.slice(-4_000)}`),
      );
    }, options.timeoutMs ?? 300_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ output, durationMs: Date.now() - started });
      else
        reject(
          new Error(
            `${command} ${args.join(" ")} exited with ${code ?? signal} in ${options.cwd}:\n${output.slice(-6_000)}`,
          ),
        );
    });
  });
}

/** A long-running process (a dev or production server) started by {@link startServer}. */
export interface RunningServer {
  /** The URL the server said it listens on (or the one it was asked to). */
  readonly url: string;
  /** Everything it printed so far. */
  output(): string;
  /** Stops the whole process group (a package binary may start children) and waits for it. */
  stop(): Promise<void>;
}

/**
 * Starts a server process in its own process group and waits until its output matches
 * `ready` (the first capture group, when there is one, is taken as its URL).
 */
export function startServer(
  command: string,
  args: readonly string[],
  options: { cwd: string; url: string; ready: RegExp; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunningServer> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? quietEnv(), detached: true });
  let output = "";
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const server: RunningServer = {
    url: options.url,
    output: () => output,
    stop: async () => {
      if (exited) return;
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void server.stop();
      reject(
        new Error(
          `${command} ${args.join(" ")} did not get ready in ${options.timeoutMs ?? 60_000} ms:\n${output.slice(-4_000)}`,
        ),
      );
    }, options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
      const match = options.ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ ...server, url: match[1] ?? options.url });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(" ")} exited before it was ready:\n${output.slice(-4_000)}`));
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
