import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
/** Where the suite saves its screenshots (gitignored by test/e2e/.gitignore). */
export const SCREENSHOTS = fileURLToPath(new URL("../screenshots/", import.meta.url));

/** `examples/<name>` as an absolute path. */
export function exampleDir(name: "call-demo" | "nextjs-portal" | "storybook"): string {
  return fileURLToPath(new URL(`../../../examples/${name}/`, import.meta.url));
}

/** The absolute path of a screenshot, creating the folder on first use. */
export function screenshotPath(file: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return `${SCREENSHOTS}${file}`;
}
