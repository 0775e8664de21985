import nodemailer from 'nodemailer'
import type { Logger } from '../log.js'

/** What goes wrong while nobody watches: each is told at most once an hour. */
export type AlertCondition = 'logged-out' | 'scan' | 'failed' | 'held'

export type WebhookKind = 'wecom' | 'dingtalk' | 'feishu' | 'json'

export interface AlertSettings {
  webhookUrl?: string
  /** auto: by the URL's host (WeCom, DingTalk, Feishu/Lark group robots); json: `{"text": …}`. */
  webhookKind: WebhookKind | 'auto'
  smtpUrl?: string
  emailTo?: string
  emailFrom?: string
  botName: string
}

const HOUR_MS = 3600_000

/** Which group robot a webhook URL belongs to: each wants its own JSON. */
export function webhookKindOf(url: string): WebhookKind {
  const host = new URL(url).hostname
  if (host === 'qyapi.weixin.qq.com') return 'wecom'
  if (host === 'oapi.dingtalk.com') return 'dingtalk'
  if (host === 'open.feishu.cn' || host === 'open.larksuite.com') return 'feishu'
  return 'json'
}

export function webhookBody(kind: WebhookKind, text: string): unknown {
  if (kind === 'wecom' || kind === 'dingtalk') return { msgtype: 'text', text: { content: text } }
  if (kind === 'feishu') return { msg_type: 'text', content: { text } }
  return { text }
}

/**
 * Alerts outside WeChat, for when WeChat itself is the problem (logged out, waiting for a scan)
 * or messages cannot be sent: a group robot's webhook (WeCom 群机器人, DingTalk, Feishu) and/or
 * mail. Each condition is told at most once an hour; a failing channel is logged, never thrown.
 */
export class Alerts {
  private readonly last = new Map<AlertCondition, number>()

  constructor(
    private readonly settings: AlertSettings,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return Boolean(this.settings.webhookUrl || (this.settings.smtpUrl && this.settings.emailTo))
  }

  /** Returns whether it was sent now (false: told within the hour, or no channel set). */
  async raise(condition: AlertCondition, text: string): Promise<boolean> {
    if (!this.enabled) return false
    const at = this.now()
    if (at - (this.last.get(condition) ?? -Infinity) < HOUR_MS) return false
    this.last.set(condition, at)
    const message = `【${this.settings.botName}】${text}`
    await Promise.all([this.toWebhook(message), this.toMail(condition, message)])
    return true
  }

  private async toWebhook(text: string): Promise<void> {
    const url = this.settings.webhookUrl
    if (!url) return
    const kind = this.settings.webhookKind === 'auto' ? webhookKindOf(url) : this.settings.webhookKind
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(webhookBody(kind, text)),
        signal: AbortSignal.timeout(10_000),
      })
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
    } catch (error) {
      this.log.error({ err: error }, '告警 webhook 发送失败')
    }
  }

  private async toMail(condition: AlertCondition, text: string): Promise<void> {
    const { smtpUrl, emailTo, emailFrom, botName } = this.settings
    if (!smtpUrl || !emailTo) return
    try {
      await nodemailer.createTransport(smtpUrl).sendMail({
        from: emailFrom ?? `${botName} <bot@localhost>`,
        to: emailTo,
        subject: `【${botName}】${SUBJECTS[condition]}`,
        text,
      })
    } catch (error) {
      this.log.error({ err: error }, '告警邮件发送失败')
    }
  }
}

const SUBJECTS: Record<AlertCondition, string> = {
  'logged-out': '机器人已退出微信登录',
  scan: '机器人需要扫码登录',
  failed: '有消息发送失败',
  held: '有会客厅的绑定待确认',
}
