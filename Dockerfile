# syntax=docker/dockerfile:1
# Build stage: compiles better-sqlite3 and generates the Prisma client.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc --noEmit -p tsconfig.json \
 && npm prune --omit=dev

# Runtime stage: no compilers, runs as the unprivileged `node` user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/data \
    WECHATY_LOG=warn
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
USER node
# One volume: the SQLite database (bot.db) and the WeChat login memory card.
VOLUME ["/data"]
# The bot exits on fatal errors; run it with `--restart unless-stopped` (see README).
CMD ["node", "--import", "tsx", "src/main.ts"]
