from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_compose_runs_web_worker_beat_postgres_and_redis_configured_by_environment():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis"}
    assert "gunicorn" in services["web"]["command"]
    assert "celery -A samverkan worker" in services["worker"]["command"]
    assert "celery -A samverkan beat" in services["beat"]["command"]
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert {"SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "ALLOWED_HOSTS"} <= set(env)
        assert env["CELERY_BROKER_URL"].startswith("redis://")
        assert env["DATABASE_URL"].startswith("postgres://")
        # Production names its own seal; compose refuses to start without one.
        for setting in ("SEAL_CERT_FILE", "SEAL_KEY_FILE", "SEAL_CA_CERT_FILE"):
            assert env[setting].startswith("${" + setting + ":?"), setting


def test_ci_runs_make_test_and_nothing_else():
    lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[-1] == "make test"
