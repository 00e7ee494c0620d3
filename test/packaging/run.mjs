// The packaging test: what a user gets from the registry, checked before it gets there.
//
//   1. `pnpm pack` every publishable package (publishConfig swaps in the dist-only exports map).
//   2. Inspect each tarball: published package.json (no workspace: ranges, no src paths, types
//      first), runtime imports of the built files (only declared dependencies and peers; the
//      SDK, react, zustand and core are never bundled), "use client" on every React file.
//      Every file in it refers only to files in the repository that exist (fileReferences.mjs):
//      a user reading the typings or the README can follow every reference.
//   3. publint and @arethetypeswrong/cli on each tarball: no problems at all.
//   4. A scratch app in a temp dir installs the tarballs with plain npm, then proves that ESM
//      import and CJS require work in Node without a DOM, and that `tsc --noEmit` accepts a
//      consumer file with moduleResolution "bundler" and "node16".
//
// Run `pnpm build` first (`pnpm test` does). KEEP_PACKAGING_APP=1 keeps the temp dir.
// `node test/packaging/run.mjs core testing` checks only those packages/ folders.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { brokenReferences, isCheckedTextFile } from "./fileReferences.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixtures = fileURLToPath(new URL("./consumer", import.meta.url));
const rootManifest = readJson(join(root, "package.json"));

/**
 * What each package may import at run time, per built entry. Anything else in a built file is
 * either bundled by mistake (a relative import of something that is not a dist chunk) or an
 * undeclared dependency. agora-rtc-sdk-ng is never imported at run time: types only.
 */
const RUNTIME_IMPORTS = {
  "@agora-cloud-proxy/core": { "*": ["zustand"] },
  "@agora-cloud-proxy/testing": { "*": [], storybook: ["react", "@agora-cloud-proxy/react"] },
  "@agora-cloud-proxy/react": {
    "*": ["@agora-cloud-proxy/core", "react"],
    "agora-rtc-react": ["@agora-cloud-proxy/core", "react", "agora-rtc-react"],
  },
};
/** The published runtime dependencies, exactly. */
const DEPENDENCIES = {
  "@agora-cloud-proxy/core": ["zustand"],
  "@agora-cloud-proxy/testing": [],
  "@agora-cloud-proxy/react": ["@agora-cloud-proxy/core"],
};
/** Entries that need a browser (they import agora-rtc-react): not loaded in Node here. */
const BROWSER_ONLY_ENTRIES = new Set(["@agora-cloud-proxy/react/agora-rtc-react"]);
/**
 * Entries that import @agora-cloud-proxy/react (an optional peer): loaded and type-checked only
 * when the react package is packed too, which installs it and react in the scratch app.
 */
const NEEDS_REACT_PACKAGE = new Set(["@agora-cloud-proxy/testing/storybook"]);
/** The built files that must start with "use client" (they hold hooks or components), per package. */
const USE_CLIENT_FILES = {
  "@agora-cloud-proxy/react": /./,
  "@agora-cloud-proxy/testing": /^storybook\.c?js$/,
};

const failures = [];
const started = Date.now();
const work = mkdtempSync(join(tmpdir(), "agora-cloud-proxy-packaging-"));

try {
  const packages = findPackages();
  step(`packing ${packages.map((pkg) => pkg.name).join(", ")}`);
  const tarballDir = join(work, "tarballs");
  mkdirSync(tarballDir);
  for (const pkg of packages) {
    if (!existsSync(join(pkg.dir, "dist"))) fail(`${pkg.name}: no dist/ folder. Run \`pnpm build\` first.`);
    run(pnpm(), ["pack", "--pack-destination", tarballDir], { cwd: pkg.dir });
    pkg.tarball = join(
      tarballDir,
      readdirSync(tarballDir).find((file) => file.startsWith(tarballPrefix(pkg))),
    );
    pkg.unpacked = join(work, "unpacked", basename(pkg.dir));
    mkdirSync(pkg.unpacked, { recursive: true });
    run("tar", ["-xzf", pkg.tarball, "-C", pkg.unpacked, "--strip-components=1"]);
  }
  if (failures.length > 0) throw new Error("packing failed");

  step("inspecting the tarballs");
  for (const pkg of packages) inspectTarball(pkg);

  step("publint and attw on each tarball");
  for (const pkg of packages) await lintTarball(pkg);

  step("installing the tarballs with npm into a scratch app");
  const app = join(work, "app");
  createApp(app, packages);

  step("ESM import and CJS require in Node, without a DOM");
  const specifiers = packages.flatMap((pkg) => pkg.entries.map((entry) => entry.specifier));
  const withReact = packages.some((pkg) => pkg.name === "@agora-cloud-proxy/react");
  const nodeSpecifiers = specifiers.filter(
    (specifier) => !BROWSER_ONLY_ENTRIES.has(specifier) && (withReact || !NEEDS_REACT_PACKAGE.has(specifier)),
  );
  for (const script of ["esm.mjs", "cjs.cjs"]) {
    const output = run(process.execPath, [script, ...nodeSpecifiers], { cwd: app });
    if (output !== null) process.stdout.write(indent(output));
  }

  step('tsc --noEmit on the consumer files with moduleResolution "bundler" and "node16"');
  for (const config of ["tsconfig.bundler.json", "tsconfig.node16.json"]) {
    if (run(join(app, "node_modules", ".bin", "tsc"), ["-p", config], { cwd: app }) !== null) {
      console.log(`  ${config}: no errors`);
    }
  }
} catch (error) {
  if (failures.length === 0) fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  if (process.env.KEEP_PACKAGING_APP) console.log(`\nkept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  console.error(`\npackaging: ${failures.length} problem(s) in ${seconds}s`);
  for (const failure of failures) console.error(`  - ${failure.replaceAll("\n", "\n    ")}`);
  process.exit(1);
}
console.log(`\npackaging: all checks passed in ${seconds}s`);

// ---- steps ----

function findPackages() {
  const packagesDir = join(root, "packages");
  return readdirSync(packagesDir)
    .map((name) => join(packagesDir, name))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .filter((dir) => process.argv.length <= 2 || process.argv.slice(2).includes(basename(dir)))
    .map((dir) => ({ dir, manifest: readJson(join(dir, "package.json")) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({
      dir,
      name: manifest.name,
      version: manifest.version,
      entries: Object.keys(manifest.publishConfig?.exports ?? {})
        .filter((subpath) => subpath !== "./package.json")
        .map((subpath) => ({ subpath, specifier: posix.join(manifest.name, subpath) })),
    }));
}

function inspectTarball(pkg) {
  const manifest = readJson(join(pkg.unpacked, "package.json"));
  const where = `${pkg.name} (published package.json)`;
  const text = JSON.stringify(manifest);
  if (text.includes("workspace:")) fail(`${where}: still has a workspace: range.`);
  if (text.includes("@agora-cloud-proxy/source") || text.includes("./src/")) {
    fail(`${where}: points into src/ (is publishConfig.exports missing?).`);
  }
  if (manifest.sideEffects !== false) fail(`${where}: sideEffects must be false.`);
  if (manifest.license !== "MIT") fail(`${where}: license must be MIT.`);
  // No public repository exists yet: a guessed URL would send users to someone else's page.
  if (manifest.repository !== undefined)
    fail(`${where}: repository names a URL; add it only once the repository is public.`);
  if (manifest.engines?.node !== ">=20.19") fail(`${where}: engines.node must be ">=20.19".`);
  const dependencies = Object.keys(manifest.dependencies ?? {}).sort();
  if (JSON.stringify(dependencies) !== JSON.stringify(DEPENDENCIES[pkg.name])) {
    fail(
      `${where}: runtime dependencies are ${JSON.stringify(dependencies)}, expected ${JSON.stringify(DEPENDENCIES[pkg.name])}.`,
    );
  }
  for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
    if (name.startsWith("@agora-cloud-proxy/") && range !== pkg.version) {
      fail(`${where}: ${name} should be pinned to ${pkg.version} on pack, got ${range}.`);
    }
  }

  // Every exports target exists; every condition object lists "types" first.
  for (const entry of pkg.entries) {
    const target = manifest.exports?.[entry.subpath];
    if (!target) {
      fail(`${where}: exports has no "${entry.subpath}".`);
      continue;
    }
    for (const [condition, value] of Object.entries(target)) {
      if (typeof value !== "object" || Object.keys(value)[0] !== "types") {
        fail(`${where}: exports["${entry.subpath}"].${condition} must list "types" first.`);
        continue;
      }
      for (const file of Object.values(value)) {
        if (!existsSync(join(pkg.unpacked, file))) fail(`${where}: ${file} is in exports but not in the tarball.`);
      }
    }
  }

  // Built files: only allowed bare imports; "use client" first in every React file.
  const distDir = join(pkg.unpacked, "dist");
  const jsFiles = readdirSync(distDir).filter((file) => /\.(c|m)?js$/.test(file));
  for (const file of jsFiles) {
    const code = readFileSync(join(distDir, file), "utf8");
    const entryName = file.replace(/\.(c|m)?js$/, "");
    const allowed = RUNTIME_IMPORTS[pkg.name][entryName] ?? RUNTIME_IMPORTS[pkg.name]["*"];
    for (const specifier of importedSpecifiers(code)) {
      if (specifier.startsWith(".")) {
        if (!existsSync(join(distDir, specifier)))
          fail(`${pkg.name} dist/${file}: imports ${specifier}, not in dist/.`);
        continue;
      }
      if (specifier.startsWith("node:")) {
        fail(`${pkg.name} dist/${file}: imports ${specifier}; the packages must run in browsers.`);
        continue;
      }
      const name = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];
      if (!allowed.includes(name)) fail(`${pkg.name} dist/${file}: imports "${specifier}" at run time.`);
    }
    const clientFile = USE_CLIENT_FILES[pkg.name]?.test(file) ?? false;
    if (clientFile && !/^(["'])use client\1;?/.test(code)) {
      fail(`${pkg.name} dist/${file}: does not start with "use client".`);
    }
    if (!clientFile && /(["'])use client\1/.test(code)) {
      fail(`${pkg.name} dist/${file}: has "use client" but holds no React code.`);
    }
  }
  // The agora-rtc-react entry must render into the same React context as the main entry:
  // one module creates it, per format, and both entries import it from there.
  for (const format of [".js", ".cjs"]) {
    const creators = jsFiles.filter(
      (file) => file.endsWith(format) && readFileSync(join(distDir, file), "utf8").includes("createContext("),
    );
    if (creators.length > 1)
      fail(`${pkg.name}: ${creators.join(" and ")} each create a React context; split the shared code into one chunk.`);
  }
  const references = checkReferences(pkg);
  console.log(
    `  ${pkg.name}: ${jsFiles.length} built files, exports ${pkg.entries.map((entry) => entry.subpath).join(" ")}, ` +
      `${references} files' references checked`,
  );
}

/** No file in the tarball refers to a file outside the repository, or to one that does not exist. */
function checkReferences(pkg) {
  const packageFolders = readdirSync(join(root, "packages")).flatMap((name) => [
    join(root, "packages", name),
    join(root, "packages", name, "src"),
  ]);
  const files = readdirSync(pkg.unpacked, { recursive: true }).filter((file) => isCheckedTextFile(file));
  for (const file of files) {
    const inTarball = join(pkg.unpacked, file);
    const problems = brokenReferences({
      text: readFileSync(inTarball, "utf8"),
      name: `${pkg.name}/${file}`,
      markdown: file.endsWith(".md"),
      // A relative reference resolves in the tarball, or in the repository (a README's ../core).
      relativeBases: [dirname(inTarball), join(pkg.dir, dirname(file))],
      rootBases: [pkg.unpacked, pkg.dir, root, ...packageFolders],
    });
    for (const problem of problems) fail(`${problem} (shipped in the tarball)`);
  }
  return files.length;
}

async function lintTarball(pkg) {
  const buffer = readFileSync(pkg.tarball);
  const tarball = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  const { messages, pkg: manifest } = await publint({ pack: { tarball }, level: "suggestion", strict: true });
  for (const message of messages) fail(`publint ${pkg.name}: ${formatMessage(message, manifest, { color: false })}`);
  const attw = run(join(root, "node_modules", ".bin", "attw"), [pkg.tarball, "--format", "table-flipped"]);
  console.log(
    `  ${pkg.name}: publint ${messages.length === 0 ? "clean" : `${messages.length} problem(s)`}, attw ${attw === null ? "problems" : "clean"}`,
  );
}

function createApp(app, packages) {
  cpSync(fixtures, app, { recursive: true });
  const reactManifest = packages.find((pkg) => pkg.name === "@agora-cloud-proxy/react")
    ? readJson(join(root, "packages/react/package.json"))
    : null;
  const testManifest = readJson(join(root, "test/package.json"));
  const coreManifest = readJson(join(root, "packages/core/package.json"));
  const version = (name, ...manifests) => {
    for (const manifest of manifests) {
      const range = manifest?.devDependencies?.[name] ?? manifest?.dependencies?.[name];
      if (range) return range;
    }
    throw new Error(`no pinned version of ${name} in the workspace`);
  };
  const dependencies = Object.fromEntries(packages.map((pkg) => [pkg.name, `file:${pkg.tarball}`]));
  dependencies["agora-rtc-sdk-ng"] = version("agora-rtc-sdk-ng", coreManifest);
  if (reactManifest) {
    dependencies.react = version("react", reactManifest, testManifest);
    dependencies["agora-rtc-react"] = version("agora-rtc-react", reactManifest, testManifest);
  }
  const devDependencies = { typescript: version("typescript", rootManifest) };
  if (reactManifest) devDependencies["@types/react"] = version("@types/react", reactManifest, testManifest);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify(
      {
        name: "agora-cloud-proxy-consumer",
        private: true,
        type: "module",
        dependencies,
        devDependencies,
        // A tarball's own dependency on core (pinned to its version on pack) is this tarball,
        // never a registry lookup.
        overrides: Object.fromEntries(packages.map((pkg) => [pkg.name, `file:${pkg.tarball}`])),
      },
      null,
      2,
    ),
  );
  if (!reactManifest) {
    rmSync(join(app, "consumer-react.tsx"), { force: true });
    rmSync(join(app, "consumer-storybook.tsx"), { force: true });
  }
  const output = run(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", "--loglevel=error"],
    {
      cwd: app,
    },
  );
  if (output === null) throw new Error("npm install failed");
  console.log(`  installed ${Object.keys(dependencies).join(", ")}`);
}

// ---- helpers ----

function importedSpecifiers(code) {
  const found = new Set();
  const patterns = [
    /\bimport\s*(?:[\w$*{}\s,]+\s*from\s*)?["']([^"']+)["']/g,
    /\bexport\s*(?:[\w$*{}\s,]+\s*from\s*)["']([^"']+)["']/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.add(match[1]);
  return found;
}

function pnpm() {
  const execPath = process.env.npm_execpath ?? "";
  if (/pnpm/.test(basename(execPath))) return [process.execPath, execPath];
  return ["npx", "-y", rootManifest.packageManager.replace(/\+.*$/, "")];
}

function tarballPrefix(pkg) {
  return `${pkg.name.replace(/^@/, "").replace("/", "-")}-${pkg.version}`;
}

/** Runs a command; returns its stdout, or null after recording a failure with its output. */
function run(command, args, options = {}) {
  const [file, ...prefix] = Array.isArray(command) ? command : [command];
  try {
    return execFileSync(file, [...prefix, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
      ...options,
    });
  } catch (error) {
    fail(
      `${[file, ...prefix, ...args].map((part) => basename(part)).join(" ")} failed:\n${error.stdout ?? ""}${error.stderr ?? ""}`.trim(),
    );
    return null;
  }
}

function fail(message) {
  failures.push(message);
}

function step(title) {
  console.log(`\n${title}`);
}

function indent(text) {
  return `${text.trimEnd().replace(/^/gm, "  ")}\n`;
}

function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}
