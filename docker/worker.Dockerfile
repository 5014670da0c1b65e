# syntax=docker/dockerfile:1
#
# The flashsale worker image. The build context is the repository root:
#
#   docker build -f docker/worker.Dockerfile -t flashsale-worker:local .
#
# (`docker compose build` does the same.) The image starts the worker; `migrate` as the
# command applies the schema and exits. Settings come from FLASHSALE_* variables at run
# time; nothing secret is baked in. Extra JVM flags go in JAVA_TOOL_OPTIONS.

ARG MAVEN_IMAGE=maven:3.9.11-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
# The whole reactor is needed: Maven reads every module listed in the parent POM.
# .dockerignore keeps build output, .git and the deployment files out of the context.
COPY . .
# -am builds the modules the worker depends on. `package` makes the same runnable jar as
# outside Docker: target/flashsale-worker.jar, its dependencies in target/lib beside it.
# Tests and the format check run in CI, not here. The cache mount keeps downloaded
# dependencies between builds (needs BuildKit).
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -DskipTests -Dspotless.check.skip=true -pl worker -am package \
 && mkdir -p /out \
 && cp -r worker/target/lib /out/lib \
 && cp worker/target/flashsale-worker.jar /out/flashsale-worker.jar

FROM ${RUNTIME_IMAGE}
RUN groupadd --system --gid 10001 flashsale \
 && useradd --system --uid 10001 --gid flashsale --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin flashsale
WORKDIR /app
# Dependencies first: they change less often than the worker, so their layer is reused.
COPY --from=build /out/lib/ /app/lib/
COPY --from=build /out/flashsale-worker.jar /app/flashsale-worker.jar
COPY --chmod=0755 docker/http-probe.sh /app/bin/http-probe
USER 10001:10001
EXPOSE 8080
# Container support is on by default in Java 17: heap sizes follow the container's memory
# limit. A worker that runs out of memory exits so its restart policy replaces it.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
            "-jar", "/app/flashsale-worker.jar"]
