# syntax=docker/dockerfile:1
# kiji-bot in a container: built with the dev dependencies, run with the production ones only, as the
# unprivileged `node` user, with node as PID 1 so that `docker stop` (SIGTERM) stops the bot cleanly.
#
#   docker build -t kiji-bot .
#   docker run -d --name kiji-bot --restart on-failure --env-file .env \
#     -v "$PWD/articles:/articles:ro" -e ARTICLES_DIR=/articles -v kiji-cache:/home/node/.cache kiji-bot
#
# docs/deploy.md explains each choice; .dockerignore keeps .env and node_modules out of the build context.
ARG NODE_VERSION=20

# 1. Build dist/ (esbuild and TypeScript are dev dependencies).
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are here; the build runs below.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY commands ./commands
RUN npm run build

# 2. The production dependencies alone. better-sqlite3 (the 👍/👎 store) is a native module: its install script
# must run (it fetches a prebuilt binary, or compiles with the tools installed here when none fits). scripts/
# is copied for the project's own `prepare`, which skips the build when esbuild, a dev dependency, is absent.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. What runs: node, dist/, the production node_modules and the seed articles (mount your own folder).
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    ARTICLES_DIR=/app/seeds \
    CACHE_DIR=/home/node/.cache/kiji-bot \
    HEALTH_PORT=8081
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# package.json and scripts/ let `npm run deploy-commands` (and npm start) run in the image too.
COPY package.json ./
COPY scripts ./scripts
COPY seeds ./seeds
# The learned ranking weights and the compiled synonyms, read at start (found beside node_modules).
COPY data ./data
# The kuromoji dictionary's ready-to-read copy (node_modules/.cache/kiji-bot, ~63 MB), made now because
# node_modules is read-only to `node`: without it every start inflates the package's files (~0.5 s, ~100 MB).
RUN CACHE_DIR=/tmp/kiji-index node dist/cli/build-index.js && rm -rf /tmp/kiji-index
USER node
# Owned by `node`, so that a volume mounted here (see above) is writable and keeps the index between runs.
RUN mkdir -p /home/node/.cache/kiji-bot
# The health endpoint listens on 127.0.0.1 inside the container (HEALTH_HOST), which is where this runs.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.HEALTH_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/bot/main.js"]
