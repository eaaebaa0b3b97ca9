"""HTTPS to central with the prison's own CA: verified with the configured bundle only."""

from __future__ import annotations

import ssl
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Address
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from parloir.clock import ManualClock
from sync.client import MSG_TLS, CentralUnavailable, SyncClient
from sync.settings import BoothSection, BoothSettings, CentralSection
from sync.store import LocalStore
from tests.sync.standin import TOKEN, StandIn


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_pki(tmp: Path) -> tuple[Path, Path, Path]:
    """A CA ("prison PKI") and a server certificate for 127.0.0.1 signed by it."""
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("Parloir test CA"))
        .issuer_name(_name("Parloir test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("central.test"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(IPv4Address("127.0.0.1"))]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = tmp / "ca.pem", tmp / "server.pem", tmp / "server.key"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return ca_path, cert_path, key_path


@pytest.mark.parametrize("trust_ca", [True, False])
def test_https_with_prison_ca(tmp_path: Path, trust_ca: bool) -> None:
    ca, cert, key = make_pki(tmp_path)
    with StandIn() as standin:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        standin.server.socket = ctx.wrap_socket(
            standin.server.socket, server_side=True, do_handshake_on_connect=False
        )
        url = standin.url.replace("http://", "https://")
        settings = BoothSettings(
            booth=BoothSection(data_dir=tmp_path),
            central=CentralSection(
                url=url, token=TOKEN, ca_bundle=ca if trust_ca else None, timeout_s=3
            ),
        )
        with LocalStore(tmp_path / "booth.sqlite3") as store:
            client = SyncClient(settings, store, ManualClock(standin.now))
            if trust_ca:
                client.sync_once()
                assert store.find_detainee("E00001") is not None
            else:  # the system CAs do not know the prison's PKI: refused, clearly
                with pytest.raises(CentralUnavailable) as err:
                    client.sync_once()
                assert err.value.message_fr == MSG_TLS
