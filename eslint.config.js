// ESLint 9 flat config: typescript-eslint with type information for every TypeScript file
// that belongs to a tsconfig (packages/*/src, packages/*/test, test/), the two classic React
// hooks rules as errors, and Prettier for formatting (run separately: `prettier --check .`).
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores([
    "**/node_modules/",
    "**/dist/",
    "**/.next/",
    "**/storybook-static/",
    "coverage/",
    "docs/api/",
    ".changeset/",
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_previous`-style names document a position in a callback signature.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // `void promise` marks a deliberate fire-and-forget (its rejection is handled elsewhere).
      "@typescript-eslint/no-floating-promises": ["error", { ignoreVoid: true }],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      // Errors caught from the SDK are `unknown` and are passed on as they are (as `cause` too).
      "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingUnknown: true }],
      // `async` without `await` is how a function turns a synchronous throw into a rejection,
      // exactly as the SDK's own async methods do.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    // Tests assert on methods (`expect(client.join).toHaveBeenCalled()`), use asymmetric
    // matchers (typed `any`) and wrap SDK methods to log calls.
    files: ["**/test/**/*.{ts,tsx}", "test/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // Config files and plain JavaScript sit outside every tsconfig: lint them without types.
    files: ["**/*.{js,mjs,cjs}", "**/*.config.{ts,mts,cts}", "**/.storybook/**/*.{ts,tsx}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
