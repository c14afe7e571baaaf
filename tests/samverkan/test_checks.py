"""`manage.py check --deploy` refuses a production without its own seal certificate."""

from django.core.checks import CheckMessage, Tags, run_checks
from django.core.management import call_command


def deploy_checks() -> list[CheckMessage]:
    return run_checks(tags=[Tags.security], include_deployment_checks=True)


def deploy_check_ids() -> set[str]:
    return {message.id for message in deploy_checks() if message.id}


def test_production_without_a_seal_certificate_fails_the_deploy_check(settings):
    settings.DEBUG = False
    settings.SEAL_CERT_FILE = settings.SEAL_KEY_FILE = settings.SEAL_CA_CERT_FILE = ""
    errors = [message for message in deploy_checks() if message.id == "samverkan.E001"]
    assert len(errors) == 1
    assert errors[0].is_serious()
    assert "SEAL_CERT_FILE" in errors[0].msg
    assert "SEAL_CA_CERT_FILE" in errors[0].msg


def test_development_may_seal_with_the_test_ca(settings):
    settings.DEBUG = True
    settings.SEAL_CERT_FILE = ""
    assert not deploy_check_ids() & {"samverkan.E001", "samverkan.E002"}


def test_a_configured_seal_certificate_passes(settings, tmp_path, capsys):
    call_command("create_seal_certificate", str(tmp_path / "seal"))
    values = dict(line.split("=", 1) for line in capsys.readouterr().out.splitlines())
    settings.DEBUG = False
    settings.SEAL_CERT_FILE = values["SEAL_CERT_FILE"]
    settings.SEAL_KEY_FILE = values["SEAL_KEY_FILE"]
    settings.SEAL_CA_CERT_FILE = values["SEAL_CA_CERT_FILE"]
    assert not deploy_check_ids() & {"samverkan.E001", "samverkan.E002"}


def test_an_unreadable_seal_certificate_fails(settings, tmp_path):
    settings.DEBUG = False
    settings.SEAL_CERT_FILE = str(tmp_path / "missing.pem")
    settings.SEAL_KEY_FILE = settings.SEAL_CA_CERT_FILE = str(tmp_path / "missing-key.pem")
    assert "samverkan.E002" in deploy_check_ids()
