"""`parloir central migrate|serve`: real processes, real files, clean stop on SIGTERM."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import requests

from tests.fixtures.central_server import ROOT, stop_process, wait_healthy
from tests.fixtures.tools import free_port


def parloir(*args: str, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "parloir", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120, **kw,
    )  # fmt: skip


def test_migrate_creates_and_is_idempotent(tmp_path):
    data = tmp_path / "data"
    for _ in range(2):
        r = parloir("central", "migrate", "--data-dir", str(data))
        assert r.returncode == 0, r.stderr
        assert "Base de données à jour" in r.stdout
    with sqlite3.connect(data / "central.sqlite3") as db:
        tables = {row[0] for row in db.execute("select name from sqlite_master where type='table'")}
        version = db.execute("select version_num from alembic_version").fetchone()[0]
    assert {
        "establishments", "booths", "detainees", "contacts", "bookings", "calls",
        "ledger_entries", "invitations", "sms_messages", "incidents", "sanctions", "staff",
        "audit_log", "audit_head", "change_counter",
    } <= tables  # fmt: skip
    assert version == "0001"


def test_bad_config_is_a_clear_error(tmp_path):
    cfg = tmp_path / "central.toml"
    cfg.write_text("[server]\nport = 'huit'\n", encoding="utf-8")
    r = parloir("central", "migrate", "--config", str(cfg), "--data-dir", str(tmp_path))
    assert r.returncode == 2
    assert "server.port" in r.stderr and "Traceback" not in r.stderr
    cfg.write_text("[serveur]\n", encoding="utf-8")
    r = parloir("central", "migrate", "--config", str(cfg))
    assert r.returncode == 2 and "serveur" in r.stderr


def test_unreachable_database_is_a_clear_error(tmp_path):
    port = free_port()  # nobody listens there
    url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/x"
    r = parloir("central", "migrate", "--db", url)
    assert r.returncode == 2, r.stderr
    assert "inaccessible" in r.stderr and "Traceback" not in r.stderr


def test_serve_config_env_and_sigterm(tmp_path):
    data = tmp_path / "data"
    port = free_port()
    cfg = tmp_path / "central.toml"
    cfg.write_text(f'[server]\nhost = "127.0.0.1"\nport = {port}\n', encoding="utf-8")
    log = tmp_path / "serve.log"
    env = {**os.environ, "PARLOIR_DATA_DIR": str(data), "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "parloir", "central", "serve", "--config", str(cfg)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc, log)
        openapi = requests.get(url + "/openapi.json", timeout=10).json()
        assert "/api/v1/bookings" in openapi["paths"]
        assert "/api/v1/booth/reference" in openapi["paths"]
    finally:
        code = stop_process(proc, signal.SIGTERM)
    assert code == 0
    text = log.read_text()
    assert f"Serveur central Parloir : http://127.0.0.1:{port}/" in text
    assert "Traceback" not in text
    key = Path(data / "secret.key")
    assert key.stat().st_mode & 0o777 == 0o600
    assert len(key.read_bytes()) == 32
    assert (data / "central.sqlite3").exists()


def test_example_config_lists_every_default():
    """central/central.example.toml loads and equals the defaults (the template stays true)."""
    import dataclasses
    import tomllib

    from central.settings import CentralSettings, load_central_settings

    path = ROOT / "central" / "central.example.toml"
    assert load_central_settings(path) == CentralSettings()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for f in dataclasses.fields(CentralSettings):
        assert f.name in data, f"{f.name} missing from the template"
        if dataclasses.is_dataclass(f.type) or isinstance(data[f.name], dict):
            section = getattr(CentralSettings(), f.name)
            assert set(data[f.name]) == {x.name for x in dataclasses.fields(section)}, f.name


def _self_signed(tmp: Path) -> tuple[Path, Path]:
    from datetime import UTC, datetime, timedelta
    from ipaddress import IPv4Address

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.now(UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "central.test")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(IPv4Address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp / "central.pem", tmp / "central.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_serve_https(tmp_path):
    cert, key = _self_signed(tmp_path)
    port = free_port()
    env = {
        **os.environ,
        "PARLOIR_SERVER__TLS_CERT": str(cert),
        "PARLOIR_SERVER__TLS_KEY": str(key),
        "PARLOIR_SERVER__GRACEFUL_SHUTDOWN_S": "1",
    }
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "parloir", "central", "serve", "--port", str(port),
             "--data-dir", str(tmp_path / "data")],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
    try:
        url = f"https://127.0.0.1:{port}"
        deadline = 60.0
        import time

        start = time.monotonic()
        while True:
            assert proc.poll() is None, log.read_text()
            try:
                r = requests.get(url + "/healthz", verify=str(cert), timeout=2)
                break
            except requests.exceptions.SSLError:
                raise
            except requests.RequestException:
                assert time.monotonic() - start < deadline, log.read_text()
                time.sleep(0.1)
        assert r.json() == {"status": "ok"}
        try:
            requests.get(url + "/healthz", timeout=5)  # system CAs: refused
            raise AssertionError("a self-signed certificate was trusted")
        except requests.exceptions.SSLError:
            pass
    finally:
        assert stop_process(proc) == 0
    assert f"Serveur central Parloir : https://127.0.0.1:{port}/" in log.read_text()


def test_tls_needs_both_files(tmp_path):
    env = {**os.environ, "PARLOIR_SERVER__TLS_CERT": str(tmp_path / "missing.pem")}
    r = parloir("central", "serve", "--data-dir", str(tmp_path), env=env)
    assert r.returncode == 2 and "tls_key" in r.stderr


def test_serve_demo_seeds_once(tmp_path):
    """`--demo` seeds through central.services.demo_seed and prints its summary; twice is fine."""
    for _ in range(2):
        port = free_port()
        log = tmp_path / "demo.log"
        env = {**os.environ, "PARLOIR_SERVER__GRACEFUL_SHUTDOWN_S": "1"}
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "parloir", "central", "serve", "--demo", "--dev",
                 "--port", str(port), "--data-dir", str(tmp_path / "data")],
                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env,
            )  # fmt: skip
        try:
            wait_healthy(f"http://127.0.0.1:{port}", proc, log)
        finally:
            assert stop_process(proc) == 0
        text = log.read_text()
        assert "Traceback" not in text
        assert f"http://127.0.0.1:{port}/" in text
    with sqlite3.connect(tmp_path / "data" / "central.sqlite3") as db:
        (n,) = db.execute("select count(*) from establishments").fetchone()
    assert n == 1
