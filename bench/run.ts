import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { splitArgs } from '../src/cli/command-line.js'
import { log } from '../src/log.js'
import { PROJECT_ROOT } from '../src/project-root.js'
import { benchDigest, type DigestResult } from './digest.js'
import { benchDigestPostgres, type PostgresDigestResult } from './digest-postgres.js'
import { benchTransportCeiling } from './ceiling.js'
import { benchIngest, type IngestResult } from './ingest.js'
import { benchFairness, type FairnessResult } from './fairness.js'

const Args = z.object({
  messages: z.coerce.number().int().min(10).default(2000),
  rooms: z.coerce.number().int().min(1).default(1000),
  years: z.coerce.number().int().min(1).max(50).default(10),
  /** `--only ingest`: the ingest rows and their ceiling alone, for a quick before/after; results.json is left as it is. */
  only: z.enum(['ingest']).optional(),
})

const TARGETS = { ingestPerSecond: 200, p99ms: 15, digestRatio: 3, roomDigestMs: 50, crossDigestMs: 500, rssMb: 200, replyWaitIntervals: 2 }

type Row = [string, string, string, string]
const ok = (met: boolean) => (met ? '达标 met' : '未达标 not met')

function ingestRows(ingest: IngestResult, ceiling: { perSecond: number }): Row[] {
  const ceilingRatio = ingest.perSecond / ceiling.perSecond
  return [
    ['ingest rate', `${ingest.perSecond.toFixed(1)} msg/s`, `public Prisma API, synchronous=FULL → ${(ceilingRatio * 100).toFixed(1)}% of the transport ceiling`, `≥ ${TARGETS.ingestPerSecond} msg/s: ${ok(ingest.perSecond >= TARGETS.ingestPerSecond)}`],
    ['transport ceiling', `${ceiling.perSecond.toFixed(0)} msg/s`, 'echo bot, same Wechaty + mock puppet, no database (the baseline)', 'the most any bot on this path reaches'],
    ['ingest latency', `p50 ${ingest.p50ms.toFixed(1)} ms, p99 ${ingest.p99ms.toFixed(1)} ms`, `delivery → reply handed to the puppet; 2 commits a message, a bare commit on this disk ${ingest.commitMs.toFixed(2)} ms`, `p99 ≤ ${TARGETS.p99ms} ms: ${ok(ingest.p99ms <= TARGETS.p99ms)}`],
    ['memory after ingest', `${ingest.rssMb.toFixed(0)} MB RSS`, `idle bot before it ${ingest.rssBeforeMb.toFixed(0)} MB; live heap after GC ${ingest.heapAfterGcMb.toFixed(0)} MB`, `≤ ${TARGETS.rssMb} MB: ${ok(ingest.rssMb <= TARGETS.rssMb)}`],
  ]
}

/** A room's annual digest and the cross-room digest against their GROUP BY baseline, on one engine ('' for SQLite). */
function digestRows(engine: string, d: Pick<DigestResult, 'baselineMs' | 'roomYearMs' | 'crossRoomMs' | 'roomYearRatio' | 'crossRoomRatio'>): Row[] {
  const baseline = `GROUP BY baseline ${d.baselineMs.toFixed(0)} ms`
  return [
    [`annual room digest${engine}`, `${d.roomYearMs.toFixed(0)} ms`, `${baseline} → ${d.roomYearRatio.toFixed(2)}×`, `< ${TARGETS.roomDigestMs} ms: ${ok(d.roomYearMs < TARGETS.roomDigestMs)}`],
    [`cross-room digest${engine}`, `${d.crossRoomMs.toFixed(0)} ms`, `${baseline} → ${d.crossRoomRatio.toFixed(2)}×`, `≤ ${TARGETS.digestRatio}× and < ${TARGETS.crossDigestMs} ms: ${ok(d.crossRoomRatio <= TARGETS.digestRatio && d.crossRoomMs < TARGETS.crossDigestMs)}`],
  ]
}

function printRows(rows: Row[]): void {
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)))
  for (const row of rows) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}\n`)
}

function printIngest(messages: number, ingest: IngestResult, ceiling: { perSecond: number }): void {
  process.stdout.write(`\n${messages} messages (--only ingest: bench/results.json not written)\n`)
  printRows(ingestRows(ingest, ceiling))
}

/**
 * `npm run bench [-- --messages N --rooms R --years Y]`: every figure is a ratio against a
 * baseline measured in the same run on the same machine, so results compare across machines.
 */
async function main() {
  log.level = process.env.LOG_LEVEL ?? 'warn'
  const { flags } = splitArgs(process.argv.slice(2))
  const args = Args.parse(Object.fromEntries([...flags].map(([k, v]) => [k, v === true ? undefined : v])))
  // The generated databases (a quarter of a gigabyte at the default size) go when the run ends.
  const workDir = mkdtempSync(join(tmpdir(), 'cppcc-bench-'))
  let ingest: IngestResult
  let digest: DigestResult
  let ceiling: { perSecond: number }
  let fairness: FairnessResult
  let postgres: PostgresDigestResult | undefined
  // A server where the user may create databases: the digest rows run there too.
  const postgresUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL
  try {
    process.stderr.write(`ingest: ${args.messages} messages through the whole bot …\n`)
    ingest = await benchIngest(args.messages, workDir)
    process.stderr.write(`transport ceiling: ${args.messages} messages to an echo bot …\n`)
    ceiling = await benchTransportCeiling(args.messages)
    if (args.only === 'ingest') return printIngest(args.messages, ingest, ceiling)
    process.stderr.write(`digest: generating ${args.rooms} rooms × ${args.years} years …\n`)
    digest = await benchDigest(args.rooms, args.years, workDir)
    if (postgresUrl) {
      process.stderr.write('digest on PostgreSQL: copying the same book …\n')
      postgres = await benchDigestPostgres(digest.book, digest.lastYear, args.rooms, postgresUrl)
    }
    process.stderr.write('fairness: a push to 1,000 rooms at the real pace, on a virtual clock …\n')
    fairness = await benchFairness(1000, workDir)
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }

  const ceilingRatio = ingest.perSecond / ceiling.perSecond
  const rows: Row[] = [
    ...ingestRows(ingest, ceiling),
    ...digestRows('', digest),
    ...(postgres ? digestRows(', PostgreSQL', postgres) : []),
    ['reply during a push', `max ${fairness.maxWaitIntervals.toFixed(2)}, mean ${fairness.meanWaitIntervals.toFixed(2)} send intervals`, `${fairness.replies} replies queued during a push to ${fairness.rooms} rooms (${fairness.intervalMs / 1000} s apart, ${fairness.pushMinutes.toFixed(0)} min on a virtual clock)`, `≤ ${TARGETS.replyWaitIntervals} intervals: ${ok(fairness.maxWaitIntervals <= TARGETS.replyWaitIntervals)}`],
  ]
  process.stdout.write(`\n${args.messages} messages; ${digest.rooms} rooms × ${digest.years} years = ${digest.activities} activities, ${digest.reports} reports (generated in ${digest.generateSeconds.toFixed(1)} s, monthly rows counted in ${digest.rebuildSeconds.toFixed(1)} s)\n`)
  if (postgres) process.stdout.write(`PostgreSQL: the same ${postgres.rows} rows copied in ${postgres.copySeconds.toFixed(1)} s\n`)
  printRows(rows)
  if (!postgres) process.stdout.write('\nPostgreSQL digest rows skipped: set BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) to a server where the user may create databases.\n')

  const out = join(PROJECT_ROOT, 'bench/results.json')
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, `${JSON.stringify({ when: new Date().toISOString(), node: process.version, nodeFlags: process.execArgv, args, targets: TARGETS, ingest, transportCeiling: { ...ceiling, ratio: ceilingRatio }, digest: { ...digest, book: undefined }, postgresDigest: postgres ?? null, fairness }, null, 2)}\n`)
  process.stdout.write(`\nwritten: ${out}\n`)
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  },
)
