"""The CLI contract other tools depend on: ask --json / --jsonl shapes and order."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import KNOWLEDGE, REPO

CLI = [sys.executable, "-m", "bot.cli", "--knowledge", str(KNOWLEDGE)]


def run(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, text=True, cwd=REPO,
                          timeout=120)


def test_ask_json_has_exactly_the_contract_fields() -> None:
    out = run(["ask", "天水质量月通知文号", "--json"])
    answer = json.loads(out.stdout)
    assert set(answer) == {"found", "answer", "citations"}
    assert answer["found"] is True
    assert set(answer["citations"][0]) == {"doc", "title", "section", "quote"}


def test_ask_jsonl_answers_every_line_in_order_and_keeps_chats_apart() -> None:
    lines = [
        {"id": "1", "q": "天水质量月是什么主题?", "chat": "a"},
        {"id": "2", "q": "北京市2024年质量月主题", "chat": "b"},
        {"id": "3", "q": "那传真呢", "chat": "a"},
        {"id": "4", "q": "那传真呢", "chat": "b"},
        {"id": "5", "q": "2030年质量月的主题是什么?", "chat": None},
    ]
    out = run(["ask", "--jsonl"], "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    answers = [json.loads(x) for x in out.stdout.splitlines()]
    assert len(answers) == len(lines)
    assert "推进卓越天水建设" in answers[0]["answer"]
    assert "共建质量强国" in answers[1]["answer"]
    assert "0938-6822606" in answers[2]["answer"]
    assert answers[3]["found"] is False  # Beijing's notice gives no fax; chat a's context must not leak
    assert answers[4]["found"] is False


@pytest.mark.parametrize("bad_line", ["not json", "[1, 2]"])
def test_ask_jsonl_answers_a_broken_line_with_an_error_and_goes_on(bad_line: str) -> None:
    stdin = bad_line + "\n" + json.dumps({"id": "x", "q": "天水质量月通知文号", "chat": None}) + "\n"
    answers = [json.loads(x) for x in run(["ask", "--jsonl"], stdin).stdout.splitlines()]
    assert len(answers) == 2
    assert answers[0]["found"] is False
    assert "天质组发〔2016〕2号" in answers[1]["answer"]


def test_missing_knowledge_folder_is_a_clear_error(tmp_path) -> None:
    out = subprocess.run([sys.executable, "-m", "bot.cli", "--knowledge", str(tmp_path / "none"),
                          "ask", "主题"], capture_output=True, text=True, cwd=REPO)
    assert out.returncode != 0
    assert "no such knowledge folder" in out.stderr


def test_ask_jsonl_echoes_each_id_beside_the_contract_fields() -> None:
    stdin = "".join(json.dumps({"id": i, "q": q, "chat": None}, ensure_ascii=False) + "\n"
                    for i, q in [("q-7", "天水质量月通知文号"), (42, "2030年质量月的主题是什么?")])
    answers = [json.loads(x) for x in run(["ask", "--jsonl"], stdin).stdout.splitlines()]
    assert [a["id"] for a in answers] == ["q-7", 42]
    assert all(set(a) == {"id", "found", "answer", "citations"} for a in answers)


@pytest.mark.parametrize("bad", ["2025-13-01", "2025/09/01", "today"])
def test_a_malformed_today_says_how_to_write_a_date(bad: str) -> None:
    out = run(["ask", "--today", bad, "四川质量月主题"])
    assert out.returncode == 2
    assert "YYYY-MM-DD" in out.stderr


def test_version_is_printed() -> None:
    out = run(["--version"])
    assert out.returncode == 0
    assert out.stdout.startswith("campaignbot ")
