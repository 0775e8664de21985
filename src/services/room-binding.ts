import type { Db } from '../db/client.js'
import { Prisma, type Room } from '../generated/prisma/client.js'
import type { LiveGroup } from '../chat/directory.js'
import { personKey, type KeySettings } from '../identity/keys.js'
import type { LoginSession } from '../identity/session.js'
import { servedBy, type GroupRef } from './rooms.js'
import { namesOf } from '../chat/message.js'
import { besideRows, splitBeside } from '../db/sql.js'

/** Share of a room's known members that must be in a live group for it to be taken as the room's group. */
const MIN_OVERLAP = 0.5

export interface GroupBinding<B = never> {
  room: Room
  /** Waiting for #确认绑定: nothing is recorded or pushed. */
  held: boolean
  /** What `beside` read with the room, when it could: the room was known before any read. */
  beside?: B
}

/** Rows a caller wants read with a room's own row in one statement (see besideRows): its SQL for a room, and what its rows become. */
export interface BesideRoom<B> {
  /** Begins the name of each of its columns, so they do not clash with the room's. */
  prefix: string
  sql: (roomId: number) => Prisma.Sql | undefined
  /** Its rows, prefix taken off. */
  read: (rows: Record<string, unknown>[]) => B
}

/**
 * Which bound room a live group is, for the current login. Topics can be copied and ids are
 * renewed at each login, so a room keeps its group only when exactly one live group has its
 * topic and that group holds at least half of the room's known members; otherwise the room is
 * held (no records, no pushes) until an admin sends #确认绑定 in the right group. With stable
 * puppet ids the id itself decides.
 */
export class RoomBinding {
  constructor(
    private readonly db: Db,
    private readonly session: LoginSession,
    private readonly keys: KeySettings,
    /** Told once when a room becomes held: the admins are notified privately. */
    private readonly onHold: (room: Room) => Promise<void>,
    /** This bot account (BOT_NAME): rooms other accounts serve are theirs to check. */
    private readonly account: string,
  ) {}

  /**
   * The room a message's group is bound to, if any. Where this login confirmed the group
   * already (every message after the first), `beside`'s rows are read in the same statement.
   */
  async forGroup<B = never>(group: GroupRef, beside?: BesideRoom<B>): Promise<GroupBinding<B> | undefined> {
    const { db, session } = this
    const confirmedId = session.confirmedRoomOf(group.puppetId)
    if (confirmedId !== undefined) {
      // Plain SQL, one statement: this runs for every message addressed to the bot.
      const byId = Prisma.sql`SELECT * FROM "Room" WHERE "id" = ${confirmedId}`
      const joined = await db.$queryRaw<Record<string, unknown>[]>(besideRows(byId, beside?.sql(confirmedId)))
      const { head, rows } = beside ? splitBeside(joined, beside.prefix) : { head: joined[0], rows: [] }
      const room = head as Room | undefined
      if (room) return { room: await this.refresh(room, group), held: room.heldAt !== null, ...(beside ? { beside: beside.read(rows) } : {}) }
    }
    if (this.keys.stableIds) {
      const room = await db.room.findFirst({ where: { puppetRoomId: group.puppetId, ...servedBy(this.account) } })
      if (!room) return undefined
      session.confirmRoom(room.id, group.puppetId)
      return { room: await this.refresh(room, group), held: room.heldAt !== null }
    }
    // A room already confirmed for another live group this login is that group's.
    const room = (await db.room.findMany({ where: { topic: group.topic, ...servedBy(this.account) }, orderBy: { id: 'asc' } })).find(
      (r) => session.confirmedGroupOf(r.id) === undefined,
    )
    if (!room) return undefined
    if (room.heldAt) return { room, held: true }
    const live = session.directory ? await session.directory.groupsByTopic(group.topic) : []
    const verdict = await this.judge(room, live)
    if (verdict === 'ok' && live[0]?.puppetId === group.puppetId) {
      session.confirmRoom(room.id, group.puppetId)
      return { room: await this.refresh(room, group), held: false }
    }
    return { room: await this.hold(room, verdict === 'ok' ? '群 ID 与检查结果不一致' : verdict), held: true }
  }

  /** Whether a room of another bot account has this topic: its account answers there, not this one. */
  async servedElsewhere(topic: string): Promise<boolean> {
    return (await this.db.room.count({ where: { topic, NOT: servedBy(this.account) } })) > 0
  }

  /** This login's group for a room before a push, checking it first; undefined when held. */
  async groupOf(room: Room): Promise<string | undefined> {
    if (room.heldAt) return undefined
    const known = this.session.confirmedGroupOf(room.id)
    if (known) return known
    if (this.keys.stableIds) {
      // Thrown, not undefined (which means held): the row is retried with back-off, and given up loudly.
      if (!room.puppetRoomId) throw new Error(`群「${room.topic}」没有记下稳定的群 ID：请在群里重新发送 #绑定`)
      this.session.confirmRoom(room.id, room.puppetRoomId)
      return room.puppetRoomId
    }
    const directory = this.session.directory
    if (!directory) throw new Error('not logged in')
    const live = await directory.groupsByTopic(room.topic)
    // Not listed (yet): the web protocol loads groups lazily. Retried later, not held.
    if (live.length === 0) throw new Error(`这次登录还没找到群「${room.topic}」`)
    const verdict = await this.judge(room, live)
    if (verdict !== 'ok') {
      await this.hold(room, verdict)
      return undefined
    }
    this.session.confirmRoom(room.id, live[0]!.puppetId)
    if (room.puppetRoomId !== live[0]!.puppetId) await this.db.room.update({ where: { id: room.id }, data: { puppetRoomId: live[0]!.puppetId } })
    return live[0]!.puppetId
  }

  /** `#确认绑定` or `#绑定` by an admin in the group itself: this group is the room's, for this login and after. */
  async confirm(roomId: number, group: GroupRef): Promise<Room> {
    this.session.confirmRoom(roomId, group.puppetId)
    return this.db.room.update({
      where: { id: roomId },
      data: { heldAt: null, heldReason: null, topic: group.topic, puppetRoomId: group.puppetId, account: this.account },
    })
  }

  /** The group was renamed: the binding follows only a group this login has tied to the room. */
  async renamed(puppetId: string, oldTopic: string, newTopic: string): Promise<Room | undefined> {
    let roomId = this.session.confirmedRoomOf(puppetId)
    if (roomId === undefined && this.keys.stableIds) roomId = (await this.db.room.findFirst({ where: { puppetRoomId: puppetId, ...servedBy(this.account) } }))?.id
    if (roomId === undefined) {
      // Renamed before anyone spoke this login: it is the room's group if it passes the same
      // check, and no other group of this login is that room's already.
      const room = (await this.db.room.findMany({ where: { topic: oldTopic, heldAt: null, ...servedBy(this.account) }, orderBy: { id: 'asc' } })).find(
        (r) => this.session.confirmedGroupOf(r.id) === undefined,
      )
      const group = room && (await this.session.directory?.group(puppetId))
      const others = room && (await this.session.directory?.groupsByTopic(oldTopic))
      if (!room || !group || (others?.length ?? 0) > 0 || (await this.judge(room, [group])) !== 'ok') return undefined
      roomId = room.id
    }
    this.session.confirmRoom(roomId, puppetId)
    return this.db.room.update({ where: { id: roomId }, data: { topic: newTopic, puppetRoomId: puppetId } })
  }

  /** 'ok', or why the live groups cannot be taken for the room. */
  private async judge(room: Room, live: LiveGroup[]): Promise<'ok' | string> {
    if (live.length === 0) return `找不到群名为「${room.topic}」的群`
    if (live.length > 1) return `有 ${live.length} 个群都叫「${room.topic}」`
    const all = await this.db.roomMembership.findMany({ where: { roomId: room.id }, include: { member: true } })
    // Who the room really knows: people with a key, a role or a registered name; someone who
    // only once wrote in the group may well have left it since.
    const known = all.filter((m) => m.member.key !== null || m.role !== 'member' || m.member.realName !== null)
    const keyed = known.filter((m) => m.member.key !== null)
    const names = new Set<string>()
    const keys = new Set<string>()
    for (const person of live[0]!.members) {
      for (const name of namesOf(person)) names.add(name)
      const key = personKey(person, this.keys)
      if (key) keys.add(key)
    }
    // Keys cannot be copied into a copycat group; names can. Where the room has keyed people,
    // half of them must be there by key; else half of the known by name.
    const [evidence, present] =
      keyed.length > 0
        ? [keyed, keyed.filter((m) => keys.has(m.member.key!)).length]
        : [known, known.filter((m) => names.has(m.member.name) || (m.alias !== null && names.has(m.alias))).length]
    if (evidence.length === 0 || present / evidence.length >= MIN_OVERLAP) return 'ok'
    return `群「${room.topic}」里只找到本会客厅 ${evidence.length} 位${keyed.length > 0 ? '已认证' : '已知'}成员中的 ${present} 位`
  }

  private async hold(room: Room, reason: string): Promise<Room> {
    const { count } = await this.db.room.updateMany({ where: { id: room.id, heldAt: null }, data: { heldAt: new Date(), heldReason: reason } })
    const held = await this.db.room.findUniqueOrThrow({ where: { id: room.id } })
    if (count === 1) await this.onHold(held)
    return held
  }

  private async refresh(room: Room, group: GroupRef): Promise<Room> {
    if (room.puppetRoomId === group.puppetId && room.topic === group.topic) return room
    return this.db.room.update({ where: { id: room.id }, data: { puppetRoomId: group.puppetId, topic: group.topic } })
  }
}
