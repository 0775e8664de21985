import { randomBytes } from 'node:crypto'
import type { Command } from '../commands/command.js'
import { replies } from '../commands/command.js'
import { helpHint } from '../commands/help.js'
import { logIncoming, recordOutcome } from '../services/message-log.js'
import { findMemberInPrivate, resolveRoomMember } from '../services/members.js'
import { isGrantedAdmin } from '../services/identity.js'
import { isListedAdmin, personKey } from '../identity/keys.js'
import { echo } from '../parsing/mod.js'
import { matchCommand, normaliseText, stripLeadingMentions } from './command-text.js'
import type { Middleware } from './composer.js'
import type { ChatContext } from './context.js'

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
 * Room, member and admin status by keys the operator or the bot controls (see identity/keys.ts):
 * an admin is the bot's own account, a contact whose remark is listed in BOT_ADMINS, or one who
 * claimed an invite. A name never grants a right.
 */
export const resolveParties: Mw = async (ctx, next) => {
  const { db, config, session, keys, binding } = ctx.services
  const { sender, room } = ctx.msg
  ctx.key = personKey(sender, keys)
  if (room) {
    const bound = await binding.forGroup(room)
    if (bound?.held) ctx.heldRoom = bound.room
    else if (bound) {
      ctx.room = bound.room
      const resolved = await resolveRoomMember(db, bound.room.id, sender, ctx.memberOptions(sender))
      ctx.member = resolved.member
      ctx.membership = resolved.membership
      ctx.tiedBy = resolved.tiedBy
      ctx.ambiguousWith = resolved.ambiguousWith
    }
  } else {
    ctx.member = await findMemberInPrivate(db, ctx.key)
  }
  session.seeContact(sender.puppetId)
  ctx.isAdmin = ctx.msg.fromSelf || isListedAdmin(config.BOT_ADMINS, sender.remark) || (await isGrantedAdmin(db, ctx.key))
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
    if (ctx.heldRoom && !command.whileHeld) {
      ctx.outcome = 'refused:held'
      return ctx.reply(replies.held(ctx.heldRoom.name))
    }
    if (command.privateNeedsKey && !ctx.inRoom && !ctx.isAdmin && !ctx.member) {
      ctx.outcome = 'refused:unverified'
      return ctx.reply(replies.verifyFirst(command.privateNeedsKey))
    }
    if (command.needsRoom && !ctx.room) {
      ctx.outcome = 'refused:unbound'
      return ctx.reply(replies.unbound)
    }
    ctx.outcome = `handled:${command.name}`
    await command.run(ctx, ctx.command.args)
  }
}
