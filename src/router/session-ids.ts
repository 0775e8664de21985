/**
 * Puppet ids seen since the current login. Ids are only caches (they change on re-login),
 * but two different ids both seen in one session are two different chats or people: a
 * newcomer who takes a bound group's topic or a member's name must not inherit them.
 */
export class SessionIds {
  private readonly rooms = new Set<string>()
  private readonly contacts = new Set<string>()

  seeRoom(id: string): void {
    this.rooms.add(id)
  }
  seeContact(id: string): void {
    this.contacts.add(id)
  }
  isLiveRoom(id: string | null): boolean {
    return id !== null && this.rooms.has(id)
  }
  isLiveContact(id: string | null): boolean {
    return id !== null && this.contacts.has(id)
  }
  /** A new login: every cached id may be stale now. */
  reset(): void {
    this.rooms.clear()
    this.contacts.clear()
  }
}
