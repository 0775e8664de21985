// The shape of a field table's rows: what members write under a label, and what it holds.
/** What a field holds, as members write it. */
export type FieldValue =
  | { type: 'text'; max: number }
  | { type: 'longText' }
  | { type: 'date' }
  | { type: 'names' }
  | {
      type: 'choice'
      options: readonly string[]
      read: (written: string) => string | null | undefined
      /** The word that follows an option in a sentence (口头发言): with it, an option counts anywhere, even in the title. */
      cue?: string
    }
  | { type: 'count' }
  | { type: 'list' }

export interface FieldRow<K extends string = string> {
  key: K
  /** How replies, problems and revisions name it. */
  name: string
  /** What members write before the value; the first is how the bot writes it back. */
  labels: readonly string[]
  value: FieldValue
  required?: boolean
  /** Its column in the ledger (header defaults to `name`). */
  sheet?: { header?: string; width: number }
  /** What #帮助's template shows after its first label; a row without one is left out of the template. */
  example?: string
  /**
   * It names an outcome that may not have come yet (采纳, 批示): words saying it has not
   * (待采纳, 报送中, 正在审核) are no value, and the confirmation says so.
   */
  outcome?: true
}

/** A kind's whole table: its rows, and labels that are someone else's (联系电话 …). */
export interface FieldTable<R extends readonly FieldRow[] = readonly FieldRow[]> {
  rows: R
  notLabels: readonly string[]
}
