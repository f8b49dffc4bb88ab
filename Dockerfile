# Switchboard in a container: the README's steps (Requirements, Run it) on the official Node 24 image.
#   docker build -t switchboard .
#   docker run -p 8080:8080 -v switchboard-data:/data -e SWITCHBOARD_ADMIN_PASSWORD=change-me switchboard
# With PostgreSQL instead of PGlite: -e DATABASE_URL=postgres://user:pass@host:5432/db
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY bin ./bin
COPY src ./src
COPY drizzle ./drizzle
COPY tsconfig.json ./
ENV NODE_ENV=production DATA_DIR=/data PORT=8080 HOST=0.0.0.0
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8080
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=8", "bin/switchboard.js", "serve"]
