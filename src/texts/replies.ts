/** Short Chinese replies reused by several commands and by the router. */
export const replies = {
  groupOnly: (usage: string) => `这个命令要在委员会客厅或工作室的群里发送：\n${usage}`,
  unbound: '本群还没有绑定会客厅或工作室。请管理员在群里发送：\n#绑定 <名称> [会客厅|工作室]\n例如：#绑定 健康家园委员会客厅 会客厅',
  managersOnly: (what: string) => `只有本群秘书或管理员可以${what}。如需设置秘书，请管理员发送 #秘书 @某人`,
  adminsOnly: (what: string) =>
    `只有管理员可以${what}。管理员是机器人账号本身、运维在机器人微信里设了备注并写进 BOT_ADMINS 的人，以及用认领码认领过的人（按备注认人，不按昵称）。`,
  held: (name: string) =>
    `本群原来绑定为「${name}」，但这次登录后机器人没法确认就是这个群（可能有同名的群，或群成员对不上），为防记错，暂不记录、不推送。请管理员在本群发送 #确认绑定；确认前发的内容请之后重发。`,
  verifyFirst: (what: string) =>
    `私聊${what}需要先认证（防止有人改成同样的昵称冒用）：请私聊机器人发送 #认证，机器人回复一个 6 位数字，10 分钟内把「#认证 数字」发到您所在的委员会客厅群里即可。`,
}

/** The hint for a private message or an @-mention without a command. */
export const helpHint = '您好！我是政协委员会客厅助手。发送 #帮助 查看全部命令和模板。'
