# syntax=docker/dockerfile:1
# Build stage: compiles better-sqlite3, generates the Prisma client and builds dist/.
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
# The bot runs as compiled JavaScript (what `npm start` runs): no TypeScript loader in memory.
RUN npm run build \
 && npm prune --omit=dev

# Runtime stage: no compilers, runs as the unprivileged `node` user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    CONTAINER_DATA_DIR=/data \
    DATA_DIR=/data \
    WECHATY_LOG=warn
WORKDIR /app
# Owned by root: the unprivileged user can run the app but not change it.
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
# One volume: the SQLite database (bot.db) and the WeChat login memory card.
VOLUME ["/data"]
# The bot exits on fatal errors; run it with `--restart unless-stopped` (see README).
# The same V8 heap settings as `npm start` (README, "内存"): a smaller young generation and
# slower heap growth keep the bot under 200 MB.
CMD ["node", "--max-semi-space-size=4", "--heap-growing-percent=10", "dist/src/main.js"]
