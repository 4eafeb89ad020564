# Verbatim's Discord bot. Build:  docker build -t verbatim .
# Run (see compose.yaml):  docker run --env-file .env -v verbatim-library:/data/library verbatim
# The steps below are checked without Docker by test/hosting/image-steps.test.ts (part of npm test).

# --- build stage: all dependencies, compile TypeScript to dist/ (stamped: npm start will not recompile)
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime stage: production dependencies only, the compiled bot, a non-root user
FROM node:20-slim
ENV NODE_ENV=production \
    MALLOC_MMAP_THRESHOLD_=131072 \
    DATA_DIR=/data/library \
    INDEX_CACHE=/data/cache/index.bin \
    DATABASE_PATH=/data/db/verbatim.db \
    HEALTH_PORT=9464 \
    HEALTH_HOST=127.0.0.1
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
# the sources stay beside dist/: the build stamp is checked against them, and npm run search/index use them
COPY --from=build /app/dist ./dist
COPY src ./src
COPY commands ./commands
COPY scripts ./scripts
COPY tsconfig.json tsconfig.build.json ./
# the bundled sample library seeds an empty library volume
COPY data /data/library
RUN mkdir -p /data/cache /data/db && chown -R node:node /data
USER node
# library (documents, and uploads), index cache, database (follows and other state)
VOLUME ["/data/library", "/data/cache", "/data/db"]
# /health answers 200 while loading and serving, 503 once the library failed to load
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.HEALTH_PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# the supervisor restarts the bot after a crash (backoff) inside the container; Docker's restart
# policy (compose.yaml) covers the supervisor itself
STOPSIGNAL SIGTERM
CMD ["node", "scripts/start.mjs"]
