# The service image (docker-compose.yml builds it). The web UI's npm packages are built in a first stage.
FROM node:20-slim AS web
WORKDIR /app/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.11-slim
WORKDIR /app
COPY . .
COPY --from=web /app/web/node_modules web/node_modules
RUN pip install --no-cache-dir .
ENV PYTHONUNBUFFERED=1
EXPOSE 8000
