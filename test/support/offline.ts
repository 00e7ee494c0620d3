/**
 * Keeps the real agora-rtc-sdk-ng offline under jsdom.
 *
 * During join the SDK reaches for Agora's hosts through fetch, XMLHttpRequest and
 * WebSocket. Left alone, jsdom resolves those hosts through DNS and a test process can
 * hang on exit, so every channel fails at once, without touching the network.
 */
function offlineError(): TypeError {
  return new TypeError("offline: network access is disabled in tests");
}

class OfflineXMLHttpRequest extends EventTarget {
  static readonly UNSENT = 0;
  static readonly OPENED = 1;
  static readonly HEADERS_RECEIVED = 2;
  static readonly LOADING = 3;
  static readonly DONE = 4;
  readyState = 0;
  status = 0;
  statusText = "";
  response: unknown = null;
  responseText = "";
  responseType = "";
  timeout = 0;
  withCredentials = false;
  upload = new EventTarget();
  onreadystatechange: ((ev: Event) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  onabort: ((ev: Event) => void) | null = null;
  onload: ((ev: Event) => void) | null = null;
  onloadend: ((ev: Event) => void) | null = null;
  ontimeout: ((ev: Event) => void) | null = null;
  open(): void {
    this.readyState = 1;
  }
  setRequestHeader(): void {}
  getAllResponseHeaders(): string {
    return "";
  }
  getResponseHeader(): null {
    return null;
  }
  overrideMimeType(): void {}
  abort(): void {
    this.fire("abort");
  }
  send(): void {
    setTimeout(() => {
      this.readyState = 4;
      this.fire("readystatechange");
      this.fire("error");
      this.fire("loadend");
    }, 0);
  }
  private fire(type: string): void {
    const event = new Event(type);
    const handler = (this as unknown as Record<string, unknown>)[`on${type}`];
    if (typeof handler === "function") handler.call(this, event);
    this.dispatchEvent(event);
  }
}

class OfflineWebSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readyState = 0;
  binaryType = "blob";
  bufferedAmount = 0;
  protocol = "";
  extensions = "";
  onopen: ((ev: Event) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  onclose: ((ev: Event) => void) | null = null;
  onmessage: ((ev: Event) => void) | null = null;
  constructor(readonly url: string) {
    super();
    setTimeout(() => {
      this.readyState = 3;
      const error = new Event("error");
      this.onerror?.(error);
      this.dispatchEvent(error);
      const close = Object.assign(new Event("close"), { code: 1006, reason: "offline", wasClean: false });
      this.onclose?.(close);
      this.dispatchEvent(close);
    }, 0);
  }
  send(): void {}
  close(): void {
    this.readyState = 3;
  }
}

const offlineFetch = async (): Promise<never> => {
  throw offlineError();
};

/** Replaces every network channel the SDK uses with one that fails at once. */
export function goOffline(): void {
  const targets: Record<string, unknown>[] = [globalThis];
  if (typeof window !== "undefined") targets.push(window as unknown as Record<string, unknown>);
  for (const target of targets) {
    target.fetch = offlineFetch;
    target.XMLHttpRequest = OfflineXMLHttpRequest;
    target.WebSocket = OfflineWebSocket;
  }
}

goOffline();
