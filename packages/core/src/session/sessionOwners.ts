interface Entry {
  readonly owner: object;
  /** Released in this tick: gone at the check unless it retains again first. */
  releasing: boolean;
  /** Whether the owner knows it holds the session. */
  told: boolean;
  onHold: (() => void) | undefined;
}

/**
 * Who holds a session, in order: the first entry holds it, the others wait (`CLIENT_IN_USE`).
 *
 * A release only marks the owner as leaving; the check runs on a microtask, so an owner that
 * retains again in the same tick (React StrictMode's effect replay, the same component
 * instance) was never gone (TanStack Query's mount counter idea, with identity). At the check
 * the owners still leaving are removed: their joins are dropped (a call never outlives the
 * owner that joined it) and, with no owner left, the session is disposed.
 */
export class SessionOwners {
  #entries: Entry[] = [];
  #checkScheduled = false;

  constructor(private readonly onRemoved: (removed: readonly object[], empty: boolean) => void) {}

  /** The owner requests are made for now: the first that is not leaving, else the first; `null` without owners. */
  get current(): object | null {
    const entries = this.#entries;
    return (entries.find((entry) => !entry.releasing) ?? entries[0])?.owner ?? null;
  }

  /**
   * Adds `owner` (or takes back its release). Returns whether it holds the session now: every
   * owner before it is leaving. Otherwise it waits, and `onHold` runs when it comes first.
   */
  retain(owner: object, onHold?: () => void): boolean {
    let entry = this.#entries.find((candidate) => candidate.owner === owner);
    if (entry) {
      entry.releasing = false;
      entry.onHold = onHold;
    } else {
      entry = { owner, releasing: false, told: false, onHold };
      this.#entries.push(entry);
    }
    const index = this.#entries.indexOf(entry);
    entry.told = this.#entries.slice(0, index).every((before) => before.releasing);
    return entry.told;
  }

  /** Whether `owner` still holds the session or waits for it (one that left for good does not). */
  has(owner: object): boolean {
    return this.#entries.some((entry) => entry.owner === owner);
  }

  /** Marks `owner` as leaving; the check at the end of the tick removes it unless it comes back. */
  release(owner: object): void {
    const entry = this.#entries.find((candidate) => candidate.owner === owner);
    if (!entry) return;
    entry.releasing = true;
    entry.told = false;
    if (this.#checkScheduled) return;
    this.#checkScheduled = true;
    queueMicrotask(this.#check);
  }

  readonly #check = (): void => {
    this.#checkScheduled = false;
    const removed = this.#entries.filter((entry) => entry.releasing).map((entry) => entry.owner);
    if (removed.length === 0) return;
    this.#entries = this.#entries.filter((entry) => !entry.releasing);
    this.onRemoved(removed, this.#entries.length === 0);
    const first = this.#entries[0];
    if (first && !first.told) {
      first.told = true;
      first.onHold?.();
    }
  };
}
