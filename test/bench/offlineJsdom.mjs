// A browser-like global scope for a plain Node process (no vitest): jsdom's window copied onto
// globalThis the way vitest's jsdom environment does it, and a network that never answers.
//
// test/support/offline.ts (what the jsdom suites use) fails every request at once; the SDK then
// retries its access-point requests until leave, a number of times that depends on timing, and
// reports each retry to its event reporter, which keeps and re-sorts a list of every event it
// ever sent: a benchmark on it reads more CPU time each round (3 ms per call lifetime at first,
// 10 ms after 3,000). Here requests stay pending until aborted, as on a network that drops
// every packet: the SDK's join still stays CONNECTING until leave cancels it (and rejects
// OPERATION_ABORTED about a second later), doing the same work every time.
//
// Under it, a tripwire: any socket connect or DNS lookup made by anything in the process is
// refused and counted, so a benchmark can prove it touched no network.
import dns from "node:dns";
import net from "node:net";
import { JSDOM } from "jsdom";

/** Every refused network attempt: "connect <target>" or "dns <host>". */
export const networkAttempts = [];

// The tripwire first, before anything can open a socket. Socket.prototype.connect is what
// net.connect, tls.connect, http(s).request and Node's fetch all end up calling.
net.Socket.prototype.connect = function refuseConnect(options) {
  const target = typeof options === "object" && options !== null ? (options.host ?? options.path) : options;
  networkAttempts.push(`connect ${String(target)}`);
  throw new Error("offline benchmark: network access is disabled");
};
dns.lookup = function refuseLookup(host, ...rest) {
  networkAttempts.push(`dns ${String(host)}`);
  const callback = rest.at(-1);
  const error = Object.assign(new Error(`offline benchmark: no DNS for ${String(host)}`), { code: "ENOTFOUND" });
  if (typeof callback === "function") process.nextTick(callback, error);
};
dns.promises.lookup = async (host) => {
  networkAttempts.push(`dns ${String(host)}`);
  throw Object.assign(new Error(`offline benchmark: no DNS for ${String(host)}`), { code: "ENOTFOUND" });
};

const dom = new JSDOM("<!DOCTYPE html>", { url: "http://localhost:3000", pretendToBeVisual: true });
const win = dom.window;

// Window's own properties and those of its prototypes (addEventListener lives on
// EventTarget.prototype). Node's own globals win, except the ones a browser defines
// differently; functions are bound to the window, as vitest does.
const BROWSER_WINS = new Set(["document", "navigator", "location", "Event", "EventTarget", "window", "self"]);
const keys = new Set();
for (let proto = win; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
  for (const key of Object.getOwnPropertyNames(proto)) keys.add(key);
}
keys.delete("constructor");
for (const key of keys) {
  if (key in globalThis && !BROWSER_WINS.has(key)) continue;
  const value = win[key];
  const bound = typeof value === "function" && key[0] !== key[0].toUpperCase() ? value.bind(win) : undefined;
  Object.defineProperty(globalThis, key, {
    get: () => bound ?? win[key],
    set: (replacement) => {
      Object.defineProperty(globalThis, key, { value: replacement, writable: true, configurable: true });
    },
    configurable: true,
  });
}
globalThis.window = globalThis;
globalThis.self = globalThis;

class SilentXMLHttpRequest extends EventTarget {
  static UNSENT = 0;
  static OPENED = 1;
  static HEADERS_RECEIVED = 2;
  static LOADING = 3;
  static DONE = 4;
  readyState = 0;
  status = 0;
  statusText = "";
  response = null;
  responseText = "";
  responseType = "";
  timeout = 0;
  withCredentials = false;
  upload = new EventTarget();
  onreadystatechange = null;
  onerror = null;
  onabort = null;
  onload = null;
  onloadend = null;
  ontimeout = null;
  open() {
    this.readyState = 1;
  }
  setRequestHeader() {}
  getAllResponseHeaders() {
    return "";
  }
  getResponseHeader() {
    return null;
  }
  overrideMimeType() {}
  /** Never answers. */
  send() {}
  abort() {
    this.readyState = 4;
    for (const type of ["readystatechange", "abort", "loadend"]) {
      const event = new Event(type);
      this[`on${type}`]?.call(this, event);
      this.dispatchEvent(event);
    }
  }
}

class SilentWebSocket extends EventTarget {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  readyState = 0;
  binaryType = "blob";
  bufferedAmount = 0;
  protocol = "";
  extensions = "";
  onopen = null;
  onerror = null;
  onclose = null;
  onmessage = null;
  constructor(url) {
    super();
    this.url = String(url);
  }
  send() {}
  /** Never opens; closing is the only way out. */
  close() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    const event = Object.assign(new Event("close"), { code: 1000, reason: "", wasClean: false });
    this.onclose?.(event);
    this.dispatchEvent(event);
  }
}

/** Never answers; rejects only when its signal aborts. */
function silentFetch(_input, init) {
  return new Promise((_resolve, reject) => {
    const signal = init?.signal;
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

globalThis.fetch = silentFetch;
globalThis.XMLHttpRequest = SilentXMLHttpRequest;
globalThis.WebSocket = SilentWebSocket;
