/** The bot's notion of "now": the system clock in production, the transcript's clock in replay. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock that only moves when told to (demo `/time`, replay, tests). */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime())
  }
  set(time: Date): void {
    this.current = new Date(time.getTime())
  }
}
