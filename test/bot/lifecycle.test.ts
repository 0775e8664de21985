import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { Wechaty } from 'wechaty'
import pino from 'pino'
import { attachLifecycle, unreachableHost } from '../../src/bot/lifecycle.js'

describe('unreachableHost', () => {
  it('names the host of a DNS failure and ignores other errors', () => {
    expect(unreachableHost(new Error('getaddrinfo ENOTFOUND login.wx.qq.com'))).toBe('login.wx.qq.com')
    expect(unreachableHost(new Error('connect ECONNREFUSED 127.0.0.1:443'))).toBe('the WeChat servers')
    expect(unreachableHost(new Error('must logout first before login again!'))).toBeUndefined()
  })
})

describe('attachLifecycle', () => {
  it('turns an offline error storm into one clear line and a paused retry', async () => {
    const lines: string[] = []
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line).msg) })
    const bot = Object.assign(new EventEmitter(), {
      stop: vi.fn(async () => undefined),
      start: vi.fn(async () => undefined),
    })
    vi.useFakeTimers()
    try {
      const pauses: [string, number][] = []
      const lifecycle = attachLifecycle(bot as unknown as Wechaty, logger, { errorsBeforePause: 5, firstPauseMs: 1000, maxPauseMs: 4000 }, (what, retryAt) =>
        pauses.push([what, retryAt.getTime() - Date.now()]),
      )
      for (let i = 0; i < 40; i++) bot.emit('error', new Error('getaddrinfo ENOTFOUND login.wx.qq.com'))
      await vi.advanceTimersByTimeAsync(0)
      expect(lines.filter((l) => l.startsWith('无法连接 login.wx.qq.com'))).toHaveLength(1)
      expect(lines[0]).toContain('npm run demo')
      expect(bot.stop).toHaveBeenCalledTimes(1)
      await vi.advanceTimersByTimeAsync(1000)
      expect(bot.start).toHaveBeenCalledTimes(1)
      for (let i = 0; i < 5; i++) bot.emit('error', new Error('getaddrinfo ENOTFOUND login.wx.qq.com'))
      await vi.advanceTimersByTimeAsync(0)
      expect(lines.at(-1)).toBe('仍无法连接 login.wx.qq.com，暂停 2 秒后重试')
      // What `npm run status` is told: what is unreachable and when the next try is.
      expect(pauses).toEqual([['login.wx.qq.com', 1000], ['login.wx.qq.com', 2000]])
      lifecycle.dispose()
    } finally {
      vi.useRealTimers()
    }
  })
})
