// Naming a bad value in an error message. Messages reach logs, the store and reports for IT,
// and a value passed in the wrong place may be an App ID, a token, a channel name or a uid,
// however short. So a message names a value by its type and size, and only a setting whose
// valid values are keywords or numbers (a mode, routes, a timeout) may show the value itself.

/**
 * A value by its type and size only, never its content: for anything a join option may be
 * passed as (the join options, a client, a client factory).
 *
 * @example
 * ```ts
 * describeShape("sales-room"); // "a string of 10 characters"
 * describeShape(424242);       // "a number"
 * ```
 */
export function describeShape(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "string") {
    return value.length === 0
      ? "an empty string"
      : `a string of ${value.length} character${value.length === 1 ? "" : "s"}`;
  }
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? "" : "s"}`;
  if (typeof value === "object") return "an object";
  return typeof value === "function" ? "a function" : `a ${typeof value}`;
}

/**
 * A bad setting's value: numbers, booleans and strings of up to 12 characters as they are
 * (`"udpp"` says what went wrong), anything else as {@link describeShape}. Only for settings
 * whose valid values are keywords or numbers; never where a join option may land.
 *
 * @example
 * ```ts
 * describeSetting("udpp"); // "\"udpp\""
 * describeSetting(0);      // "0"
 * ```
 */
export function describeSetting(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string" && value.length > 0 && value.length <= 12) return JSON.stringify(value);
  return describeShape(value);
}
