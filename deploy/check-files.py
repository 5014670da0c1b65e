#!/usr/bin/env python3
"""Static checks of the deployment files that need no Docker engine; deploy/check.sh runs it.

Checks the compose model (as printed by `docker-compose config`), the Grafana dashboard and
provisioning, and the alert rules, and writes to the output directory:

  referenced-metrics.txt      every metric name the dashboard and the alert rules use
  dashboard-queries.rules.yml the dashboard's queries as recording rules, for `promtool check rules`

Run from the repository root. Needs PyYAML. Exits 1 when a check fails.
"""

import argparse
import json
import pathlib
import re
import sys

import yaml

# A metric name the dashboard or the alerts refer to. Expressions use only these prefixes
# (plus Prometheus's own `up`), so the same pattern applied to the raw files finds exactly
# the referenced metrics; check_metric_names() keeps that true.
METRIC_NAME = re.compile(r"\b(?:flashsale|kafka|hikaricp|jvm|process|system)_[a-z0-9_]+\b")

# Grafana's interval macros, replaced by a plain duration so promtool can parse a query.
GRAFANA_MACROS = {"$__rate_interval": "1m", "$__interval": "15s", "$__range": "15m"}

DASHBOARD = pathlib.Path("deploy/grafana/dashboards/flashsale.json")
DATASOURCES = pathlib.Path("deploy/grafana/provisioning/datasources/prometheus.yml")
DASHBOARD_PROVIDERS = pathlib.Path("deploy/grafana/provisioning/dashboards/flashsale.yml")
ALERTS = pathlib.Path("deploy/prometheus/alerts.yml")
WORKER_SOURCES = pathlib.Path("worker/src/main/java")
WORKER_MAIN = WORKER_SOURCES / "dev/flashsale/worker/WorkerCommand.java"
SIM_MAIN = pathlib.Path("producer-sim/src/main/java/dev/flashsale/sim/SimCommand.java")


class Report:
    def __init__(self):
        self.failures = 0

    def ok(self, message):
        print(f"  ok    {message}")

    def warn(self, message):
        print(f"  WARN  {message}")

    def fail(self, message):
        print(f"  FAIL  {message}")
        self.failures += 1

    def check(self, condition, message, detail=""):
        if condition:
            self.ok(message)
        else:
            self.fail(f"{message}{': ' + detail if detail else ''}")
        return condition


def bind_mounts(service):
    """(source, target) of the service's bind mounts, from short or long volume syntax."""
    mounts = []
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            parts = volume.split(":")
            if len(parts) >= 2 and parts[0].startswith(("/", ".")):
                mounts.append((parts[0], parts[1]))
        elif volume.get("type") == "bind":
            mounts.append((volume["source"], volume["target"]))
    return mounts


def host_ports(service):
    """Published ports as (host_ip, published) pairs, from short or long syntax."""
    published = []
    for port in service.get("ports", []):
        if isinstance(port, str):
            parts = port.split(":")
            host_ip = parts[0] if len(parts) == 3 else ""
            published.append((host_ip, parts[-2] if len(parts) >= 2 else parts[0]))
        else:
            published.append((port.get("host_ip", ""), str(port.get("published", ""))))
    return published


def check_compose(report, config_path):
    print("compose model (docker-compose config):")
    services = yaml.safe_load(config_path.read_text())["services"]
    for name, service in sorted(services.items()):
        for dependency, spec in (service.get("depends_on") or {}).items():
            condition = spec.get("condition") if isinstance(spec, dict) else "service_started"
            target = services.get(dependency, {})
            if condition == "service_healthy":
                report.check(
                    "healthcheck" in target and not target["healthcheck"].get("disable", False),
                    f"{name} waits for {dependency} to be healthy, and {dependency} has a healthcheck",
                )
            elif condition == "service_completed_successfully":
                report.check(
                    target.get("restart", "no") in ("no", '"no"'),
                    f"{name} waits for one-shot {dependency} to complete, and {dependency} is not restarted",
                )
        build = service.get("build")
        if build:
            context = pathlib.Path(build["context"] if isinstance(build, dict) else build)
            dockerfile = context / (build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else "Dockerfile")
            report.check(dockerfile.is_file(), f"{name} builds from {dockerfile.relative_to(pathlib.Path.cwd())}")
        else:
            image = service.get("image", "")
            tag = image.rsplit(":", 1)[1] if ":" in image.rsplit("/", 1)[-1] else ""
            report.check(tag not in ("", "latest"), f"{name} image {image} is pinned")
        for source, target in bind_mounts(service):
            report.check(pathlib.Path(source).exists(), f"{name} mounts {target} from an existing path", source)
        for host_ip, published in host_ports(service):
            report.check(host_ip == "127.0.0.1", f"{name} publishes port {published} on 127.0.0.1 only", host_ip)

    worker = services.get("worker", {})
    report.check("healthcheck" in worker, "worker has a readiness healthcheck")
    report.check(not worker.get("ports"), "worker publishes no host port, so it can be scaled")
    report.check(
        "sale" in services.get("producer-sim", {}).get("profiles", []), "producer-sim starts only with --profile sale"
    )
    report.check(WORKER_MAIN.is_file(), f"worker main class source exists ({WORKER_MAIN})")
    if SIM_MAIN.is_file():
        report.ok(f"producer-sim main class source exists ({SIM_MAIN})")
    else:
        report.warn(f"producer-sim main class source not found yet ({SIM_MAIN}); its image cannot be built")
    return services


def check_grafana(report, services):
    print("grafana provisioning and dashboard:")
    datasources = yaml.safe_load(DATASOURCES.read_text())["datasources"]
    uids = {ds["uid"] for ds in datasources}
    report.check(len(datasources) == 1 and datasources[0]["type"] == "prometheus", "one Prometheus data source")
    providers = yaml.safe_load(DASHBOARD_PROVIDERS.read_text())["providers"]
    provider_paths = {provider["options"]["path"] for provider in providers}

    grafana_mounts = dict((target, source) for source, target in bind_mounts(services.get("grafana", {})))
    for path in provider_paths:
        report.check(
            path in grafana_mounts and pathlib.Path(grafana_mounts[path]).resolve() == DASHBOARD.parent.resolve(),
            f"dashboard provider path {path} is the mounted {DASHBOARD.parent}",
        )
    home = services.get("grafana", {}).get("environment", {}).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH", "")
    report.check(home == "/etc/grafana/dashboards/" + DASHBOARD.name, "Grafana's home dashboard is flashsale.json", home)

    dashboard = json.loads(DASHBOARD.read_text())
    report.ok(f"{DASHBOARD} is valid JSON")
    report.check(dashboard.get("uid") == "flashsale" and dashboard.get("title"), "dashboard has its uid and title")
    panels = dashboard["panels"]
    ids = [panel["id"] for panel in panels]
    report.check(len(ids) == len(set(ids)), "panel ids are unique")
    queries = []
    for panel in panels:
        grid = panel.get("gridPos", {})
        if not (grid.get("w", 0) > 0 and grid.get("x", -1) >= 0 and grid["x"] + grid["w"] <= 24):
            report.fail(f"panel {panel['id']} ({panel.get('title')}) has a bad gridPos {grid}")
        if panel["type"] == "row":
            continue
        if panel.get("datasource", {}).get("uid") not in uids:
            report.fail(f"panel {panel['id']} ({panel['title']}) uses an unknown data source")
        targets = panel.get("targets", [])
        if not targets or not all(target.get("expr", "").strip() for target in targets):
            report.fail(f"panel {panel['id']} ({panel['title']}) has a target without a query")
        for target in targets:
            if target.get("datasource", {}).get("uid") not in uids:
                report.fail(f"panel {panel['id']} query {target.get('refId')} uses an unknown data source")
            queries.append((panel["id"], target.get("refId", "A"), target["expr"]))
    graphs = [panel for panel in panels if panel["type"] != "row"]
    report.ok(f"{len(graphs)} panels, {len(queries)} queries, all on data source {', '.join(sorted(uids))}")
    return queries


def check_alerts(report):
    print("alert rules:")
    groups = yaml.safe_load(ALERTS.read_text())["groups"]
    expressions = []
    for group in groups:
        for rule in group["rules"]:
            name = rule.get("alert", "?")
            if not rule.get("labels", {}).get("severity") or not rule.get("annotations", {}).get("summary"):
                report.fail(f"alert {name} needs a severity label and a summary")
            expressions.append(rule["expr"])
    report.ok(f"{len(expressions)} alerts, each with a severity and a summary")
    return expressions


def macro_free(expr):
    for macro, value in GRAFANA_MACROS.items():
        expr = expr.replace(macro, value)
    return expr


def write_dashboard_rules(report, queries, out):
    rules = [
        {"record": f"dashboard:panel{panel_id}:{ref_id.lower()}", "expr": macro_free(expr)}
        for panel_id, ref_id, expr in queries
    ]
    leftover = [rule["expr"] for rule in rules if "$" in rule["expr"]]
    report.check(not leftover, "dashboard queries use no template variables besides interval macros", str(leftover))
    path = out / "dashboard-queries.rules.yml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "dashboard-queries", "rules": rules}]}, sort_keys=False))
    report.ok(f"wrote {path} for promtool")


def worker_meter_names():
    """Meter names (dotted, as given to Micrometer) that appear as string literals in the worker's source."""
    names = set()
    for source in WORKER_SOURCES.rglob("*.java"):
        names.update(re.findall(r'"(flashsale(?:\.[a-z0-9]+)+)"', source.read_text()))
    return names


def prometheus_base(name):
    """flashsale_lock_wait_seconds_bucket -> flashsale.lock.wait (Micrometer's Prometheus naming, reversed)."""
    name = re.sub(r"_(bucket|count|sum|max)$", "", name)
    name = re.sub(r"_(total|seconds|records)$", "", name)
    return name.replace("_", ".")


def check_metric_names(report, queries, alert_expressions, out):
    print("referenced metrics:")
    from_expressions = set()
    for expr in [expr for _, _, expr in queries] + alert_expressions:
        from_expressions.update(METRIC_NAME.findall(expr))
    # The Java test applies the pattern to the raw files: titles, descriptions and annotations
    # must not add names the expressions do not use.
    from_files = set(METRIC_NAME.findall(DASHBOARD.read_text())) | set(METRIC_NAME.findall(ALERTS.read_text()))
    report.check(
        from_files == from_expressions,
        "the pattern finds the same names in the raw files as in the expressions",
        f"only in text: {sorted(from_files - from_expressions)}, only in expressions: {sorted(from_expressions - from_files)}",
    )
    meters = worker_meter_names()
    for name in sorted(n for n in from_expressions if n.startswith("flashsale_")):
        report.check(prometheus_base(name) in meters, f"{name} is a meter the worker defines ({prometheus_base(name)})")
    path = out / "referenced-metrics.txt"
    path.write_text("".join(f"{name}\n" for name in sorted(from_expressions)))
    report.ok(f"wrote {len(from_expressions)} names to {path} (plus the built-in `up`, not listed)")
    for name in sorted(from_expressions):
        print(f"          {name}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--compose-config", type=pathlib.Path, required=True, help="output of `docker-compose config`")
    parser.add_argument("--out", type=pathlib.Path, default=pathlib.Path("deploy/target"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    report = Report()
    services = check_compose(report, args.compose_config)
    queries = check_grafana(report, services)
    alert_expressions = check_alerts(report)
    write_dashboard_rules(report, queries, args.out)
    check_metric_names(report, queries, alert_expressions, args.out)
    if report.failures:
        print(f"{report.failures} check(s) failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
