import { randomBytes } from 'node:crypto'
import type { Command } from '../commands/command.js'
import { replies } from '../commands/command.js'
import { helpHint } from '../commands/help.js'
import { logIncoming, recordOutcome } from '../services/message-log.js'
import { findMemberInPrivate, resolveRoomMember } from '../services/members.js'
import { findRoomForGroup } from '../services/rooms.js'
import { echo } from '../parsing/mod.js'
import { matchCommand, normaliseText, stripLeadingMentions } from './command-text.js'
import type { Middleware } from './composer.js'
import type { ChatContext } from './context.js'
import type { ChatPerson } from './message.js'

type Mw = Middleware<ChatContext>

/**
 * Drops what the bot itself sent (reply loops). A command typed by a person on the bot's
 * own account is kept: that person is the operator. Bot texts never start with `#`, and
 * `isEcho` remembers what was just sent, as a second guard.
 */
export function ignoreSelf(isEcho: (text: string) => boolean): Mw {
  return async (ctx, next) => {
    if (!ctx.msg.fromSelf) return next()
    const body = stripLeadingMentions(normaliseText(ctx.msg.text))
    if (body.startsWith('#') && !isEcho(ctx.msg.text)) return next()
  }
}

/** Finds the command; lets through only what is addressed to the bot. Chatter stops here, unlogged. */
export function addressedOnly(aliases: () => ReadonlyMap<string, string>): Mw {
  return async (ctx, next) => {
    const match = matchCommand(ctx.msg.text, aliases())
    if (match.kind === 'command') ctx.command = match
    const addressed = match.kind !== 'none' || ctx.msg.mentionsBot || !ctx.inRoom
    if (!addressed) return
    ctx.outcome = match.kind === 'unknown-tag' ? 'unknown-command' : 'received'
    await next()
  }
}

/** Any exception below becomes a short apology in the chat and a log line, never a crash. */
export const errorBoundary: Mw = async (ctx, next) => {
  try {
    await next()
  } catch (error) {
    const ref = randomBytes(3).toString('hex').toUpperCase()
    ctx.services.log.error({ err: error, ref, message: ctx.msg.puppetMessageId }, 'handler failed')
    ctx.outcome = `error:${ref}`
    await ctx.reply(`抱歉，处理这条消息时出错了（错误编号 ${ref}），内容没有保存。请稍后再发一次；一直不行请把编号告诉管理员。`)
  }
}

/** The same delivery twice (or the same text resent within seconds) is handled once. */
export const dedupe: Mw = async (ctx, next) => {
  const { db, config } = ctx.services
  const verdict = await logIncoming(db, ctx.msg, ctx.msg.text, config.DEDUPE_WINDOW_SECONDS)
  if (verdict.kind === 'duplicate') {
    ctx.services.log.info({ message: ctx.msg.puppetMessageId, of: verdict.of }, 'duplicate delivery dropped')
    return
  }
  try {
    await next()
  } finally {
    await recordOutcome(db, verdict.logId, ctx.outcome, { roomId: ctx.room?.id, memberId: ctx.member?.id })
  }
}

/**
 * BOT_ADMINS names the bot account's remark (备注名) for a contact, which only the operator
 * can set, or the WeChat name. Never the group alias: any member can give themselves one.
 */
export function isListedAdmin(admins: readonly string[], person: ChatPerson): boolean {
  return (person.remark !== undefined && admins.includes(person.remark)) || admins.includes(person.name)
}

/** Room, member and admin status by our own keys, never by puppet ids alone. */
export const resolveParties: Mw = async (ctx, next) => {
  const { db, config, session } = ctx.services
  const { sender, room } = ctx.msg
  if (room) {
    ctx.room = await findRoomForGroup(db, room, (id) => session.isLiveRoom(id))
    session.seeRoom(room.puppetId)
    if (ctx.room) {
      const resolved = await resolveRoomMember(db, ctx.room.id, sender, (id) => session.isLiveContact(id))
      ctx.member = resolved.member
      ctx.membership = resolved.membership
    }
  } else {
    ctx.member = await findMemberInPrivate(db, sender)
  }
  session.seeContact(sender.puppetId)
  ctx.isAdmin = ctx.msg.fromSelf || isListedAdmin(config.BOT_ADMINS, sender)
  await next()
}

/** Runs the matched command; unknown tags and bare mentions get a pointer to #帮助. */
export function dispatch(byName: () => ReadonlyMap<string, Command>): Mw {
  return async (ctx) => {
    if (!ctx.command) {
      const unknown = matchCommand(ctx.msg.text, new Map())
      if (unknown.kind === 'unknown-tag') {
        ctx.outcome = 'unknown-command'
        return ctx.reply(`没有「#${echo(unknown.tag)}」这个命令。发送 #帮助 查看全部命令和模板。`)
      }
      ctx.outcome = 'hint'
      return ctx.reply(helpHint)
    }
    const command = byName().get(ctx.command.name)!
    if (command.needsRoom && !ctx.inRoom) {
      ctx.outcome = 'refused:private'
      return ctx.reply(replies.groupOnly(command.usage))
    }
    if (command.needsRoom && !ctx.room) {
      ctx.outcome = 'refused:unbound'
      return ctx.reply(replies.unbound)
    }
    ctx.outcome = `handled:${command.name}`
    await command.run(ctx, ctx.command.args)
  }
}
