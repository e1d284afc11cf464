# The service image (docker-compose.yml builds it). The web UI's npm packages are built in a first stage, then the
# repository is installed as one package, `scholargraph` (Cypher, templates, static and vendor files included).
FROM node:20-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.11-slim AS build
WORKDIR /src
COPY . .
COPY --from=web /src/web/node_modules web/node_modules
RUN pip wheel --no-cache-dir --no-deps -w /wheels .

FROM python:3.11-slim
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels \
    && useradd --system --home-dir /srv scholargraph && mkdir -p /srv/var && chown -R scholargraph /srv
USER scholargraph
WORKDIR /srv
ENV PYTHONUNBUFFERED=1
EXPOSE 8000
CMD ["uvicorn", "--factory", "scholargraph.server:create_app", "--host", "0.0.0.0", "--port", "8000", "--proxy-headers"]
