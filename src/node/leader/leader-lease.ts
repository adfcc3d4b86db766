/** Who holds the lease, as recorded in the database for `sync status` and `/healthz`. */
export interface LeaseHolder {
  /** The holding process's id: its pid and a random suffix, unique across restarts. */
  readonly holder: string;
  readonly pid: number;
  readonly acquiredAt: number;
  readonly renewedAt: number;
  /** Until when the holder is presumed alive; after it, any process may take over. */
  readonly expiresAt: number;
}

/**
 * A lease at most one process of a node holds at a time: the sync leader. Every process
 * calls `tryAcquire` periodically; the holder's call renews it.
 *
 * @example
 *   if (await lease.tryAcquire({ holder: 'p123-ab', pid: 123 }, 5000)) pullPartners();
 */
export interface LeaderLease {
  /** Takes the lease if it is free or expired, renews it if `self` holds it; true while `self` holds it. */
  tryAcquire(self: { holder: string; pid: number }, ttlMs: number): Promise<boolean>;
  /** Gives the lease up at once (clean shutdown), so another process takes over without waiting for the expiry. */
  release(holder: string): Promise<void>;
  /** Frees what the lease holds open (PostgreSQL: its dedicated connection). */
  close(): Promise<void>;
}
