// Shared result shape of the message parsers.
import type { z } from 'zod'

export interface FieldProblem {
  field: string // Chinese label, e.g. '日期'
  problem: string // Chinese, e.g. 日期看不懂："9月32日"
}

export type ParseOutcome<T> =
  | { ok: true; value: T; warnings: string[] }
  | { ok: false; errors: FieldProblem[]; partial: Partial<T> }

/** Longer than any real record: what a member may send as one record (checked where a message comes in). */
export const MAX_BODY_CHARS = 5000

/**
 * What a parser reads at most, to keep its label scan (quadratic in length) fast: above any
 * text a member can reach, as a record written back with its labels and an edit's new values.
 */
export const PARSE_CEILING = 4 * MAX_BODY_CHARS

export function bodyTooLong(body: string, max = MAX_BODY_CHARS): FieldProblem | undefined {
  if (body.length <= max) return undefined
  return { field: '内容', problem: `太长了（${body.length} 字），一条记录请控制在 ${max} 字以内，正文可以精简或分开发送` }
}

/** Zod issues turned into the Chinese problems members see. */
export function issuesToProblems(error: z.ZodError, names: Readonly<Record<string, string>>): FieldProblem[] {
  return error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '')
    const field = names[key] ?? key
    let problem = `${field}的格式不对`
    if (issue.code === 'too_big') problem = `${field}太长了，请精简一些`
    else if (issue.code === 'too_small') problem = `${field}没有填写`
    return { field, problem }
  })
}
