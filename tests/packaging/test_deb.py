#!/usr/bin/python3
"""The Debian package as a user gets it.

Builds the .deb with cpack from an already built tree (into a temporary folder), then checks
its control fields (dpkg-deb -I), unpacks it into a scratch root (dpkg -x) and checks what a
user would have installed: the binary runs and reports the project's version, the menu entry
and AppStream metadata pass their validators and point at each other, the icons and the
systemd user unit are where desktops and systemd look. No test program goes into the package.

Usage: test_deb.py --build-dir BUILD --version 0.1.0 --app-id io.github.aiband.Orchestrator
"""

import argparse
import configparser
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

ARGS = None
PACKAGE = "ai-band-orchestrator"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
# Libraries the binary links; dpkg-shlibdeps must have turned each into a dependency.
LINKED_PACKAGES = ("libqt6core6", "libqt6gui6", "libqt6widgets6", "libqt6network6",
                   "libqt6websockets6", "libqt6httpserver6", "libc6", "libstdc++6")
# Loaded at run time as a plugin, so listed by hand (packaging/CMakeLists.txt).
PLUGIN_PACKAGES = ("libqt6svg6",)


def run(*command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


class DebianPackage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.workdir = Path(tempfile.mkdtemp(prefix="aiband-deb-"))
        build = Path(ARGS.build_dir)
        result = subprocess.run(["cpack", "-G", "DEB", "--config", str(build / "CPackConfig.cmake"),
                                 "-B", str(cls.workdir / "out")],
                                cwd=build, capture_output=True, text=True)
        if result.returncode != 0:
            raise AssertionError(f"cpack failed:\n{result.stdout}\n{result.stderr}")
        debs = list((cls.workdir / "out").glob("*.deb"))
        if len(debs) != 1:
            raise AssertionError(f"expected one .deb, cpack made {debs}")
        cls.deb = debs[0]
        cls.root = cls.workdir / "root"
        run("dpkg", "-x", str(cls.deb), str(cls.root))
        cls.files = {"/" + str(path.relative_to(cls.root)) for path in cls.root.rglob("*")
                     if not path.is_dir()}
        cls.control = cls.parse_control(run("dpkg-deb", "-f", str(cls.deb)).stdout)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.workdir, ignore_errors=True)

    @staticmethod
    def parse_control(text):
        fields, name = {}, None
        for line in text.splitlines():
            if line.startswith(" ") and name:
                fields[name] += "\n" + line.strip()
            elif ":" in line:
                name, value = line.split(":", 1)
                fields[name] = value.strip()
        return fields

    def dependency_names(self):
        return {re.split(r"[ (]", alternative.strip())[0]
                for dependency in self.control.get("Depends", "").split(",")
                for alternative in dependency.split("|")}

    def test_file_name_and_control_fields(self):
        self.assertEqual(self.deb.name, f"{PACKAGE}_{ARGS.version}_amd64.deb")
        self.assertEqual(self.control["Package"], PACKAGE)
        self.assertEqual(self.control["Version"], ARGS.version)
        self.assertEqual(self.control["Architecture"], "amd64")
        self.assertEqual(self.control["Section"], "sound")
        self.assertIn("@", self.control["Maintainer"])
        synopsis, _, body = self.control["Description"].partition("\n")
        self.assertIn("chords", synopsis)
        self.assertTrue(body.startswith("Plugin instances in your DAW"), body)
        self.assertNotIn(";", "".join(line[:1] for line in body.splitlines()), "list separators in the text")
        # dpkg-deb -I prints the same fields with the package's size; it must accept the file.
        self.assertIn(f"Package: {PACKAGE}", run("dpkg-deb", "-I", str(self.deb)).stdout)

    def test_depends_on_the_libraries_it_uses(self):
        names = self.dependency_names()
        for package in LINKED_PACKAGES + PLUGIN_PACKAGES:
            self.assertIn(package, names, self.control.get("Depends"))
        # Versions come from the shlibs files, so the package cannot land on an older Qt.
        self.assertRegex(self.control["Depends"], r"libqt6core6 \(>= 6\.4")

    def test_installs_the_expected_files_and_no_test_programs(self):
        app_id = ARGS.app_id
        expected = {
            f"/usr/bin/{PACKAGE}",
            f"/usr/share/applications/{app_id}.desktop",
            f"/usr/share/metainfo/{app_id}.metainfo.xml",
            f"/usr/share/icons/hicolor/scalable/apps/{app_id}.svg",
            f"/usr/lib/systemd/user/{PACKAGE}.service",
        }
        if self.rsvg_convert_configured():
            expected |= {f"/usr/share/icons/hicolor/{n}x{n}/apps/{app_id}.png" for n in PNG_SIZES}
        self.assertLessEqual(expected, self.files, sorted(expected - self.files))
        self.assertEqual({f for f in self.files if f.startswith("/usr/bin/")}, {f"/usr/bin/{PACKAGE}"})
        test_programs = [f for f in self.files
                         if re.search(r"(^|/)(tst_|fuzz|bench|render_corpus|soak)", f)]
        self.assertEqual(test_programs, [])
        self.assertFalse([f for f in self.files if not f.startswith("/usr/")], "files outside /usr")

    def rsvg_convert_configured(self):
        cache = (Path(ARGS.build_dir) / "CMakeCache.txt").read_text()
        match = re.search(r"^AIBAND_RSVG_CONVERT:FILEPATH=(.*)$", cache, re.M)
        return bool(match) and not match.group(1).endswith("NOTFOUND")

    def test_installed_binary_reports_the_project_version(self):
        result = run(str(self.root / "usr/bin" / PACKAGE), "--version")
        self.assertEqual(result.stdout.strip(), f"{PACKAGE} {ARGS.version}")
        # Stripped (CPACK_STRIP_FILES): no symbol table in what users download.
        self.assertNotIn("symtab", run("readelf", "-S", str(self.root / "usr/bin" / PACKAGE)).stdout)

    def test_desktop_entry_is_valid_and_launches_the_binary(self):
        desktop = self.root / f"usr/share/applications/{ARGS.app_id}.desktop"
        result = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
        self.assertEqual((result.returncode, result.stdout + result.stderr), (0, ""))
        entry = configparser.ConfigParser(interpolation=None)
        entry.optionxform = str
        entry.read(desktop, encoding="utf-8")
        section = entry["Desktop Entry"]
        self.assertEqual(section["Exec"].split()[0], PACKAGE)
        self.assertIn(f"/usr/bin/{section['Exec'].split()[0]}", self.files)
        self.assertIn(f"/usr/share/icons/hicolor/scalable/apps/{section['Icon']}.svg", self.files)

    def test_metainfo_is_valid_and_matches_the_desktop_entry_and_version(self):
        metainfo = self.root / f"usr/share/metainfo/{ARGS.app_id}.metainfo.xml"
        result = subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        component = ET.parse(metainfo).getroot()
        self.assertEqual(component.findtext("id"), ARGS.app_id)
        self.assertEqual(component.findtext("launchable"), f"{ARGS.app_id}.desktop")
        self.assertEqual(component.findtext("icon"), ARGS.app_id)
        self.assertEqual(component.findtext("provides/binary"), PACKAGE)
        newest = component.find("releases/release")
        self.assertEqual(newest.get("version"), ARGS.version,
                         "add a <release> for the project version to the metainfo file")

    def test_png_icons_have_their_sizes(self):
        if not self.rsvg_convert_configured():
            self.skipTest("configured without rsvg-convert (librsvg2-bin): scalable icon only")
        for size in PNG_SIZES:
            png = self.root / f"usr/share/icons/hicolor/{size}x{size}/apps/{ARGS.app_id}.png"
            header = png.read_bytes()[:24]
            self.assertEqual(header[:8], b"\x89PNG\r\n\x1a\n", png)
            self.assertEqual(struct.unpack(">II", header[16:24]), (size, size), png)

    def test_user_unit_runs_the_installed_binary_headless(self):
        unit = self.root / f"usr/lib/systemd/user/{PACKAGE}.service"
        service = configparser.ConfigParser(interpolation=None, strict=False)
        service.optionxform = str
        service.read(unit)
        self.assertEqual(service["Service"]["ExecStart"], f"/usr/bin/{PACKAGE} --headless")
        self.assertEqual(service["Install"]["WantedBy"], "default.target")
        if shutil.which("systemd-analyze"):
            # systemd-analyze checks that ExecStart is executable, so a copy points it at the
            # scratch root's binary; warnings about the unit (unknown keys) name its path.
            copy = self.workdir / f"{PACKAGE}.service"
            copy.write_text(unit.read_text().replace(f"ExecStart=/usr/bin/", f"ExecStart={self.root}/usr/bin/"))
            result = subprocess.run(["systemd-analyze", "verify", "--man=no", str(copy)],
                                    capture_output=True, text=True)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertNotIn(str(copy), result.stdout + result.stderr)

def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--app-id", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], "-v"] + rest)


if __name__ == "__main__":
    main()
