/**
 * Generated and mutated chat messages for the fuzz suite: every command, missing and doubled
 * fields, Unicode oddities, emoji, control characters, very long texts, SQL- and script-looking
 * strings. Deterministic for a seed, so a failure can be replayed.
 */
export function prng(seed: number) {
  let s = seed >>> 0 || 1
  const next = () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 2 ** 32
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  }
}
type Rng = ReturnType<typeof prng>

const TEMPLATES = [
  '#帮助',
  '#活动 9月19日在市爱卫中心开展健康义诊，委员王芳、李明参加，服务群众200余人次',
  '#活动\n时间：9月19日 下午3点\n主题：健康义诊\n类型：义诊\n地点：市爱卫中心\n参与委员：王芳、李明\n参与人次：30\n服务人次：200',
  '#活动 主题：读书会 参与人次：两百多 服务人次：3.6万',
  '#民意 关于加强老年人助餐服务的建议\n目前助餐点覆盖不足，建议增设。',
  '#民意 标题：关于增设公交站点的建议\n领域：交通\n提交人：王芳、李明',
  '#提案 案由：关于加快推进中医药事业发展的建议\n类型：联名\n提案人：王芳、李明',
  '#采纳 M1 市级 嘉兴市政协',
  '#批示 M1 请有关部门研究',
  '#办结 M1',
  '#立案 T1',
  '#并案 T1 T2',
  '#办复 T1 满意',
  '#重点 T1',
  '#重要 T1',
  '#修改 A1 参与人次=30 服务人次=200',
  '#修改 D1 日期=9月20日',
  '#撤销 A1',
  '#恢复 A1',
  '#查 A1',
  '#最近 5',
  '#月报',
  '#季报 三季度',
  '#年报 2022',
  '#预告 10月5日下午3点 健康讲座 市民中心',
  '#取消预告 P1',
  '#设置 推送',
  '#登记 王芳 医药卫生',
  '#秘书 @王芳',
  '#牵头 @李明',
  '#委员 @李明',
  '#绑定 平湖健康家园政协委员会客厅 会客厅',
  '#我的',
  '#积分榜',
  '#导出 2022Q3',
  '#不存在的命令 随便写',
] as const

/** Commands that answer in two messages (a private message and a notice, or a text and a file). */
export const TWO_REPLIES = ['#我的', '#积分榜', '#导出']

const ODDITIES = [
  '😀', '👍🏻', '🇨🇳', '\u200b', '\u200d', '\ufeff', '\u202e', '\u0000', '\u0007', '\t', '\r\n', '\u3000', '：', '；', '，',
  '＃', '＝', '①', '²', '𠮷', 'é', 'ﬁ', '\ud800', "'; DROP TABLE \"Activity\"; --", '<script>alert(1)</script>', '${process.exit()}',
  '%s%n%x', '../../etc/passwd', 'NULL', '\\', '"', '`', 'A99999', 'M0', 'T-1', '9月32日', '-5', '1e309', '99999999999999999999',
]

const FIELDS = ['时间：', '主题：', '地点：', '参与委员：', '参与人次：', '服务人次：', '类型：', '标题：', '内容：', '案由：', '提案人：', '日期：']

/** A mutation of the body after the tag, never of the tag itself: a tagged message stays tagged. */
function mutate(body: string, rng: Rng): string {
  switch (rng.int(8)) {
    case 0: // drop a piece
      return body.slice(0, rng.int(body.length + 1)) + body.slice(rng.int(body.length + 1))
    case 1: // double a field
      return `${body}\n${rng.pick(FIELDS)}${body.slice(0, rng.int(20))}`
    case 2: // sprinkle oddities
      return [...body].map((c) => (rng.next() < 0.1 ? c + rng.pick(ODDITIES) : c)).join('')
    case 3: // a very long text (100 KB)
      return body + '很长的内容'.repeat(rng.next() < 0.5 ? 20_000 : 2_000)
    case 4: // an empty or blank body
      return rng.pick(['', ' ', '\n\n', '\u3000'])
    case 5: // a random field with a hostile value
      return `${body}\n${rng.pick(FIELDS)}${rng.pick(ODDITIES)}`
    case 6: // random code points
      return Array.from({ length: 1 + rng.int(40) }, () => String.fromCodePoint(0x20 + rng.int(0x2fff))).join('')
    default:
      return body
  }
}

export interface FuzzMessage {
  text: string
  tagged: boolean
  tag: string
  from: string
  private: boolean
}

const PEOPLE = ['管理员', '王芳', '李明', '张三', '路人甲']

/** Chatter never has a tag at the start of a line or at the end, nor an @ to the bot. */
function chatter(rng: Rng): string {
  const words = ['今天', '收到', '好的', '明天几点？', '辛苦了', '👍', '会议改到周五', '#周末愉快 大家', '价格100#', '见附件#活动 图片']
  const text = Array.from({ length: 1 + rng.int(5) }, () => rng.pick(words)).join(rng.pick([' ', '，', '']))
  // A hashtag that opens a message is a command (unknown ones get a hint): chatter never does.
  return text.startsWith('#') ? `大家 ${text}` : text
}

export function fuzzMessage(rng: Rng): FuzzMessage {
  const from = rng.pick(PEOPLE)
  if (rng.next() < 0.2) return { text: chatter(rng), tagged: false, tag: '', from, private: false }
  const template = rng.pick(TEMPLATES)
  const space = template.search(/[\s]/)
  const tag = space < 0 ? template : template.slice(0, space)
  const body = space < 0 ? '' : template.slice(space)
  const text = tag + (rng.next() < 0.6 ? mutate(body, rng) : body)
  return { text, tagged: true, tag, from, private: rng.next() < 0.1 }
}
