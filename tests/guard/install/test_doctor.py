"""`vigie doctor` against a real daemon, real files, a real port: healthy, then broken."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from guard.policy.model import EXTENSION_ID
from guard.server import GuardServer, ServerConfig
from guard.tray.worker import ServerThread

MODELS = Path(__file__).resolve().parents[3] / "models"


def doctor(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "VIGIE_DATA_DIR": str(tmp_path / "data"),
           "VIGIE_ADMIN_POLICY": str(tmp_path / "admin.json"), "VIGIE_USER_SETTINGS": str(tmp_path / "user.json")}
    return subprocess.run([sys.executable, "-m", "guard", "doctor", *args], capture_output=True, text=True,
                          timeout=60, env=env)


@pytest.fixture()
def model_dir(tmp_path: Path) -> Path:
    if not (MODELS / "manifest.json").is_file():
        pytest.skip("models/ absent (modèle non livré dans cet arbre)")
    copy = tmp_path / "models"
    shutil.copytree(MODELS, copy)
    return copy


@pytest.mark.timeout(90)
def test_healthy_install_with_a_connected_extension(tmp_path: Path, model_dir: Path) -> None:
    from websockets.sync.client import connect

    config = ServerConfig(port=0, admin_policy_path=tmp_path / "admin.json", user_settings_path=tmp_path / "user.json",
                          data_dir=tmp_path / "data", use_model=False, watch_policy=False)
    server = ServerThread(lambda: GuardServer(config))
    server.start(timeout=30)
    try:
        port = server.status().port
        before = doctor(tmp_path, "--port", str(port), "--model-dir", str(model_dir))
        assert "aucune extension ne s'est connectée" in before.stdout
        with connect(f"ws://127.0.0.1:{port}/", origin=f"chrome-extension://{EXTENSION_ID}") as ws:
            ws.send(json.dumps({"type": "hello", "protocol": 1, "extension_version": "0.1.0"}))
            assert json.loads(ws.recv(timeout=10))["type"] == "welcome"
            during = doctor(tmp_path, "--port", str(port), "--model-dir", str(model_dir))
        after = doctor(tmp_path, "--port", str(port), "--model-dir", str(model_dir))
    finally:
        server.stop(15)
    assert during.returncode == 0, during.stdout
    assert "1 navigateur(s) connecté(s)" in during.stdout
    assert "empreintes sha256 conformes" in during.stdout and "Tout est en ordre." in during.stdout
    assert after.returncode == 0 and "dernière connexion le" in after.stdout


@pytest.mark.timeout(90)
def test_each_problem_is_named_with_what_to_do(tmp_path: Path, model_dir: Path) -> None:
    # Tampered model file, policy with a bad field, port held by something else,
    # incident folder that cannot be created.
    tokenizer = json.loads((model_dir / "manifest.json").read_text())["tokenizer"]
    with (model_dir / tokenizer).open("ab") as f:
        f.write(b" ")
    (tmp_path / "admin.json").write_text('{"port": 80}')
    (tmp_path / "data").write_text("un fichier, pas un dossier")
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        res = doctor(tmp_path, "--port", str(port), "--model-dir", str(model_dir))
    out = res.stdout
    assert res.returncode == 1
    assert "altéré" in out and tokenizer in out
    assert "[ÉCHEC] Politique" in out and "port" in out.split("[ÉCHEC] Politique", 1)[1].splitlines()[0]
    assert f"le port {port} est pris par un autre programme" in out
    assert "[ÉCHEC] Journal des incidents" in out
    assert out.count("→ à faire") >= 4


def test_stopped_guard_is_a_failure(tmp_path: Path, model_dir: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    res = doctor(tmp_path, "--port", str(port), "--model-dir", str(model_dir))
    assert res.returncode == 1 and "la garde ne tourne pas" in res.stdout
