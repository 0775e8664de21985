# syntax=docker/dockerfile:1
# Build stage: compiles better-sqlite3, generates the Prisma client, builds dist/ and picks the
# files the compiled bot loads.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/runtime-files.mjs ./scripts/
# Only what the bot and its operator commands load (status for the health check; admin, stats,
# export for `docker exec`), traced from the compiled entry points: about 40 MB instead of the
# 450 MB node_modules. The puppets are loaded by name (WECHATY_PUPPET), the migrations by
# listing, and wechaty-grpc requires its generated files from a computed list: named here.
RUN npm run build \
 && node scripts/runtime-files.mjs /runtime \
      dist/src/main.js dist/src/cli/status.js dist/src/cli/admin.js dist/src/cli/stats.js dist/src/cli/export.js \
      --package wechaty-puppet-wechat4u --package wechaty-puppet-service --whole wechaty-grpc \
      --dir prisma/migrations --dir prisma/postgres/migrations

# Runtime stage: no compilers, no dev tools, runs as the unprivileged `node` user.
FROM node:20-bookworm-slim
# CONTAINER_DATA_DIR wins over a DATA_DIR from an --env-file: the data stays in the volume.
ENV NODE_ENV=production \
    CONTAINER_DATA_DIR=/data \
    DATA_DIR=/data \
    WECHATY_LOG=warn \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
# Owned by root: the unprivileged user can run the app but not change it.
COPY --from=build /runtime /app
RUN mkdir -p /data && chown node:node /data
USER node
# One volume: the SQLite database (bot.db), the WeChat login memory card and login-qr.png.
VOLUME ["/data"]
# `npm run status` exits 1 while the bot is not running, not logged in (waiting for a scan, or
# WeChat unreachable) or has failed messages: "unhealthy" means someone should look.
HEALTHCHECK --interval=1m --timeout=30s --start-period=2m --retries=3 CMD ["npm", "run", "--silent", "status"]
# The bot exits on fatal errors; run it with `--restart unless-stopped` (see README).
# The same V8 heap settings as `npm start` (README, "内存"): a smaller young generation and
# slower heap growth keep the bot under 200 MB.
CMD ["node", "--max-semi-space-size=4", "--heap-growing-percent=10", "dist/src/main.js"]
