import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const repo = fileURLToPath(new URL("../..", import.meta.url));

/** Folders never read: installed, built or generated. */
const SKIPPED_FOLDERS = new Set([
  ".git",
  "node_modules",
  "dist",
  "storybook-static",
  ".next",
  "coverage",
  "screenshots",
]);
/** Files and folders (from the root) never read: generated, or data rather than text a reader follows. */
const SKIPPED_PATHS = new Set(["pnpm-lock.yaml", "docs/api"]);

/** The repository's files (paths from the root) whose names pass `keep`, as a fresh clone has them. */
export function repositoryFiles(keep: (name: string) => boolean, dir = repo): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    const name = relative(repo, path);
    if (SKIPPED_FOLDERS.has(entry.name) || SKIPPED_PATHS.has(name)) return [];
    if (entry.isDirectory()) return repositoryFiles(keep, path);
    return keep(entry.name) ? [name] : [];
  });
}
