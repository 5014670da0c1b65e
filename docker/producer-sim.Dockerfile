# syntax=docker/dockerfile:1
#
# The flashsale simulator image (seed items, run a sale, verify the invariants). The build
# context is the repository root:
#
#   docker build -f docker/producer-sim.Dockerfile -t flashsale-producer-sim:local .
#
# The arguments are the simulator's: `seed`, `run`, `verify`, `--help`. Settings come from
# FLASHSALE_* variables at run time; nothing secret is baked in.

ARG MAVEN_IMAGE=maven:3.9.11-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY . .
# `package` makes the same runnable jar as outside Docker, its dependencies in lib/ beside it.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -DskipTests -Dspotless.check.skip=true -pl producer-sim -am package \
 && mkdir -p /out \
 && cp -r producer-sim/target/lib /out/lib \
 && cp producer-sim/target/flashsale-producer-sim.jar /out/flashsale-producer-sim.jar

FROM ${RUNTIME_IMAGE}
RUN groupadd --system --gid 10001 flashsale \
 && useradd --system --uid 10001 --gid flashsale --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin flashsale \
 && mkdir /work && chown flashsale:flashsale /work
COPY --from=build /out/lib/ /app/lib/
COPY --from=build /out/flashsale-producer-sim.jar /app/flashsale-producer-sim.jar
USER 10001:10001
# A writable working directory, for files the simulator is asked to write (--json-report).
WORKDIR /work
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
            "-jar", "/app/flashsale-producer-sim.jar"]
CMD ["--help"]
