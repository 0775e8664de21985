/**
 * The deployment path with stable ids: the real bot (src/main.ts, in its own process, as
 * `npm start` runs it) with WECHATY_PUPPET=wechaty-puppet-service, connected over gRPC to
 * wechaty-puppet-service's own PuppetServer serving the mock puppet. Everything is driven and
 * checked from the gateway's side: what people say there, what arrives there.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { MemoryCard } from 'memory-card'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MockGateway } from '../../src/bot/gateway.js'
import { puppetServiceOptions } from '../../src/bot/service-options.js'
import { WechatyTransport } from '../../src/bot/transport.js'
import { buildWechaty, wechatyLog } from '../../src/bot/wechaty.js'
import type { SentMessage } from '../../src/sim/mock-chat.js'
import { Running, logLines } from './processes.js'

const OFFICE = '市政协办公室'
/** The admin: WeChat name 老周, the remark the operator gave him is what BOT_ADMINS lists. */
const ADMIN = { from: '老周', remark: OFFICE } as const
const GROUP = '平湖健康家园委员群'
const ROOM = '健康家园会客厅'
const year = new Date().getFullYear()

let gateway: MockGateway
let dir: string
let bot: Running | undefined

/** The lines the gateway prints for the bot's .env, as variables. */
const gatewayEnv = (): Record<string, string> => Object.fromEntries(gateway.envLines().map((line) => line.split(/=(.*)/s).slice(0, 2)))

function startBot(): Running {
  return new Running(
    'src/main.ts',
    [],
    {
      ...gatewayEnv(),
      DATA_DIR: join(dir, 'data'),
      // The service client keeps its payload store under ~/.wechaty: this test's own home.
      HOME: join(dir, 'home'),
      BOT_ADMINS: OFFICE,
      OUTBOX_MIN_INTERVAL_MS: '0',
      OUTBOX_MAX_PER_MINUTE: '0',
      SENDER_MAX_PER_MINUTE: '0',
      LOG_LEVEL: 'info',
      WECHATY_LOG: 'silent',
    },
    dir,
  )
}

const texts = (sent: SentMessage[]) => sent.map((m) => m.text ?? `<file ${m.file}>`).join('\n')
const inGroup = (text: string) => (m: SentMessage) => m.to === GROUP && (m.text?.includes(text) ?? false)

/** One line in the group, waiting for the bot's message that contains `reply`. */
async function group(from: string, text: string, reply: string, extra: { remark?: string; fromKey?: string } = {}): Promise<SentMessage[]> {
  return gateway.exchange({ room: GROUP, from, text, ...extra }, inGroup(reply))
}

async function sheetsText(bytes: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer)
  const cells: string[] = []
  book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text)))))
  return cells.join(' ')
}

beforeAll(async () => {
  dir = mkdtempSync(join(process.env.TEST_TMP_DIR!, 'service-'))
  // The server's "TLS disabled: INSECURE!" and stream warnings are expected here.
  wechatyLog.level('silent')
  gateway = await MockGateway.start()
})

afterAll(async () => {
  await bot?.stop()
  await gateway?.stop()
})

describe('the bot on wechaty-puppet-service (PuppetServer over the mock puppet)', () => {
  it('connects, runs a conversation, keeps roles and bindings across a re-login and a restart, and reuses its login card', async () => {
    bot = startBot()
    await bot.waitFor(/"msg":"已登录"/)
    expect(logLines(bot.output, /机器人启动中/)[0]).toMatchObject({ puppet: 'wechaty-puppet-service' })

    // Bind, register, a secretary, an activity: each answered in the group, through gRPC.
    expect(texts(await group(ADMIN.from, `#绑定 ${ROOM} 会客厅`, '已绑定', ADMIN))).toContain(`本群 =「${ROOM}」`)
    await group('王芳', '#登记 王芳 医药卫生', '已登记：王芳')
    // The mention travels as a mention id through the service.
    expect(texts(await group(ADMIN.from, '#秘书 @王芳', '为本群秘书', ADMIN))).toContain('已设置 王芳 为本群秘书')
    const activity = texts(await group('王芳', '#活动 今天 健康义诊，服务群众200人次，参与人次12', '已记录活动'))
    expect(activity).toMatch(/已记录活动 A\d+/)
    const digest = texts(await group('李明', '#月报', '月报】'))
    expect(digest).toContain(`【${ROOM} · ${year}年${new Date().getMonth() + 1}月月报】`)
    expect(digest).toContain('本月开展活动 1 场（义诊 1 场），参与 12 人次')

    // A private push: #我的 in the group is answered in 王芳's private chat.
    const mine = await gateway.exchange({ room: GROUP, from: '王芳', text: `#我的 ${year}` }, (m) => m.to === '王芳')
    expect(mine.at(-1)!.text).toContain(`【王芳 ${year}年履职情况】`)
    expect(mine.at(-1)!.text).toContain('参加活动 1 次')

    // A file: the ledger as .xlsx reaches the gateway whole, and holds the activity.
    const exported = await gateway.exchange({ room: GROUP, from: '王芳', text: `#导出 ${year}` }, (m) => m.file !== undefined)
    const file = exported.at(-1)!
    expect(file.to).toBe(GROUP)
    expect(file.file).toMatch(/\.xlsx$/)
    const bytes = gateway.fileOf(file)!
    expect(bytes.subarray(0, 2).toString()).toBe('PK')
    expect(await sheetsText(bytes)).toContain('健康义诊')
    expect(gateway.transfers.at(-1)).toMatchObject({ name: file.file, size: bytes.length })

    // Logout and login at the gateway, ids unchanged: every role and the binding are kept.
    await gateway.logout()
    await bot.waitFor(/"msg":"已退出登录/)
    // As a real account comes back (a scan, a reconnect): not within the same few milliseconds.
    // The service client closes and reopens its LevelDB payload store on logout and login without
    // waiting for the close: a login ~15 ms after a logout hits "LOCK: already held by process",
    // thrown as an uncaught exception (the bot exits 1 and its supervisor restarts it).
    await new Promise((done) => setTimeout(done, 1000))
    gateway.login()
    await bot.waitFor(/"msg":"已登录"/, 60_000, 2)
    await bot.waitFor(/payloads refreshed after login/, 60_000, 2)
    // A namesake of the secretary is no secretary: stable ids decide, not names.
    const impostor = await gateway.exchange({ room: GROUP, from: '王芳', fromKey: 'impostor', text: `#导出 ${year}年` }, inGroup('只有本群秘书或管理员'))
    expect(impostor.some((m) => m.file)).toBe(false)
    const again = await gateway.exchange({ room: GROUP, from: '王芳', text: `#导出 ${year}Q${Math.floor(new Date().getMonth() / 3) + 1}` }, (m) => m.file !== undefined)
    expect(again.at(-1)!.to).toBe(GROUP)
    const annual = await gateway.exchange({ ...ADMIN, text: `#年报 ${year}` }, (m) => m.to === ADMIN.from)
    expect(annual.at(-1)!.text).toContain('各会客厅、工作室汇总（1 个）')
    expect(texts(await group('李明', '#活动 今天 读书会，参与人次8', '已记录活动'))).not.toContain('#确认绑定')

    // A restart of the process. Meanwhile the operator takes the admin's remark away.
    expect(await bot.stop()).toBe(0)
    const card = new MemoryCard({ name: join(dir, 'data', 'cppcc-bot') })
    await card.load()
    expect(await card.multiplex('cppcc-room-bot').get('lastLogin')).toMatchObject({ id: gateway.botUser.id, name: '会客厅助手' })
    await gateway.contact(ADMIN.from, ADMIN.from, '')

    bot = startBot()
    await bot.waitFor(/"msg":"已登录"/)
    // The second start read the first one's card.
    expect(logLines(bot.output, /^登录记忆卡：上次登录的是「会客厅助手」/)).toHaveLength(1)
    await bot.waitFor(/payloads refreshed after login/)
    // The removed remark is read as removed (the service's stored copy would still say 市政协办公室).
    const revoked = await gateway.exchange({ room: '东海群', from: ADMIN.from, text: '#绑定 东海论健工作室 工作室' }, (m) => m.to === '东海群')
    expect(texts(revoked)).toContain('只有管理员可以绑定群')
    // The binding and the secretary survived the restart.
    expect(texts(await group('王芳', '#活动 今天 座谈会，参与人次6', '已记录活动'))).not.toContain('#确认绑定')
    expect((await gateway.exchange({ room: GROUP, from: '王芳', text: `#导出 ${year}-${new Date().getMonth() + 1}` }, (m) => m.file !== undefined)).at(-1)!.to).toBe(GROUP)
    expect(await bot.stop()).toBe(0)
  }, 240_000)

  it('sends a file past gRPC’s 4 MB message limit (uploaded in chunks), and sets a remark that reads back at once', async () => {
    // A ledger of years of records, as the outbox hands it to the transport.
    const path = join(dir, '台账-大.xlsx')
    const bytes = randomBytes(5 * 1024 * 1024)
    writeFileSync(path, bytes)
    const client = buildWechaty({ puppet: 'wechaty-puppet-service', puppetOptions: puppetServiceOptions(gatewayEnv()) })
    client.on('error', () => undefined)
    const loggedIn = new Promise((done) => client.once('login', done))
    await client.start()
    await loggedIn
    try {
      const room = gateway.group(GROUP)
      const from = gateway.received.length
      const transport = new WechatyTransport(client, () => undefined)
      await transport.send({ kind: 'group', topic: GROUP, puppetId: room.id, bound: true }, { file: { path, name: '台账-大.xlsx' } })
      const [sent] = await gateway.waitFor((m) => m.file === '台账-大.xlsx', from)
      expect(gateway.fileOf(sent!)!.equals(bytes)).toBe(true)
      expect(gateway.transfers.at(-1)).toEqual({ name: '台账-大.xlsx', size: bytes.length, uploaded: true })

      // What #认证 does: the remark is set at the gateway, and this login reads the new one.
      const liming = await gateway.contact('李明')
      await transport.setRemark(liming.id, '李明#K7M2QX')
      expect(gateway.remarkOf('李明')).toBe('李明#K7M2QX')
      expect(await (await client.Contact.findAll({ id: liming.id }))[0]!.alias()).toBe('李明#K7M2QX')
    } finally {
      await client.stop()
    }
  }, 120_000)
})
