// Normalising the 领域 of a public-opinion report; unknown text is kept as written.

export const OPINION_FIELDS = [
  '医疗卫生', '养老', '教育', '营商环境', '生态环境', '交通', '社会治理', '文化', '农业农村', '其他',
] as const

const SYNONYMS: ReadonlyArray<readonly [RegExp, (typeof OPINION_FIELDS)[number]]> = [
  [/^(?:医疗|卫生|健康|医卫|医药|医药卫生|卫健|卫生健康|医疗健康|公共卫生|医保|医疗保障)$/, '医疗卫生'],
  [/^(?:养老服务|老龄|老年|老年人|为老服务|居家养老|养老保障)$/, '养老'],
  [/^(?:教育|学校|托育|托幼|双减|基础教育|职业教育|教育教学)$/, '教育'],
  [/^(?:营商|经济|企业|民营经济|经济发展|招商|优化营商环境|营商环境优化)$/, '营商环境'],
  [/^(?:环保|环境|生态|环境保护|生态保护|生态文明|垃圾分类|环境治理)$/, '生态环境'],
  [/^(?:出行|道路|停车|交通出行|公共交通|交通安全|城市交通)$/, '交通'],
  [/^(?:治理|基层治理|社区治理|社会管理|平安建设|城市治理|社会治安)$/, '社会治理'],
  [/^(?:文旅|文化旅游|文体|旅游|文化体育|文化建设)$/, '文化'],
  [/^(?:农业|农村|三农|乡村振兴|乡村|农民)$/, '农业农村'],
  [/^其它$/, '其他'],
]

export function normalizeOpinionField(written: string): string {
  const s = written.replace(/[\s“”"「」《》]/g, '')
  const bare = s.replace(/(?:领域|类|方面)$/, '')
  for (const c of [s, bare]) {
    if ((OPINION_FIELDS as readonly string[]).includes(c)) return c
    for (const [re, field] of SYNONYMS) if (re.test(c)) return field
  }
  return written.trim()
}
