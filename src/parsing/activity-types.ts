// Activity types: the fixed list, synonyms for a written 类型, and inference from the title.

export const ACTIVITY_TYPES = [
  '学习', '宣讲', '协商', '议政', '座谈', '调研', '视察', '民主监督', '义诊',
  '读书会', '论坛', '培训', '联谊', '走访', '慰问', '公益', '志愿服务', '其他',
] as const
export type ActivityType = (typeof ACTIVITY_TYPES)[number]

// Order matters: the more specific activity wins ("走访调研" is 调研, "读书学习" is 读书会).
const KEYWORDS: ReadonlyArray<readonly [RegExp, ActivityType]> = [
  [/义诊|送医|巡诊|健康咨询|诊疗/, '义诊'],
  [/读书|书香|共读|悦读|阅读/, '读书会'],
  [/监督/, '民主监督'],
  [/视察/, '视察'],
  [/调研|考察|调查/, '调研'],
  [/论坛|峰会/, '论坛'],
  [/协商|议事/, '协商'],
  [/议政/, '议政'],
  [/座谈|恳谈|沙龙|研讨|茶话/, '座谈'],
  [/宣讲|讲座|宣传|报告会/, '宣讲'],
  [/培训|授课|轮训|课堂/, '培训'],
  [/联谊|联欢|团建/, '联谊'],
  [/慰问|看望|送温暖/, '慰问'],
  [/走访|探访|拜访|家访/, '走访'],
  [/志愿/, '志愿服务'],
  [/公益|募捐|捐赠|捐助|爱心/, '公益'],
  [/学习|党课/, '学习'],
]

const SYNONYMS: Readonly<Record<string, ActivityType>> = {
  其它: '其他',
  考察: '调研',
  讲座: '宣讲',
  沙龙: '座谈',
  研讨: '座谈',
  恳谈: '座谈',
  交流: '座谈',
  读书: '读书会',
  监督: '民主监督',
  议事: '协商',
  志愿: '志愿服务',
  志愿者: '志愿服务',
  看望: '慰问',
  联欢: '联谊',
  送医: '义诊',
  授课: '培训',
}

/** Type suggested by keywords in a text, or null. */
export function inferActivityType(text: string): ActivityType | null {
  for (const [re, type] of KEYWORDS) if (re.test(text)) return type
  return null
}

/** A written 类型 mapped to the list: exact, without 活动/会, synonym, then keywords. */
export function normalizeActivityType(written: string): ActivityType | null {
  const s = written.replace(/[\s“”"「」《》]/g, '')
  const candidates = [s, s.replace(/(?:活动|类|会|形式)$/, '')]
  for (const c of candidates) {
    if ((ACTIVITY_TYPES as readonly string[]).includes(c)) return c as ActivityType
    const syn = SYNONYMS[c]
    if (syn) return syn
  }
  return inferActivityType(s)
}
