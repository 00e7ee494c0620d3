// @vitest-environment node
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { anchorsOf, brokenReferences, isCheckedTextFile } from "../packaging/fileReferences.mjs";
import { repo, repositoryFiles } from "../support/repositoryFiles";

// Every doc, README and source file may refer only to files in the repository, and only to
// ones that exist: a newcomer who follows a reference must find the file (and the heading).
// The packed tarballs get the same check in test/packaging/run.mjs.

/** The checker and this test name the forbidden paths as data. */
const SELF = new Set([
  "test/packaging/fileReferences.mjs",
  "test/packaging/fileReferences.d.mts",
  "test/node/fileReferences.test.ts",
]);

/**
 * Files with a broken reference that another change owns, each with what it still cites.
 * An entry must keep failing: once its file is fixed, the test below asks to remove it.
 */
const OWNED_ELSEWHERE: Record<string, string> = {};

/** The package a file belongs to (packages/core/src/x.ts -> packages/core), for `src/...` paths. */
function packageRoot(file: string): string | null {
  const match = /^(packages|examples)\/[^/]+/.exec(file);
  return match ? join(repo, match[0]) : null;
}

/** Each package's folder and its src/: docs name files from there (`session/planNextStep.ts`). */
const packageFolders = readdirSync(join(repo, "packages")).flatMap((name) => [
  join(repo, "packages", name),
  join(repo, "packages", name, "src"),
]);

function problemsOf(file: string): string[] {
  const packageDir = packageRoot(file);
  return brokenReferences({
    text: readFileSync(join(repo, file), "utf8"),
    name: file,
    markdown: file.endsWith(".md"),
    relativeBases: [dirname(join(repo, file))],
    rootBases: [...(packageDir ? [packageDir] : []), repo, ...packageFolders],
  });
}

describe("references to files, across the repository", () => {
  const files = repositoryFiles(isCheckedTextFile).filter((file) => !SELF.has(file));

  it("reads the docs, every README and the sources", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "README.md",
        "docs/getting-started.md",
        "docs/architecture.md",
        "packages/core/README.md",
        "packages/react/README.md",
        "packages/testing/README.md",
        "examples/call-demo/README.md",
        "test/e2e/README.md",
        "packages/core/src/index.ts",
        "packages/react/src/index.ts",
      ]),
    );
  });

  it("cite no file outside the repository and no path that does not exist", () => {
    const problems = files.filter((file) => !(file in OWNED_ELSEWHERE)).flatMap(problemsOf);
    expect(problems).toEqual([]);
  });

  it.each(Object.entries(OWNED_ELSEWHERE))("%s is still listed as owned elsewhere for a reason", (file, cites) => {
    expect(problemsOf(file).join("\n"), `${file} is fixed: remove it from OWNED_ELSEWHERE`).toContain(cites);
  });
});

describe("the reference checker", () => {
  const check = (text: string, markdown = true) =>
    brokenReferences({ text, name: "doc.md", markdown, relativeBases: [join(repo, "docs")], rootBases: [repo] });

  it("flags DESIGN.md and ../shared wherever they appear", () => {
    expect(check("See DESIGN.md section 1.\n")).toEqual([
      expect.stringContaining("DESIGN.md is not in the repository"),
    ]);
    expect(check("// from ../shared/rules\n", false)).toEqual([
      expect.stringContaining("../shared is outside the repository"),
    ]);
  });

  it("flags a link, a relative path or a repository path that does not exist, with its line", () => {
    expect(check("[a](./missing.md)\n")).toEqual(["doc.md:1: ./missing.md does not exist"]);
    expect(check("\nsee `../test/support/nothing.ts`\n")).toEqual([
      "doc.md:2: ../test/support/nothing.ts does not exist",
    ]);
    expect(check("in `test/nowhere/` today\n")).toEqual(["doc.md:1: test/nowhere/ does not exist"]);
  });

  it("flags a link to a heading that does not exist", () => {
    expect(check("[a](./lifecycle.md#owners) [b](./lifecycle.md#no-such-heading)\n")).toEqual([
      "doc.md:1: ./lifecycle.md#no-such-heading: no such heading in ./lifecycle.md",
    ]);
  });

  it("accepts existing files, URLs, generated output, and paths in fenced code (app code)", () => {
    expect(
      check(
        "[a](./lifecycle.md) [b](https://example.com/x.md) `test/e2e/README.md` `docs/api/index.html` `dist/index.js`\n" +
          "```ts\nimport { App } from './src/App.tsx';\n```\n",
      ),
    ).toEqual([]);
  });

  it("computes GitHub's heading anchors", () => {
    expect([
      ...anchorsOf("# The SDK's rules\n## `CloudProxyOwner` for other frameworks\n## Notes\n## Notes\n"),
    ]).toEqual(["the-sdks-rules", "cloudproxyowner-for-other-frameworks", "notes", "notes-1"]);
  });
});
