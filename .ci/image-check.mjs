#!/usr/bin/env node
// The Docker image, built and started as a deployer would, then checked. .ci/run calls this
// before the tests; it takes minutes (a build with `npm ci` and better-sqlite3 compiled), which
// is why it is not part of `npm test`.
//
//   node .ci/image-check.mjs [--mode auto|docker|rehearsal]
//
// docker     With a Docker engine and the Dockerfile's base images present: `docker build`, then
//            `docker run` with `--env-file .env.example` and a volume.
// rehearsal  Without them (these machines cannot pull base images), as root: the Dockerfile itself
//            followed step by step on this machine. Its COPY lines copy the files they name (with
//            .dockerignore applied) into an empty folder per stage, its RUN steps run there (image
//            paths such as /app and /data mapped into that folder; apt-get steps become "these
//            Debian packages are installed"), and its CMD starts as its USER with its ENV, the
//            env file and a data folder, in a network namespace of its own (WeChat unreachable).
// auto       docker when it can, else rehearsal (the default).
//
// Both check the same things: the process is not root and cannot write the app files; the
// database is created and migrated in the volume whatever the env file says; the login card is
// in the volume; the bot reaches its back-off state; the HEALTHCHECK command runs and reports
// "not logged in"; the operator commands run; SIGTERM stops it cleanly; then, through a local
// puppet-service gateway over the mock puppet, it logs in and the health check passes.
// Exit code 0 when every check passed, 1 when one failed, 3 when neither mode can run here.
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { basename, dirname, join, posix, relative, resolve } from 'node:path'
import { dockerignore, finalImage, parseDockerfile, parseEnvFile } from './dockerfile.mjs'

const ROOT = resolve(import.meta.dirname, '..')
const ENV_FILE = '.env.example'
/** The budget for the image (README, 部署): the app layer is about 40 MB on a ~235 MB base. */
const MAX_IMAGE_BYTES = 350e6
const TAG = 'cppcc-room-bot:image-check'
/** What the lifecycle logs when it pauses after repeated network errors (src/bot/lifecycle.ts). */
const BACKOFF = /暂停 \d+ 秒后重试/
/** The operator commands the README tells people to run in the container. */
const OPERATOR_COMMANDS = [
  ['node', 'dist/src/cli/admin.js', 'list'],
  ['node', 'dist/src/cli/stats.js'],
  ['node', 'dist/src/cli/export.js', '--period', String(new Date().getFullYear()), '--out', '{data}/image-check.xlsx'],
]
/** wechaty-puppet-service's PuppetServer serving the mock puppet, logged in as soon as a client starts it. */
const GATEWAY = `
import { PuppetServer } from 'wechaty-puppet-service'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
const mocker = new mock.Mocker()
const puppet = new PuppetMock({ mocker })
const user = mocker.createContact({ name: 'image-check' })
await new PuppetServer({ endpoint: process.env.GATEWAY_ENDPOINT, puppet, token: process.env.GATEWAY_TOKEN, tls: { disable: true } }).start()
setInterval(() => { if (!puppet.isLoggedIn && puppet.state.active()) mocker.login(user) }, 500)
console.log('gateway ready')
`

const argMode = /^--mode=(auto|docker|rehearsal)$/.exec(process.argv.slice(2).join('='))?.[1] ?? 'auto'
const stages = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))
const image = finalImage(stages)
const envFile = parseEnvFile(readFileSync(join(ROOT, ENV_FILE), 'utf8'))
if (image.volumes.length !== 1) throw new Error(`the Dockerfile should declare one VOLUME (the data folder), it declares ${image.volumes.length}`)
const VOLUME = image.volumes[0]
const BOT_NAME = envFile.BOT_NAME || image.env.BOT_NAME || 'cppcc-bot'
const MIGRATIONS = readdirSync(join(ROOT, 'prisma/migrations'), { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(ROOT, 'prisma/migrations', e.name, 'migration.sql'))).length

let failures = 0
const say = (text) => process.stdout.write(`${text}\n`)
function check(ok, what, detail = '') {
  if (!ok) failures++
  say(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? `: ${detail}` : ''}`)
  return ok
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
async function waitFor(what, test, timeoutMs) {
  const until = Date.now() + timeoutMs
  for (;;) {
    const result = await test()
    if (result) return result
    if (Date.now() > until) return undefined
    await sleep(1000)
  }
}
const freePort = () =>
  new Promise((ok, fail) => {
    const probe = createServer().once('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => ok(port))
    })
  })
const run = (cmd, args, options = {}) => spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64e6, ...options })
const tail = (text, n = 15) => text.trim().split('\n').slice(-n).join('\n')

// ---------------------------------------------------------------------------------------------
// Docker: the real image.

function dockerUsable() {
  if (run('docker', ['info'], { stdio: 'ignore' }).status !== 0) return 'no Docker engine answers'
  const bases = [...new Set(stages.map((s) => s.from).filter((from) => !stages.some((s) => s.name === from)))]
  const missing = bases.filter((base) => run('docker', ['image', 'inspect', base], { stdio: 'ignore' }).status !== 0)
  return missing.length ? `base image ${missing.join(', ')} not present (it cannot be pulled here; bash .ci/base-image builds a local one)` : undefined
}

function dockerRunner() {
  const id = `cppcc-image-check-${process.pid}`
  const made = { containers: [], volumes: [] }
  const buildStage = stages[0].name
  return {
    name: 'docker',
    async build() {
      const started = Date.now()
      const build = run('docker', ['build', '--network', 'host', '-t', TAG, '.'], { cwd: ROOT })
      if (!check(build.status === 0, 'docker build', build.status === 0 ? `${Math.round((Date.now() - started) / 1000)} s` : tail(build.stdout + build.stderr))) return false
      const size = Number(run('docker', ['image', 'inspect', '-f', '{{.Size}}', TAG]).stdout.trim())
      check(size > 0 && size < MAX_IMAGE_BYTES, `image size under ${MAX_IMAGE_BYTES / 1e6} MB`, `${(size / 1e6).toFixed(0)} MB`)
      // The build stage has the full node_modules: it runs the test gateway (layers are cached).
      return run('docker', ['build', '--network', 'host', '--target', buildStage, '-t', `${TAG}-build`, '.'], { cwd: ROOT }).status === 0
    },
    async start(scenario, extraEnv = {}) {
      const name = `${id}-${scenario}`
      const volume = `${name}-data`
      made.containers.push(name)
      made.volumes.push(volume)
      const env = Object.entries(extraEnv).flatMap(([k, v]) => ['-e', `${k}=${v}`])
      // Offline: no network at all, as a machine that cannot reach WeChat. Gateway: the host's loopback.
      const network = scenario === 'offline' ? 'none' : 'host'
      const started = run('docker', ['run', '-d', '--name', name, '--network', network, '--env-file', join(ROOT, ENV_FILE), ...env, '-v', `${volume}:${VOLUME}`, TAG])
      if (started.status !== 0) throw new Error(`docker run failed: ${started.stderr}`)
      return {
        exec: (argv) => run('docker', ['exec', '-w', image.workdir, name, ...argv]),
        logs: () => {
          const r = run('docker', ['logs', name])
          return r.stdout + r.stderr
        },
        dataPath: (file) => posix.join(VOLUME, file),
        botUid: () => run('docker', ['exec', name, 'id', '-u']).stdout.trim(),
        async stop() {
          run('docker', ['stop', '-t', '15', name])
          return Number(run('docker', ['inspect', '-f', '{{.State.ExitCode}}', name]).stdout.trim())
        },
      }
    },
    async gateway(endpoint, token) {
      const name = `${id}-puppet-server`
      made.containers.push(name)
      const started = run('docker', ['run', '-d', '--name', name, '--network', 'host', '-e', `GATEWAY_ENDPOINT=${endpoint}`, '-e', `GATEWAY_TOKEN=${token}`, `${TAG}-build`, 'node', '--input-type=module', '-e', GATEWAY])
      if (started.status !== 0) throw new Error(`gateway did not start: ${started.stderr}`)
      const ready = await waitFor('gateway', () => run('docker', ['logs', name]).stdout.includes('gateway ready'), 30_000)
      if (!ready) throw new Error(`gateway did not start: ${run('docker', ['logs', name]).stderr}`)
    },
    cleanup() {
      if (made.containers.length) run('docker', ['rm', '-f', ...made.containers])
      if (made.volumes.length) run('docker', ['volume', 'rm', '-f', ...made.volumes])
      run('docker', ['image', 'rm', `${TAG}-build`])
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Rehearsal: the Dockerfile followed on this machine.

function rehearsalRunner() {
  const base = mkdtempSync('/tmp/image-rehearsal-')
  chmodSync(base, 0o755)
  const stageRoot = (stage) => join(base, stage)
  // Every absolute path the Dockerfile names inside an image, longest first: RUN text is rewritten with them.
  const imagePaths = new Set()
  for (const stage of stages) {
    for (const step of stage.steps) {
      if (step.op === 'WORKDIR' && step.value.startsWith('/')) imagePaths.add(step.value)
      if (step.op === 'VOLUME') step.paths.forEach((p) => imagePaths.add(p))
      if (step.op === 'COPY') {
        if (step.dest.startsWith('/')) imagePaths.add(step.dest.replace(/\/$/, ''))
        if (step.from) step.sources.filter((s) => s.startsWith('/')).forEach((s) => imagePaths.add(s.replace(/\/$/, '')))
      }
      if (step.op === 'ENV') Object.values(step.env).filter((v) => v.startsWith('/')).forEach((v) => imagePaths.add(v))
    }
  }
  const pathPattern = new RegExp(`(^|[\\s='"])(${[...imagePaths].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?=$|[\\s/'";&|)])`, 'g')
  const mapText = (stage, text) => (imagePaths.size ? text.replace(pathPattern, (_, pre, p) => `${pre}${stageRoot(stage)}${p}`) : text)
  const mapPath = (stage, p) => join(stageRoot(stage), p)
  const ignored = dockerignore(existsSync(join(ROOT, '.dockerignore')) ? readFileSync(join(ROOT, '.dockerignore'), 'utf8') : '')
  const state = {}
  let user
  const home = join(base, 'home')

  function copyContext(src, dest) {
    const rel = relative(ROOT, src).split('\\').join('/')
    if (rel && ignored(rel)) return
    if (statSync(src).isDirectory()) {
      mkdirSync(dest, { recursive: true })
      for (const name of readdirSync(src)) copyContext(join(src, name), join(dest, name))
    } else {
      mkdirSync(dirname(dest), { recursive: true })
      cpSync(src, dest)
    }
  }

  function runStep(stage, s, step) {
    if (step.op === 'WORKDIR') {
      s.workdir = step.value.startsWith('/') ? step.value : posix.join(s.workdir, step.value)
      mkdirSync(mapPath(stage.name, s.workdir), { recursive: true })
    } else if (step.op === 'ENV') {
      for (const [k, v] of Object.entries(step.env)) s.env[k] = v.startsWith('/') ? mapPath(stage.name, v) : v
    } else if (step.op === 'COPY') {
      const dest = step.dest.startsWith('/') ? step.dest : posix.join(s.workdir, step.dest)
      const intoDir = step.dest.endsWith('/') || step.sources.length > 1
      for (const source of step.sources) {
        const from = step.from ? mapPath(step.from, source.startsWith('/') ? source : posix.join(state[step.from].workdir, source)) : join(ROOT, source)
        if (!existsSync(from)) throw new Error(`COPY ${source}: not found${step.from ? ` in stage ${step.from}` : ' in the build context'}`)
        const target = mapPath(stage.name, statSync(from).isDirectory() || !intoDir ? dest : posix.join(dest, basename(source)))
        if (step.from) cpSync(from, target, { recursive: true })
        else copyContext(from, target)
      }
    } else if (step.op === 'RUN') {
      const text = step.shell ?? step.exec.join(' ')
      if (/^apt-get\b/.test(text)) return aptStep(text)
      const started = Date.now()
      const r = run('sh', ['-c', mapText(stage.name, text)], { cwd: mapPath(stage.name, s.workdir), env: { ...process.env, ...s.env } })
      if (r.status !== 0) throw new Error(`RUN ${text.slice(0, 80)}… failed (${r.status}):\n${tail(r.stdout + r.stderr, 30)}`)
      say(`     RUN ${text.replace(/\s+/g, ' ').slice(0, 90)}… (${Math.round((Date.now() - started) / 1000)} s)`)
    } else if (step.op === 'USER') {
      s.user = step.value
    }
  }

  // The image's apt-get step: the same Debian packages must be on this machine (installed here as root).
  function aptStep(text) {
    const install = /apt-get\s+install\s+([^&;|]+)/.exec(text)?.[1] ?? ''
    const packages = install.split(/\s+/).filter((w) => w && !w.startsWith('-'))
    const missing = packages.filter((p) => run('dpkg-query', ['-W', '-f=${Status}', p]).stdout.trim() !== 'install ok installed')
    if (missing.length) {
      run('apt-get', ['update', '-qq'])
      const r = run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
      if (r.status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed:\n${tail(r.stdout + r.stderr)}`)
    }
    say(`     RUN apt-get: ${packages.join(' ')} ${missing.length ? `installed (${missing.join(' ')} were missing)` : 'already installed'}`)
  }

  function ensureUser(name) {
    if (run('id', ['-u', name]).status !== 0) {
      // The base image's unprivileged user; created here as a system user when this machine lacks it.
      const r = run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name])
      if (r.status !== 0) throw new Error(`cannot create the user ${name}: ${r.stderr}`)
      say(`     created the system user ${name} (the image's USER) on this machine`)
    }
    return { uid: Number(run('id', ['-u', name]).stdout), gid: Number(run('id', ['-g', name]).stdout) }
  }

  const final = stages.at(-1).name
  const finalState = () => state[final]
  const asUser = (argv) => ['setpriv', '--reuid', String(user.uid), '--regid', String(user.gid), '--clear-groups', '--', ...argv]
  const runtimeEnv = (extraEnv) => ({ PATH: process.env.PATH, HOME: home, ...finalState().env, ...envFile, ...extraEnv })

  return {
    name: 'rehearsal',
    async build() {
      // The user must exist before a RUN step chowns to it.
      if (image.user !== 'root') user = ensureUser(image.user.split(':')[0])
      mkdirSync(home, { recursive: true })
      if (user) chownSync(home, user.uid, user.gid)
      for (const stage of stages) {
        const fromStage = state[stage.from]
        if (!fromStage) {
          const major = /^node:(\d+)/.exec(stage.from)?.[1]
          if (!major) throw new Error(`the rehearsal stands in for node:<major> base images only, not ${stage.from}`)
          if (process.versions.node.split('.')[0] !== major) throw new Error(`${stage.from} has Node ${major}, this machine has ${process.version}`)
        }
        const s = { workdir: fromStage?.workdir ?? '/', env: { ...(fromStage?.env ?? {}) }, user: 'root' }
        state[stage.name] = s
        mkdirSync(stageRoot(stage.name), { recursive: true })
        chmodSync(stageRoot(stage.name), 0o755)
        say(`     stage ${stage.name} (FROM ${stage.from}) in ${stageRoot(stage.name)}`)
        for (const step of stage.steps) runStep(stage, s, step)
      }
      return check(true, 'the Dockerfile rehearsed', `${stages.length} stages in ${base}`)
    },
    async start(scenario, extraEnv = {}) {
      const s = finalState()
      const cmd = image.cmd.exec ?? ['/bin/sh', '-c', image.cmd.shell]
      // Offline: a network namespace of its own, with nothing in it (WeChat unreachable, no traffic).
      const argv = scenario === 'offline' ? ['unshare', '--net', '--', ...asUser(cmd)] : asUser(cmd)
      const child = spawn(argv[0], argv.slice(1), { cwd: mapPath(final, s.workdir), env: runtimeEnv(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] })
      let output = ''
      child.stdout.on('data', (d) => (output += d))
      child.stderr.on('data', (d) => (output += d))
      const exited = new Promise((ok) => child.on('exit', (code, signal) => ok(code ?? signal)))
      return {
        exec: (argv2) => run(asUser(argv2)[0], asUser(argv2).slice(1), { cwd: mapPath(final, s.workdir), env: runtimeEnv(extraEnv) }),
        logs: () => output,
        dataPath: (file) => join(mapPath(final, VOLUME), file),
        botUid: () => /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? '?',
        async stop() {
          child.kill('SIGTERM')
          const code = await Promise.race([exited, sleep(15_000).then(() => 'timeout')])
          if (code === 'timeout') child.kill('SIGKILL')
          return code
        },
      }
    },
    async gateway(endpoint, token) {
      const buildStage = stages[0].name
      const child = spawn(process.execPath, ['--input-type=module', '-e', GATEWAY], {
        cwd: mapPath(buildStage, state[buildStage].workdir),
        env: { ...process.env, GATEWAY_ENDPOINT: endpoint, GATEWAY_TOKEN: token },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      child.stdout.on('data', (d) => (output += d))
      child.stderr.on('data', (d) => (output += d))
      this.gatewayProcess = child
      if (!(await waitFor('gateway', () => output.includes('gateway ready'), 30_000))) throw new Error(`gateway did not start:\n${tail(output)}`)
    },
    cleanup() {
      this.gatewayProcess?.kill('SIGTERM')
      rmSync(base, { recursive: true, force: true })
    },
  }
}

// ---------------------------------------------------------------------------------------------
// The checks, the same for both.

async function offline(runner) {
  say(`     start: ${ENV_FILE} as --env-file (DATA_DIR=${envFile.DATA_DIR ?? '–'}), volume ${VOLUME}, no network`)
  const bot = await runner.start('offline')
  try {
    const db = bot.dataPath('bot.db')
    const reached = await waitFor('back-off', () => BACKOFF.test(bot.logs()) && bot.exec(['test', '-f', db]).status === 0, 120_000)
    if (!check(Boolean(reached), 'the bot reaches its back-off state (WeChat unreachable)', reached ? BACKOFF.exec(bot.logs())[0] : `logs:\n${tail(bot.logs())}`)) return
    const uid = bot.botUid()
    check(uid !== '0' && uid !== '?', `the bot runs as ${image.user}, not root`, `uid ${uid}`)
    const writable = bot.exec(['find', '.', '-writable', '-print', '-quit'])
    check(writable.status === 0 && writable.stdout.trim() === '', 'the app files are not writable by it', writable.stdout.trim() || writable.stderr.trim())
    const count = bot.exec(['node', '-e', "const D=require('./node_modules/better-sqlite3');const db=new D(process.argv[1],{readonly:true});console.log(db.prepare('SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL').get().n)", db])
    check(Number(count.stdout.trim()) === MIGRATIONS, `${db} created and migrated`, `${count.stdout.trim() || count.stderr.trim()} of ${MIGRATIONS} migrations`)
    const card = bot.dataPath(`${BOT_NAME}.memory-card.json`)
    check(Boolean(await waitFor('card', () => bot.exec(['test', '-f', card]).status === 0, 60_000)), 'the login memory card is in the volume', card)
    const health = image.healthcheck
    if (check(Boolean(health), 'the image has a HEALTHCHECK')) {
      const r = bot.exec(health.exec ?? ['/bin/sh', '-c', health.shell])
      check(r.status === 1 && /微信没有登录|等待扫码/.test(r.stdout), `HEALTHCHECK ${(health.exec ?? [health.shell]).join(' ')} says "not logged in" (exit 1)`, `exit ${r.status}: ${r.stdout.split('\n').slice(0, 3).join(' | ') || r.stderr.trim()}`)
      const json = bot.exec([...(health.exec ?? ['/bin/sh', '-c', health.shell]), '--', '--json'])
      const report = JSON.parse(json.stdout || '{}')
      check(report.bot?.running === true, 'status sees the bot running', `state ${report.bot?.state}`)
    }
    for (const argv of OPERATOR_COMMANDS) {
      const r = bot.exec(argv.map((a) => a.replace('{data}', posix.dirname(db))))
      check(r.status === 0, `operator command: ${argv.slice(1).join(' ')}`, r.status === 0 ? r.stdout.trim().split('\n')[0].slice(0, 80) : tail(r.stdout + r.stderr, 5))
    }
  } finally {
    const code = await bot.stop()
    check(code === 0, 'SIGTERM stops it cleanly', `exit ${code}`)
  }
}

async function viaGateway(runner) {
  const endpoint = `127.0.0.1:${await freePort()}`
  const token = 'insecure_image-check'
  await runner.gateway(endpoint, token)
  say(`     start: puppet-service through a local gateway at ${endpoint} (mock puppet)`)
  const bot = await runner.start('gateway', {
    WECHATY_PUPPET: 'wechaty-puppet-service',
    WECHATY_PUPPET_SERVICE_TOKEN: token,
    WECHATY_PUPPET_SERVICE_ENDPOINT: endpoint,
    WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
  })
  try {
    const health = image.healthcheck.exec ?? ['/bin/sh', '-c', image.healthcheck.shell]
    const healthy = await waitFor('login', () => {
      const r = bot.exec(health)
      return r.status === 0 ? r : undefined
    }, 90_000)
    check(Boolean(healthy), 'via wechaty-puppet-service it logs in and the HEALTHCHECK passes', healthy ? healthy.stdout.split('\n').slice(0, 2).join(' | ') : `logs:\n${tail(bot.logs())}`)
  } finally {
    const code = await bot.stop()
    check(code === 0, 'SIGTERM stops it cleanly', `exit ${code}`)
  }
}

async function main() {
  let mode = argMode
  if (mode === 'auto') {
    const why = dockerUsable()
    mode = why === undefined ? 'docker' : 'rehearsal'
    if (why) say(`image check: ${why}, so the Dockerfile is rehearsed on this machine instead`)
  }
  if (mode === 'rehearsal' && process.getuid?.() !== 0) {
    say('image check skipped: the rehearsal needs root (it creates the image user and runs the bot as that user)')
    return 3
  }
  if (mode === 'docker' && dockerUsable()) {
    say(`image check: docker mode unavailable: ${dockerUsable()}`)
    return 3
  }
  say(`image check (${mode}): Dockerfile with ${stages.length} stages, USER ${image.user}, VOLUME ${VOLUME}`)
  const runner = mode === 'docker' ? dockerRunner() : rehearsalRunner()
  try {
    if (await runner.build()) {
      await offline(runner)
      await viaGateway(runner)
    }
  } catch (error) {
    check(false, 'image check', error instanceof Error ? error.message : String(error))
  } finally {
    runner.cleanup()
  }
  say(failures ? `image check (${mode}): ${failures} failed` : `image check (${mode}): all passed`)
  return failures ? 1 : 0
}

process.exitCode = await main()
