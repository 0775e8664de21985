import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Alerts, webhookBody, webhookKindOf } from '../../src/alerts/alerts.js'
import { log } from '../../src/log.js'

describe('webhook JSON per group robot', () => {
  it('is told apart by the URL host', () => {
    expect(webhookKindOf('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc')).toBe('wecom')
    expect(webhookKindOf('https://oapi.dingtalk.com/robot/send?access_token=abc')).toBe('dingtalk')
    expect(webhookKindOf('https://open.feishu.cn/open-apis/bot/v2/hook/abc')).toBe('feishu')
    expect(webhookKindOf('https://open.larksuite.com/open-apis/bot/v2/hook/abc')).toBe('feishu')
    expect(webhookKindOf('http://127.0.0.1:8080/alert')).toBe('json')
    expect(webhookBody('wecom', '掉线了')).toEqual({ msgtype: 'text', text: { content: '掉线了' } })
    expect(webhookBody('dingtalk', '掉线了')).toEqual({ msgtype: 'text', text: { content: '掉线了' } })
    expect(webhookBody('feishu', '掉线了')).toEqual({ msg_type: 'text', content: { text: '掉线了' } })
    expect(webhookBody('json', '掉线了')).toEqual({ text: '掉线了' })
  })
})

describe('alerts to a local webhook and a local SMTP sink', () => {
  const posts: unknown[] = []
  const mails: string[] = []
  let webhookUrl = ''
  let smtpUrl = ''
  const http = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      posts.push(JSON.parse(body))
      res.end('{"errcode":0}')
    })
  })
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      let data = ''
      stream.on('data', (c: Buffer) => (data += c.toString()))
      stream.on('end', () => {
        mails.push(data)
        callback()
      })
    },
  })

  beforeAll(async () => {
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    webhookUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/robot/send?key=test`
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => http.close(resolve))
    await new Promise<void>((resolve) => smtp.close(() => resolve()))
  })

  it('sends each condition at most once an hour, to the webhook (in the chosen platform’s JSON) and by mail', async () => {
    let now = Date.parse('2026-12-02T08:00:00Z')
    const alerts = new Alerts(
      { webhookUrl, webhookKind: 'wecom', smtpUrl, emailTo: '值班 <duty@example.org>', botName: 'cppcc-bot' },
      log,
      () => now,
    )
    expect(await alerts.raise('logged-out', '机器人的微信已退出登录')).toBe(true)
    expect(await alerts.raise('logged-out', '又退出了')).toBe(false)
    expect(await alerts.raise('failed', '有 1 条消息发送失败')).toBe(true)
    now += 3600_000
    expect(await alerts.raise('logged-out', '一小时后仍未登录')).toBe(true)
    expect(posts).toEqual([
      { msgtype: 'text', text: { content: '【cppcc-bot】机器人的微信已退出登录' } },
      { msgtype: 'text', text: { content: '【cppcc-bot】有 1 条消息发送失败' } },
      { msgtype: 'text', text: { content: '【cppcc-bot】一小时后仍未登录' } },
    ])
    expect(mails).toHaveLength(3)
    expect(mails[0]).toContain('duty@example.org')
    expect(mails[0]).toMatch(/Subject: =\?UTF-8\?/)
  })

  it('sends nothing without a channel, and survives a channel that is down', async () => {
    expect(await new Alerts({ webhookKind: 'auto', botName: 'b' }, log).raise('scan', 'x')).toBe(false)
    const down = new Alerts({ webhookUrl: 'http://127.0.0.1:9/nothing', webhookKind: 'auto', botName: 'b' }, log)
    expect(await down.raise('scan', '需要扫码')).toBe(true)
  })
})
