# syntax=docker/dockerfile:1
# The bot as a container: built with every dependency, run with production ones only, as a
# non-root user, started in exec form so SIGTERM reaches Node and the bot drains (see the
# README's "Deploy"). Data goes in /data (lowdb) or in PostgreSQL (STORE=postgres).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts are not needed to build (the two that ask are optional native add-ons).
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
COPY test ./test
COPY bench ./bench
COPY cards ./cards
COPY policy ./policy
COPY manifest ./manifest
COPY env ./env
COPY migrations ./migrations
# Compiles TypeScript, then checks the sample policy and encodes its meanings into
# dist/sentence-vectors.json, so the bot is ready about half a second after /healthz answers.
RUN npm run -s build && node dist/src/cli/policy-check.js

FROM node:20-bookworm-slim AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/sentence-vectors.json ./dist/sentence-vectors.json
COPY package.json package-lock.json ./
COPY cards ./cards
COPY policy ./policy
COPY manifest ./manifest
COPY env ./env
COPY migrations ./migrations
# The node image's unprivileged user owns only the data folder; the code stays read-only to it.
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: Node runs as PID 1 with no shell in between, so the SIGTERM `docker stop` sends reaches it.
CMD ["node", "--disable-warning=DEP0111", "dist/src/index.js"]
