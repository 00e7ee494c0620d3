// @vitest-environment node
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repo, repositoryFiles } from "../support/repositoryFiles";

// The commands and install lines a newcomer copies from the docs must run as written: on a
// fresh machine with Node and npm only (no global pnpm), against packages that are not on
// the npm registry yet.

interface Manifest {
  name?: string;
  packageManager?: string;
  scripts?: Record<string, string>;
}

const readManifest = (file: string): Manifest => JSON.parse(readFileSync(join(repo, file), "utf8")) as Manifest;
const root = readManifest("package.json");
const pinnedPnpm = root.packageManager ?? "";
const scriptsByPackage = new Map(
  repositoryFiles((name) => name === "package.json")
    .map(readManifest)
    .map((manifest) => [manifest.name ?? "", new Set(Object.keys(manifest.scripts ?? {}))]),
);
const rootScripts = new Set(Object.keys(root.scripts ?? {}));

/** pnpm's own commands the docs use. */
const PNPM_COMMANDS = new Set(["install", "install-test", "exec", "run", "pack"]);
/**
 * Names pnpm hands to npm instead of running a script of that name (`pnpm docs` opens a web
 * page): a script with one of these names needs `pnpm run`.
 */
const NPM_COMMANDS = new Set(["docs", "home", "repo", "bugs", "view", "search", "version", "login", "publish"]);

/**
 * Text another change owns, each with the bare command it still has. An entry must keep
 * failing: once fixed, the test asks to remove it.
 */
const OWNED_ELSEWHERE: { file: string; section?: string; still: string }[] = [];

const markdownFiles = repositoryFiles((name) => name.endsWith(".md"));

/** The file's text, less any section another change owns. */
function ownedText(file: string): string {
  let text = readFileSync(join(repo, file), "utf8");
  for (const owned of OWNED_ELSEWHERE) {
    if (owned.file !== file) continue;
    if (!owned.section) return "";
    const start = text.indexOf(`\n${owned.section}\n`);
    if (start === -1) continue;
    const next = text.indexOf("\n## ", start + owned.section.length + 2);
    text = text.slice(0, start) + (next === -1 ? "" : text.slice(next));
  }
  return text;
}

/** Code as a reader copies it: inline code spans and the lines of fenced code blocks. */
function codeOf(text: string): string[] {
  const blocks = [...text.matchAll(/^(```|~~~)[^\n]*\n([\s\S]*?)^\1/gm)].flatMap((match) => match[2]!.split("\n"));
  const prose = text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
  const spans = [...prose.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!);
  return [...blocks, ...spans];
}

describe("commands in the docs", () => {
  it("read every Markdown file", () => {
    expect(markdownFiles).toEqual(
      expect.arrayContaining(["README.md", "docs/getting-started.md", "test/e2e/README.md"]),
    );
  });

  it("call pnpm as `npx -y <packageManager>`, never a global `pnpm`", () => {
    expect(pinnedPnpm).toMatch(/^pnpm@\d+\.\d+\.\d+$/);
    const problems = markdownFiles.flatMap((file) =>
      codeOf(ownedText(file))
        .filter((code) => /(^|[;&|(]\s*)pnpm\s/.test(code.trim()))
        .map((code) => `${file}: ${code.trim()}`),
    );
    expect(problems).toEqual([]);
  });

  it("pin the pnpm of package.json's packageManager", () => {
    const versions = markdownFiles.flatMap((file) =>
      [...ownedText(file).matchAll(/pnpm@[\w.-]+/g)].map((match) => `${file}: ${match[0]}`),
    );
    expect(versions.length).toBeGreaterThan(5);
    expect(versions.filter((version) => !version.endsWith(`: ${pinnedPnpm}`))).toEqual([]);
  });

  it("name a pnpm command or a script of the package they run in, with `run` where npm would take the name", () => {
    const problems: string[] = [];
    for (const file of markdownFiles) {
      for (const match of ownedText(file).matchAll(/npx -y pnpm@[\w.-]+((?:\s+[^\s`;&|)#]+)+)/g)) {
        const words = match[1]!.trim().split(/\s+/);
        let scripts = rootScripts;
        if (words[0] === "--filter") {
          scripts = scriptsByPackage.get(words[1]!) ?? new Set();
          if (!scriptsByPackage.has(words[1]!)) problems.push(`${file}: no workspace package ${words[1]}`);
          words.splice(0, 2);
        }
        const [command, script] = words;
        if (command === "run") {
          if (!script || !scripts.has(script)) problems.push(`${file}: pnpm run ${script}: no such script`);
        } else if (command === undefined || command.startsWith("<")) {
          continue;
        } else if (NPM_COMMANDS.has(command)) {
          problems.push(`${file}: \`pnpm ${command}\` runs npm's ${command}, not the script: write \`run ${command}\``);
        } else if (!PNPM_COMMANDS.has(command) && !scripts.has(command)) {
          problems.push(`${file}: ${command} is no pnpm command and no script`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(OWNED_ELSEWHERE.map((owned) => [`${owned.file} ${owned.section ?? ""}`.trim(), owned] as const))(
    "%s is still listed as owned elsewhere for a reason",
    (_name, owned) => {
      const text = readFileSync(join(repo, owned.file), "utf8");
      const section = owned.section ? (text.split(`\n${owned.section}\n`)[1]?.split("\n## ")[0] ?? "") : text;
      expect(section, `${owned.file} is fixed: remove it from OWNED_ELSEWHERE`).toContain(owned.still);
    },
  );
});

describe("install instructions", () => {
  it("give a registry install of our packages only as what works once they are published", () => {
    const problems: string[] = [];
    for (const file of markdownFiles) {
      const lines = readFileSync(join(repo, file), "utf8").split("\n");
      lines.forEach((line, index) => {
        if (!/\b(npm (install|i|add)|pnpm add|yarn add)\b[^\n]*@agora-cloud-proxy\//.test(line)) return;
        const before = lines.slice(Math.max(0, index - 12), index).join("\n");
        if (!/once\s+published/i.test(before)) problems.push(`${file}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(problems).toEqual([]);
  });

  it("link no npm registry page of our packages (there is none yet)", () => {
    const links = markdownFiles.filter((file) =>
      /npmjs\.com\/package\/@agora-cloud-proxy/.test(readFileSync(join(repo, file), "utf8")),
    );
    expect(links).toEqual([]);
  });

  it("say how to use the packages today: as workspace packages or packed tarballs installed by path", () => {
    const install = readFileSync(join(repo, "docs/getting-started.md"), "utf8").split("\n## Install\n")[1] ?? "";
    expect(install).toContain('"@agora-cloud-proxy/react": "workspace:*"');
    expect(install).toMatch(/npx -y pnpm@[\d.]+ pack --pack-destination/);
    expect(install).toMatch(/npm install \S+agora-cloud-proxy-core-[\d.]+\.tgz \S+agora-cloud-proxy-react-[\d.]+\.tgz/);
  });
});
