import { randomInt } from 'node:crypto'

/**
 * Who is who rests on keys that only the operator or the bot controls, never on names:
 * - `t:<token>`: a token the bot wrote into the contact's remark (备注). Only the bot's own
 *   account can set a remark, and it survives re-logins.
 * - `w:<id>`: the puppet's contact id, where the puppet's ids are stable (puppet-service).
 * - `r:<remark>`: a remark the operator set by hand and listed in BOT_ADMINS.
 * Nicknames, group aliases (群昵称) and topics are for display and for finding names written
 * in records.
 */
export type PersonKey = `t:${string}` | `w:${string}` | `r:${string}`

// No 0/O, 1/I/L: a token may be read out or typed from a screenshot.
const TOKEN_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const TOKEN_LENGTH = 6
const TOKEN_IN_REMARK = new RegExp(`#([${TOKEN_ALPHABET}]{${TOKEN_LENGTH}})$`)
/** WeChat keeps remarks short; the name part is clipped so the token always fits. */
const REMARK_NAME_CHARS = 10

/** Random characters nobody misreads; tokens and admin invite codes. */
export function unambiguousCode(length: number): string {
  return Array.from({ length }, () => TOKEN_ALPHABET[randomInt(TOKEN_ALPHABET.length)]).join('')
}

export function newToken(): string {
  return unambiguousCode(TOKEN_LENGTH)
}

/**
 * The remark the bot gives a verified contact, token at the end: a remark the operator wrote is
 * kept as it is (BOT_ADMINS still matches it); else the person's name, clipped so the token fits.
 */
export function remarkWithToken(current: string | undefined, name: string, token: string): string {
  const operators = current ? remarkBase(current) : ''
  const base = operators || [...name.replace(/\s+/g, '')].slice(0, REMARK_NAME_CHARS).join('')
  return `${base}#${token}`
}

export function tokenInRemark(remark: string | undefined): string | undefined {
  return remark === undefined ? undefined : TOKEN_IN_REMARK.exec(remark)?.[1]
}

/** A remark without the bot's token: what the operator wrote. */
export function remarkBase(remark: string): string {
  return remark.replace(TOKEN_IN_REMARK, '')
}

/** BOT_ADMINS lists remarks (备注名) the operator set; never a nickname or a group alias. */
export function isListedAdmin(admins: readonly string[], remark: string | undefined): boolean {
  return remark !== undefined && remark !== '' && admins.includes(remarkBase(remark))
}

export interface KeySettings {
  admins: readonly string[]
  /** The puppet's contact ids survive re-logins (puppet-service); never true for wechat4u. */
  stableIds: boolean
}

/** The durable key of a chat person, if they have one. */
export function personKey(person: { puppetId: string; remark?: string }, settings: KeySettings): PersonKey | undefined {
  if (settings.stableIds) return `w:${person.puppetId}`
  const token = tokenInRemark(person.remark)
  if (token) return `t:${token}`
  if (isListedAdmin(settings.admins, person.remark)) return `r:${remarkBase(person.remark!)}`
  return undefined
}
