import { describe, expect, it } from 'vitest'
import { allCommands } from '../../src/commands/index.js'
import type { Command } from '../../src/router/command.js'
import type { MockChat } from '../../src/sim/mock-chat.js'
import { GROUP, boundChat, freshDb, startChat, verify } from '../helpers.js'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from '../../src/generated/prisma/client.js'

const at = (local: string) => new Date(`${local}+08:00`)
async function say(chat: MockChat, from: string, text: string, extra: { time?: string; fromKey?: string; room?: string; roomKey?: string } = {}) {
  const out = await chat.say({
    room: extra.room ?? GROUP,
    from,
    text,
    time: at(extra.time ?? '2022-09-21T10:00:00'),
    ...(extra.fromKey ? { fromKey: extra.fromKey } : {}),
    ...(extra.roomKey ? { roomKey: extra.roomKey } : {}),
  })
  return out.map((m) => m.text ?? '').join('\n---\n')
}

describe('identity cannot be taken by choosing a name', () => {
  it('a remark (备注) set by the bot account makes an admin; the same text as a WeChat name does not', async () => {
    const chat = await startChat({ env: { BOT_ADMINS: '市政协办公室' } })
    await chat.contact('老周', '老周', '市政协办公室')
    expect(await say(chat, '老周', '#绑定 健康家园会客厅')).toContain('已绑定')
    expect(await say(chat, '市政协办公室', '#绑定 冒名会客厅')).toContain('只有管理员可以绑定群')
  })

  it('a second account cannot use the secretary’s registered real name', async () => {
    const chat = await boundChat()
    await say(chat, '张三', '#登记 张伟 教育')
    await say(chat, '管理员', '#秘书 @张三')
    await say(chat, '李四', '#民意 关于增设公交站点的建议')
    const reply = await say(chat, '张伟', '#采纳 M1 市级')
    expect(reply).toContain('只有本群秘书或管理员可以登记采纳')
    expect(await say(chat, '张三', '#采纳 M1 市级', { time: '2022-09-21T10:01:00' })).toContain('市级采纳')
  })

  it('a second account that takes the secretary’s WeChat name is someone else', async () => {
    const chat = await boundChat()
    await say(chat, '王芳', '大家好 @会客厅助手')
    await say(chat, '管理员', '#秘书 @王芳')
    await say(chat, '李四', '#民意 关于增设公交站点的建议')
    expect(await say(chat, '王芳', '#办结 M1', { fromKey: 'impostor' })).toContain('只有本群秘书或管理员可以登记办结')
    expect(await chat.app.services.db.member.count({ where: { name: '王芳' } })).toBe(2)
  })

  it('refuses to register a real name another member of the room has, so records stay theirs', async () => {
    const chat = await boundChat()
    await say(chat, '张三', '#登记 张三 教育')
    await say(chat, '张三', '#活动 9月19日 健康义诊')
    expect(await say(chat, '李四', '#登记 张三')).toContain('本群已有委员登记为「张三」')
    expect(await say(chat, '李四', '#撤销 A1')).toContain('只有 A1 的记录人、本群秘书或管理员可以撤销它')
  })

  it('a second group with a bound group’s topic is not that room', async () => {
    const chat = await boundChat()
    await say(chat, '王芳', '#活动 9月19日 健康义诊')
    const reply = await say(chat, '路人', '#最近', { roomKey: 'copycat' })
    expect(reply).toContain('本群还没有绑定')
    expect(await say(chat, '王芳', '#最近', { time: '2022-09-21T10:02:00' })).toContain('A1')
  })

  it('will not move a bound room to another group unless asked to 改绑, and confirmed', async () => {
    const chat = await boundChat()
    const refused = await say(chat, '管理员', '#绑定 平湖健康家园政协委员会客厅', { room: '新群' })
    expect(refused).toContain(`已绑定到群「${GROUP}」`)
    expect(refused).toContain('#绑定 平湖健康家园政协委员会客厅 会客厅 改绑')
    const asked = await say(chat, '管理员', '#绑定 平湖健康家园政协委员会客厅 会客厅 改绑', { room: '新群', time: '2022-09-21T10:01:00' })
    expect(asked).toContain('确认要把「平湖健康家园政协委员会客厅」从群「平湖健康家园委员群」改绑到本群吗')
    expect((await chat.app.services.db.room.findFirstOrThrow()).topic).toBe(GROUP)
    // Only an admin confirms, only in that group, and only within 10 minutes.
    expect(await say(chat, '李明', '#确认绑定', { room: '新群', time: '2022-09-21T10:02:00' })).toContain('只有管理员可以确认绑定')
    expect(await say(chat, '管理员', '#确认绑定', { room: '第三个群', time: '2022-09-21T10:03:00' })).toContain('本群没有待确认的绑定')
    expect(await say(chat, '管理员', '#确认绑定', { room: '新群', time: '2022-09-21T10:04:00' })).toContain('已确认：本群 =「平湖健康家园政协委员会客厅」')
    const room = await chat.app.services.db.room.findFirstOrThrow()
    expect(room.topic).toBe('新群')
    expect(await say(chat, '李明', '#活动 9月20日 读书会，参与人次10', { room: '新群', time: '2022-09-21T10:05:00' })).toContain('已记录活动 A1')
  })

  it('lets a 改绑 lapse after 10 minutes', async () => {
    const chat = await boundChat()
    await say(chat, '管理员', '#绑定 平湖健康家园政协委员会客厅 会客厅 改绑', { room: '新群', time: '2022-09-21T10:01:00' })
    expect(await say(chat, '管理员', '#确认绑定', { room: '新群', time: '2022-09-21T10:12:00' })).toContain('本群没有待确认的绑定')
    expect((await chat.app.services.db.room.findFirstOrThrow()).topic).toBe(GROUP)
  })
})

describe('drafts', () => {
  it('completing one draft leaves the sender’s other drafts open', async () => {
    const chat = await boundChat()
    await say(chat, '李明', '#活动 9月32日 义诊')
    await say(chat, '李明', '#活动 13月1日 读书会', { time: '2022-09-21T10:01:00' })
    const done = await say(chat, '李明', '#修改 D1 日期=9月20日', { time: '2022-09-21T10:02:00' })
    expect(done).toContain('草稿 D1 已由这条补全')
    expect(done).not.toContain('D2')
    const open = await chat.app.services.db.draft.findMany({ where: { resolvedAt: null } })
    expect(open.map((d) => d.code)).toEqual(['D2'])
  })
})

describe('bad and hostile input', () => {
  it('a record near the length limit can still be edited; an edit that is itself too long is refused', async () => {
    const chat = await boundChat()
    const summary = '调研发现'.repeat(1242) // the message just under the limit; written back with its labels and author, over it
    expect(await say(chat, '李明', `#调研报告 关于老旧小区加装电梯的调研报告\n日期：9月10日\n摘要：${summary}`)).toContain('已记录调研报告 R1')
    const edited = await say(chat, '李明', '#修改 R1 采纳=市住建局', { time: '2022-09-21T10:01:00' })
    expect(edited).toContain('已修改 R1')
    expect((await chat.app.services.db.researchReport.findFirstOrThrow()).adoptedBy).toBe('市住建局')
    const tooLong = await say(chat, '李明', `#修改 R1 摘要=${'很长'.repeat(2600)}`, { time: '2022-09-21T10:02:00' })
    expect(tooLong).toContain('R1 没有修改')
    expect(tooLong).toContain('太长了（')
    // A draft just under the limit, kept for its date: the line the edit adds does not make it too long.
    await say(chat, '李明', `#活动 9月32日在社区开展健康讲座，${'居民踊跃提问'.repeat(830)}`, { time: '2022-09-21T10:03:00' })
    expect(await say(chat, '李明', '#修改 D1 日期=9月20日', { time: '2022-09-21T10:04:00' })).toContain('已记录活动 A1')
  })

  it('answers a very long message at once, keeps it as a draft, and replies in one message', async () => {
    const chat = await boundChat()
    const started = Date.now()
    const reply = await say(chat, '李明', `#活动 ${'很长的内容 '.repeat(1200)}`)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(reply).toContain('太长了（')
    expect(reply).toContain('原文已存为草稿 D1')
    const shown = await chat.say({ room: GROUP, from: '李明', text: '#查 D1', time: at('2022-09-21T10:01:00') })
    expect(shown).toHaveLength(1)
    expect(shown[0]!.text).toMatch(/…（共 \d+ 字）/)
  })

  it('stores a lone surrogate as U+FFFD instead of failing, and never echoes a huge input back', async () => {
    const chat = await boundChat()
    const reply = await say(chat, '李明', '#活动 9月19日 健康义诊\ud800')
    expect(reply).toContain('已记录活动 A1')
    expect((await chat.app.services.db.activity.findFirstOrThrow()).rawText).toContain('\ufffd')
    const huge = '很长'.repeat(20_000)
    for (const [i, text] of [`#季报 ${huge}`, `#登记 王芳 ${huge}`, `#委员 @李明${huge}`, `#绑定 ${huge}`, `#${huge}`].entries()) {
      const out = await chat.say({ room: GROUP, from: '管理员', text, time: at(`2022-09-21T11:0${i}:00`) })
      expect(out, text.slice(0, 10)).toHaveLength(1)
      expect(out[0]!.text!.length, text.slice(0, 10)).toBeLessThan(300)
    }
  })

  it('refuses negative and implausible counts', async () => {
    const chat = await boundChat()
    expect(await say(chat, '李明', '#活动 主题：义诊\n参与人次：-5')).toContain('人数不能是负数："-5"')
    expect(await say(chat, '李明', '#活动 主题：义诊\n服务人次：30亿', { time: '2022-09-21T10:01:00' })).toContain('人数过大')
    expect(await chat.app.services.db.activity.count()).toBe(0)
  })

  it('treats a tag in the middle of a sentence as chatter', async () => {
    const chat = await boundChat()
    expect(await say(chat, '李明', '昨天在社区开展的义诊 #活动 照片我发群相册了')).toBe('')
    expect(await chat.app.services.db.activity.count()).toBe(0)
  })

  it('strips control and direction-override characters before storing', async () => {
    const chat = await boundChat()
    await say(chat, '李明', '#活动 9月19日 健康\u0000义诊\u202e')
    expect((await chat.app.services.db.activity.findFirstOrThrow()).title).toBe('健康义诊')
  })

  it('handles a resend after an error instead of taking it for a duplicate', async () => {
    let calls = 0
    const flaky: Command = {
      name: '试试',
      summary: 'test',
      usage: '#试试',
      needsRoom: false,
      async run(ctx) {
        calls++
        if (calls === 1) throw new Error('temporary')
        await ctx.reply('好了')
      },
    }
    const chat = await startChat({ commands: [...allCommands(), flaky] })
    expect(await say(chat, '李明', '#试试')).toContain('抱歉')
    expect(await say(chat, '李明', '#试试', { time: '2022-09-21T10:00:03' })).toBe('好了')
  })

  it('warns when the same event seems to be reported twice', async () => {
    const chat = await boundChat()
    await say(chat, '王芳', '#活动 9月19日在市爱卫中心开展健康义诊')
    const second = await say(chat, '李明', '#活动 9月19日 义诊活动，服务群众100人次')
    expect(second).toContain('提示：同一天已有同类活动 A1（健康义诊，记录人 王芳）')
    expect(second).toContain('#撤销 A2')
  })
})

describe('status steps', () => {
  it('keeps the full name of the adopting body and takes a written date', async () => {
    const chat = await boundChat()
    await say(chat, '李明', '#民意 关于增设公交站点的建议')
    expect(await say(chat, '管理员', '#采纳 M1 全国政协办公厅')).toContain('全国采纳（全国政协办公厅）')
    expect(await say(chat, '管理员', '#办结 M1 9月30日', { time: '2022-10-08T10:00:00' })).toContain('2022-09-30 办结')
    expect(await say(chat, '管理员', '#批示 M1 9月32日', { time: '2022-10-08T10:01:00' })).toContain('日期看不懂')
  })
})

describe('a message being handled when the process died', () => {
  it('is handled again on re-delivery, without a second record or a second reply', async () => {
    const chat = await boundChat()
    await say(chat, '李明', '#活动 9月19日 健康义诊')
    const id = chat.lastInjectedId()
    const { db } = chat.app.services
    // As if the process died after storing and replying, before the outcome was written.
    await db.messageLog.update({ where: { puppetMessageId: id }, data: { outcome: 'received' } })
    expect(await chat.redeliver(id)).toEqual([])
    expect(await db.activity.count()).toBe(1)
    const logged = await db.messageLog.findUniqueOrThrow({ where: { puppetMessageId: id } })
    expect(logged.outcome).toBe('recorded:A1')
    // The row left 'received' is completed with the room and member it was about.
    const activity = await db.activity.findUniqueOrThrow({ where: { code: 'A1' } })
    expect([logged.roomId, logged.memberId]).toEqual([activity.roomId, activity.reporterId])
    expect(logged.memberId).not.toBeNull()
    // And one that died before anything was stored is completed.
    await say(chat, '李明', '#活动 9月20日 读书会', { time: '2022-09-21T10:05:00' })
    const second = chat.lastInjectedId()
    await db.activity.deleteMany({ where: { code: 'A2' } })
    await db.outboxMessage.deleteMany({ where: { dedupeKey: { startsWith: `reply:${second}` } } })
    await db.messageLog.update({ where: { puppetMessageId: second }, data: { outcome: 'received' } })
    const again = await chat.redeliver(second)
    expect(again.map((m) => m.text?.split('\n')[0])).toEqual(['已记录活动 A3'])
  })
})

/** A bound chat on a client that logs every statement it sends to the database. */
async function tracedChat(): Promise<{ chat: MockChat; statements: string[] }> {
  const { file } = await freshDb()
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file }), log: [{ emit: 'event', level: 'query' }] })
  const statements: string[] = []
  db.$on('query', (event) => statements.push(event.query.trim()))
  return { chat: await boundChat({ db }), statements }
}

describe('a record, its outcome and its confirmation are one commit', () => {
  it('writes the record, the message log row and the confirmation in one transaction; marking it sent is the only other commit', async () => {
    const { chat, statements } = await tracedChat()
    statements.length = 0
    expect(await say(chat, '李明', '#活动 9月19日 健康义诊，委员李明参加')).toContain('已记录活动 A1')
    const commits = statements.map((sql, i) => (sql === 'COMMIT' ? i : -1)).filter((i) => i >= 0)
    expect(commits).toHaveLength(1)
    const at = (start: string) => statements.findIndex((sql) => sql.startsWith(start))
    for (const write of ['INSERT INTO "Activity"', 'INSERT INTO "MessageLog"', 'INSERT INTO "OutboxMessage"']) expect(at(write)).toBeLessThan(commits[0]!)
    const after = statements.slice(commits[0]! + 1).filter((sql) => /^(INSERT|UPDATE|DELETE)/.test(sql))
    expect(after).toEqual([expect.stringMatching(/^UPDATE "OutboxMessage" SET "status" = 'sent'/)])
  })

  it('a verified member’s #活动 takes the same statements as anyone’s: their member and admin grant come with the room', async () => {
    const { chat, statements } = await tracedChat()
    await say(chat, '王芳', '#登记 王芳 医药卫生')
    await say(chat, '李明', '#登记 李明 教育')
    expect(await verify(chat, '王芳')).toContain('已认证')
    const run = async (from: string, day: number) => {
      statements.length = 0
      expect(await say(chat, from, `#活动 9月${day}日 健康义诊，委员李明、王芳参加`, { time: `2022-09-21T11:${String(day).padStart(2, '0')}:00` })).toContain('已记录活动')
      return statements.filter((sql) => sql !== 'BEGIN')
    }
    const unverified = await run('李明', 1)
    const verified = await run('王芳', 2)
    expect(verified.some((sql) => sql.includes('"key" = ?'))).toBe(true)
    expect(verified).toHaveLength(unverified.length)
    expect(verified.filter((sql) => sql.includes('AdminGrant') && !sql.includes('"Room"'))).toEqual([])
  })

  it('an edit, a withdrawal or an undone step whose revision cannot be written changes nothing: no change without its history', async () => {
    const chat = await boundChat()
    const { db } = chat.app.services
    await say(chat, '王芳', '#登记 王芳 医药卫生')
    await say(chat, '管理员', '#秘书 @王芳')
    expect(await say(chat, '王芳', '#活动 9月19日 健康义诊，参与人次20')).toContain('已记录活动 A1')
    expect(await say(chat, '王芳', '#民意 关于增设公交站点的建议\n内容：居民反映早高峰等车时间长', { time: '2022-09-21T10:01:00' })).toContain('已记录社情民意 M1')
    expect(await say(chat, '王芳', '#采纳 M1 市级', { time: '2022-09-21T10:02:00' })).toContain('M1')
    await db.$executeRawUnsafe(`CREATE TRIGGER "no_history" BEFORE INSERT ON "Revision" BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
    expect(await say(chat, '王芳', '#修改 A1 参与人次=30', { time: '2022-09-21T10:03:00' })).toContain('内容没有保存')
    expect((await db.activity.findUniqueOrThrow({ where: { code: 'A1' } })).participants).toBe(20)
    expect(await say(chat, '王芳', '#撤销 A1', { time: '2022-09-21T10:04:00' })).toContain('内容没有保存')
    expect((await db.activity.findUniqueOrThrow({ where: { code: 'A1' } })).withdrawn).toBe(false)
    expect((await db.activityMonth.findFirstOrThrow()).activities).toBe(1)
    expect(await say(chat, '王芳', '#撤销 M1 市级采纳', { time: '2022-09-21T10:05:00' })).toContain('内容没有保存')
    expect(await db.opinionEvent.count()).toBe(1)
    await db.$executeRawUnsafe('DROP TRIGGER "no_history"')
    expect(await say(chat, '王芳', '#修改 A1 参与人次=30', { time: '2022-09-21T10:06:00' })).toContain('已修改 A1')
    expect(await db.revision.count()).toBe(1)
  })

  it('a failure before the commit keeps nothing of the message: the apology is true, and the resend is stored once', async () => {
    const chat = await boundChat()
    const { db } = chat.app.services
    // The confirmation cannot be queued (a full disk, say): the record must not stay without it.
    await db.$executeRawUnsafe(`CREATE TRIGGER "no_confirmation" BEFORE INSERT ON "OutboxMessage" WHEN NEW."text" LIKE '已记录%' BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
    expect(await say(chat, '李明', '#活动 9月19日 健康义诊')).toContain('内容没有保存')
    expect(await db.activity.count()).toBe(0)
    expect((await db.messageLog.findUniqueOrThrow({ where: { puppetMessageId: chat.lastInjectedId() } })).outcome).toMatch(/^error:/)
    await db.$executeRawUnsafe('DROP TRIGGER "no_confirmation"')
    expect(await say(chat, '李明', '#活动 9月19日 健康义诊', { time: '2022-09-21T10:00:05' })).toContain('已记录活动 A1')
    expect(await db.activity.count()).toBe(1)
  })
})

describe('text that cannot be stored, exported or seen', () => {
  it('drops what XML cannot hold, zero-width and bidi characters before storing; the export stays readable', async () => {
    const chat = await boundChat()
    const out = await say(chat, '李\u200b明', '#活动 9月20日 健康\uFFFF讲座\u202e，参与人次12')
    expect(out).toContain('已记录活动 A1')
    const activity = await chat.app.services.db.activity.findFirstOrThrow()
    expect(activity.title).toBe('健康讲座')
    expect(activity.rawText).not.toMatch(/[\uFFFF\u202e]/)
    expect((await chat.app.services.db.member.findFirstOrThrow({ where: { name: '李明' } })).name).toBe('李明')
    // A record stored before this cleaning (written straight into the database) exports too.
    await chat.app.services.db.activity.update({ where: { id: activity.id }, data: { note: '旧\uFFFF数据\u0007' } })
    const exported = await chat.say({ room: GROUP, from: '管理员', text: '#导出 2022', time: at('2022-09-21T10:05:00') })
    const file = exported.find((m) => m.file)!
    const { default: ExcelJS } = await import('exceljs')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(chat.fileOf(file)! as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('活动台账')!
    const values = JSON.stringify(sheet.getSheetValues())
    expect(values).toContain('旧数据')
    // Row 3, under the title and the headers: 备注 as cleaned on export, 活动内容 (the words, the tag aside) as cleaned at the door.
    expect([sheet.getRow(2).getCell(13).value, sheet.getRow(2).getCell(14).value]).toEqual(['备注', '活动内容'])
    expect([sheet.getRow(3).getCell(13).value, sheet.getRow(3).getCell(14).value]).toEqual(['旧数据', '9月20日 健康讲座，参与人次12'])
  })
})

describe('the bot’s own confirmations', () => {
  it('are not taken as a record when someone reposts one with a tag', async () => {
    const chat = await boundChat()
    const [confirmation] = (await say(chat, '王芳', '#活动 9月18日在市爱卫中心开展健康义诊')).split('\n---\n')
    const repost = await say(chat, '李明', `${confirmation}\n#活动`, { time: '2022-09-21T10:01:00' })
    expect(repost).toContain('这是机器人发过的确认（已记录活动 A1），不会再记一次')
    const quoted = await say(chat, '李明', `#活动 「已记录活动 A1\n日期：2022-09-18」`, { time: '2022-09-21T10:02:00' })
    expect(quoted).toContain('不会再记一次')
    expect(await chat.app.services.db.activity.count()).toBe(1)
  })
})

describe('giving up loudly and forgetting what need not be kept', () => {
  it('marks a message failing for OUTBOX_GIVE_UP_HOURS as failed and tells the admins, also outside WeChat', async () => {
    const alerts: [string, string][] = []
    const chat = await boundChat({ alert: async (condition, text) => alerts.push([condition, text]) })
    const db = chat.app.services.db
    // A push to a room whose group this login cannot find (retried, not refused), queued 49 hours ago.
    const lost = await db.room.create({ data: { name: '失联的会客厅', kind: '会客厅', topic: '已解散的群' } })
    await db.outboxMessage.create({ data: { targetKind: 'room', roomId: lost.id, text: '一条发不出去的通知', createdAt: new Date(Date.now() - 49 * 3600_000) } })
    await chat.app.outbox.enqueue({ kind: 'room', roomId: 1 }, { text: '叫醒发件箱' })
    await chat.app.idle()
    const row = await db.outboxMessage.findFirstOrThrow({ where: { text: '一条发不出去的通知' } })
    expect(row.status).toBe('failed')
    const notices = chat.sent.filter((m) => m.text?.startsWith('【发送失败】'))
    expect(notices.map((m) => m.to)).toEqual(['管理员'])
    expect(notices[0]!.text).toContain('发给「失联的会客厅」的消息 「一条发不出去的通知」 已重试 48 小时仍发不出去（这次登录还没找到群「已解散的群」）')
    expect(alerts).toEqual([['failed', notices[0]!.text]])
  })

  it('removes private chatter and sent rows after MESSAGE_LOG_DAYS, keeping group messages and unsent rows', async () => {
    const chat = await boundChat()
    const db = chat.app.services.db
    await chat.say({ from: '李明', text: '#帮助' })
    const { sweepOldData } = await import('../../src/services/housekeeping.js')
    const later = new Date(Date.now() + 31 * 86_400_000)
    await db.outboxMessage.create({ data: { targetKind: 'contact', targetName: '王芳', text: '未发', status: 'pending' } })
    const swept = await sweepOldData(db, chat.app.services.config, later)
    expect(swept.privateMessages).toBe(1)
    expect(swept.sentRows).toBeGreaterThan(0)
    expect(await db.messageLog.count({ where: { roomId: null, roomTopic: null } })).toBe(0)
    expect(await db.messageLog.count({ where: { roomTopic: GROUP } })).toBeGreaterThan(0)
    expect(await db.outboxMessage.count({ where: { status: 'pending' } })).toBe(1)
  })
})

describe('one busy member', () => {
  it('sends the held messages again in their order: each completes its own draft, none is left open', async () => {
    const chat = await boundChat({ env: { SENDER_MAX_PER_MINUTE: '1' } })
    await say(chat, '李明', '#登记 李明 教育', { time: '2022-09-21T09:58:00' })
    await say(chat, '李明', '#活动 9月19日 读书会，参与人次10', { time: '2022-09-21T10:00:00' })
    expect(await say(chat, '李明', '#活动 9月20日 义诊进社区，服务群众80人次', { time: '2022-09-21T10:00:10' })).toContain('草稿 D1')
    await say(chat, '李明', '#活动 9月21日 委员座谈会，参与人次12', { time: '2022-09-21T10:00:20' })
    const first = await say(chat, '李明', '#活动 9月20日 义诊进社区，服务群众80人次', { time: '2022-09-21T10:02:00' })
    expect(first).toContain('（草稿 D1 已由这条补全）')
    expect(first).not.toContain('您还有草稿')
    expect(await say(chat, '李明', '#活动 9月21日 委员座谈会，参与人次12', { time: '2022-09-21T10:03:00' })).toContain('（草稿 D2 已由这条补全）')
    expect(await chat.app.services.db.draft.count({ where: { resolvedAt: null } })).toBe(0)
  })

  it('gets one 请稍后 past SENDER_MAX_PER_MINUTE; the rest are kept as drafts; others are not held up', async () => {
    const chat = await boundChat({ env: { SENDER_MAX_PER_MINUTE: '3' } })
    const replies: string[] = []
    for (let i = 1; i <= 5; i++) replies.push(await say(chat, '李明', `#活动 9月${i}日 读书会第${i}场，参与人次${i}`, { time: `2022-09-21T10:00:${String(i * 5).padStart(2, '0')}` }))
    expect(replies.slice(0, 3).every((r) => r.startsWith('已记录活动'))).toBe(true)
    expect(replies[3]).toContain('您一分钟内发了 3 条以上带 # 的消息，请稍后再发。这条已存为草稿 D1')
    expect(replies[4]).toBe('')
    const db = chat.app.services.db
    expect((await db.draft.findMany({ orderBy: { id: 'asc' } })).map((d) => d.text)).toEqual(['9月4日 读书会第4场，参与人次4', '9月5日 读书会第5场，参与人次5'])
    expect(await say(chat, '王芳', '#活动 9月6日 义诊，参与人次6', { time: '2022-09-21T10:00:40' })).toContain('已记录活动 A4')
    // A minute later the member may write again.
    const next = await say(chat, '李明', '#活动 9月7日 座谈会，参与人次7', { time: '2022-09-21T10:01:30' })
    expect(next).toContain('已记录活动 A5')
    // Another activity does not complete the drafts kept for the minute: they wait to be sent again.
    expect(next).toContain('提示：您还有草稿 D2 没有补全')
    expect(await db.draft.count({ where: { resolvedAt: null } })).toBe(2)
    expect(await say(chat, '李明', '#活动 9月5日 读书会第5场，参与人次5', { time: '2022-09-21T10:01:40' })).toContain('（草稿 D2 已由这条补全）')
  })
})
