/**
 * A per-user cooldown (ASK_COOLDOWN_MS on /ask): one use per user per period, so one user cannot flood the
 * bot. Entries are forgotten once their period has passed.
 */
export interface Cooldown {
  /** 0 and the use is counted when the user may go ahead, else the milliseconds left to wait. */
  take(userId: string): number;
}

export function createCooldown(periodMs: number, now: () => number = Date.now): Cooldown {
  const lastUse = new Map<string, number>();
  let lastSweep = now();
  return {
    take(userId) {
      if (periodMs <= 0) return 0;
      const at = now();
      if (at - lastSweep > periodMs) {
        for (const [user, used] of lastUse) if (at - used >= periodMs) lastUse.delete(user);
        lastSweep = at;
      }
      const used = lastUse.get(userId);
      if (used !== undefined && at - used < periodMs) return periodMs - (at - used);
      lastUse.set(userId, at);
      return 0;
    },
  };
}
