import { MemoryCard } from 'memory-card'
import { z } from 'zod'
import type { Logger } from '../log.js'

/** Our part of the card; the puppet keeps its own part (wechat4u: the session that spares a scan). */
const SLICE = 'cppcc-room-bot'
const LAST_LOGIN = 'lastLogin'

const LastLogin = z.object({ id: z.string().min(1), name: z.string(), at: z.iso.datetime() })
export type LastLogin = z.infer<typeof LastLogin>

/** `<data>/<BOT_NAME>` → the file memory-card writes. */
export function loginCardFile(name: string): string {
  return name.endsWith('.memory-card.json') ? name : `${name}.memory-card.json`
}

/**
 * Saves one at a time. memory-card writes the whole file with fs.writeFile: wechat4u saves its
 * session right after 'login' while we save ours, and two overlapping writes of different
 * lengths can leave a broken file (and a QR scan on the next start). Slices (`multiplex`) save
 * through their parent, so the puppet's saves queue here too.
 */
class LoginCard extends MemoryCard {
  private saving: Promise<void> = Promise.resolve()

  override save(): Promise<void> {
    const run = this.saving.then(() => super.save())
    this.saving = run.catch(() => undefined)
    return run
  }
}

/**
 * The login card (Wechaty's memory card) in the data folder, loaded before the puppet starts:
 * Wechaty skips loading a card it is handed, and wechat4u reads its session from it while starting.
 */
export async function openLoginCard(name: string): Promise<MemoryCard> {
  const card = new LoginCard({ name })
  await card.load()
  return card
}

/** The login the card remembers, if any (a card written by hand or by another version is ignored). */
export async function rememberedLogin(card: MemoryCard): Promise<LastLogin | undefined> {
  const parsed = LastLogin.safeParse(await card.multiplex(SLICE).get(LAST_LOGIN))
  return parsed.success ? parsed.data : undefined
}

export async function rememberLogin(card: MemoryCard, login: LastLogin): Promise<void> {
  await card.multiplex(SLICE).set(LAST_LOGIN, login)
  await card.save()
}

/**
 * Says at start what the card holds, so whoever reads the log knows whether a scan is expected.
 * `serviceKeepsLogin`: puppet-service, whose server holds the WeChat login, not this card.
 */
export async function reportLoginCard(card: MemoryCard, name: string, log: Logger, serviceKeepsLogin = false): Promise<void> {
  const last = await rememberedLogin(card)
  const file = loginCardFile(name)
  if (last) {
    log.info({ card: file, account: last.name, at: last.at }, `登录记忆卡：上次登录的是「${last.name}」，这次尽量沿用登录状态，不需要重新扫码时不会发二维码`)
  } else {
    log.info({ card: file }, serviceKeepsLogin ? '登录记忆卡里还没有登录记录：puppet-service 的登录由服务端保持，要不要扫码看服务端' : '登录记忆卡里还没有登录记录：第一次登录需要扫码')
  }
}
