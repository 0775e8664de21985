/**
 * Who may do what when the question is *who* someone is: verified and unverified contacts,
 * admins by remark or by claimed invite, a stranger who took an admin's remark as a nickname,
 * and the same people after a re-login (every id new), with and without a namesake in the group.
 * The expectation is `expected()`, read from the README's 身份与权限 section:
 * - an admin is the bot's own account, a contact whose remark is listed in BOT_ADMINS, or one
 *   who claimed an invite; a nickname never is;
 * - every private-chat right (汇总, #导出, #积分榜, #我的) needs a verified contact (#认证);
 * - in a group, a role holder is recognised by remark token, or else by name only while nobody
 *   else in the group goes by that name; on any ambiguity privileged commands are refused with
 *   a pointer to #认证.
 * The other matrix (permissions.test.ts) covers every command × role × place for verified people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { ManualClock } from '../../src/clock.js'
import { log } from '../../src/log.js'
import { MockChat, type SentMessage } from '../../src/sim/mock-chat.js'
import { createAdminInvite } from '../../src/services/identity.js'
import { GROUP, freshDb, testConfig, verify } from '../helpers.js'

type Person = 'adminRemark' | 'adminClaimed' | 'nicknameAdmin' | 'secretaryVerified' | 'secretaryUnverified' | 'memberVerified' | 'memberUnverified' | 'namesake'
type State = 'same login' | 'after re-login' | 'after re-login, namesake in the group'
type Command = '私聊 #年报' | '私聊 #导出' | '私聊 #积分榜' | '私聊 #我的' | '群 #导出' | '群 #办结' | '群 #秘书' | '群 #绑定'

const OFFICE = '市政协办公室'
const ROOM = '健康家园会客厅'
/** WeChat name, and the key that tells two people with one name apart in the simulation. */
const WHO: Record<Person, { from: string; fromKey?: string; alias?: string }> = {
  adminRemark: { from: '老周' },
  adminClaimed: { from: '王主任' },
  nicknameAdmin: { from: OFFICE },
  secretaryVerified: { from: '秘书甲', alias: '秘书处甲' },
  secretaryUnverified: { from: '秘书乙', alias: '秘书处乙' },
  memberVerified: { from: '委员丙' },
  memberUnverified: { from: '委员丁' },
  // Goes by the unverified secretary's nickname and group alias.
  namesake: { from: '秘书乙', fromKey: 'namesake', alias: '秘书处乙' },
}

const VERIFY = '需要先认证'
const WITH_HINT = '请私聊机器人发送 #认证'
type Expect = { allowed: true; look: string } | { allowed: false; look: string; hint?: boolean }

const OK: Record<Command, string> = {
  '私聊 #年报': '各会客厅、工作室汇总',
  '私聊 #导出': '见下方文件',
  '私聊 #积分榜': '委员履职积分榜',
  '私聊 #我的': '年履职情况',
  '群 #导出': '见下方文件',
  '群 #办结': '）：办结',
  '群 #秘书': '已设置 靶子 为本群秘书',
  '群 #绑定': '已更新绑定',
}

/** The README's rules, case by case. */
function expected(person: Person, state: State, command: Command): Expect {
  const admin = person === 'adminRemark' || person === 'adminClaimed'
  const verified = admin || person === 'secretaryVerified' || person === 'memberVerified'
  const secretary = person === 'secretaryVerified' || person === 'secretaryUnverified'
  const allowed = { allowed: true, look: OK[command] } as const
  if (command.startsWith('私聊')) {
    if (!verified) return { allowed: false, look: VERIFY }
    if (admin || person === 'secretaryVerified' || command === '私聊 #我的') return allowed
    return { allowed: false, look: command === '私聊 #积分榜' ? '积分榜只对秘书和管理员开放' : command === '私聊 #导出' ? '只有本群秘书或管理员可以导出台账' : '私聊查询汇总只对秘书和管理员开放' }
  }
  if (command === '群 #绑定') return admin ? allowed : { allowed: false, look: '只有管理员可以绑定群' }
  const what = command === '群 #导出' ? '导出台账' : command === '群 #办结' ? '登记办结' : '设置角色'
  const refused = { allowed: false, look: `只有本群秘书或管理员可以${what}` } as const
  if (admin || person === 'secretaryVerified') return allowed
  if (person === 'secretaryUnverified') return state === 'after re-login, namesake in the group' ? { ...refused, hint: true } : allowed
  if (person === 'namesake') return { ...refused, hint: true }
  return refused
}

const PEOPLE: Person[] = ['adminRemark', 'adminClaimed', 'nicknameAdmin', 'secretaryVerified', 'secretaryUnverified', 'memberVerified', 'memberUnverified']
const COMMANDS = Object.keys(OK) as Command[]
const STATES: State[] = ['same login', 'after re-login', 'after re-login, namesake in the group']

class Office {
  private minute = 0
  private constructor(readonly chat: MockChat) {}

  static async open(state: State): Promise<Office> {
    // Not startChat: its afterEach stops the chat after each case; here one chat serves a state's cases.
    const chat = await MockChat.start({
      db: (await freshDb()).db,
      config: testConfig({ BOT_ADMINS: OFFICE, DATA_DIR: join(process.env.TEST_TMP_DIR!, `identity-${randomUUID()}`) }),
      clock: new ManualClock(new Date('2022-09-21T10:00:00+08:00')),
      log,
      autoSchedule: false,
    })
    const o = new Office(chat)
    await o.expect({ from: '老周', remark: OFFICE }, `#绑定 ${ROOM} 会客厅`, GROUP, '已绑定')
    const { code } = await createAdminInvite(chat.app.services.db, '王主任', new Date())
    await o.expect(WHO.adminClaimed, `#认领 ${code}`, undefined, '已认领管理员权限')
    await o.expect(WHO.adminClaimed, '#登记 王主任', GROUP, '已登记')
    for (const p of ['secretaryVerified', 'secretaryUnverified', 'memberVerified', 'memberUnverified'] as const) {
      await o.expect(WHO[p], `#登记 ${WHO[p].from}`, GROUP, '已登记')
    }
    await o.expect(WHO.adminRemark, '#登记 老周', GROUP, '已登记')
    await o.expect(WHO.adminRemark, '#秘书 @秘书甲 @秘书乙', GROUP, '已设置 秘书乙 为本群秘书')
    for (const p of ['secretaryVerified', 'memberVerified'] as const) expect(await verify(chat, WHO[p].from)).toContain('已认证')
    await o.expect({ from: '靶子' }, '#登记 靶子', GROUP, '已登记')
    if (state === 'after re-login, namesake in the group') await chat.join(GROUP, WHO.namesake.from, { fromKey: 'namesake', alias: WHO.namesake.alias! })
    if (state !== 'same login') await chat.relogin()
    return o
  }

  async say(who: { from: string; fromKey?: string; alias?: string; remark?: string }, text: string, room: string | undefined): Promise<SentMessage[]> {
    return this.chat.say({
      ...who,
      ...(room ? { room } : { alias: undefined }),
      text,
      time: new Date(Date.parse('2022-09-21T10:00:00+08:00') + ++this.minute * 60_000),
    })
  }

  async expect(who: { from: string; fromKey?: string; alias?: string; remark?: string }, text: string, room: string | undefined, wanted: string): Promise<void> {
    const shown = render(await this.say(who, text, room))
    if (!shown.includes(wanted)) throw new Error(`setup: ${who.from} 「${text}」 got:\n${shown}`)
  }
}

const render = (sent: SentMessage[]) => sent.map((m) => `→${m.to}: ${m.text ?? `<file ${m.file}>`}`).join('\n')

async function runCase(o: Office, person: Person, command: Command): Promise<void> {
  const db = o.chat.app.services.db
  const rule = expected(person, stateOf.get(o)!, command)
  const inGroup = command.startsWith('群')
  let text = command.replace(/^(私聊|群) /, '')
  if (command === '群 #办结') {
    const created = render(await o.say({ from: '委员丁' }, `#民意 关于第${o.chat.sent.length}号问题的建议`, GROUP))
    text = `#办结 ${/已记录社情民意 (M\d+)/.exec(created)![1]}`
  }
  if (command === '群 #秘书') {
    await db.roomMembership.updateMany({ where: { member: { realName: '靶子' } }, data: { role: 'member' } })
    text = '#秘书 @靶子'
  }
  if (command === '群 #绑定') text = `#绑定 ${ROOM} 会客厅`
  const sent = await o.say(WHO[person], text, inGroup ? GROUP : undefined)
  const shown = render(sent)
  const context = `${person} (${stateOf.get(o)}): 「${text}」 →\n${shown}`
  expect(shown, context).toContain(rule.look)
  if (rule.allowed) {
    for (const refusal of ['只有', '只对秘书和管理员开放', VERIFY, '#确认绑定']) expect(shown, context).not.toContain(refusal)
    if (command.includes('#导出')) expect(sent.some((m) => m.file), context).toBe(true)
  } else {
    expect(sent.some((m) => m.file), context).toBe(false)
    if (rule.hint) expect(shown, context).toContain(WITH_HINT)
    if (command === '群 #秘书') expect(await db.roomMembership.count({ where: { role: 'secretary', member: { realName: '靶子' } } }), context).toBe(0)
    if (command === '群 #办结') expect(await db.opinionEvent.count({ where: { kind: 'resolved', actorName: WHO[person].from } }), context).toBe(0)
  }
}

const stateOf = new Map<Office, State>()

for (const state of STATES) {
  describe(`identity matrix: ${state}`, () => {
    let o: Office
    beforeAll(async () => {
      o = await Office.open(state)
      stateOf.set(o, state)
    }, 60_000)
    afterAll(async () => {
      await o?.chat.stop()
      await o?.chat.app.services.db.$disconnect()
    })
    const people = state === 'after re-login, namesake in the group' ? [...PEOPLE, 'namesake' as const] : PEOPLE
    for (const person of people) {
      for (const command of COMMANDS) {
        const rule = expected(person, state, command)
        it(`${person} ${command} → ${rule.allowed ? 'allowed' : 'refused'}`, () => runCase(o, person, command))
      }
    }
  })
}
