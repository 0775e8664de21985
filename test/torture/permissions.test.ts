/**
 * Who may use which command: every chat command × role × place, as the README's tables
 * (“## 群里的命令”, the 谁能用 columns) document it.
 *
 * Roles: the admin (管理员, named in BOT_ADMINS), the room's secretary (秘书甲), its lead
 * member (牵头乙), a plain member (委员丙), a stranger (a fresh name per case, never seen
 * before), and, for the record-owner rules, the record's own reporter (记录人丁, a plain
 * member) and the bot's own account (“机器人登录的微信账号本身”, also an admin).
 * Places: the person's own bound room (where 秘书甲/牵头乙 hold their roles), another bound
 * room where nobody in the test holds a role, and a private chat with the bot.
 *
 * TABLE is the expectation, one row per case, derived from the README only. Each row names
 * the text that must appear in what the bot sent back (messages rendered `→收件人: 正文`,
 * files as `<file 名称>`). Placeholders: {me} the sender, {room} the bound name of the place
 * (own room for a private chat), {topic} the place's group, {own} / {other} the two bound
 * names, {code} / {code2} the records prepared for the case.
 *
 * Besides the text, every case checks that an allowed command is not answered with a
 * refusal, that a refused one does not show the command's success text, that replies go only
 * where they should (the place; the sender's private chat for #我的 / #积分榜), and, for
 * commands that change something, that the database changed exactly when allowed.
 *
 * One chat per role × place (setup once, ~11 messages), cases in table order; each case
 * prepares its own records so cases do not depend on each other. Messages are one minute
 * apart so equal texts are never taken for re-deliveries.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/clock.js'
import type { Db } from '../../src/db/client.js'
import { log } from '../../src/log.js'
import { MockChat, type SentMessage } from '../../src/sim/mock-chat.js'
import { GROUP, freshDb, testConfig } from '../helpers.js'

type Role = 'admin' | 'secretary' | 'lead' | 'member' | 'stranger' | 'reporter' | 'operator'
type Place = 'own' | 'other' | 'private'
type Kind = 'allowed' | 'refused'
/** Text that must appear; several texts must all appear. */
type Look = string | readonly string[]
type Row = readonly [command: string, role: Role, place: Place, expect: Kind, look: Look]

const A = 'allowed'
const R = 'refused'

// The README's refusals (and the code's exact wording of them).
const GROUP_ONLY = '这个命令要在委员会客厅或工作室的群里发送'
const ADMINS_ONLY = '只有管理员可以绑定群'
const MANAGERS = (what: string) => `只有本群秘书或管理员可以${what}`
const OWNER = (what: string) => `只有 {code} 的记录人、本群秘书或管理员可以${what}它`
const PLANNER = '只有 {code} 的预告人、本群秘书或管理员可以取消它'
const PRIVATE_DIGEST = '私聊查询汇总只对秘书和管理员开放'
const RANKING_ONLY = '积分榜只对秘书和管理员开放'
const NO_PROFILE = '还找不到您的委员档案'
const VERIFY = '需要先认证'
// Another room's record answers like one that does not exist: a code must not reveal it.
const NOT_THIS_ROOM = '找不到记录 {code}'

// Readings of the README where its tables are terse:
// - “秘书” in a 谁能用 column is the secretary of this room (the code's and the README's refusal
//   “只有本群秘书或管理员可以…”); a secretary elsewhere is refused like any member.
// - Commands about “本群” (all but #帮助, #月报/#季报/#年报, #我的, #积分榜, #导出) are group
//   commands: in a private chat they are refused with GROUP_ONLY, #绑定 and #设置 推送 included.
// - The stranger becomes a 本群成员 by writing in the group (“参与委员按本群成员…匹配”), but has no
//   委员档案 in a private chat.
// prettier-ignore
const TABLE: readonly Row[] = [
  // #帮助 — 谁能用：所有人
  ['#帮助', 'admin', 'own', A, '可用命令'],
  ['#帮助', 'admin', 'other', A, '可用命令'],
  ['#帮助', 'admin', 'private', A, '可用命令'],
  ['#帮助', 'secretary', 'own', A, '可用命令'],
  ['#帮助', 'secretary', 'other', A, '可用命令'],
  ['#帮助', 'secretary', 'private', A, '可用命令'],
  ['#帮助', 'lead', 'own', A, '可用命令'],
  ['#帮助', 'lead', 'other', A, '可用命令'],
  ['#帮助', 'lead', 'private', A, '可用命令'],
  ['#帮助', 'member', 'own', A, '可用命令'],
  ['#帮助', 'member', 'other', A, '可用命令'],
  ['#帮助', 'member', 'private', A, '可用命令'],
  ['#帮助', 'stranger', 'own', A, '可用命令'],
  ['#帮助', 'stranger', 'other', A, '可用命令'],
  ['#帮助', 'stranger', 'private', A, '可用命令'],
  // #绑定 — 谁能用：管理员 (“把本群绑定…”: a group command)
  ['#绑定', 'admin', 'own', A, '已更新绑定：本群 =「{room}」'],
  ['#绑定', 'admin', 'other', A, '已更新绑定：本群 =「{room}」'],
  ['#绑定', 'admin', 'private', R, GROUP_ONLY],
  ['#绑定', 'secretary', 'own', R, ADMINS_ONLY],
  ['#绑定', 'secretary', 'other', R, ADMINS_ONLY],
  ['#绑定', 'secretary', 'private', R, GROUP_ONLY],
  ['#绑定', 'lead', 'own', R, ADMINS_ONLY],
  ['#绑定', 'lead', 'other', R, ADMINS_ONLY],
  ['#绑定', 'lead', 'private', R, GROUP_ONLY],
  ['#绑定', 'member', 'own', R, ADMINS_ONLY],
  ['#绑定', 'member', 'other', R, ADMINS_ONLY],
  ['#绑定', 'member', 'private', R, GROUP_ONLY],
  ['#绑定', 'stranger', 'own', R, ADMINS_ONLY],
  ['#绑定', 'stranger', 'other', R, ADMINS_ONLY],
  ['#绑定', 'stranger', 'private', R, GROUP_ONLY],
  // #秘书 @某人 — 谁能用：管理员、本群秘书
  ['#秘书', 'admin', 'own', A, '已设置 靶子 为本群秘书。'],
  ['#秘书', 'admin', 'other', A, '已设置 靶子 为本群秘书。'],
  ['#秘书', 'admin', 'private', R, GROUP_ONLY],
  ['#秘书', 'secretary', 'own', A, '已设置 靶子 为本群秘书。'],
  ['#秘书', 'secretary', 'other', R, MANAGERS('设置角色')],
  ['#秘书', 'secretary', 'private', R, GROUP_ONLY],
  ['#秘书', 'lead', 'own', R, MANAGERS('设置角色')],
  ['#秘书', 'lead', 'other', R, MANAGERS('设置角色')],
  ['#秘书', 'lead', 'private', R, GROUP_ONLY],
  ['#秘书', 'member', 'own', R, MANAGERS('设置角色')],
  ['#秘书', 'member', 'other', R, MANAGERS('设置角色')],
  ['#秘书', 'member', 'private', R, GROUP_ONLY],
  ['#秘书', 'stranger', 'own', R, MANAGERS('设置角色')],
  ['#秘书', 'stranger', 'other', R, MANAGERS('设置角色')],
  ['#秘书', 'stranger', 'private', R, GROUP_ONLY],
  // #牵头 @某人 — 谁能用：管理员、本群秘书
  ['#牵头', 'admin', 'own', A, '已设置 靶子 为本群牵头委员。'],
  ['#牵头', 'admin', 'other', A, '已设置 靶子 为本群牵头委员。'],
  ['#牵头', 'admin', 'private', R, GROUP_ONLY],
  ['#牵头', 'secretary', 'own', A, '已设置 靶子 为本群牵头委员。'],
  ['#牵头', 'secretary', 'other', R, MANAGERS('设置角色')],
  ['#牵头', 'secretary', 'private', R, GROUP_ONLY],
  ['#牵头', 'lead', 'own', R, MANAGERS('设置角色')],
  ['#牵头', 'lead', 'other', R, MANAGERS('设置角色')],
  ['#牵头', 'lead', 'private', R, GROUP_ONLY],
  ['#牵头', 'member', 'own', R, MANAGERS('设置角色')],
  ['#牵头', 'member', 'other', R, MANAGERS('设置角色')],
  ['#牵头', 'member', 'private', R, GROUP_ONLY],
  ['#牵头', 'stranger', 'own', R, MANAGERS('设置角色')],
  ['#牵头', 'stranger', 'other', R, MANAGERS('设置角色')],
  ['#牵头', 'stranger', 'private', R, GROUP_ONLY],
  // #委员 @某人 — 谁能用：管理员、本群秘书
  ['#委员', 'admin', 'own', A, '已设置 靶子 为本群委员。'],
  ['#委员', 'admin', 'other', A, '已设置 靶子 为本群委员。'],
  ['#委员', 'admin', 'private', R, GROUP_ONLY],
  ['#委员', 'secretary', 'own', A, '已设置 靶子 为本群委员。'],
  ['#委员', 'secretary', 'other', R, MANAGERS('设置角色')],
  ['#委员', 'secretary', 'private', R, GROUP_ONLY],
  ['#委员', 'lead', 'own', R, MANAGERS('设置角色')],
  ['#委员', 'lead', 'other', R, MANAGERS('设置角色')],
  ['#委员', 'lead', 'private', R, GROUP_ONLY],
  ['#委员', 'member', 'own', R, MANAGERS('设置角色')],
  ['#委员', 'member', 'other', R, MANAGERS('设置角色')],
  ['#委员', 'member', 'private', R, GROUP_ONLY],
  ['#委员', 'stranger', 'own', R, MANAGERS('设置角色')],
  ['#委员', 'stranger', 'other', R, MANAGERS('设置角色')],
  ['#委员', 'stranger', 'private', R, GROUP_ONLY],
  // #登记 — 谁能用：本群成员
  ['#登记', 'admin', 'own', A, '已登记：{me}，界别：教育'],
  ['#登记', 'admin', 'other', A, '已登记：{me}，界别：教育'],
  ['#登记', 'admin', 'private', R, GROUP_ONLY],
  ['#登记', 'secretary', 'own', A, '已登记：{me}，界别：教育'],
  ['#登记', 'secretary', 'other', A, '已登记：{me}，界别：教育'],
  ['#登记', 'secretary', 'private', R, GROUP_ONLY],
  ['#登记', 'lead', 'own', A, '已登记：{me}，界别：教育'],
  ['#登记', 'lead', 'other', A, '已登记：{me}，界别：教育'],
  ['#登记', 'lead', 'private', R, GROUP_ONLY],
  ['#登记', 'member', 'own', A, '已登记：{me}，界别：教育'],
  ['#登记', 'member', 'other', A, '已登记：{me}，界别：教育'],
  ['#登记', 'member', 'private', R, GROUP_ONLY],
  ['#登记', 'stranger', 'own', A, '已登记：{me}，界别：教育'],
  ['#登记', 'stranger', 'other', A, '已登记：{me}，界别：教育'],
  ['#登记', 'stranger', 'private', R, GROUP_ONLY],
  // #活动 — 谁能用：本群成员
  ['#活动', 'admin', 'own', A, '已记录活动 A'],
  ['#活动', 'admin', 'other', A, '已记录活动 A'],
  ['#活动', 'admin', 'private', R, GROUP_ONLY],
  ['#活动', 'secretary', 'own', A, '已记录活动 A'],
  ['#活动', 'secretary', 'other', A, '已记录活动 A'],
  ['#活动', 'secretary', 'private', R, GROUP_ONLY],
  ['#活动', 'lead', 'own', A, '已记录活动 A'],
  ['#活动', 'lead', 'other', A, '已记录活动 A'],
  ['#活动', 'lead', 'private', R, GROUP_ONLY],
  ['#活动', 'member', 'own', A, '已记录活动 A'],
  ['#活动', 'member', 'other', A, '已记录活动 A'],
  ['#活动', 'member', 'private', R, GROUP_ONLY],
  ['#活动', 'stranger', 'own', A, '已记录活动 A'],
  ['#活动', 'stranger', 'other', A, '已记录活动 A'],
  ['#活动', 'stranger', 'private', R, GROUP_ONLY],
  // #活动 <预告编号> — 谁能用：本群成员
  ['#活动 <预告编号>', 'admin', 'own', A, '已记录活动 A'],
  ['#活动 <预告编号>', 'admin', 'other', A, '已记录活动 A'],
  ['#活动 <预告编号>', 'admin', 'private', R, GROUP_ONLY],
  ['#活动 <预告编号>', 'secretary', 'own', A, '已记录活动 A'],
  ['#活动 <预告编号>', 'secretary', 'other', A, '已记录活动 A'],
  ['#活动 <预告编号>', 'secretary', 'private', R, GROUP_ONLY],
  ['#活动 <预告编号>', 'lead', 'own', A, '已记录活动 A'],
  ['#活动 <预告编号>', 'lead', 'other', A, '已记录活动 A'],
  ['#活动 <预告编号>', 'lead', 'private', R, GROUP_ONLY],
  ['#活动 <预告编号>', 'member', 'own', A, '已记录活动 A'],
  ['#活动 <预告编号>', 'member', 'other', A, '已记录活动 A'],
  ['#活动 <预告编号>', 'member', 'private', R, GROUP_ONLY],
  ['#活动 <预告编号>', 'stranger', 'own', A, '已记录活动 A'],
  ['#活动 <预告编号>', 'stranger', 'other', A, '已记录活动 A'],
  ['#活动 <预告编号>', 'stranger', 'private', R, GROUP_ONLY],
  // #民意 — 谁能用：本群成员
  ['#民意', 'admin', 'own', A, '已记录社情民意 M'],
  ['#民意', 'admin', 'other', A, '已记录社情民意 M'],
  ['#民意', 'admin', 'private', R, GROUP_ONLY],
  ['#民意', 'secretary', 'own', A, '已记录社情民意 M'],
  ['#民意', 'secretary', 'other', A, '已记录社情民意 M'],
  ['#民意', 'secretary', 'private', R, GROUP_ONLY],
  ['#民意', 'lead', 'own', A, '已记录社情民意 M'],
  ['#民意', 'lead', 'other', A, '已记录社情民意 M'],
  ['#民意', 'lead', 'private', R, GROUP_ONLY],
  ['#民意', 'member', 'own', A, '已记录社情民意 M'],
  ['#民意', 'member', 'other', A, '已记录社情民意 M'],
  ['#民意', 'member', 'private', R, GROUP_ONLY],
  ['#民意', 'stranger', 'own', A, '已记录社情民意 M'],
  ['#民意', 'stranger', 'other', A, '已记录社情民意 M'],
  ['#民意', 'stranger', 'private', R, GROUP_ONLY],
  // #提案 — 谁能用：本群成员
  ['#提案', 'admin', 'own', A, '已记录提案 T'],
  ['#提案', 'admin', 'other', A, '已记录提案 T'],
  ['#提案', 'admin', 'private', R, GROUP_ONLY],
  ['#提案', 'secretary', 'own', A, '已记录提案 T'],
  ['#提案', 'secretary', 'other', A, '已记录提案 T'],
  ['#提案', 'secretary', 'private', R, GROUP_ONLY],
  ['#提案', 'lead', 'own', A, '已记录提案 T'],
  ['#提案', 'lead', 'other', A, '已记录提案 T'],
  ['#提案', 'lead', 'private', R, GROUP_ONLY],
  ['#提案', 'member', 'own', A, '已记录提案 T'],
  ['#提案', 'member', 'other', A, '已记录提案 T'],
  ['#提案', 'member', 'private', R, GROUP_ONLY],
  ['#提案', 'stranger', 'own', A, '已记录提案 T'],
  ['#提案', 'stranger', 'other', A, '已记录提案 T'],
  ['#提案', 'stranger', 'private', R, GROUP_ONLY],
  // #采纳 — 谁能用：秘书、管理员
  ['#采纳', 'admin', 'own', A, '已登记 {code}（'],
  ['#采纳', 'admin', 'other', A, '已登记 {code}（'],
  ['#采纳', 'admin', 'private', R, GROUP_ONLY],
  ['#采纳', 'secretary', 'own', A, '已登记 {code}（'],
  ['#采纳', 'secretary', 'other', R, MANAGERS('登记采纳')],
  ['#采纳', 'secretary', 'private', R, GROUP_ONLY],
  ['#采纳', 'lead', 'own', R, MANAGERS('登记采纳')],
  ['#采纳', 'lead', 'other', R, MANAGERS('登记采纳')],
  ['#采纳', 'lead', 'private', R, GROUP_ONLY],
  ['#采纳', 'member', 'own', R, MANAGERS('登记采纳')],
  ['#采纳', 'member', 'other', R, MANAGERS('登记采纳')],
  ['#采纳', 'member', 'private', R, GROUP_ONLY],
  ['#采纳', 'stranger', 'own', R, MANAGERS('登记采纳')],
  ['#采纳', 'stranger', 'other', R, MANAGERS('登记采纳')],
  ['#采纳', 'stranger', 'private', R, GROUP_ONLY],
  // #批示 — 谁能用：秘书、管理员
  ['#批示', 'admin', 'own', A, '已登记 {code}（'],
  ['#批示', 'admin', 'other', A, '已登记 {code}（'],
  ['#批示', 'admin', 'private', R, GROUP_ONLY],
  ['#批示', 'secretary', 'own', A, '已登记 {code}（'],
  ['#批示', 'secretary', 'other', R, MANAGERS('登记批示')],
  ['#批示', 'secretary', 'private', R, GROUP_ONLY],
  ['#批示', 'lead', 'own', R, MANAGERS('登记批示')],
  ['#批示', 'lead', 'other', R, MANAGERS('登记批示')],
  ['#批示', 'lead', 'private', R, GROUP_ONLY],
  ['#批示', 'member', 'own', R, MANAGERS('登记批示')],
  ['#批示', 'member', 'other', R, MANAGERS('登记批示')],
  ['#批示', 'member', 'private', R, GROUP_ONLY],
  ['#批示', 'stranger', 'own', R, MANAGERS('登记批示')],
  ['#批示', 'stranger', 'other', R, MANAGERS('登记批示')],
  ['#批示', 'stranger', 'private', R, GROUP_ONLY],
  // #办结 — 谁能用：秘书、管理员
  ['#办结', 'admin', 'own', A, '已登记 {code}（'],
  ['#办结', 'admin', 'other', A, '已登记 {code}（'],
  ['#办结', 'admin', 'private', R, GROUP_ONLY],
  ['#办结', 'secretary', 'own', A, '已登记 {code}（'],
  ['#办结', 'secretary', 'other', R, MANAGERS('登记办结')],
  ['#办结', 'secretary', 'private', R, GROUP_ONLY],
  ['#办结', 'lead', 'own', R, MANAGERS('登记办结')],
  ['#办结', 'lead', 'other', R, MANAGERS('登记办结')],
  ['#办结', 'lead', 'private', R, GROUP_ONLY],
  ['#办结', 'member', 'own', R, MANAGERS('登记办结')],
  ['#办结', 'member', 'other', R, MANAGERS('登记办结')],
  ['#办结', 'member', 'private', R, GROUP_ONLY],
  ['#办结', 'stranger', 'own', R, MANAGERS('登记办结')],
  ['#办结', 'stranger', 'other', R, MANAGERS('登记办结')],
  ['#办结', 'stranger', 'private', R, GROUP_ONLY],
  // #立案 — 谁能用：秘书、管理员
  ['#立案', 'admin', 'own', A, '已登记 {code}（'],
  ['#立案', 'admin', 'other', A, '已登记 {code}（'],
  ['#立案', 'admin', 'private', R, GROUP_ONLY],
  ['#立案', 'secretary', 'own', A, '已登记 {code}（'],
  ['#立案', 'secretary', 'other', R, MANAGERS('登记立案')],
  ['#立案', 'secretary', 'private', R, GROUP_ONLY],
  ['#立案', 'lead', 'own', R, MANAGERS('登记立案')],
  ['#立案', 'lead', 'other', R, MANAGERS('登记立案')],
  ['#立案', 'lead', 'private', R, GROUP_ONLY],
  ['#立案', 'member', 'own', R, MANAGERS('登记立案')],
  ['#立案', 'member', 'other', R, MANAGERS('登记立案')],
  ['#立案', 'member', 'private', R, GROUP_ONLY],
  ['#立案', 'stranger', 'own', R, MANAGERS('登记立案')],
  ['#立案', 'stranger', 'other', R, MANAGERS('登记立案')],
  ['#立案', 'stranger', 'private', R, GROUP_ONLY],
  // #并案 — 谁能用：秘书、管理员
  ['#并案', 'admin', 'own', A, '{code2}（关于加强社区养老服务的建议）并入 {code}'],
  ['#并案', 'admin', 'other', A, '{code2}（关于加强社区养老服务的建议）并入 {code}'],
  ['#并案', 'admin', 'private', R, GROUP_ONLY],
  ['#并案', 'secretary', 'own', A, '{code2}（关于加强社区养老服务的建议）并入 {code}'],
  ['#并案', 'secretary', 'other', R, MANAGERS('登记并案')],
  ['#并案', 'secretary', 'private', R, GROUP_ONLY],
  ['#并案', 'lead', 'own', R, MANAGERS('登记并案')],
  ['#并案', 'lead', 'other', R, MANAGERS('登记并案')],
  ['#并案', 'lead', 'private', R, GROUP_ONLY],
  ['#并案', 'member', 'own', R, MANAGERS('登记并案')],
  ['#并案', 'member', 'other', R, MANAGERS('登记并案')],
  ['#并案', 'member', 'private', R, GROUP_ONLY],
  ['#并案', 'stranger', 'own', R, MANAGERS('登记并案')],
  ['#并案', 'stranger', 'other', R, MANAGERS('登记并案')],
  ['#并案', 'stranger', 'private', R, GROUP_ONLY],
  // #办复 — 谁能用：秘书、管理员
  ['#办复', 'admin', 'own', A, '已登记 {code}（'],
  ['#办复', 'admin', 'other', A, '已登记 {code}（'],
  ['#办复', 'admin', 'private', R, GROUP_ONLY],
  ['#办复', 'secretary', 'own', A, '已登记 {code}（'],
  ['#办复', 'secretary', 'other', R, MANAGERS('登记办复')],
  ['#办复', 'secretary', 'private', R, GROUP_ONLY],
  ['#办复', 'lead', 'own', R, MANAGERS('登记办复')],
  ['#办复', 'lead', 'other', R, MANAGERS('登记办复')],
  ['#办复', 'lead', 'private', R, GROUP_ONLY],
  ['#办复', 'member', 'own', R, MANAGERS('登记办复')],
  ['#办复', 'member', 'other', R, MANAGERS('登记办复')],
  ['#办复', 'member', 'private', R, GROUP_ONLY],
  ['#办复', 'stranger', 'own', R, MANAGERS('登记办复')],
  ['#办复', 'stranger', 'other', R, MANAGERS('登记办复')],
  ['#办复', 'stranger', 'private', R, GROUP_ONLY],
  // #重点 — 谁能用：秘书、管理员
  ['#重点', 'admin', 'own', A, '已登记 {code}（'],
  ['#重点', 'admin', 'other', A, '已登记 {code}（'],
  ['#重点', 'admin', 'private', R, GROUP_ONLY],
  ['#重点', 'secretary', 'own', A, '已登记 {code}（'],
  ['#重点', 'secretary', 'other', R, MANAGERS('登记重点')],
  ['#重点', 'secretary', 'private', R, GROUP_ONLY],
  ['#重点', 'lead', 'own', R, MANAGERS('登记重点')],
  ['#重点', 'lead', 'other', R, MANAGERS('登记重点')],
  ['#重点', 'lead', 'private', R, GROUP_ONLY],
  ['#重点', 'member', 'own', R, MANAGERS('登记重点')],
  ['#重点', 'member', 'other', R, MANAGERS('登记重点')],
  ['#重点', 'member', 'private', R, GROUP_ONLY],
  ['#重点', 'stranger', 'own', R, MANAGERS('登记重点')],
  ['#重点', 'stranger', 'other', R, MANAGERS('登记重点')],
  ['#重点', 'stranger', 'private', R, GROUP_ONLY],
  // #重要 — 谁能用：秘书、管理员
  ['#重要', 'admin', 'own', A, '已登记 {code}（'],
  ['#重要', 'admin', 'other', A, '已登记 {code}（'],
  ['#重要', 'admin', 'private', R, GROUP_ONLY],
  ['#重要', 'secretary', 'own', A, '已登记 {code}（'],
  ['#重要', 'secretary', 'other', R, MANAGERS('登记重要')],
  ['#重要', 'secretary', 'private', R, GROUP_ONLY],
  ['#重要', 'lead', 'own', R, MANAGERS('登记重要')],
  ['#重要', 'lead', 'other', R, MANAGERS('登记重要')],
  ['#重要', 'lead', 'private', R, GROUP_ONLY],
  ['#重要', 'member', 'own', R, MANAGERS('登记重要')],
  ['#重要', 'member', 'other', R, MANAGERS('登记重要')],
  ['#重要', 'member', 'private', R, GROUP_ONLY],
  ['#重要', 'stranger', 'own', R, MANAGERS('登记重要')],
  ['#重要', 'stranger', 'other', R, MANAGERS('登记重要')],
  ['#重要', 'stranger', 'private', R, GROUP_ONLY],
  // #修改 — 谁能用：记录人、秘书、管理员 (“只有记录人本人、本群秘书和管理员可以修改、撤销一条记录”)
  ['#修改', 'admin', 'own', A, '已修改 {code}'],
  ['#修改', 'admin', 'other', A, '已修改 {code}'],
  ['#修改', 'admin', 'private', R, GROUP_ONLY],
  ['#修改', 'secretary', 'own', A, '已修改 {code}'],
  ['#修改', 'secretary', 'other', R, OWNER('修改')],
  ['#修改', 'secretary', 'private', R, GROUP_ONLY],
  ['#修改', 'reporter', 'own', A, '已修改 {code}'],
  ['#修改', 'reporter', 'other', A, '已修改 {code}'],
  ['#修改', 'reporter', 'private', R, GROUP_ONLY],
  ['#修改', 'lead', 'own', R, OWNER('修改')],
  ['#修改', 'lead', 'other', R, OWNER('修改')],
  ['#修改', 'lead', 'private', R, GROUP_ONLY],
  ['#修改', 'member', 'own', R, OWNER('修改')],
  ['#修改', 'member', 'other', R, OWNER('修改')],
  ['#修改', 'member', 'private', R, GROUP_ONLY],
  ['#修改', 'stranger', 'own', R, OWNER('修改')],
  ['#修改', 'stranger', 'other', R, OWNER('修改')],
  ['#修改', 'stranger', 'private', R, GROUP_ONLY],
  // #修改 <草稿> — 谁能用：记录人、秘书、管理员 (“也用来补全草稿（D 编号）”)
  ['#修改 <草稿>', 'admin', 'own', A, '草稿 {code} 已由这条补全'],
  ['#修改 <草稿>', 'admin', 'other', A, '草稿 {code} 已由这条补全'],
  ['#修改 <草稿>', 'admin', 'private', R, GROUP_ONLY],
  ['#修改 <草稿>', 'secretary', 'own', A, '草稿 {code} 已由这条补全'],
  ['#修改 <草稿>', 'secretary', 'other', R, OWNER('修改')],
  ['#修改 <草稿>', 'secretary', 'private', R, GROUP_ONLY],
  ['#修改 <草稿>', 'reporter', 'own', A, '草稿 {code} 已由这条补全'],
  ['#修改 <草稿>', 'reporter', 'other', A, '草稿 {code} 已由这条补全'],
  ['#修改 <草稿>', 'reporter', 'private', R, GROUP_ONLY],
  ['#修改 <草稿>', 'lead', 'own', R, OWNER('修改')],
  ['#修改 <草稿>', 'lead', 'other', R, OWNER('修改')],
  ['#修改 <草稿>', 'lead', 'private', R, GROUP_ONLY],
  ['#修改 <草稿>', 'member', 'own', R, OWNER('修改')],
  ['#修改 <草稿>', 'member', 'other', R, OWNER('修改')],
  ['#修改 <草稿>', 'member', 'private', R, GROUP_ONLY],
  ['#修改 <草稿>', 'stranger', 'own', R, OWNER('修改')],
  ['#修改 <草稿>', 'stranger', 'other', R, OWNER('修改')],
  ['#修改 <草稿>', 'stranger', 'private', R, GROUP_ONLY],
  // #撤销 — 谁能用：记录人、秘书、管理员
  ['#撤销', 'admin', 'own', A, '已撤销 {code}'],
  ['#撤销', 'admin', 'other', A, '已撤销 {code}'],
  ['#撤销', 'admin', 'private', R, GROUP_ONLY],
  ['#撤销', 'secretary', 'own', A, '已撤销 {code}'],
  ['#撤销', 'secretary', 'other', R, OWNER('撤销')],
  ['#撤销', 'secretary', 'private', R, GROUP_ONLY],
  ['#撤销', 'reporter', 'own', A, '已撤销 {code}'],
  ['#撤销', 'reporter', 'other', A, '已撤销 {code}'],
  ['#撤销', 'reporter', 'private', R, GROUP_ONLY],
  ['#撤销', 'lead', 'own', R, OWNER('撤销')],
  ['#撤销', 'lead', 'other', R, OWNER('撤销')],
  ['#撤销', 'lead', 'private', R, GROUP_ONLY],
  ['#撤销', 'member', 'own', R, OWNER('撤销')],
  ['#撤销', 'member', 'other', R, OWNER('撤销')],
  ['#撤销', 'member', 'private', R, GROUP_ONLY],
  ['#撤销', 'stranger', 'own', R, OWNER('撤销')],
  ['#撤销', 'stranger', 'other', R, OWNER('撤销')],
  ['#撤销', 'stranger', 'private', R, GROUP_ONLY],
  // #撤销 <草稿> — 谁能用：记录人、秘书、管理员 (“对草稿是丢弃”)
  ['#撤销 <草稿>', 'admin', 'own', A, '已丢弃草稿 {code}'],
  ['#撤销 <草稿>', 'admin', 'other', A, '已丢弃草稿 {code}'],
  ['#撤销 <草稿>', 'admin', 'private', R, GROUP_ONLY],
  ['#撤销 <草稿>', 'secretary', 'own', A, '已丢弃草稿 {code}'],
  ['#撤销 <草稿>', 'secretary', 'other', R, OWNER('撤销')],
  ['#撤销 <草稿>', 'secretary', 'private', R, GROUP_ONLY],
  ['#撤销 <草稿>', 'reporter', 'own', A, '已丢弃草稿 {code}'],
  ['#撤销 <草稿>', 'reporter', 'other', A, '已丢弃草稿 {code}'],
  ['#撤销 <草稿>', 'reporter', 'private', R, GROUP_ONLY],
  ['#撤销 <草稿>', 'lead', 'own', R, OWNER('撤销')],
  ['#撤销 <草稿>', 'lead', 'other', R, OWNER('撤销')],
  ['#撤销 <草稿>', 'lead', 'private', R, GROUP_ONLY],
  ['#撤销 <草稿>', 'member', 'own', R, OWNER('撤销')],
  ['#撤销 <草稿>', 'member', 'other', R, OWNER('撤销')],
  ['#撤销 <草稿>', 'member', 'private', R, GROUP_ONLY],
  ['#撤销 <草稿>', 'stranger', 'own', R, OWNER('撤销')],
  ['#撤销 <草稿>', 'stranger', 'other', R, OWNER('撤销')],
  ['#撤销 <草稿>', 'stranger', 'private', R, GROUP_ONLY],
  // #恢复 — 谁能用：记录人、秘书、管理员
  ['#恢复', 'admin', 'own', A, '已恢复 {code}'],
  ['#恢复', 'admin', 'other', A, '已恢复 {code}'],
  ['#恢复', 'admin', 'private', R, GROUP_ONLY],
  ['#恢复', 'secretary', 'own', A, '已恢复 {code}'],
  ['#恢复', 'secretary', 'other', R, OWNER('恢复')],
  ['#恢复', 'secretary', 'private', R, GROUP_ONLY],
  ['#恢复', 'reporter', 'own', A, '已恢复 {code}'],
  ['#恢复', 'reporter', 'other', A, '已恢复 {code}'],
  ['#恢复', 'reporter', 'private', R, GROUP_ONLY],
  ['#恢复', 'lead', 'own', R, OWNER('恢复')],
  ['#恢复', 'lead', 'other', R, OWNER('恢复')],
  ['#恢复', 'lead', 'private', R, GROUP_ONLY],
  ['#恢复', 'member', 'own', R, OWNER('恢复')],
  ['#恢复', 'member', 'other', R, OWNER('恢复')],
  ['#恢复', 'member', 'private', R, GROUP_ONLY],
  ['#恢复', 'stranger', 'own', R, OWNER('恢复')],
  ['#恢复', 'stranger', 'other', R, OWNER('恢复')],
  ['#恢复', 'stranger', 'private', R, GROUP_ONLY],
  // #撤销 <另一群的记录> — “一个群里只能查看和操作本群的记录” (even for the admin)
  ['#撤销 <另一群的记录>', 'admin', 'own', R, NOT_THIS_ROOM],
  ['#撤销 <另一群的记录>', 'admin', 'other', R, NOT_THIS_ROOM],
  ['#撤销 <另一群的记录>', 'admin', 'private', R, GROUP_ONLY],
  ['#撤销 <另一群的记录>', 'secretary', 'own', R, NOT_THIS_ROOM],
  ['#撤销 <另一群的记录>', 'secretary', 'other', R, NOT_THIS_ROOM],
  ['#撤销 <另一群的记录>', 'secretary', 'private', R, GROUP_ONLY],
  ['#撤销 <另一群的记录>', 'lead', 'own', R, NOT_THIS_ROOM],
  ['#撤销 <另一群的记录>', 'lead', 'other', R, NOT_THIS_ROOM],
  ['#撤销 <另一群的记录>', 'lead', 'private', R, GROUP_ONLY],
  ['#撤销 <另一群的记录>', 'member', 'own', R, NOT_THIS_ROOM],
  ['#撤销 <另一群的记录>', 'member', 'other', R, NOT_THIS_ROOM],
  ['#撤销 <另一群的记录>', 'member', 'private', R, GROUP_ONLY],
  ['#撤销 <另一群的记录>', 'stranger', 'own', R, NOT_THIS_ROOM],
  ['#撤销 <另一群的记录>', 'stranger', 'other', R, NOT_THIS_ROOM],
  ['#撤销 <另一群的记录>', 'stranger', 'private', R, GROUP_ONLY],
  // #查 — 谁能用：本群成员
  ['#查', 'admin', 'own', A, ['活动 {code}', '记录人：记录人丁（']],
  ['#查', 'admin', 'other', A, ['活动 {code}', '记录人：记录人丁（']],
  ['#查', 'admin', 'private', R, GROUP_ONLY],
  ['#查', 'secretary', 'own', A, ['活动 {code}', '记录人：记录人丁（']],
  ['#查', 'secretary', 'other', A, ['活动 {code}', '记录人：记录人丁（']],
  ['#查', 'secretary', 'private', R, GROUP_ONLY],
  ['#查', 'lead', 'own', A, ['活动 {code}', '记录人：记录人丁（']],
  ['#查', 'lead', 'other', A, ['活动 {code}', '记录人：记录人丁（']],
  ['#查', 'lead', 'private', R, GROUP_ONLY],
  ['#查', 'member', 'own', A, ['活动 {code}', '记录人：记录人丁（']],
  ['#查', 'member', 'other', A, ['活动 {code}', '记录人：记录人丁（']],
  ['#查', 'member', 'private', R, GROUP_ONLY],
  ['#查', 'stranger', 'own', A, ['活动 {code}', '记录人：记录人丁（']],
  ['#查', 'stranger', 'other', A, ['活动 {code}', '记录人：记录人丁（']],
  ['#查', 'stranger', 'private', R, GROUP_ONLY],
  // #查 <另一群的记录> — “一个群里只能查看和操作本群的记录”
  ['#查 <另一群的记录>', 'admin', 'own', R, NOT_THIS_ROOM],
  ['#查 <另一群的记录>', 'admin', 'other', R, NOT_THIS_ROOM],
  ['#查 <另一群的记录>', 'admin', 'private', R, GROUP_ONLY],
  ['#查 <另一群的记录>', 'secretary', 'own', R, NOT_THIS_ROOM],
  ['#查 <另一群的记录>', 'secretary', 'other', R, NOT_THIS_ROOM],
  ['#查 <另一群的记录>', 'secretary', 'private', R, GROUP_ONLY],
  ['#查 <另一群的记录>', 'lead', 'own', R, NOT_THIS_ROOM],
  ['#查 <另一群的记录>', 'lead', 'other', R, NOT_THIS_ROOM],
  ['#查 <另一群的记录>', 'lead', 'private', R, GROUP_ONLY],
  ['#查 <另一群的记录>', 'member', 'own', R, NOT_THIS_ROOM],
  ['#查 <另一群的记录>', 'member', 'other', R, NOT_THIS_ROOM],
  ['#查 <另一群的记录>', 'member', 'private', R, GROUP_ONLY],
  ['#查 <另一群的记录>', 'stranger', 'own', R, NOT_THIS_ROOM],
  ['#查 <另一群的记录>', 'stranger', 'other', R, NOT_THIS_ROOM],
  ['#查 <另一群的记录>', 'stranger', 'private', R, GROUP_ONLY],
  // #最近 — 谁能用：本群成员
  ['#最近', 'admin', 'own', A, '本群最近'],
  ['#最近', 'admin', 'other', A, '本群最近'],
  ['#最近', 'admin', 'private', R, GROUP_ONLY],
  ['#最近', 'secretary', 'own', A, '本群最近'],
  ['#最近', 'secretary', 'other', A, '本群最近'],
  ['#最近', 'secretary', 'private', R, GROUP_ONLY],
  ['#最近', 'lead', 'own', A, '本群最近'],
  ['#最近', 'lead', 'other', A, '本群最近'],
  ['#最近', 'lead', 'private', R, GROUP_ONLY],
  ['#最近', 'member', 'own', A, '本群最近'],
  ['#最近', 'member', 'other', A, '本群最近'],
  ['#最近', 'member', 'private', R, GROUP_ONLY],
  ['#最近', 'stranger', 'own', A, '本群最近'],
  ['#最近', 'stranger', 'other', A, '本群最近'],
  ['#最近', 'stranger', 'private', R, GROUP_ONLY],
  // #月报 — 谁能用：群里：本群成员；私聊：秘书、管理员 (秘书得到自己担任秘书的各群、管理员得到所有群的汇总)
  ['#月报', 'admin', 'own', A, '【{room} · 2022年9月月报】'],
  ['#月报', 'admin', 'other', A, '【{room} · 2022年9月月报】'],
  ['#月报', 'admin', 'private', A, ['各会客厅、工作室汇总（2 个）', '1. {own}：', '2. {other}：']],
  ['#月报', 'secretary', 'own', A, '【{room} · 2022年9月月报】'],
  ['#月报', 'secretary', 'other', A, '【{room} · 2022年9月月报】'],
  ['#月报', 'secretary', 'private', A, ['各会客厅、工作室汇总（1 个）', '1. {own}：']],
  ['#月报', 'lead', 'own', A, '【{room} · 2022年9月月报】'],
  ['#月报', 'lead', 'other', A, '【{room} · 2022年9月月报】'],
  ['#月报', 'lead', 'private', R, PRIVATE_DIGEST],
  ['#月报', 'member', 'own', A, '【{room} · 2022年9月月报】'],
  ['#月报', 'member', 'other', A, '【{room} · 2022年9月月报】'],
  ['#月报', 'member', 'private', R, PRIVATE_DIGEST],
  ['#月报', 'stranger', 'own', A, '【{room} · 2022年9月月报】'],
  ['#月报', 'stranger', 'other', A, '【{room} · 2022年9月月报】'],
  ['#月报', 'stranger', 'private', R, VERIFY],
  // #季报 — 谁能用：群里：本群成员；私聊：秘书、管理员 (秘书得到自己担任秘书的各群、管理员得到所有群的汇总)
  ['#季报', 'admin', 'own', A, '【{room} · 2022年第三季度季报】'],
  ['#季报', 'admin', 'other', A, '【{room} · 2022年第三季度季报】'],
  ['#季报', 'admin', 'private', A, ['各会客厅、工作室汇总（2 个）', '1. {own}：', '2. {other}：']],
  ['#季报', 'secretary', 'own', A, '【{room} · 2022年第三季度季报】'],
  ['#季报', 'secretary', 'other', A, '【{room} · 2022年第三季度季报】'],
  ['#季报', 'secretary', 'private', A, ['各会客厅、工作室汇总（1 个）', '1. {own}：']],
  ['#季报', 'lead', 'own', A, '【{room} · 2022年第三季度季报】'],
  ['#季报', 'lead', 'other', A, '【{room} · 2022年第三季度季报】'],
  ['#季报', 'lead', 'private', R, PRIVATE_DIGEST],
  ['#季报', 'member', 'own', A, '【{room} · 2022年第三季度季报】'],
  ['#季报', 'member', 'other', A, '【{room} · 2022年第三季度季报】'],
  ['#季报', 'member', 'private', R, PRIVATE_DIGEST],
  ['#季报', 'stranger', 'own', A, '【{room} · 2022年第三季度季报】'],
  ['#季报', 'stranger', 'other', A, '【{room} · 2022年第三季度季报】'],
  ['#季报', 'stranger', 'private', R, VERIFY],
  // #年报 — 谁能用：群里：本群成员；私聊：秘书、管理员 (秘书得到自己担任秘书的各群、管理员得到所有群的汇总)
  ['#年报', 'admin', 'own', A, '【{room} · 2022年年度总结】'],
  ['#年报', 'admin', 'other', A, '【{room} · 2022年年度总结】'],
  ['#年报', 'admin', 'private', A, ['各会客厅、工作室汇总（2 个）', '1. {own}：', '2. {other}：']],
  ['#年报', 'secretary', 'own', A, '【{room} · 2022年年度总结】'],
  ['#年报', 'secretary', 'other', A, '【{room} · 2022年年度总结】'],
  ['#年报', 'secretary', 'private', A, ['各会客厅、工作室汇总（1 个）', '1. {own}：']],
  ['#年报', 'lead', 'own', A, '【{room} · 2022年年度总结】'],
  ['#年报', 'lead', 'other', A, '【{room} · 2022年年度总结】'],
  ['#年报', 'lead', 'private', R, PRIVATE_DIGEST],
  ['#年报', 'member', 'own', A, '【{room} · 2022年年度总结】'],
  ['#年报', 'member', 'other', A, '【{room} · 2022年年度总结】'],
  ['#年报', 'member', 'private', R, PRIVATE_DIGEST],
  ['#年报', 'stranger', 'own', A, '【{room} · 2022年年度总结】'],
  ['#年报', 'stranger', 'other', A, '【{room} · 2022年年度总结】'],
  ['#年报', 'stranger', 'private', R, VERIFY],
  // #预告 — 谁能用：本群成员
  ['#预告', 'admin', 'own', A, '已预告 P'],
  ['#预告', 'admin', 'other', A, '已预告 P'],
  ['#预告', 'admin', 'private', R, GROUP_ONLY],
  ['#预告', 'secretary', 'own', A, '已预告 P'],
  ['#预告', 'secretary', 'other', A, '已预告 P'],
  ['#预告', 'secretary', 'private', R, GROUP_ONLY],
  ['#预告', 'lead', 'own', A, '已预告 P'],
  ['#预告', 'lead', 'other', A, '已预告 P'],
  ['#预告', 'lead', 'private', R, GROUP_ONLY],
  ['#预告', 'member', 'own', A, '已预告 P'],
  ['#预告', 'member', 'other', A, '已预告 P'],
  ['#预告', 'member', 'private', R, GROUP_ONLY],
  ['#预告', 'stranger', 'own', A, '已预告 P'],
  ['#预告', 'stranger', 'other', A, '已预告 P'],
  ['#预告', 'stranger', 'private', R, GROUP_ONLY],
  // #取消预告 — 谁能用：预告人、秘书、管理员
  ['#取消预告', 'admin', 'own', A, '已取消预告 {code}'],
  ['#取消预告', 'admin', 'other', A, '已取消预告 {code}'],
  ['#取消预告', 'admin', 'private', R, GROUP_ONLY],
  ['#取消预告', 'secretary', 'own', A, '已取消预告 {code}'],
  ['#取消预告', 'secretary', 'other', R, PLANNER],
  ['#取消预告', 'secretary', 'private', R, GROUP_ONLY],
  ['#取消预告', 'reporter', 'own', A, '已取消预告 {code}'],
  ['#取消预告', 'reporter', 'other', A, '已取消预告 {code}'],
  ['#取消预告', 'reporter', 'private', R, GROUP_ONLY],
  ['#取消预告', 'lead', 'own', R, PLANNER],
  ['#取消预告', 'lead', 'other', R, PLANNER],
  ['#取消预告', 'lead', 'private', R, GROUP_ONLY],
  ['#取消预告', 'member', 'own', R, PLANNER],
  ['#取消预告', 'member', 'other', R, PLANNER],
  ['#取消预告', 'member', 'private', R, GROUP_ONLY],
  ['#取消预告', 'stranger', 'own', R, PLANNER],
  ['#取消预告', 'stranger', 'other', R, PLANNER],
  ['#取消预告', 'stranger', 'private', R, GROUP_ONLY],
  // #设置 推送 — 谁能用：查看：所有人 (a setting of 本群)
  ['#设置 推送', 'admin', 'own', A, '本群定时推送现在是'],
  ['#设置 推送', 'admin', 'other', A, '本群定时推送现在是'],
  ['#设置 推送', 'admin', 'private', R, GROUP_ONLY],
  ['#设置 推送', 'secretary', 'own', A, '本群定时推送现在是'],
  ['#设置 推送', 'secretary', 'other', A, '本群定时推送现在是'],
  ['#设置 推送', 'secretary', 'private', R, GROUP_ONLY],
  ['#设置 推送', 'lead', 'own', A, '本群定时推送现在是'],
  ['#设置 推送', 'lead', 'other', A, '本群定时推送现在是'],
  ['#设置 推送', 'lead', 'private', R, GROUP_ONLY],
  ['#设置 推送', 'member', 'own', A, '本群定时推送现在是'],
  ['#设置 推送', 'member', 'other', A, '本群定时推送现在是'],
  ['#设置 推送', 'member', 'private', R, GROUP_ONLY],
  ['#设置 推送', 'stranger', 'own', A, '本群定时推送现在是'],
  ['#设置 推送', 'stranger', 'other', A, '本群定时推送现在是'],
  ['#设置 推送', 'stranger', 'private', R, GROUP_ONLY],
  // #设置 推送 关 — 谁能用：修改：秘书、管理员
  ['#设置 推送 关', 'admin', 'own', A, '已关闭本群定时推送'],
  ['#设置 推送 关', 'admin', 'other', A, '已关闭本群定时推送'],
  ['#设置 推送 关', 'admin', 'private', R, GROUP_ONLY],
  ['#设置 推送 关', 'secretary', 'own', A, '已关闭本群定时推送'],
  ['#设置 推送 关', 'secretary', 'other', R, MANAGERS('修改设置')],
  ['#设置 推送 关', 'secretary', 'private', R, GROUP_ONLY],
  ['#设置 推送 关', 'lead', 'own', R, MANAGERS('修改设置')],
  ['#设置 推送 关', 'lead', 'other', R, MANAGERS('修改设置')],
  ['#设置 推送 关', 'lead', 'private', R, GROUP_ONLY],
  ['#设置 推送 关', 'member', 'own', R, MANAGERS('修改设置')],
  ['#设置 推送 关', 'member', 'other', R, MANAGERS('修改设置')],
  ['#设置 推送 关', 'member', 'private', R, GROUP_ONLY],
  ['#设置 推送 关', 'stranger', 'own', R, MANAGERS('修改设置')],
  ['#设置 推送 关', 'stranger', 'other', R, MANAGERS('修改设置')],
  ['#设置 推送 关', 'stranger', 'private', R, GROUP_ONLY],
  // #我的 — 谁能用：委员; 私信发送（在群里问，群里只回一句“已私信”）
  ['#我的', 'admin', 'own', A, ['→{me}: 【{me} 2022年履职情况】', '→{topic}: 2022年履职情况已私信发给 {me}。']],
  ['#我的', 'admin', 'other', A, ['→{me}: 【{me} 2022年履职情况】', '→{topic}: 2022年履职情况已私信发给 {me}。']],
  ['#我的', 'admin', 'private', A, '→{me}: 【{me} 2022年履职情况】'],
  ['#我的', 'secretary', 'own', A, ['→{me}: 【{me} 2022年履职情况】', '→{topic}: 2022年履职情况已私信发给 {me}。']],
  ['#我的', 'secretary', 'other', A, ['→{me}: 【{me} 2022年履职情况】', '→{topic}: 2022年履职情况已私信发给 {me}。']],
  ['#我的', 'secretary', 'private', A, '→{me}: 【{me} 2022年履职情况】'],
  ['#我的', 'lead', 'own', A, ['→{me}: 【{me} 2022年履职情况】', '→{topic}: 2022年履职情况已私信发给 {me}。']],
  ['#我的', 'lead', 'other', A, ['→{me}: 【{me} 2022年履职情况】', '→{topic}: 2022年履职情况已私信发给 {me}。']],
  ['#我的', 'lead', 'private', A, '→{me}: 【{me} 2022年履职情况】'],
  ['#我的', 'member', 'own', A, ['→{me}: 【{me} 2022年履职情况】', '→{topic}: 2022年履职情况已私信发给 {me}。']],
  ['#我的', 'member', 'other', A, ['→{me}: 【{me} 2022年履职情况】', '→{topic}: 2022年履职情况已私信发给 {me}。']],
  ['#我的', 'member', 'private', A, '→{me}: 【{me} 2022年履职情况】'],
  ['#我的', 'stranger', 'own', A, ['→{me}: 【{me} 2022年履职情况】', '→{topic}: 2022年履职情况已私信发给 {me}。']],
  ['#我的', 'stranger', 'other', A, ['→{me}: 【{me} 2022年履职情况】', '→{topic}: 2022年履职情况已私信发给 {me}。']],
  ['#我的', 'stranger', 'private', R, VERIFY],
  // #积分榜 — 谁能用：秘书（本群）、管理员（所有群）; 私信发送
  ['#积分榜', 'admin', 'own', A, ['→{me}: 【2022年委员履职积分榜】（{own}、{other}）', '→{topic}: 2022年积分榜已私信发给 {me}。']],
  ['#积分榜', 'admin', 'other', A, ['→{me}: 【2022年委员履职积分榜】（{own}、{other}）', '→{topic}: 2022年积分榜已私信发给 {me}。']],
  ['#积分榜', 'admin', 'private', A, '→{me}: 【2022年委员履职积分榜】（{own}、{other}）'],
  ['#积分榜', 'secretary', 'own', A, ['→{me}: 【2022年委员履职积分榜】（{own}）', '→{topic}: 2022年积分榜已私信发给 {me}。']],
  ['#积分榜', 'secretary', 'other', R, RANKING_ONLY],
  ['#积分榜', 'secretary', 'private', A, '→{me}: 【2022年委员履职积分榜】（{own}）'],
  ['#积分榜', 'lead', 'own', R, RANKING_ONLY],
  ['#积分榜', 'lead', 'other', R, RANKING_ONLY],
  ['#积分榜', 'lead', 'private', R, RANKING_ONLY],
  ['#积分榜', 'member', 'own', R, RANKING_ONLY],
  ['#积分榜', 'member', 'other', R, RANKING_ONLY],
  ['#积分榜', 'member', 'private', R, RANKING_ONLY],
  ['#积分榜', 'stranger', 'own', R, RANKING_ONLY],
  ['#积分榜', 'stranger', 'other', R, RANKING_ONLY],
  ['#积分榜', 'stranger', 'private', R, VERIFY],
  // #导出 — 谁能用：秘书、管理员; 在群里导出本群，私聊导出能看到的所有群
  ['#导出', 'admin', 'own', A, ['→{topic}: 2022年台账（{room}）见下方文件', '→{topic}: <file ']],
  ['#导出', 'admin', 'other', A, ['→{topic}: 2022年台账（{room}）见下方文件', '→{topic}: <file ']],
  ['#导出', 'admin', 'private', A, ['→{me}: 2022年台账（{own}、{other}）见下方文件', '→{me}: <file ']],
  ['#导出', 'secretary', 'own', A, ['→{topic}: 2022年台账（{own}）见下方文件', '→{topic}: <file ']],
  ['#导出', 'secretary', 'other', R, MANAGERS('导出台账')],
  ['#导出', 'secretary', 'private', A, ['→{me}: 2022年台账（{own}）见下方文件', '→{me}: <file ']],
  ['#导出', 'lead', 'own', R, MANAGERS('导出台账')],
  ['#导出', 'lead', 'other', R, MANAGERS('导出台账')],
  ['#导出', 'lead', 'private', R, MANAGERS('导出台账')],
  ['#导出', 'member', 'own', R, MANAGERS('导出台账')],
  ['#导出', 'member', 'other', R, MANAGERS('导出台账')],
  ['#导出', 'member', 'private', R, MANAGERS('导出台账')],
  ['#导出', 'stranger', 'own', R, MANAGERS('导出台账')],
  ['#导出', 'stranger', 'other', R, MANAGERS('导出台账')],
  ['#导出', 'stranger', 'private', R, VERIFY],
  // 管理员 also means “机器人登录的微信账号本身（有人用这个账号在群里发的命令）”
  ['#绑定', 'operator', 'own', A, '已更新绑定：本群 =「{room}」'],
  ['#秘书', 'operator', 'own', A, '已设置 靶子 为本群秘书。'],
  ['#采纳', 'operator', 'own', A, '已登记 {code}（'],
  ['#立案', 'operator', 'own', A, '已登记 {code}（'],
  ['#修改', 'operator', 'own', A, '已修改 {code}'],
  ['#撤销', 'operator', 'own', A, '已撤销 {code}'],
  ['#取消预告', 'operator', 'own', A, '已取消预告 {code}'],
  ['#设置 推送 关', 'operator', 'own', A, '已关闭本群定时推送'],
  ['#导出', 'operator', 'own', A, ['→{topic}: 2022年台账（{room}）见下方文件', '→{topic}: <file ']],
]

// ---------------------------------------------------------------------------------------
// The people and places.

const OWN = { topic: GROUP, name: '平湖健康家园政协委员会客厅', kind: '会客厅', otherKind: '工作室' }
const OTHER = { topic: '南湖区委员工作室群', name: '南湖区政协委员工作室', kind: '工作室', otherKind: '会客厅' }
const ADMIN = '管理员'
const REPORTER = '记录人丁'
const TARGET = '靶子'
const BOT = '会客厅助手'
const PEOPLE: Record<Exclude<Role, 'stranger'>, string> = {
  admin: ADMIN,
  secretary: '秘书甲',
  lead: '牵头乙',
  member: '委员丙',
  reporter: REPORTER,
  operator: BOT,
}
const START = Date.parse('2022-09-21T10:00:00+08:00')

/** Everything a case's script may need. */
interface Case {
  f: Fixture
  db: Db
  me: string
  place: Place
  /** The bound name of the place (the own room for a private chat). */
  room: string
  /** The place's group; undefined in a private chat. */
  topic: string | undefined
  /** Where the case's records are prepared: the place's room (the own room for a private chat). */
  prepTopic: string
  /** A bound room that is not the place. */
  foreignTopic: string
  code: string
  code2: string
}

/** One bot, one database: both rooms bound, roles set. Shared by the cases of one role × place. */
class Fixture {
  private minute = 0
  private strangers = 0

  private constructor(readonly chat: MockChat) {}

  static async open(): Promise<Fixture> {
    const { db } = await freshDb()
    const chat = await MockChat.start({
      db,
      config: testConfig({ DATA_DIR: join(process.env.TEST_TMP_DIR!, `permissions-${randomUUID()}`) }),
      clock: new ManualClock(new Date(START)),
      log,
      autoSchedule: false,
      remarks: { [ADMIN]: ADMIN },
    })
    const f = new Fixture(chat)
    await f.expectReply(ADMIN, `#绑定 ${OWN.name} ${OWN.kind}`, OWN.topic, '已绑定')
    await f.expectReply(ADMIN, `#绑定 ${OTHER.name} ${OTHER.kind}`, OTHER.topic, '已绑定')
    for (const name of [PEOPLE.secretary, PEOPLE.lead, PEOPLE.member, REPORTER, TARGET]) {
      await f.expectReply(name, `#登记 ${name}`, OWN.topic, `已登记：${name}`)
    }
    for (const name of [REPORTER, TARGET]) await f.expectReply(name, `#登记 ${name}`, OTHER.topic, `已登记：${name}`)
    await f.expectReply(ADMIN, `#秘书 @${PEOPLE.secretary}`, OWN.topic, `已设置 ${PEOPLE.secretary} 为本群秘书`)
    await f.expectReply(ADMIN, `#牵头 @${PEOPLE.lead}`, OWN.topic, `已设置 ${PEOPLE.lead} 为本群牵头委员`)
    // Everyone who holds a part in the table has verified: the rows read the README for verified
    // contacts; the unverified ones have their own table below.
    for (const name of [PEOPLE.secretary, PEOPLE.lead, PEOPLE.member, REPORTER]) await f.verify(name, OWN.topic)
    return f
  }

  async close(): Promise<void> {
    await this.chat.stop()
    await this.chat.app.services.db.$disconnect()
  }

  get db(): Db {
    return this.chat.app.services.db
  }

  /** Someone who has never written to the bot, in any room or privately (a name #登记 accepts: no digits). */
  stranger(): string {
    const n = this.strangers++
    const signs = '甲乙丙丁戊己庚辛壬癸'
    return `路人${signs[Math.floor(n / 10) % 10]}${signs[n % 10]}`
  }

  /** One line, a minute after the previous one; what the bot sent, as `→收件人: 正文` lines. */
  async say(from: string, text: string, topic: string | undefined): Promise<{ sent: SentMessage[]; shown: string }> {
    const time = new Date(START + ++this.minute * 60_000)
    const sent = await this.chat.say({ ...(topic === undefined ? {} : { room: topic }), from, text, time })
    return { sent, shown: sent.map((m) => `→${m.to}: ${m.text ?? `<file ${m.file}>`}`).join('\n') }
  }

  /** A setup step that must work; returns the reply. */
  async expectReply(from: string, text: string, topic: string, wanted: string): Promise<string> {
    const { shown } = await this.say(from, text, topic)
    if (!shown.includes(wanted)) throw new Error(`setup: ${from} 「${text}」 in ${topic} got:\n${shown}\n(wanted ${wanted})`)
    return shown
  }

  /** `#认证` privately, then the code in the group: the person's contact gets the bot's remark token. */
  async verify(name: string, topic: string): Promise<void> {
    const { shown } = await this.say(name, '#认证', undefined)
    const code = /#认证 (\d{6})/.exec(shown)?.[1]
    if (!code) throw new Error(`setup: ${name} got no code:\n${shown}`)
    await this.expectReply(name, `#认证 ${code}`, topic, '已认证')
  }

  /** A setup step that creates something; returns its code. */
  async create(from: string, text: string, topic: string, pattern: RegExp): Promise<string> {
    const { shown } = await this.say(from, text, topic)
    const code = pattern.exec(shown)?.[1]
    if (!code) throw new Error(`setup: ${from} 「${text}」 in ${topic} created nothing:\n${shown}`)
    return code
  }
}

// ---------------------------------------------------------------------------------------
// How each command is tried: what to prepare, what to send, what it changes.

interface Script {
  /** Runs before the command (as the reporter or the admin); returns the codes it made. */
  prepare?: (c: Case) => Promise<{ code: string; code2?: string }>
  text: (c: Case) => string
  /** Shown only when the command did its work; must be absent from a refusal. */
  ok: string
  /** The state the command changes: must change when allowed, stay when refused. */
  probe?: (c: Case) => Promise<unknown>
  /** Answers in the sender's private chat as well as in the group. */
  privately?: boolean
}

const roomNamed = (db: Db, name: string) => db.room.findFirstOrThrow({ where: { name } })
const activity = (c: Case) => c.f.create(REPORTER, '#活动 9月19日在社区开展健康义诊，服务群众80人次', c.prepTopic, /已记录活动 (A\d+)/)
const opinion = (c: Case) => c.f.create(REPORTER, '#民意 关于增设公交站点的建议', c.prepTopic, /已记录社情民意 (M\d+)/)
const proposal = (c: Case) => c.f.create(REPORTER, '#提案 案由：关于加强社区养老服务的建议', c.prepTopic, /已记录提案 (T\d+)/)
const plan = (c: Case) => c.f.create(REPORTER, '#预告 9月26日上午9点 读书会 图书馆', c.prepTopic, /已预告 (P\d+)/)
const draft = (c: Case) => c.f.create(REPORTER, '#活动 9月32日 义诊', c.prepTopic, /草稿 (D\d+)/)

const targetRole = async (c: Case) =>
  (await c.db.roomMembership.findFirst({ where: { room: { name: c.room }, member: { name: TARGET } } }))?.role
/** The admin first gives 靶子 a role other than the one the command sets. */
const targetIs = (role: '#委员' | '#牵头') => async (c: Case) => {
  await c.f.expectReply(ADMIN, `${role} @${TARGET}`, c.prepTopic, '已设置')
  return { code: '' }
}
const roleScript = (tag: string, label: string, before: '#委员' | '#牵头'): Script => ({
  prepare: targetIs(before),
  text: () => `${tag} @${TARGET}`,
  ok: `为本群${label}`,
  probe: targetRole,
})

const statusScript = (tag: string, args: string): Script => ({
  prepare: async (c) => ({ code: await opinion(c) }),
  text: (c) => `${tag} ${c.code}${args}`,
  ok: '已登记',
  probe: (c) => c.db.opinionEvent.count({ where: { report: { code: c.code } } }),
})
const stepScript = (tag: string, args = ''): Script => ({
  prepare: async (c) => ({ code: await proposal(c) }),
  text: (c) => `${tag} ${c.code}${args}`,
  ok: '已登记',
  probe: (c) => c.db.proposalEvent.count({ where: { proposal: { code: c.code } } }),
})
const digestScript = (tag: string, title: string): Script => ({ text: () => tag, ok: title })
const withdrawn = (c: Case) => c.db.activity.findUniqueOrThrow({ where: { code: c.code } }).then((a) => a.withdrawn)
const draftState = (c: Case) => c.db.draft.findUniqueOrThrow({ where: { code: c.code } }).then((d) => [d.resolvedAt?.getTime() ?? null, d.resolvedCode])

const SCRIPTS: Record<string, Script> = {
  '#帮助': { text: () => '#帮助', ok: '可用命令' },
  '#绑定': {
    // Rebinding with the other kind: the kind is what changes.
    text: (c) => (c.room === OTHER.name ? `#绑定 ${OTHER.name} ${OTHER.otherKind}` : `#绑定 ${OWN.name} ${OWN.otherKind}`),
    ok: '绑定：本群',
    probe: (c) => roomNamed(c.db, c.room).then((r) => r.kind),
  },
  '#秘书': roleScript('#秘书', '秘书', '#委员'),
  '#牵头': roleScript('#牵头', '牵头委员', '#委员'),
  '#委员': roleScript('#委员', '委员', '#牵头'),
  '#登记': {
    text: (c) => `#登记 ${c.me} 教育`,
    ok: '已登记',
    probe: (c) => c.db.member.findFirst({ where: { name: c.me } }).then((m) => m?.sector ?? null),
  },
  '#活动': { text: () => '#活动 9月20日在市民中心开展健康讲座，参与人次30，服务群众150人次', ok: '已记录', probe: (c) => c.db.activity.count() },
  '#活动 <预告编号>': {
    prepare: async (c) => ({ code: await plan(c) }),
    text: (c) => `#活动 ${c.code} 参与人次=30 服务人次=200`,
    ok: '已记录',
    probe: (c) => c.db.plannedActivity.findUniqueOrThrow({ where: { code: c.code } }).then((p) => p.activityCode),
  },
  '#民意': { text: () => '#民意 关于老旧小区加装电梯的建议', ok: '已记录', probe: (c) => c.db.opinionReport.count() },
  '#提案': { text: () => '#提案 案由：关于完善社区医疗服务的建议', ok: '已记录', probe: (c) => c.db.proposal.count() },
  '#采纳': statusScript('#采纳', ' 市级 嘉兴市政协'),
  '#批示': statusScript('#批示', ' 请卫健局研究'),
  '#办结': statusScript('#办结', ''),
  '#立案': stepScript('#立案'),
  '#并案': {
    prepare: async (c) => ({ code: await proposal(c), code2: await proposal(c) }),
    text: (c) => `#并案 ${c.code} ${c.code2}`,
    ok: '并案（',
    probe: (c) => c.db.proposalEvent.count({ where: { proposal: { code: c.code2 } } }),
  },
  '#办复': stepScript('#办复', ' 满意'),
  '#重点': stepScript('#重点'),
  '#重要': stepScript('#重要'),
  '#修改': {
    prepare: async (c) => ({ code: await activity(c) }),
    text: (c) => `#修改 ${c.code} 参与人次=30`,
    ok: '已修改',
    probe: (c) => c.db.activity.findUniqueOrThrow({ where: { code: c.code } }).then((a) => a.participants),
  },
  '#修改 <草稿>': {
    prepare: async (c) => ({ code: await draft(c) }),
    text: (c) => `#修改 ${c.code} 日期=9月20日`,
    ok: '已由这条补全',
    probe: draftState,
  },
  '#撤销': { prepare: async (c) => ({ code: await activity(c) }), text: (c) => `#撤销 ${c.code}`, ok: '已撤销', probe: withdrawn },
  '#撤销 <草稿>': { prepare: async (c) => ({ code: await draft(c) }), text: (c) => `#撤销 ${c.code}`, ok: '已丢弃', probe: draftState },
  '#恢复': {
    prepare: async (c) => {
      const code = await activity(c)
      await c.f.expectReply(REPORTER, `#撤销 ${code}`, c.prepTopic, `已撤销 ${code}`)
      return { code }
    },
    text: (c) => `#恢复 ${c.code}`,
    ok: '已恢复',
    probe: withdrawn,
  },
  '#撤销 <另一群的记录>': {
    prepare: async (c) => ({ code: await activity({ ...c, prepTopic: c.foreignTopic }) }),
    text: (c) => `#撤销 ${c.code}`,
    ok: '已撤销',
    probe: withdrawn,
  },
  '#查': { prepare: async (c) => ({ code: await activity(c) }), text: (c) => `#查 ${c.code}`, ok: '记录人：' },
  '#查 <另一群的记录>': {
    prepare: async (c) => ({ code: await activity({ ...c, prepTopic: c.foreignTopic }) }),
    text: (c) => `#查 ${c.code}`,
    ok: '记录人：',
  },
  '#最近': { prepare: async (c) => ({ code: await activity(c) }), text: () => '#最近', ok: '本群最近' },
  '#月报': digestScript('#月报', '月报】'),
  '#季报': digestScript('#季报', '季报】'),
  '#年报': digestScript('#年报', '年度总结】'),
  '#预告': { text: () => '#预告 9月25日下午3点 健康讲座 市民中心', ok: '已预告', probe: (c) => c.db.plannedActivity.count() },
  '#取消预告': {
    prepare: async (c) => ({ code: await plan(c) }),
    text: (c) => `#取消预告 ${c.code}`,
    ok: '已取消预告',
    probe: (c) => c.db.plannedActivity.findUniqueOrThrow({ where: { code: c.code } }).then((p) => p.cancelledAt?.getTime() ?? null),
  },
  '#设置 推送': { text: () => '#设置 推送', ok: '本群定时推送现在是' },
  '#设置 推送 关': {
    // The room starts with push on; make sure of it, so that 关 is a change.
    prepare: async (c) => {
      await c.db.room.updateMany({ where: { name: c.room }, data: { pushEnabled: true } })
      return { code: '' }
    },
    text: () => '#设置 推送 关',
    ok: '已关闭',
    probe: (c) => roomNamed(c.db, c.room).then((r) => r.pushEnabled),
  },
  '#我的': { text: () => '#我的', ok: '年履职情况', privately: true },
  '#积分榜': { text: () => '#积分榜', ok: '委员履职积分榜', privately: true },
  '#导出': { text: () => '#导出', ok: '见下方文件' },
}

/** Phrases of refusal: none may appear in the answer to an allowed command. */
const REFUSALS = [GROUP_ONLY, '只有', '只对秘书和管理员开放', NO_PROFILE, VERIFY, '找不到记录', '本群还没有绑定']

const fill = (text: string, c: Case) =>
  text
    .replaceAll('{code2}', c.code2)
    .replaceAll('{code}', c.code)
    .replaceAll('{me}', c.me)
    .replaceAll('{room}', c.room)
    .replaceAll('{topic}', c.topic ?? '(私聊)')
    .replaceAll('{own}', OWN.name)
    .replaceAll('{other}', OTHER.name)

async function runCase(f: Fixture, [command, role, place, kind, look]: Row): Promise<void> {
  const script = SCRIPTS[command]
  if (!script) throw new Error(`no script for ${command}`)
  const me = role === 'stranger' ? f.stranger() : PEOPLE[role]
  const c: Case = {
    f,
    db: f.db,
    me,
    place,
    room: place === 'other' ? OTHER.name : OWN.name,
    topic: place === 'own' ? OWN.topic : place === 'other' ? OTHER.topic : undefined,
    prepTopic: place === 'other' ? OTHER.topic : OWN.topic,
    foreignTopic: place === 'other' ? OWN.topic : OTHER.topic,
    code: '',
    code2: '',
  }
  Object.assign(c, await script.prepare?.(c))
  const before = await script.probe?.(c)
  const text = script.text(c)
  const { sent, shown } = await f.say(me, text, c.topic)
  const after = await script.probe?.(c)
  const context = `${me} in ${c.topic ?? 'a private chat'}: 「${text}」 →\n${shown}`

  expect(sent.length, context).toBeGreaterThan(0)
  for (const wanted of typeof look === 'string' ? [look] : look) expect(shown, context).toContain(fill(wanted, c))
  // Answers go to where the command was sent; #我的 and #积分榜 also to the sender privately.
  const here = c.topic ?? me
  const allowedTo = script.privately && kind === 'allowed' ? [here, me] : [here]
  for (const m of sent) expect(allowedTo, context).toContain(m.to)
  if (kind === 'allowed') {
    for (const refusal of REFUSALS) expect(shown, context).not.toContain(refusal)
    if (script.probe) expect(after, `${context}\nstate should change`).not.toEqual(before)
  } else {
    expect(shown, context).not.toContain(fill(script.ok, c))
    expect(sent.some((m) => m.file !== undefined), context).toBe(false)
    if (script.probe) expect(after, `${context}\nstate should not change`).toEqual(before)
  }
}

// ---------------------------------------------------------------------------------------

const ROLE_ORDER: Role[] = ['admin', 'operator', 'secretary', 'reporter', 'lead', 'member', 'stranger']
const PLACE_LABEL: Record<Place, string> = { own: 'own room', other: 'another bound room', private: 'private chat' }

describe('the table', () => {
  it('has a script for every command and no case twice', () => {
    const keys = TABLE.map(([command, role, place]) => `${command}|${role}|${place}`)
    expect(new Set(keys).size).toBe(keys.length)
    for (const [command] of TABLE) expect(Object.keys(SCRIPTS)).toContain(command)
    // Every base role meets every command in every place.
    for (const command of Object.keys(SCRIPTS)) {
      for (const role of ['admin', 'secretary', 'lead', 'member', 'stranger'] as const) {
        for (const place of ['own', 'other', 'private'] as const) expect(keys).toContain(`${command}|${role}|${place}`)
      }
    }
  })
})

for (const role of ROLE_ORDER) {
  for (const place of ['own', 'other', 'private'] as const) {
    const rows = TABLE.filter((r) => r[1] === role && r[2] === place)
    if (rows.length === 0) continue
    describe(`${role} (${role === 'stranger' ? 'a new face each time' : PEOPLE[role]}) in ${PLACE_LABEL[place]}`, () => {
      let f: Fixture
      beforeAll(async () => {
        f = await Fixture.open()
      })
      afterAll(async () => {
        await f?.close()
      })
      it.each(rows.map((row) => ({ row, name: `${row[0]} → ${row[3]}` })))('$name', async ({ row }) => {
        await runCase(f, row)
      })
    })
  }
}

describe('BOT_ADMINS and the group nickname (群昵称)', () => {
  // The README contradicts itself here. Its 配置 table says BOT_ADMINS lists “管理员的微信名或群昵称”;
  // “### 群和人” says BOT_ADMINS matches the remark (备注名) or the WeChat name and “不认群昵称
  // （群昵称谁都能改成“管理员”）”. The code follows 群和人, and so does this test.
  it('a member whose group nickname is 管理员 is not an admin', async () => {
    const f = await Fixture.open()
    try {
      await f.chat.join(OWN.topic, '冒名者', { alias: ADMIN })
      const { shown } = await f.say('冒名者', `#秘书 @${TARGET}`, OWN.topic)
      // The nickname did reach the bot: it is stored as the member's alias in this room.
      const membership = await f.db.roomMembership.findFirstOrThrow({ where: { member: { name: '冒名者' } } })
      expect(membership.alias).toBe(ADMIN)
      expect(shown).toContain(MANAGERS('设置角色'))
      expect((await f.say('冒名者', '#绑定 冒名会客厅 会客厅', '新群')).shown).toContain(ADMINS_ONLY)
      expect(await f.db.room.count({ where: { name: '冒名会客厅' } })).toBe(0)
    } finally {
      await f.close()
    }
  })
})
