/**
 * Names a bad value for an error message without echoing anything long: a long string
 * could be a token or App ID pasted into the wrong field, and those never reach a message.
 */
export function describeValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean" || value == null) return String(value);
  if (typeof value === "string") {
    return value.length <= 12 ? JSON.stringify(value) : `(a string of ${value.length} characters)`;
  }
  return `(${Array.isArray(value) ? "an array" : `a value of type ${typeof value}`})`;
}
