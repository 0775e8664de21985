import type { ChatContext } from '../router/context.js'

/** One chat command. The router finds it by tag; its handler checks permissions itself. */
export interface Command {
  /** Canonical tag without `#`. */
  name: string
  aliases?: string[]
  /** One line in #帮助. */
  summary: string
  /** A template members can copy; starts with the tag. */
  usage: string
  /** Only meaningful in a group bound to a room. */
  needsRoom: boolean
  run(ctx: ChatContext, args: string): Promise<void>
}

/** Short Chinese replies reused by several commands. */
export const replies = {
  groupOnly: (usage: string) => `这个命令要在委员会客厅或工作室的群里发送：\n${usage}`,
  unbound: '本群还没有绑定会客厅或工作室。请管理员在群里发送：\n#绑定 <名称> [会客厅|工作室]\n例如：#绑定 平湖健康家园政协委员会客厅 会客厅',
  managersOnly: (what: string) => `只有本群秘书或管理员可以${what}。如需设置秘书，请管理员发送 #秘书 @某人`,
  adminsOnly: (what: string) => `只有管理员可以${what}。管理员是机器人账号本身和 BOT_ADMINS 中列出的人。`,
}
