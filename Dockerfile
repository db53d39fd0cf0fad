# syntax=docker/dockerfile:1
# One image per service, from this checkout:
#   docker build --build-arg MODULE=ingest-service -t wapipeline/ingest-service:local .
#   docker build --build-arg MODULE=worker-service -t wapipeline/worker-service:local .
# docker-compose.yml builds both this way.

ARG MODULE=ingest-service

# ---- build: the module and the modules it depends on, with the Maven wrapper (the same Maven as CI) ----------------
FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /src
# The whole context (.dockerignore keeps target/, .git and .env out): the parent pom lists every module, so Maven
# needs all their poms even when it builds one.
COPY . .
# The cache mount keeps ~/.m2 (Maven itself and the dependencies) between builds; "locked" because compose builds
# the two images at once and two Mavens must not write one local repository together.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    case "$MODULE" in \
      ingest-service|worker-service) ;; \
      *) echo "MODULE must be ingest-service or worker-service, not '$MODULE'" >&2; exit 1 ;; \
    esac \
    && ./mvnw -B -q -DskipTests package -pl "$MODULE" -am \
    && cp "$MODULE/target/$MODULE-"*.jar /tmp/app.jar

# ---- runtime: a JRE, the Boot fat jar, a user that is not root ----------------------------------------------------
FROM eclipse-temurin:17-jre
ARG MODULE
# curl is what the compose health checks call. Installed explicitly: the Temurin images do not promise to keep it.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
# A fixed uid (not 1000, which the Ubuntu base gives to "ubuntu") so host-side volume permissions are predictable.
# The media directory exists, owned by that user, so a fresh named volume mounted on it is writable by the worker.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /app /var/lib/whatsapp-media \
    && chown app:app /var/lib/whatsapp-media \
    && chmod 0700 /var/lib/whatsapp-media
WORKDIR /app
COPY --from=build /tmp/app.jar /app/app.jar
LABEL org.opencontainers.image.title="$MODULE" \
      org.opencontainers.image.description="WhatsApp webhook pipeline: $MODULE"
USER app
# ingest listens on 8080, worker on 8081 (PORT changes either).
EXPOSE 8080 8081
# The shell sets umask 077 (what the service writes, media included, is the app user's alone) and execs java, which is
# PID 1 and gets SIGTERM itself, so graceful shutdown runs. Without options, half the container's memory limit for the
# heap instead of the JVM's quarter (the rest is metaspace, threads, buffers: measured in docs/security.md); an -Xmx in
# JDK_JAVA_OPTIONS, as docker-compose.yml sets, takes precedence.
ENTRYPOINT ["/bin/sh", "-c", "umask 077 && exec java -XX:MaxRAMPercentage=50.0 -jar /app/app.jar \"$@\"", "app"]
