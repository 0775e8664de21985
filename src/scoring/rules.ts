import { readFileSync } from 'node:fs'
import { z } from 'zod'

const points = z.number().min(0).max(1000)
const cap = points.nullable() // null: no yearly cap

/**
 * 履职积分 rules. Defaults follow published examples (see README); a deployment replaces any
 * part with a JSON file named by SCORING_RULES_FILE, checked here at start.
 */
export const ScoringRulesSchema = z
  .object({
    activity: z.object({ points, capPerYear: cap }).strict().default({ points: 3, capPerYear: 10 }),
    training: z.object({ points, capPerYear: cap }).strict().default({ points: 10, capPerYear: null }),
    opinion: z.object({ lead: points, coAuthor: points, capPerYear: cap }).strict().default({ lead: 10, coAuthor: 5, capPerYear: 40 }),
    adoption: z
      .object({ county: points, city: points, province: points, national: points, capPerYear: cap })
      .strict()
      .default({ county: 5, city: 5, province: 10, national: 20, capPerYear: null }),
    instruction: z.object({ points, capPerYear: cap }).strict().default({ points: 10, capPerYear: null }),
    proposal: z
      .object({ registeredLead: points, registeredCoSigner: points, keyBonus: points, importantBonus: points, capPerYear: cap })
      .strict()
      .default({ registeredLead: 12, registeredCoSigner: 3, keyBonus: 5, importantBonus: 3, capPerYear: null }),
    research: z
      .object({ lead: points, coAuthor: points, adoptedBonus: points, instructedBonus: points, capPerYear: cap })
      .strict()
      .default({ lead: 8, coAuthor: 4, adoptedBonus: 5, instructedBonus: 10, capPerYear: null }),
    speech: z.object({ oral: points, written: points, capPerYear: cap }).strict().default({ oral: 10, written: 5, capPerYear: null }),
    minimum: z
      .object({ activities: z.number().int().min(0), proposals: z.number().int().min(0), opinions: z.number().int().min(0) })
      .strict()
      .default({ activities: 3, proposals: 1, opinions: 1 }),
    bands: z
      .object({ excellent: points, competent: points })
      .strict()
      .refine((b) => b.excellent > b.competent, '优秀线（excellent）应高于称职线（competent）')
      .default({ excellent: 85, competent: 60 }),
  })
  .strict()

export type ScoringRules = z.infer<typeof ScoringRulesSchema>

/** What each rule is called in #我的 and the ledger; a rule is a part of the rules file with a yearly cap. */
export const RULE_LABELS = {
  activity: '参加活动',
  training: '参加培训',
  opinion: '社情民意',
  adoption: '社情民意采纳',
  instruction: '领导批示',
  proposal: '提案',
  research: '调研报告',
  speech: '大会发言',
} as const satisfies Record<string, string>
export type RuleName = keyof typeof RULE_LABELS & keyof ScoringRules

/** One line of a member's score, always pointing at the record it came from. */
export interface ScoreEntry {
  rule: RuleName
  recordCode: string
  title: string
  date: string
  why: string
  /** What the rule gives, and what counted after the yearly cap. */
  rawPoints: number
  points: number
}

/** A line before the yearly caps are applied. */
export type RawScoreEntry = Omit<ScoreEntry, 'points'>

export const DEFAULT_RULES: ScoringRules = ScoringRulesSchema.parse({})

export class ScoringRulesError extends Error {}

/** Reads and checks a rules file; every problem is named with its path, in Chinese. */
export function loadScoringRules(file: string | undefined): ScoringRules {
  if (!file) return DEFAULT_RULES
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ScoringRulesError(`积分规则文件 ${file} 读不出来：${(error as Error).message}`)
  }
  const parsed = ScoringRulesSchema.safeParse(raw)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(整个文件)'}：${describe(i)}`)
    throw new ScoringRulesError(`积分规则文件 ${file} 有误：\n${lines.join('\n')}`)
  }
  return parsed.data
}

/** What a value should have been, as the person editing the rules file would say it. */
const TYPE_NAMES: Record<string, string> = { number: '数字', object: '一组设置（{ … }）', string: '文字', boolean: 'true 或 false' }

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `不认识的项目 ${issue.keys.join('、')}`
  if (issue.code === 'invalid_type') return `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`
  if (issue.code === 'too_small') return `不能小于 ${issue.minimum}`
  if (issue.code === 'too_big') return `不能大于 ${issue.maximum}`
  return issue.message
}
