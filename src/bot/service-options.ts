import { z } from 'zod'
import { ConfigError } from '../config.js'

export const PUPPET_SERVICE = 'wechaty-puppet-service'

/** A token's secret part never goes into a log: its prefix says enough to spot a typo. */
const masked = (value: string) => (value.length > 12 ? `${value.slice(0, 12)}…` : value)

/**
 * The variables wechaty-puppet-service reads (its src/env-vars.ts). The package reads them itself,
 * but with no checks: a token without its prefix fails deep inside with an English stack, and
 * `NO_TLS…=yes` silently means TLS. Checked here, they fail at start with a line saying what to fix.
 */
const ServiceEnv = z.object({
  WECHATY_PUPPET_SERVICE_TOKEN: z
    .string({ error: '使用 wechaty-puppet-service 时必须设置：服务商给的 token，或自建网关的 token' })
    .trim()
    // The part before the last "_" is the TLS server name (SNI) the client asks for.
    .regex(/^\S+_[^_\s]+$/, '应为「前缀_令牌」，例如 puppet_padlocal_… 、puppet_workpro_… 或自建网关的 insecure_…'),
  WECHATY_PUPPET_SERVICE_ENDPOINT: z
    .string()
    .trim()
    .regex(/^(?:[\w.-]+|\[[0-9a-fA-F:]+\]):\d{1,5}$/, '应为「主机:端口」，例如 127.0.0.1:8788；用服务商的 token 时不设（自动发现）')
    .optional(),
  WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: z
    .enum(['true', 'false'], { error: '只能是 true 或 false：自建的不加密网关（npm run gateway:mock、WorkPro）用 true' })
    .optional(),
  WECHATY_PUPPET_SERVICE_AUTHORITY: z.string().trim().min(1).optional(),
})

// A type alias, not an interface: Wechaty's PuppetOptions has an index signature.
export type PuppetServiceOptions = {
  token: string
  endpoint?: string
  authority?: string
  tls?: { disable: boolean }
}

/** The puppet options of wechaty-puppet-service, from the environment; a ConfigError names each wrong variable. */
export function puppetServiceOptions(env: NodeJS.ProcessEnv): PuppetServiceOptions {
  // An empty variable (a blank line in .env) means "not set", as the package itself reads it.
  const set = Object.fromEntries(Object.keys(ServiceEnv.shape).flatMap((name) => (env[name] ? [[name, env[name]]] : [])))
  const parsed = ServiceEnv.safeParse(set)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '')
      const value = name === 'WECHATY_PUPPET_SERVICE_TOKEN' ? masked(env[name] ?? '') : (env[name] ?? '')
      return `配置有误：${name}=${JSON.stringify(value)}，${issue.message}（在环境变量或 .env 中修改）`
    })
    throw new ConfigError(lines.join('\n'))
  }
  const e = parsed.data
  return {
    token: e.WECHATY_PUPPET_SERVICE_TOKEN,
    ...(e.WECHATY_PUPPET_SERVICE_ENDPOINT ? { endpoint: e.WECHATY_PUPPET_SERVICE_ENDPOINT } : {}),
    ...(e.WECHATY_PUPPET_SERVICE_AUTHORITY ? { authority: e.WECHATY_PUPPET_SERVICE_AUTHORITY } : {}),
    ...(e.WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT ? { tls: { disable: e.WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT === 'true' } } : {}),
  }
}
