import { randomBytes, randomInt } from 'node:crypto'
import type { ChatDirectory } from '../chat/directory.js'

const CODE_TTL_MS = 10 * 60_000

interface PendingCode {
  puppetId: string
  expiresAt: number
}

export interface PendingMove {
  name: string
  kind: string
  expiresAt: number
}

/**
 * What holds only for the current login. Puppet ids are caches that change at each re-login,
 * but within one login they are consistent: a contact has the same id in a group and in a
 * private chat. So ties made by id (a verification code, a group confirmed for a room) live
 * here and vanish with the login.
 */
export class LoginSession {
  /** Changes at every login: what was tied under another login id means nothing now. */
  loginId = randomBytes(4).toString('hex')
  /** Live lookups of the current login; absent while logged out. */
  directory: ChatDirectory | undefined
  private readonly contacts = new Set<string>()
  private readonly confirmed = new Map<number, string>()
  private readonly codes = new Map<string, PendingCode>()
  private readonly moves = new Map<string, PendingMove>()
  /** Members created for a contact id this login (not those found by name): the same person. */
  private readonly ties = new Map<string, Set<number>>()
  /** By member id: an unkeyed member belongs to one room, so this is per room. */
  private readonly namesakes = new Map<number, string[]>()

  seeContact(id: string): void {
    this.contacts.add(id)
  }
  isLiveContact(id: string | null): boolean {
    return id !== null && this.contacts.has(id)
  }

  /** This login's group for a bound room, once checked or confirmed. */
  confirmRoom(roomId: number, puppetId: string): void {
    for (const [id, p] of this.confirmed) if (p === puppetId && id !== roomId) this.confirmed.delete(id)
    this.confirmed.set(roomId, puppetId)
  }
  confirmedGroupOf(roomId: number): string | undefined {
    return this.confirmed.get(roomId)
  }
  confirmedRoomOf(puppetId: string): number | undefined {
    for (const [roomId, p] of this.confirmed) if (p === puppetId) return roomId
    return undefined
  }

  /**
   * An unkeyed member tied to a contact id in this login (created for it, or found by name), and
   * the members it could not be told apart from, if that is why it got a record of its own. Only
   * created ones are the same person for certain: a name can have been taken.
   */
  tie(puppetId: string, memberId: number, how: 'created' | 'by-name', ambiguousWith: string[] = []): void {
    if (how === 'created') {
      const set = this.ties.get(puppetId) ?? new Set<number>()
      set.add(memberId)
      this.ties.set(puppetId, set)
    }
    if (ambiguousWith.length > 0) this.namesakes.set(memberId, ambiguousWith)
  }
  ambiguityOf(memberId: number): string[] {
    return this.namesakes.get(memberId) ?? []
  }
  createdMembers(puppetId: string): number[] {
    return [...(this.ties.get(puppetId) ?? [])]
  }

  /** `#认证` in a private chat: a 6-digit code for this contact, valid 10 minutes in this login. */
  issueCode(puppetId: string, now: number): string {
    for (const [code, pending] of this.codes) if (pending.expiresAt <= now || pending.puppetId === puppetId) this.codes.delete(code)
    let code: string
    do code = String(randomInt(100_000, 1_000_000))
    while (this.codes.has(code))
    this.codes.set(code, { puppetId, expiresAt: now + CODE_TTL_MS })
    return code
  }

  /** The code is used up only by the contact it was issued to. */
  takeCode(code: string, puppetId: string, now: number): boolean {
    const pending = this.codes.get(code)
    if (!pending || pending.expiresAt <= now || pending.puppetId !== puppetId) return false
    this.codes.delete(code)
    return true
  }

  /** `#绑定 … 改绑` waits for `#确认绑定` in the same group. */
  proposeMove(groupPuppetId: string, move: Omit<PendingMove, 'expiresAt'>, now: number): void {
    this.moves.set(groupPuppetId, { ...move, expiresAt: now + CODE_TTL_MS })
  }
  takeMove(groupPuppetId: string, now: number): PendingMove | undefined {
    const move = this.moves.get(groupPuppetId)
    this.moves.delete(groupPuppetId)
    return move && move.expiresAt > now ? move : undefined
  }

  /** A new login: every id tie is void. */
  reset(directory?: ChatDirectory): void {
    this.loginId = randomBytes(4).toString('hex')
    this.directory = directory
    this.contacts.clear()
    this.confirmed.clear()
    this.codes.clear()
    this.moves.clear()
    this.ties.clear()
    this.namesakes.clear()
  }
}
