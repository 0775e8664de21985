import type { Logger } from '../log.js'

/** Stack frames of the web protocol's own code: its known faults while offline are not ours to die of. */
const PROTOCOL_FRAME = /node_modules[\\/](wechat4u|wechaty-puppet-wechat4u)[\\/]/

/** The first frame of a stack that is code at all (not the message line). */
function topFrame(error: unknown): string {
  const stack = error instanceof Error ? (error.stack ?? '') : ''
  return stack.split('\n').find((line) => line.trimStart().startsWith('at ')) ?? ''
}

/**
 * An uncaught error or unhandled rejection of the bot is fatal: logged through pino, then the
 * process exits non-zero and the restart policy (Docker, systemd) brings it back; the durable
 * outbox and the catch-up make that safe. wechat4u registers `uncaughtException → console.log`
 * when it loads, which would keep a broken process running (a full disk in the outbox, say,
 * and nothing sent again): listeners added by others are dropped once the puppet has loaded.
 * An error thrown from inside wechat4u itself (it restarts internals it has stopped while
 * offline) is logged and survived, as before.
 */
export function installFatalHandlers(log: Logger, exit: (code: number) => void = (code) => process.exit(code)) {
  let lastProtocolWarning = 0
  const onFatal = (error: unknown, origin: string) => {
    if (PROTOCOL_FRAME.test(topFrame(error))) {
      if (Date.now() - lastProtocolWarning > 60_000) log.warn({ err: error, origin }, 'wechat4u 内部错误（已忽略）')
      lastProtocolWarning = Date.now()
      return
    }
    log.fatal({ err: error, origin }, '未处理的错误：进程退出，由 Docker/systemd 重新启动（未发出的消息保留在发件箱）')
    exit(1)
  }
  const onException = (error: Error) => onFatal(error, 'uncaughtException')
  const onRejection = (reason: unknown) => onFatal(reason, 'unhandledRejection')
  process.on('uncaughtException', onException)
  process.on('unhandledRejection', onRejection)
  return {
    /** Call once the puppet has loaded: anyone else's `uncaughtException` listener goes. */
    dropForeignListeners(): number {
      let dropped = 0
      for (const listener of process.listeners('uncaughtException')) {
        if (listener === onException) continue
        process.removeListener('uncaughtException', listener)
        dropped++
      }
      return dropped
    },
  }
}
