import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { z } from 'zod'
import { checkCron } from './schedule/cron.js'

const csv = z
  .string()
  .default('')
  .transform((s) => s.split(/[,，]/).map((x) => x.trim()).filter(Boolean))

const WHOLE = '应为 0 或正整数'
const intFromEnv = (fallback: number) => z.coerce.number({ error: WHOLE }).int({ error: WHOLE }).min(0, { error: WHOLE }).default(fallback)
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
const WECHATY_LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'verbose', 'silly'] as const
const oneOf = (values: readonly string[]) => `只能是 ${values.join('、')} 之一`

/** A five-field cron expression, checked by the same parser the scheduler uses. */
const cronFromEnv = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .superRefine((expr, ctx) => {
      try {
        checkCron(expr)
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `不是有效的 cron 表达式（分 时 日 月 星期）：${(error as Error).message}` })
      }
    })

/** Everything a deployment can set, read once from the environment and validated. */
export const ConfigSchema = z.object({
  WECHATY_PUPPET: z.string().min(1).default('wechaty-puppet-wechat4u'),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
  /** Whether contact ids survive re-logins: auto = only for wechaty-puppet-service (wxids). */
  PUPPET_STABLE_IDS: z.enum(['auto', 'true', 'false'], { error: 'PUPPET_STABLE_IDS 只能是 auto、true 或 false' }).default('auto'),
  BOT_NAME: z
    .string()
    .regex(/^[\w.-]+$/, 'BOT_NAME 只能用字母、数字、点、下划线和短横线（它也是记忆卡文件名）')
    .default('cppcc-bot'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Set by the Docker image (/data, its volume): wins over a DATA_DIR copied in from a .env. */
  CONTAINER_DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z.string().optional(),
  BOT_ADMINS: csv,
  BOT_TIMEZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz })
        return true
      } catch {
        return false
      }
    }, 'BOT_TIMEZONE 不是有效的 IANA 时区名，例如 Asia/Shanghai'),
  /**
   * The deployment's own committee, e.g. 嘉兴市政协: examples in hints and #帮助 name it, never
   * another city's. Empty (the default): examples leave the unit out (#采纳 M1 市级), as it is optional.
   */
  COMMITTEE_NAME: z
    .string()
    .trim()
    .max(30, { error: 'COMMITTEE_NAME 最多 30 个字，写本会的简称，例如 嘉兴市政协' })
    // It is pasted into copyable commands (#采纳 M7 市级 …), where a space or # would split them.
    .regex(/^[^\s#＃]*$/, { error: 'COMMITTEE_NAME 不能有空格或 #（它会出现在可复制的命令例子里），例如 嘉兴市政协' })
    .default(''),
  /** Extra command aliases, e.g. "活动记录=活动,履职活动=活动". */
  COMMAND_ALIASES: z.string().default(''),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: oneOf(LOG_LEVELS) }).default('info'),
  /** Wechaty's own log level (its names differ from ours: verbose, silly). */
  WECHATY_LOG: z.enum(WECHATY_LOG_LEVELS, { error: oneOf(WECHATY_LOG_LEVELS) }).optional(),
  OUTBOX_MIN_INTERVAL_MS: intFromEnv(1500),
  OUTBOX_MAX_PER_MINUTE: intFromEnv(20),
  DEDUPE_WINDOW_SECONDS: intFromEnv(10),
  /** Tagged messages one person may send a minute; past it one "请稍后" and the rest kept as drafts (0: no limit). */
  SENDER_MAX_PER_MINUTE: intFromEnv(20),
  SCHEDULE_MONTHLY_DIGEST: cronFromEnv('0 9 1 * *'),
  SCHEDULE_QUARTERLY_DIGEST: cronFromEnv('0 9 1 1,4,7,10 *'),
  SCHEDULE_ANNUAL_DIGEST: cronFromEnv('0 9 1 1 *'),
  SCHEDULE_ACTIVITY_NUDGE: cronFromEnv('0 10 20 * *'),
  SCHEDULE_FOLLOW_UP: cronFromEnv('0 9 * * 1'),
  /** Jobs missed while the bot was down are caught up when they are at most this old. */
  CATCH_UP_DAYS: intFromEnv(3),
  /** Reports with no status change for this long are listed to the secretary. */
  FOLLOW_UP_DAYS: intFromEnv(30),
  PLAN_EVE_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'PLAN_EVE_TIME 请写成 HH:mm，例如 18:00')
    .default('18:00'),
  PLAN_LEAD_MINUTES: intFromEnv(60),
  /** A message still failing this many hours after it was queued is marked failed and the admins are told. */
  OUTBOX_GIVE_UP_HOURS: intFromEnv(48),
  /** Private chatter in the message log is kept this many days (de-duplication needs minutes). */
  MESSAGE_LOG_DAYS: intFromEnv(30),
  /** Export files not sent within this many days are removed (sent ones go at once). */
  EXPORT_KEEP_DAYS: intFromEnv(7),
  /** Alerts outside WeChat: a group robot's webhook (WeCom, DingTalk, Feishu; the kind is read from the host). */
  ALERT_WEBHOOK_URL: z.url({ error: '应为完整的网址，例如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' }).optional(),
  ALERT_WEBHOOK_KIND: z.enum(['auto', 'wecom', 'dingtalk', 'feishu', 'json'], { error: '只能是 auto、wecom、dingtalk、feishu、json 之一' }).default('auto'),
  /** …and/or mail: smtp(s)://user:password@host:port, to ALERT_EMAIL_TO. */
  ALERT_SMTP_URL: z.string().regex(/^smtps?:\/\//, '应以 smtp:// 或 smtps:// 开头，例如 smtps://用户:密码@smtp.example.com:465').optional(),
  ALERT_EMAIL_TO: z.string().min(3).optional(),
  ALERT_EMAIL_FROM: z.string().min(3).optional(),
  /** A JSON file with 履职积分 rules (see scoring-rules.example.json); built-in defaults otherwise. */
  SCORING_RULES_FILE: z.string().min(1).optional(),
})

export type EnvConfig = z.infer<typeof ConfigSchema>

export interface Config extends EnvConfig {
  /** Contact ids are keys (puppet-service); never for wechat4u, which renews them at each login. */
  stableIds: boolean
  dataDir: string
  databaseUrl: string
  memoryCardName: string
}

export class ConfigError extends Error {}

/**
 * Reads `.env` from the working folder into the environment, if there is one; variables
 * already set (Docker, systemd) win. Entry points call this before loadConfig.
 */
export function loadDotEnv(file = '.env'): boolean {
  if (!existsSync(file)) return false
  process.loadEnvFile(file)
  return true
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env)
  if (!parsed.success) {
    // One line per setting: the variable, the value it has, and what is allowed.
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? '')
      const message = i.message.startsWith(name) ? i.message.slice(name.length).trim() : i.message
      return `配置有误：${name}=${JSON.stringify(env[name] ?? '')}，${message}（在环境变量或 .env 中修改）`
    })
    throw new ConfigError(lines.join('\n'))
  }
  const dataDir = resolve(parsed.data.CONTAINER_DATA_DIR ?? parsed.data.DATA_DIR)
  const url = parsed.data.DATABASE_URL
  // In a container a database file outside the volume is lost with the container.
  if (parsed.data.CONTAINER_DATA_DIR && url?.startsWith('file:') && !resolve(url.slice('file:'.length)).startsWith(`${dataDir}/`)) {
    throw new ConfigError(
      `配置有误：DATABASE_URL=${JSON.stringify(url)}，在容器里 SQLite 数据库必须放在数据卷 ${dataDir} 下，否则删除容器时会丢失（删掉 DATABASE_URL 即用 ${dataDir}/bot.db，或写 file:${dataDir}/…）`,
    )
  }
  return {
    ...parsed.data,
    stableIds:
      parsed.data.PUPPET_STABLE_IDS === 'auto'
        ? parsed.data.WECHATY_PUPPET === 'wechaty-puppet-service'
        : parsed.data.PUPPET_STABLE_IDS === 'true',
    dataDir,
    databaseUrl: parsed.data.DATABASE_URL ?? `file:${resolve(dataDir, 'bot.db')}`,
    // Wechaty writes `<name>.memory-card.json` relative to the working directory.
    memoryCardName: resolve(dataDir, parsed.data.BOT_NAME),
  }
}
