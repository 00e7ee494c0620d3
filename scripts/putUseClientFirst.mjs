import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Makes "use client" the first statement of each built file in `dir` whose name matches
 * `files`. React Server Components bundlers honour the directive only there. esbuild keeps an
 * entry's own directive but not its modules', and CJS output starts with
 * `"use strict";Object.defineProperty(exports, ...)` and helper functions, after which a
 * directive is a plain string. So: drop the directives esbuild left near the top, put one first.
 *
 * @param {string} dir the build output folder
 * @param {RegExp} files which files hold hooks or components
 */
export async function putUseClientFirst(dir, files) {
  for (const file of await readdir(dir)) {
    if (!files.test(file)) continue;
    const code = await readFile(join(dir, file), "utf8");
    const headEnd = code.indexOf("\n\n") === -1 ? code.length : code.indexOf("\n\n");
    const head = code.slice(0, headEnd).replace(/(^|[;}]|\n)\s*["']use client["'];?[ \t]*\n?/g, "$1");
    await writeFile(join(dir, file), `"use client";\n${head}${code.slice(headEnd)}`);
  }
}
