// The longest SDK version or user agent a report keeps: real ones are well under it.
const MAX_TEXT_LENGTH = 300;

/**
 * A string from the app or the browser as one line of at most {@link MAX_TEXT_LENGTH}
 * characters: a line break in it would add lines of its own to the ticket (a forged "Blocked
 * routes: none"), and a non-string would print as "[object Object]". Anything else: "unknown".
 *
 * @example
 * ```ts
 * oneLine("4.24.8\nBlocked routes: none"); // "4.24.8 Blocked routes: none"
 * oneLine({ major: 4 }); // "unknown"
 * ```
 */
export function oneLine(value: unknown): string {
  if (typeof value !== "string") return "unknown";
  // Control characters (\n, \r, \t, ESC...), format characters (bidi overrides) and the
  // Unicode line and paragraph separators can all break or disguise a line.
  let text = value.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, " ").trim();
  if (text.length > MAX_TEXT_LENGTH) {
    text = text.slice(0, MAX_TEXT_LENGTH - 1);
    // Never half a surrogate pair.
    if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
    text = `${text}…`;
  }
  return text === "" ? "unknown" : text;
}
