/**
 * Who is who, tried as an attacker would: every right rests on a key the operator or the bot
 * controls (a remark, a claimed code, a stable id), never on a nickname, a group alias or a
 * topic, and a re-login (every wechat4u id new) hands nothing to the first comer.
 * Each `it` under "reproduced" is one of the reproductions of the identity issue.
 */
import { describe, expect, it } from 'vitest'
import type { MockChat, SentMessage } from '../../src/sim/mock-chat.js'
import { createAdminInvite, revokeAdminGrant } from '../../src/services/identity.js'
import { rebuildMonthlyRows } from '../../src/services/monthly-rows.js'
import { GROUP, startChat, verify, runSchedule } from '../helpers.js'

const at = (local: string) => new Date(`${local}+08:00`)
const OFFICE = '市政协办公室'
/** The real admin: WeChat name 老周, remark 市政协办公室 set by the operator and listed in BOT_ADMINS. */
const ADMIN = { from: '老周', remark: OFFICE } as const
const ROOM = '健康家园会客厅'

let minute = 0
/** One line a minute after the previous one (equal texts are never taken for re-deliveries). */
async function say(chat: MockChat, line: Parameters<MockChat['say']>[0]): Promise<SentMessage[]> {
  return chat.say({ time: new Date(at('2022-09-21T10:00:00').getTime() + ++minute * 60_000), ...line })
}
const texts = (sent: SentMessage[]) => sent.map((m) => m.text ?? `<file ${m.file}>`).join('\n')

/** The office's bot: the admin is known by remark only; a room with a secretary, a member and a report M1. */
async function office(): Promise<MockChat> {
  const chat = await startChat({ env: { BOT_ADMINS: OFFICE } })
  expect(texts(await say(chat, { room: GROUP, ...ADMIN, text: `#绑定 ${ROOM} 会客厅` }))).toContain('已绑定')
  await say(chat, { room: GROUP, from: '王芳', alias: '王芳-秘书处', text: '#登记 王芳 医药卫生' })
  await say(chat, { room: GROUP, from: '李明', text: '#登记 李明 教育' })
  await say(chat, { room: GROUP, ...ADMIN, text: '#秘书 @王芳' })
  expect(texts(await say(chat, { room: GROUP, from: '李明', text: '#民意 关于增设公交站点的建议\n内容：居民反映早高峰等车时间长' }))).toContain('已记录社情民意 M1')
  return chat
}

describe('reproduced: nothing is granted by a chosen name', () => {
  it('1. a stranger whose nickname is an admin’s remark can neither re-bind, export nor read every room', async () => {
    const chat = await office()
    const from = { from: OFFICE } // the nickname, in a group of their own
    expect(texts(await say(chat, { room: '自己的群', ...from, text: `#绑定 ${ROOM} 会客厅 改绑` }))).toContain('只有管理员可以绑定群')
    const exported = await say(chat, { room: '自己的群', ...from, text: '#导出 2022' })
    expect(exported.some((m) => m.file)).toBe(false)
    const privately = await say(chat, { ...from, text: '#年报 2022' })
    expect(texts(privately)).toContain('私聊查看各群年报需要先认证')
    expect(texts(privately)).not.toContain('汇总')
    expect((await say(chat, { ...from, text: '#导出 2022' })).some((m) => m.file)).toBe(false)
    const room = await chat.app.services.db.room.findFirstOrThrow()
    expect(room.topic).toBe(GROUP)
    // The real admin, known by the remark the operator set, keeps every right.
    expect(texts(await say(chat, { ...ADMIN, text: '#年报 2022' }))).toContain('各会客厅、工作室汇总（1 个）')
    expect((await say(chat, { ...ADMIN, text: '#导出 2022' })).some((m) => m.file)).toBe(true)
  })

  it('2. after a re-login, a namesake in the group does not take over the secretary: refused, with #认证 named', async () => {
    const chat = await office()
    // Someone else in the group, under the secretary's nickname and group alias.
    await chat.join(GROUP, '王芳', { fromKey: 'impostor', alias: '王芳-秘书处' })
    await chat.relogin()
    const impostor = { room: GROUP, from: '王芳', fromKey: 'impostor', alias: '王芳-秘书处' } as const
    const exported = await say(chat, { ...impostor, text: '#导出 2022' })
    expect(exported.some((m) => m.file)).toBe(false)
    expect(texts(exported)).toContain('只有本群秘书或管理员可以导出台账')
    expect(texts(exported)).toContain('请私聊机器人发送 #认证')
    expect(texts(await say(chat, { ...impostor, text: '#办结 M1' }))).toContain('只有本群秘书或管理员可以登记办结')
    // The real secretary cannot be told apart either: refused the same way, never the first comer's.
    expect(texts(await say(chat, { room: GROUP, from: '王芳', alias: '王芳-秘书处', text: '#办结 M1 9月22日' }))).toContain('#认证')
    const db = chat.app.services.db
    expect(await db.opinionEvent.count()).toBe(0)
    // The secretary's record keeps its role; nobody new took it.
    const secretaries = await db.roomMembership.findMany({ where: { role: 'secretary' }, include: { member: true } })
    expect(secretaries.map((s) => s.member.realName)).toEqual(['王芳'])
  })

  it('2. with #认证 done before, the secretary is recognised after a re-login by her remark token; the audit trail names the key', async () => {
    const chat = await office()
    expect(await verify(chat, '王芳')).toContain('已认证：王芳')
    const remark = chat.remarkOf('王芳')!
    expect(remark).toMatch(/^王芳#[2-9A-Z]{6}$/)
    await chat.join(GROUP, '王芳', { fromKey: 'impostor', alias: '王芳-秘书处' })
    await chat.relogin()
    const impostor = { room: GROUP, from: '王芳', fromKey: 'impostor', alias: '王芳-秘书处' } as const
    expect((await say(chat, { ...impostor, text: '#导出 2022' })).some((m) => m.file)).toBe(false)
    expect(texts(await say(chat, { ...impostor, text: '#办结 M1' }))).toContain('只有本群秘书或管理员')
    expect(texts(await say(chat, { room: GROUP, from: '王芳', text: '#办结 M1 9月22日' }))).toContain('M1')
    expect((await say(chat, { room: GROUP, from: '王芳', text: '#导出 2022' })).some((m) => m.file)).toBe(true)
    const db = chat.app.services.db
    const secretary = await db.member.findFirstOrThrow({ where: { realName: '王芳' } })
    expect(secretary.key).toBe(`t:${remark.split('#')[1]}`)
    const [event] = await db.opinionEvent.findMany()
    expect(event).toMatchObject({ kind: 'resolved', actorName: '王芳', actorKey: secretary.key })
    // The impostor's messages are kept under a member of their own, never the secretary's.
    const impostorMember = await db.member.findFirstOrThrow({ where: { name: '王芳', realName: null } })
    expect(impostorMember.id).not.toBe(secretary.id)
  })

  it('2. after a re-login, a role holder alone with her name keeps her role (no namesake in the group)', async () => {
    const chat = await office()
    await chat.relogin()
    expect(texts(await say(chat, { room: GROUP, from: '王芳', alias: '王芳-秘书处', text: '#办结 M1 9月22日' }))).not.toContain('只有')
    const [event] = await chat.app.services.db.opinionEvent.findMany()
    expect(event!.actorKey).toMatch(/^login:[0-9a-f]{8}:/)
  })

  it('3. after a re-login, a copycat group with the same topic gets no record text and no push; the room waits for #确认绑定', async () => {
    const chat = await office()
    await chat.join(GROUP, '路人', { roomKey: 'copycat' })
    await chat.relogin()
    const peek = await say(chat, { room: GROUP, roomKey: 'copycat', from: '路人', text: '#查 M1' })
    expect(texts(peek)).toContain('#确认绑定')
    expect(texts(peek)).not.toContain('公交')
    // The admin is told privately, by remark.
    const notice = chat.sent.filter((m) => m.to === '老周' && m.text?.includes('绑定暂停了'))
    expect(notice).toHaveLength(1)
    expect(notice[0]!.text).toContain(`有 2 个群都叫「${GROUP}」`)
    // The monthly digest is queued but goes to neither group while the room is held.
    expect((await runSchedule(chat, '2022-09-30T23:00:00', '2022-10-01T10:00:00')).filter((m) => m.to === GROUP)).toEqual([])
    // Records are not taken in either group meanwhile.
    expect(texts(await say(chat, { room: GROUP, from: '李明', text: '#活动 9月30日 读书会，参与人次10' }))).toContain('#确认绑定')
    expect(await chat.app.services.db.activity.count()).toBe(0)
    // A stranger cannot confirm; the admin does, in the real group: the held push goes there.
    expect(texts(await say(chat, { room: GROUP, roomKey: 'copycat', from: '路人', text: '#确认绑定' }))).toContain('只有管理员可以确认绑定')
    const confirmed = await say(chat, { room: GROUP, ...ADMIN, text: '#确认绑定' })
    expect(texts(confirmed)).toContain(`已确认：本群 =「${ROOM}」`)
    await chat.app.idle()
    const digests = chat.sent.filter((m) => m.text?.startsWith(`【${ROOM} · 2022年9月月报】`))
    expect(digests.map((m) => m.toKey ?? m.to)).toEqual([GROUP])
    expect(texts(await say(chat, { room: GROUP, roomKey: 'copycat', from: '路人', text: '#查 M1 ' }))).not.toContain('公交')
  })

  it('4. private pushes find the admin by remark, never whoever took the remark as a nickname', async () => {
    const chat = await office()
    await say(chat, { from: OFFICE, text: '#帮助' }) // the namesake is a contact of the bot too
    await chat.relogin()
    const pushed = await runSchedule(chat, '2022-09-30T23:00:00', '2022-10-01T10:00:00')
    const crossRoom = pushed.filter((m) => m.text?.startsWith('【2022年9月 各会客厅、工作室汇总'))
    expect(crossRoom.map((m) => m.to)).toEqual(['老周'])
  })

  it('5. two people named 王芳 in two rooms stay two members: one’s #我的 never lists the other’s reports', async () => {
    const chat = await office()
    await say(chat, { room: '东海群', ...ADMIN, text: '#绑定 东海论健工作室 工作室' })
    await say(chat, { room: GROUP, from: '王芳', text: '#民意 关于规范校外培训的建议' })
    const other = await say(chat, { room: '东海群', from: '王芳', fromKey: '东海王芳', text: '#我的 2022' })
    const profile = other.find((m) => m.to === '王芳' && m.text?.startsWith('【'))!
    expect(profile.text).toContain('社情民意 0 篇')
    expect(profile.text).not.toContain('校外培训')
    expect(await chat.app.services.db.member.count({ where: { name: '王芳' } })).toBe(2)
  })

  it('6. #查 of another room’s code answers like a code that does not exist', async () => {
    const chat = await office()
    await say(chat, { room: '东海群', ...ADMIN, text: '#绑定 东海论健工作室 工作室' })
    const other = texts(await say(chat, { room: '东海群', from: '张伟', text: '#查 M1' }))
    const missing = texts(await say(chat, { room: '东海群', from: '张伟', text: '#查 M99' }))
    expect(other).toBe(missing.replace('M99', 'M1'))
    expect(other).not.toContain('不是本群')
  })
})

describe('#认证', () => {
  it('takes a code only from the contact it was issued to, within 10 minutes, posted in a bound group', async () => {
    const chat = await office()
    const issued = texts(await say(chat, { from: '李明', text: '#认证' }))
    const code = /#认证 (\d{6})/.exec(issued)![1]!
    expect(texts(await say(chat, { from: '李明', text: `#认证 ${code}` }))).toContain('认证码要发到您所在的委员会客厅群里')
    // Someone who read it in the group cannot use it.
    expect(texts(await say(chat, { room: GROUP, from: '王芳', text: `#认证 ${code}` }))).toContain('认证码不对、已过期')
    expect(texts(await say(chat, { room: GROUP, from: '李明', text: `#认证 ${code}` }))).toContain('已认证：李明')
    expect(chat.remarkOf('李明')).toMatch(/^李明#/)
    // Verified: the private chat knows him now, also after a re-login.
    await chat.relogin()
    expect(texts(await say(chat, { from: '李明', text: '#我的 2022' }))).toContain('【李明 2022年履职情况】')
    expect(texts(await say(chat, { from: '李明', text: '#认证' }))).toContain('您已认证为「李明」')
  })

  it('refuses a code after 10 minutes, or after a re-login (ids of another login prove nothing)', async () => {
    const chat = await office()
    const code = /#认证 (\d{6})/.exec(texts(await say(chat, { from: '李明', text: '#认证' })))![1]!
    minute += 11
    expect(texts(await say(chat, { room: GROUP, from: '李明', text: `#认证 ${code}` }))).toContain('已过期')
    const second = /#认证 (\d{6})/.exec(texts(await say(chat, { from: '李明', text: '#认证' })))![1]!
    await chat.relogin()
    expect(texts(await say(chat, { room: GROUP, from: '李明', text: `#认证 ${second}` }))).toContain('已过期')
    expect(await chat.app.services.db.member.count({ where: { name: '李明', key: { not: null } } })).toBe(0)
  })

  it('makes one member of the same contact in two rooms of one login', async () => {
    const chat = await office()
    await say(chat, { room: '东海群', ...ADMIN, text: '#绑定 东海论健工作室 工作室' })
    await say(chat, { room: '东海群', from: '李明', text: '#活动 9月20日 东海读书会，参与人次8\n参与委员：李明' })
    expect(await chat.app.services.db.member.count({ where: { name: '李明' } })).toBe(2)
    await verify(chat, '李明')
    const members = await chat.app.services.db.member.findMany({ where: { name: '李明' }, include: { memberships: true } })
    expect(members).toHaveLength(1)
    expect(members[0]!.memberships).toHaveLength(2)
    expect(await chat.app.services.db.activityParticipant.findFirstOrThrow()).toMatchObject({ memberId: members[0]!.id })
  })

  it('keeps every kind of record of the merged member: his report and speech count for him, his monthly rows equal a recount', async () => {
    const chat = await office()
    const db = chat.app.services.db
    await say(chat, { room: '东海群', ...ADMIN, text: '#绑定 东海论健工作室 工作室' })
    await say(chat, { room: '东海群', from: '李明', text: '#活动 9月20日 东海读书会，参与人次8\n参与委员：李明' })
    expect(texts(await say(chat, { room: '东海群', from: '李明', text: '#调研报告\n标题：关于社区食堂的调研报告\n作者：李明\n日期：9月10日' }))).toContain('已记录调研报告 R1')
    expect(texts(await say(chat, { room: '东海群', from: '李明', text: '#大会发言\n题目：关于停车难的建议\n会议：市政协十届二次会议\n日期：9月12日\n书面发言' }))).toContain('已记录大会发言 S1')
    const before = await db.memberMonth.findMany({ orderBy: [{ roomId: 'asc' }, { key: 'asc' }] })
    expect(before.filter((r) => r.name === '李明')).toHaveLength(1)
    await verify(chat, '李明')
    const [member] = await db.member.findMany({ where: { name: '李明' } })
    expect(await db.member.count({ where: { name: '李明' } })).toBe(1)
    expect(await db.researchAuthor.findFirstOrThrow()).toMatchObject({ memberId: member!.id })
    expect(await db.speechAuthor.findFirstOrThrow()).toMatchObject({ memberId: member!.id })
    expect(await db.researchReport.findFirstOrThrow()).toMatchObject({ reporterId: member!.id })
    expect(await db.conferenceSpeech.findFirstOrThrow()).toMatchObject({ reporterId: member!.id })
    const mine = texts(await say(chat, { from: '李明', text: '#我的 2022' }))
    expect(mine).toContain('调研报告 1 篇')
    expect(mine).toContain('大会发言 1 次')
    const kept = await db.memberMonth.findMany({ orderBy: [{ roomId: 'asc' }, { month: 'asc' }, { key: 'asc' }] })
    expect(kept.filter((r) => r.memberId !== null).map((r) => r.key)).toEqual([`m${member!.id}`])
    await rebuildMonthlyRows(db)
    expect(await db.memberMonth.findMany({ orderBy: [{ roomId: 'asc' }, { month: 'asc' }, { key: 'asc' }] })).toEqual(kept)
  })
})

describe('#认领 (admin invites)', () => {
  it('makes the claimant an admin by a remark token, once; a code shown in a group is void', async () => {
    const chat = await office()
    const db = chat.app.services.db
    const { code } = await createAdminInvite(db, '王主任', new Date())
    expect(texts(await say(chat, { room: GROUP, from: '王主任', text: '#绑定 东海论健工作室' }))).toContain('只有管理员')
    expect(texts(await say(chat, { from: '王主任', text: `#认领 ${code}` }))).toContain('已认领管理员权限')
    expect(chat.remarkOf('王主任')).toMatch(/^王主任#/)
    expect(texts(await say(chat, { from: '冒名者', text: `#认领 ${code}` }))).toContain('已经用过了')
    await chat.relogin()
    expect(texts(await say(chat, { room: '东海群', from: '王主任', text: '#绑定 东海论健工作室 工作室' }))).toContain('已绑定')
    expect(texts(await say(chat, { from: '王主任', text: '#年报 2022' }))).toContain('（2 个）')
    const leaked = await createAdminInvite(db, undefined, new Date())
    expect(texts(await say(chat, { room: GROUP, from: '李明', text: `#认领 ${leaked.code}` }))).toContain('已作废')
    expect(texts(await say(chat, { from: '李明', text: `#认领 ${leaked.code}` }))).toContain('已作废')
  })

  it('gives a claimed admin rights in a group this login knows, read with the room, until the grant is revoked', async () => {
    const chat = await office()
    const db = chat.app.services.db
    const { code, grant } = await createAdminInvite(db, '王主任', new Date())
    await say(chat, { room: GROUP, from: '王主任', text: '#帮助' })
    expect(texts(await say(chat, { from: '王主任', text: `#认领 ${code}` }))).toContain('已认领管理员权限')
    // Not a member or secretary of the room: only the admin grant lets him set roles here.
    expect(texts(await say(chat, { room: GROUP, from: '王主任', text: '#牵头 @李明' }))).toContain('李明')
    expect((await db.roomMembership.findMany({ where: { role: 'lead' } })).length).toBe(1)
    await revokeAdminGrant(db, grant.id, new Date())
    expect(texts(await say(chat, { room: GROUP, from: '王主任', text: '#秘书 @李明' }))).toContain('只有本群秘书或管理员')
  })
})

describe('stable puppet ids (puppet-service)', () => {
  it('keeps every role and binding across a re-login without #认证, and finds private chats by id', async () => {
    const chat = await startChat({ env: { BOT_ADMINS: OFFICE, PUPPET_STABLE_IDS: 'true' } })
    expect(texts(await say(chat, { room: GROUP, ...ADMIN, text: `#绑定 ${ROOM} 会客厅` }))).toContain('已绑定')
    await say(chat, { room: GROUP, from: '王芳', text: '#登记 王芳 医药卫生' })
    expect(texts(await say(chat, { room: GROUP, ...ADMIN, text: '#秘书 @王芳' }))).not.toContain('#认证')
    await chat.join(GROUP, '王芳', { fromKey: 'impostor' })
    await chat.relogin({ keepIds: true })
    expect((await say(chat, { room: GROUP, from: '王芳', fromKey: 'impostor', text: '#导出 2022' })).some((m) => m.file)).toBe(false)
    expect((await say(chat, { room: GROUP, from: '王芳', text: '#导出 2022' })).some((m) => m.file)).toBe(true)
    expect(texts(await say(chat, { from: '王芳', text: '#年报 2022' }))).toContain('各会客厅、工作室汇总（1 个）')
    const secretary = await chat.app.services.db.member.findFirstOrThrow({ where: { realName: '王芳' } })
    expect(secretary.key).toBe(`w:${secretary.puppetContactId}`)
    const pushed = await runSchedule(chat, '2022-09-30T23:00:00', '2022-10-01T10:00:00')
    expect(pushed.filter((m) => m.text?.startsWith('【2022年9月 各会客厅')).map((m) => m.to).sort()).toEqual(['王芳', '老周'])
  })
})

describe('sending after a re-login', () => {
  it('never finds a private chat or an unbound group by name: a stale id without a remark fails instead', async () => {
    const chat = await office()
    await say(chat, { from: '李明', text: '#帮助' })
    await say(chat, { room: '没绑定的群', from: '李明', text: '#帮助' })
    const oldContact = chat.mocker.cacheContactPayload.get((await chat.contact('李明')).id)!.id
    const oldGroup = chat.group('没绑定的群').id
    chat.app.outbox.detach()
    await chat.app.outbox.enqueue({ kind: 'contact', name: '李明', puppetId: oldContact }, { text: '给李明的回复' })
    await chat.app.outbox.enqueue({ kind: 'raw-room', topic: '没绑定的群', puppetId: oldGroup }, { text: '给没绑定的群的回复' })
    await chat.contact('李明', '另一个李明') // a namesake the bot also knows
    await chat.relogin()
    expect(chat.sent.filter((m) => m.text?.startsWith('给'))).toEqual([])
    const rows = await chat.app.services.db.outboxMessage.findMany({ where: { text: { startsWith: '给' } }, orderBy: { id: 'asc' } })
    expect(rows.map((r) => r.status)).toEqual(['failed', 'failed'])
    expect(rows[0]!.lastError).toMatch(/^联系人「李明」的 ID 已过期，又没有备注可以找回/)
    expect(rows[1]!.lastError).toMatch(/^群「没绑定的群」的 ID 是上次登录的/)
  })

  it('finds a verified person by the remark token after a re-login', async () => {
    const chat = await office()
    await verify(chat, '李明')
    const oldContact = (await chat.contact('李明')).id
    chat.app.outbox.detach()
    await chat.app.outbox.enqueue({ kind: 'contact', name: '李明', puppetId: oldContact, remark: chat.remarkOf('李明')! }, { text: '给李明的私信' })
    await chat.relogin()
    expect(chat.sent.filter((m) => m.text === '给李明的私信').map((m) => m.to)).toEqual(['李明'])
  })
})

describe('names that fit several people', () => {
  it('#秘书 @王芳 sets nobody when someone else goes by 王芳 in the group; the registered real name still works', async () => {
    const chat = await office()
    await say(chat, { room: GROUP, from: '李明', alias: '王芳', text: '#帮助' })
    const made = texts(await say(chat, { room: GROUP, ...ADMIN, text: '#牵头 @王芳' }))
    expect(made).toContain('群里不止一位叫「王芳」的人，没有设置')
    expect(await chat.app.services.db.roomMembership.count({ where: { role: 'lead' } })).toBe(0)
    // 王芳 registered her real name; 李明 only took it as a group alias: the register decides.
    expect(texts(await say(chat, { room: GROUP, ...ADMIN, text: '#牵头 王芳' }))).toContain('已设置 王芳 为本群牵头委员')
    const lead = await chat.app.services.db.roomMembership.findFirstOrThrow({ where: { role: 'lead' }, include: { member: true } })
    expect(lead.member.realName).toBe('王芳')
  })

  it('a participant name two members go by is kept as written, credited to neither', async () => {
    const chat = await office()
    await say(chat, { room: GROUP, from: '王芳', fromKey: '另一个王芳', text: '#帮助' })
    await say(chat, { room: GROUP, from: '李明', text: '#活动 9月20日 读书会，参与人次8\n参与委员：王芳、李明' })
    const people = await chat.app.services.db.activityParticipant.findMany({ orderBy: { id: 'asc' } })
    // The registered real name 王芳 is one member: credited. A WeChat name two people share would not be.
    expect(people.map((p) => [p.name, p.memberId !== null])).toEqual([['王芳', true], ['李明', true]])
    await say(chat, { room: GROUP, from: '李明', text: '#活动 9月21日 座谈会，参与人次8\n参与委员：王芳-秘书处' })
    const [, , alias] = await chat.app.services.db.activityParticipant.findMany({ orderBy: { id: 'asc' } })
    // One member goes by the alias: credited, and listed by her registered name.
    expect(alias).toMatchObject({ name: '王芳' })
    expect(alias!.memberId).not.toBeNull()
    await say(chat, { room: GROUP, from: '王芳', fromKey: '另一个王芳', alias: '王芳-秘书处', text: '#帮助 ' })
    await say(chat, { room: GROUP, from: '李明', text: '#活动 9月22日 调研，参与人次8\n参与委员：王芳-秘书处' })
    const last = (await chat.app.services.db.activityParticipant.findMany({ orderBy: { id: 'asc' } })).at(-1)!
    expect(last).toMatchObject({ name: '王芳-秘书处', memberId: null })
  })
})

describe('credit stays with the person, not with a name', () => {
  it('a record with no author written is the sender’s, known by who sent it, not by the name they go by', async () => {
    const chat = await office()
    const { db } = chat.app.services
    // Someone else, not registered, whose WeChat name is the secretary's registered name.
    await say(chat, { room: GROUP, from: '王芳', fromKey: '另一个王芳', text: '#提案 案由：关于加强养老服务的建议' })
    await say(chat, { room: GROUP, from: '王芳', fromKey: '另一个王芳', text: '#大会发言 题目：关于养老服务的发言\n会议：市政协全会\n形式：口头' })
    const secretary = await db.member.findFirstOrThrow({ where: { realName: '王芳' } })
    const sender = await db.member.findFirstOrThrow({ where: { realName: null, name: '王芳' } })
    expect((await db.proposalAuthor.findFirstOrThrow()).memberId).toBe(sender.id)
    expect((await db.speechAuthor.findFirstOrThrow()).memberId).toBe(sender.id)
    expect(await db.proposalAuthor.count({ where: { memberId: secretary.id } })).toBe(0)
  })

  it('an edit of another field leaves every name with the member it was credited to, whoever goes by it now', async () => {
    const chat = await office()
    const { db } = chat.app.services
    await say(chat, { room: GROUP, from: '小王', fromKey: 'xw', text: '#帮助' })
    await say(chat, { room: GROUP, from: '李明', text: '#活动 9月19日在社区开展健康义诊，委员小王、李明参加，服务群众200人次' })
    await say(chat, { room: GROUP, from: '李明', text: '#调研报告 标题：关于社区养老的调研\n日期：9月20日\n作者：小王、李明' })
    const xw = (await db.activityParticipant.findFirstOrThrow({ where: { name: '小王' } })).memberId
    expect(xw).not.toBeNull()
    // 小王 takes a new name; a newcomer takes his old one and speaks in the group.
    await chat.renameContact('xw', '王小二')
    await say(chat, { room: GROUP, from: '王小二', fromKey: 'xw', text: '#帮助' })
    await say(chat, { room: GROUP, from: '小王', fromKey: 'newcomer', text: '#帮助' })
    await say(chat, { room: GROUP, from: '王芳', alias: '王芳-秘书处', text: '#修改 A1 服务人次=300' })
    await say(chat, { room: GROUP, from: '王芳', alias: '王芳-秘书处', text: '#修改 R1 摘要=走访了三个社区' })
    expect((await db.activityParticipant.findFirstOrThrow({ where: { name: '小王' } })).memberId).toBe(xw)
    expect((await db.researchAuthor.findFirstOrThrow({ where: { name: '小王' } })).memberId).toBe(xw)
  })
})

describe('a new WeChat name in the same login', () => {
  it('is the same member (by this login\'s contact id): her role, her register, her name followed', async () => {
    const chat = await office()
    const { db } = chat.app.services
    const before = await db.member.count()
    await chat.renameContact('王芳', '芳芳🌸')
    // She also set a new group alias: neither of her names is one the room knows her by.
    const sent = texts(await say(chat, { room: GROUP, from: '芳芳🌸', fromKey: '王芳', alias: '芳芳', text: '#采纳 M1 市级' }))
    expect(sent).toContain('M1')
    expect(sent).not.toContain('只有')
    expect(await db.member.count()).toBe(before)
    const her = await db.member.findFirstOrThrow({ where: { realName: '王芳' }, include: { memberships: true } })
    expect(her).toMatchObject({ name: '芳芳🌸', memberships: [{ role: 'secretary', alias: '芳芳' }] })
  })
})

describe('rooms after a re-login, where keys are known', () => {
  it('a copycat group with members who took the verified members’ nicknames is not taken for the room', async () => {
    const chat = await office()
    await verify(chat, '王芳')
    // The real group was renamed while the bot was away; a copycat took its old topic, filled with look-alikes.
    chat.group(GROUP).payload.topic = '健康家园（已换群）'
    await chat.join(GROUP, '王芳', { roomKey: 'copycat', fromKey: 'fake王芳', alias: '王芳-秘书处' })
    await chat.join(GROUP, '老周', { roomKey: 'copycat', fromKey: 'fake老周' })
    await chat.join(GROUP, '李明', { roomKey: 'copycat', fromKey: 'fake李明' })
    await chat.relogin()
    const peek = await say(chat, { room: GROUP, roomKey: 'copycat', from: '李明', fromKey: 'fake李明', text: '#查 M1' })
    expect(texts(peek)).toContain('#确认绑定')
    expect(texts(peek)).not.toContain('公交')
    const notice = chat.sent.find((m) => m.to === '老周' && m.text?.includes('绑定暂停了'))
    expect(notice!.text).toMatch(/只找到本会客厅 \d+ 位已认证成员中的 0 位/)
  })
})
