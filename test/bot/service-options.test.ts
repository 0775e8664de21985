import { EventEmitter } from 'node:events'
import pino from 'pino'
import { describe, expect, it, vi } from 'vitest'
import type { Wechaty } from 'wechaty'
import { ConfigError } from '../../src/config.js'
import { attachLifecycle, serviceFailure } from '../../src/bot/lifecycle.js'
import { puppetServiceOptions } from '../../src/bot/service-options.js'

describe('puppetServiceOptions', () => {
  it('passes what the variables say, and nothing for the ones left unset or empty', () => {
    expect(
      puppetServiceOptions({
        WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_mock-gateway',
        WECHATY_PUPPET_SERVICE_ENDPOINT: '127.0.0.1:8788',
        WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
      }),
    ).toEqual({ token: 'insecure_mock-gateway', endpoint: '127.0.0.1:8788', tls: { disable: true } })
    expect(puppetServiceOptions({ WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_padlocal_0123abcd', WECHATY_PUPPET_SERVICE_ENDPOINT: '' })).toEqual({
      token: 'puppet_padlocal_0123abcd',
    })
  })

  it('refuses at start, one line per variable, without printing the secret part of a token', () => {
    const error = (() => {
      try {
        puppetServiceOptions({
          WECHATY_PUPPET_SERVICE_TOKEN: '3f1b2c4d-0000-4a4a-9b9b-5e5e5e5e5e5e',
          WECHATY_PUPPET_SERVICE_ENDPOINT: 'gateway.example.com',
          WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'yes',
        })
      } catch (thrown) {
        return thrown
      }
    })()
    expect(error).toBeInstanceOf(ConfigError)
    const lines = (error as Error).message.split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toBe('配置有误：WECHATY_PUPPET_SERVICE_TOKEN="3f1b2c4d-000…"，应为「前缀_令牌」，例如 puppet_padlocal_… 、puppet_workpro_… 或自建网关的 insecure_…（在环境变量或 .env 中修改）')
    expect(lines[1]).toContain('WECHATY_PUPPET_SERVICE_ENDPOINT="gateway.example.com"，应为「主机:端口」')
    expect(lines[2]).toContain('WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT="yes"，只能是 true 或 false')
    expect(() => puppetServiceOptions({})).toThrow('配置有误：WECHATY_PUPPET_SERVICE_TOKEN=""，使用 wechaty-puppet-service 时必须设置')
  })
})

describe('serviceFailure', () => {
  it('reads the gRPC failures the service client raises (as seen against a PuppetServer) into what to check', () => {
    const refused = new Error('14 UNAVAILABLE: No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:18788. Resolution note: ')
    expect(serviceFailure(refused)).toMatch(/^无法连接 puppet 服务 127\.0\.0\.1:18788：请确认网关或服务在运行/)
    const tlsToPlain = new Error('14 UNAVAILABLE: No connection established. Last error: Error: 80:error:0A00010B:SSL routines:ssl3_get_record:wrong version number')
    expect(serviceFailure(tlsToPlain)).toContain('WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true')
    expect(serviceFailure(new Error('16 UNAUTHENTICATED: Invalid Wechaty TOKEN "insecure_wrong"'))).toContain('拒绝了令牌')
    expect(serviceFailure(new Error('1 CANCELLED: Call cancelled'))).toContain('连接断开了')
    expect(serviceFailure(new Error('getaddrinfo ENOTFOUND login.wx.qq.com'))).toBeUndefined()
    expect(serviceFailure(new Error('2 UNKNOWN: Error: no payload found for id x@chatroom'))).toBeUndefined()
  })

  it('retries after a single failure (no storm follows one), tells it once per outage, and not after dispose', async () => {
    const lines: string[] = []
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line).msg) })
    const bot = Object.assign(new EventEmitter(), { stop: vi.fn(async () => undefined), start: vi.fn(async () => undefined) })
    vi.useFakeTimers()
    try {
      const lifecycle = attachLifecycle(bot as unknown as Wechaty, logger, { errorsBeforePause: 5, firstPauseMs: 1000, maxPauseMs: 4000 })
      const cancelled = new Error('1 CANCELLED: Call cancelled')
      bot.emit('error', cancelled)
      await vi.advanceTimersByTimeAsync(0)
      expect(bot.stop).toHaveBeenCalledTimes(1)
      expect(lines).toEqual(['与 puppet 服务的连接断开了（网关重启或网络中断）', '仍无法连接 puppet 服务，暂停 1 秒后重试'])
      await vi.advanceTimersByTimeAsync(1000)
      expect(bot.start).toHaveBeenCalledTimes(1)
      // Still down: the same words are not repeated, the pause doubles.
      bot.emit('error', cancelled)
      await vi.advanceTimersByTimeAsync(0)
      expect(lines.filter((l) => l.includes('连接断开了'))).toHaveLength(1)
      expect(lines.at(-1)).toBe('仍无法连接 puppet 服务，暂停 2 秒后重试')
      await vi.advanceTimersByTimeAsync(2000)
      expect(bot.start).toHaveBeenCalledTimes(2)
      // Stopping for good: a failure raised while stopping schedules nothing.
      lifecycle.dispose()
      bot.emit('error', cancelled)
      await vi.advanceTimersByTimeAsync(10_000)
      expect(bot.stop).toHaveBeenCalledTimes(2)
      expect(bot.start).toHaveBeenCalledTimes(2)
    } finally {
      vi.useRealTimers()
    }
  })
})
