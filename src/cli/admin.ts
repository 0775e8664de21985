import { z } from 'zod'
import { loadConfig, loadDotEnv } from '../config.js'
import { openDatabase } from '../db/client.js'
import { log, logLevel } from '../log.js'
import { createAdminInvite, listAdminGrants, revokeAdminGrant } from '../services/identity.js'
import { existingDatabase, runCommand, splitArgs } from './command-line.js'

const USAGE = [
  '用法：',
  '  npm run --silent admin -- invite [备注]    生成一个管理员认领码（24 小时内有效，只能用一次）',
  '  npm run --silent admin -- list             列出所有管理员认领码和认领人',
  '  npm run --silent admin -- revoke <编号>    收回一个管理员（编号见 list）',
  '  可加 --db <文件> 指定 SQLite 数据库（默认按 DATABASE_URL）',
].join('\n')

const Args = z.discriminatedUnion('action', [
  z.object({ action: z.literal('invite'), label: z.string().max(20, '备注最多 20 个字').optional() }),
  z.object({ action: z.literal('list') }),
  z.object({ action: z.literal('revoke'), id: z.coerce.number({ error: '编号是 list 里的数字' }).int().positive('编号是 list 里的数字') }),
], { error: '第一个参数是 invite、list 或 revoke' })


/** `npm run admin`: the operator hands out and takes back admin rights, on the server only. */
async function main(): Promise<number> {
  log.level = logLevel(process.env.LOG_LEVEL, 'warn')
  const { flags, positional } = splitArgs(process.argv.slice(2))
  const [action, ...rest] = positional
  const args = Args.safeParse({ action, ...(action === 'invite' && rest.length ? { label: rest.join(' ') } : {}), ...(action === 'revoke' ? { id: rest[0] } : {}) })
  const db = flags.get('db')
  if (!args.success || (action !== 'invite' && rest.length > (action === 'revoke' ? 1 : 0)) || db === true) {
    process.stderr.write(`${args.success ? '参数不对' : args.error.issues.map((i) => i.message).join('；')}\n${USAGE}\n`)
    return 2
  }
  loadDotEnv()
  const config = loadConfig()
  const when = (d: Date | null) => (d ? d.toLocaleString('zh-CN', { timeZone: config.BOT_TIMEZONE, hour12: false }) : '–')
  const client = await openDatabase(existingDatabase(typeof db === 'string' ? db : undefined, config.databaseUrl))
  try {
    const now = new Date()
    if (args.data.action === 'invite') {
      const { code, grant } = await createAdminInvite(client, args.data.label, now)
      process.stdout.write(
        `管理员认领码（编号 ${grant.id}${grant.label ? `，备注 ${grant.label}` : ''}）：${code}\n` +
          `有效期到 ${when(grant.expiresAt)}，只能用一次。请当面或电话告诉对方，让对方私聊机器人发送：\n#认领 ${code}\n` +
          '不要发在群里：出现在群里的认领码会作废。\n',
      )
      return 0
    }
    if (args.data.action === 'list') {
      const grants = await listAdminGrants(client)
      if (grants.length === 0) process.stdout.write('还没有管理员认领码。BOT_ADMINS 里的备注另算。\n')
      for (const g of grants) {
        const state = g.revokedAt ? `已收回 ${when(g.revokedAt)}` : g.claimedAt ? `已认领 ${when(g.claimedAt)}，认领人 ${g.claimedByName}，备注 ${g.remark ?? '（固定 ID）'}` : g.expiresAt <= now ? '已过期，未认领' : `未认领，有效期到 ${when(g.expiresAt)}`
        process.stdout.write(`${g.id}\t${g.label ?? '–'}\t${state}\n`)
      }
      return 0
    }
    const revoked = await revokeAdminGrant(client, args.data.id, now)
    if (!revoked) {
      process.stderr.write(`没有编号为 ${args.data.id} 的有效认领码（已收回的不能再收回；编号见 npm run admin -- list）\n`)
      return 2
    }
    process.stdout.write(
      revoked.claimedAt
        ? `已收回编号 ${revoked.id}（${revoked.claimedByName ?? '认领人'}）的管理员权限，立即生效。\n`
        : `编号 ${revoked.id} 的认领码还没有人认领，已作废：之后拿它发 #认领 也不会成为管理员。\n`,
    )
    return 0
  } finally {
    await client.$disconnect()
  }
}

runCommand('admin', main)
