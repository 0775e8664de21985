import { randomBytes } from 'node:crypto'
import type { Command } from './command.js'
import { helpHint, replies } from '../texts/replies.js'
import { finishIncoming, incomingStatements, judgeIncoming } from '../services/message-log.js'
import { findMemberInPrivate, resolveRoomMember, senderBesideRoom } from '../services/members.js'
import { saveDraft } from '../services/drafts.js'
import { isGrantedAdmin } from '../services/identity.js'
import { isListedAdmin, personKey } from '../identity/keys.js'
import { echo } from '../parsing/mod.js'
import { crashPoint } from '../crash-points.js'
import { commandBody, matchCommand } from './command-text.js'
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
    const body = commandBody(ctx.msg.text)
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

/**
 * The same delivery twice (or the same text resent within seconds) is handled once. The
 * message's outcome and its replies are written in one commit at the end, or, for a new
 * record, in the record's own commit (ChatContext.commitRecord): until then it is not handled,
 * and a crash means it is handled again (its record and replies are keyed by it).
 */
export const dedupe: Mw = async (ctx, next) => {
  const { db, config, outbox } = ctx.services
  const verdict = await judgeIncoming(db, ctx.msg, ctx.msg.text, config.DEDUPE_WINDOW_SECONDS)
  if (verdict.kind === 'duplicate') {
    ctx.services.log.info({ message: ctx.msg.puppetMessageId, of: verdict.of }, 'duplicate delivery dropped')
    return
  }
  crashPoint('received')
  ctx.holdReplies()
  const link = () => ({ roomId: ctx.room?.id, memberId: ctx.member?.id })
  ctx.settleStatements = (outcome, replies) => incomingStatements(ctx.msg, ctx.msg.text, verdict, outcome, link(), replies)
  try {
    await next()
  } finally {
    const replies = ctx.releaseReplies()
    if (!ctx.settled) await finishIncoming(db, ctx.msg, ctx.msg.text, verdict, ctx.outcome, link(), replies)
    crashPoint('handled')
    if (ctx.settled || replies.length > 0) outbox.wake()
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
  // Read with the room where it was (senderBesideRoom), else alone below.
  let granted: boolean | undefined
  if (room) {
    const bound = await binding.forGroup(room, senderBesideRoom(sender, ctx.key))
    if (!bound) ctx.servedElsewhere = await binding.servedElsewhere(room.topic)
    if (bound?.held) ctx.heldRoom = bound.room
    else if (bound) {
      ctx.room = bound.room
      granted = bound.beside?.granted
      const resolved = await resolveRoomMember(db, bound.room.id, sender, ctx.memberOptions(sender), bound.beside?.goingBy)
      ctx.member = resolved.member
      ctx.membership = resolved.membership
      ctx.tiedBy = resolved.tiedBy
      ctx.ambiguousWith = resolved.ambiguousWith
    }
  } else {
    ctx.member = await findMemberInPrivate(db, ctx.key)
  }
  session.seeContact(sender.puppetId)
  ctx.isAdmin = ctx.msg.fromSelf || isListedAdmin(config.BOT_ADMINS, sender.remark) || (granted ?? (await isGrantedAdmin(db, ctx.key)))
  await next()
}

/**
 * One person may send so many tagged messages a minute (SENDER_MAX_PER_MINUTE): past that they
 * get one "请稍后" for the minute, and what they sent is kept as drafts, so a burst from one
 * member can neither flood the outbox that every room shares nor be lost.
 */
export function senderLimit(byName: () => ReadonlyMap<string, Command>): Mw {
  const sent = new Map<string, number[]>()
  const warned = new Map<string, number>()
  return async (ctx, next) => {
    const limit = ctx.services.config.SENDER_MAX_PER_MINUTE
    if (limit === 0 || !ctx.command || ctx.msg.fromSelf) return next()
    const who = ctx.key ?? ctx.msg.sender.puppetId
    const at = ctx.msg.time.getTime()
    const recent = (sent.get(who) ?? []).filter((t) => at - t < 60_000)
    recent.push(at)
    sent.set(who, recent)
    if (recent.length <= limit) return next()
    // A record command's message is kept as a draft of its kind, so it is not lost.
    const kind = byName().get(ctx.command.name)?.records
    const draft = kind && ctx.room
      ? await saveDraft(ctx.services.db, {
          kind, roomId: ctx.room.id, memberId: ctx.member?.id, senderName: ctx.msg.sender.name,
          text: ctx.command.args, messageId: ctx.msg.puppetMessageId, messageTime: ctx.msg.time,
        }, [{ field: '发送频率', problem: `一分钟内超过 ${limit} 条，没有处理` }])
      : undefined
    ctx.outcome = draft ? `limited:${draft.code}` : 'limited'
    if (at - (warned.get(who) ?? 0) < 60_000) return
    warned.set(who, at)
    await ctx.reply(
      `您一分钟内发了 ${limit} 条以上带 # 的消息，请稍后再发。${draft ? `这条已存为草稿 ${draft.code}，` : ''}` +
        '这一分钟里多出来的记录都存为草稿（#最近 可以看到），没有丢：过一会儿重发即可。',
    )
  }
}

/** Runs the matched command; unknown tags and bare mentions get a pointer to #帮助. */
export function dispatch(byName: () => ReadonlyMap<string, Command>): Mw {
  return async (ctx) => {
    // Two bot accounts in one group would answer everything twice; only binding commands pass.
    if (ctx.servedElsewhere && !(ctx.command && byName().get(ctx.command.name)?.whileHeld)) {
      ctx.outcome = 'other-account'
      return
    }
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
