"""Shared fixtures. Qt must be told to run offscreen before anything imports it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from declapp.fileformat import load
from declapp.paths import example_path

EXAMPLE = example_path("zhanlanlu-2021.json")


@pytest.fixture
def example_file() -> Path:
    return EXAMPLE


@pytest.fixture
def example_draft():
    return load(EXAMPLE)
