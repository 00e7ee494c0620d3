// Finds references to files that a reader of the text cannot open: a file outside the
// repository (DESIGN.md, ../shared), or a repository path that does not exist. Used on the
// packed tarballs (test/packaging/run.mjs) and on the repository's docs, READMEs and sources
// (test/node/fileReferences.test.ts).
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

/** Names that are never in the repository, whatever the text around them. */
export const FORBIDDEN = [
  {
    pattern: /\bDESIGN\.md\b/g,
    message: "DESIGN.md is not in the repository (the architecture is docs/architecture.md)",
  },
  { pattern: /\.\.\/shared\b/g, message: "../shared is outside the repository" },
];

/**
 * Paths made by a command, so absent from a fresh clone: build output, installed packages,
 * the API docs (`pnpm run docs`), e2e screenshots, benchmark results.
 */
const GENERATED =
  /(^|\/)(dist|node_modules|storybook-static|\.next|coverage|screenshots)(\/|$)|docs\/api\b|\.results\.jsonl/;

const EXTENSIONS = "md|mdx|ts|tsx|mts|cts|js|mjs|cjs|jsx|json|sh|ya?ml|css|html";
/** A path with at least one folder and a file extension: `docs/lifecycle.md`, `./support/chromium.ts`. */
const FILE_PATH = new RegExp(
  `(?<![\\w@/.:~-])((?:\\.{1,2}/)*(?:[\\w@-][\\w@.-]*/)+[\\w@-][\\w@.-]*\\.(?:${EXTENSIONS}))(?![\\w/*{$<-])`,
  "g",
);
/** A repository folder or file named from the root: `test/contract`, `packages/core/src/`. */
const REPO_PATH =
  /(?<![\w@/.:~-])((?:docs|packages|test|examples|scripts|\.ci|\.changeset)\/[\w@-][\w@.-]*(?:\/[\w@-][\w@.-]*)*\/?)(?![\w*{$<-])/g;
/** A Markdown link or image target: `[text](target "title")`. */
const MARKDOWN_LINK = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/**
 * The problems of one text, each as `name:line: message`.
 *
 * @param {object} input
 * @param {string} input.text
 * @param {string} input.name how problems name the file
 * @param {boolean} input.markdown check Markdown links (and their #anchors); skip paths inside fenced code (app code)
 * @param {string[]} input.relativeBases where `./x` and `../x` (and every link) may resolve: the file's folder, first
 * @param {string[]} input.rootBases where a bare `folder/file.ext` may resolve: the package root, the repository root,
 * the packages' folders and their `src/` (docs name `session/planNextStep.ts` under a `packages/core/src` heading)
 * @returns {string[]}
 */
export function brokenReferences({ text, name, markdown, relativeBases, rootBases }) {
  const problems = [];
  const lineOf = (index) => text.slice(0, index).split("\n").length;
  const report = (index, message) => problems.push(`${name}:${lineOf(index)}: ${message}`);

  for (const { pattern, message } of FORBIDDEN) {
    for (const match of text.matchAll(pattern)) report(match.index, message);
  }

  const prose = markdown ? blankFencedCode(text) : text;
  const seen = new Set();
  const checkPath = (index, token, bases) => {
    // A sentence may end right after a path; an npm specifier (@scope/name/file) is no path.
    const target = token.replace(/\.+$/, "");
    if (target.startsWith("@") || GENERATED.test(target) || seen.has(`${index}`)) return;
    seen.add(`${index}`);
    if (!bases.some((base) => existsSync(resolve(base, target)))) report(index, `${target} does not exist`);
  };

  if (markdown) {
    for (const match of prose.matchAll(MARKDOWN_LINK)) {
      const target = match[1];
      if (/^[a-z][a-z\d+.-]*:/i.test(target)) continue; // https:, mailto:
      const [path, anchor] = target.split("#");
      if (path === "") {
        if (!anchorsOf(text).has(anchor)) report(match.index, `#${anchor} is no heading of this file`);
        continue;
      }
      const found = relativeBases.map((base) => resolve(base, path)).find((file) => existsSync(file));
      if (!found) {
        if (!GENERATED.test(path)) report(match.index, `${path} does not exist`);
        continue;
      }
      if (anchor !== undefined && found.endsWith(".md") && !anchorsOf(readFileSync(found, "utf8")).has(anchor)) {
        report(match.index, `${path}#${anchor}: no such heading in ${path}`);
      }
    }
  }

  for (const match of prose.matchAll(FILE_PATH)) {
    const target = match[1];
    checkPath(match.index, target, target.startsWith(".") ? relativeBases : [...relativeBases, ...rootBases]);
  }
  for (const match of prose.matchAll(REPO_PATH)) checkPath(match.index, match[1], rootBases);
  return problems;
}

/** The text with fenced code blocks blanked (line breaks kept, so line numbers stay right). */
function blankFencedCode(text) {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, " "));
}

const anchorCache = new Map();

/** The #anchors GitHub gives a Markdown file's headings (github-slugger's rules). */
export function anchorsOf(markdownText) {
  if (anchorCache.has(markdownText)) return anchorCache.get(markdownText);
  const anchors = new Set();
  const counts = new Map();
  for (const [, heading] of blankFencedCode(markdownText).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = heading
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = counts.get(base) ?? 0;
    counts.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  anchorCache.set(markdownText, anchors);
  return anchors;
}

/** True for a file whose text is worth reading (not a binary, a lockfile or a source map). */
export function isCheckedTextFile(file) {
  return /\.(md|mdx|ts|tsx|mts|cts|js|mjs|cjs|jsx|json|sh|ya?ml|css|html)$/.test(file) && !/\.map$/.test(file);
}
