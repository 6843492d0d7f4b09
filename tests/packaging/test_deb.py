#!/usr/bin/python3
"""The Debian package as a user gets it, and as a Debian maintainer checks it.

Builds the .deb with cpack from an already built tree (into a temporary folder), then checks
its control fields (dpkg-deb -I), runs lintian on it (errors, warnings and the hardening tags
fail; skipped without lintian), unpacks it into a scratch root (dpkg -x) and checks what a
user would have installed: the binary runs, reports the project's version and serves headless
with the README's example config (the files folder stays where the README says), it is
hardened, stripped and has no rpath; the manual page renders without warnings and documents
every option and environment variable; the copyright file parses as DEP-5 and names the
metainfo's license; the changelog is the package's version; the menu entry and AppStream
metadata pass their validators and point at each other, the icons and the systemd user unit
are where desktops and systemd look; owners and modes are root's 0755/0644. No test program
goes into the package.

Usage: test_deb.py --build-dir BUILD --version 0.1.0 --app-id io.github.aiband.Orchestrator
"""

import argparse
import configparser
import gzip
import json
import os
import re
import signal
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

ARGS = None
PACKAGE = "ai-band-orchestrator"
SOURCE = Path(__file__).resolve().parents[2]
DOC = f"/usr/share/doc/{PACKAGE}"
MAN_PAGE = f"/usr/share/man/man1/{PACKAGE}.1.gz"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
# Libraries the binary links; dpkg-shlibdeps must have turned each into a dependency.
LINKED_PACKAGES = ("libqt6core6", "libqt6gui6", "libqt6widgets6", "libqt6network6",
                   "libqt6websockets6", "libqt6httpserver6", "libc6", "libstdc++6",
                   "libqt6multimedia6",   # the window's audition; it ships the backend plugins too
                   "libqt6sql6")          # the takes index
# Loaded at run time as a plugin, so listed by hand (packaging/CMakeLists.txt).
PLUGIN_PACKAGES = ("libqt6svg6", "libqt6sql6-sqlite")   # the SVG icon engine, the QSQLITE driver


def environment_variables():
    """Every variable core/config/ConfigSchema.cpp reads a setting from."""
    schema = (SOURCE / "core/config/ConfigSchema.cpp").read_text()
    return {name for group in re.findall(r"\.environment = \{([^}]*)\}", schema)
            for name in re.findall(r'"([A-Z_]+)"', group)}


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

    def cache_value(self, name):
        cache = (Path(ARGS.build_dir) / "CMakeCache.txt").read_text()
        match = re.search(rf"^{name}:[A-Z]+=(.*)$", cache, re.M)
        return match.group(1) if match else None

    def metainfo(self):
        return ET.parse(self.root / f"usr/share/metainfo/{ARGS.app_id}.metainfo.xml").getroot()

    def dependency_names(self):
        return {re.split(r"[ (]", alternative.strip())[0]
                for dependency in self.control.get("Depends", "").split(",")
                for alternative in dependency.split("|")}

    def test_file_name_and_control_fields(self):
        # The project's version with the Debian revision of packaging/changelog.in.
        self.assertRegex(self.control["Version"], rf"^{re.escape(ARGS.version)}-[0-9][0-9.]*$")
        self.assertEqual(self.deb.name, f"{PACKAGE}_{self.control['Version']}_amd64.deb")
        self.assertEqual(self.control["Package"], PACKAGE)
        self.assertEqual(self.control["Architecture"], "amd64")
        self.assertEqual(self.control["Section"], "sound")
        self.assertEqual(self.control["Priority"], "optional")
        self.assertRegex(self.control["Homepage"], r"^https://")
        # Set at configure time (-DAIBAND_MAINTAINER), "Full Name <address>".
        self.assertEqual(self.control["Maintainer"], self.cache_value("AIBAND_MAINTAINER"))
        self.assertRegex(self.control["Maintainer"], r"^[^<>@]+ <[^<> ]+@[^<> ]+>$")
        # The synopsis is a phrase: no leading article, no full stop, fits dpkg's 80 columns.
        synopsis, _, body = self.control["Description"].partition("\n")
        self.assertIn("chords", synopsis)
        self.assertNotRegex(synopsis, r"(?i)^(a|an|the)\b")
        self.assertFalse(synopsis.endswith("."), synopsis)
        self.assertLessEqual(len(synopsis), 80)
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
            MAN_PAGE, f"{DOC}/copyright", f"{DOC}/changelog.Debian.gz",
            f"/usr/share/lintian/overrides/{PACKAGE}",
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
        sections = run("readelf", "-S", "-W", str(self.root / "usr/bin" / PACKAGE)).stdout
        self.assertNotIn("symtab", sections)
        self.assertNotIn(".comment", sections)   # as Debian's dh_strip leaves it

    def test_installed_binary_is_hardened_and_has_no_rpath(self):
        binary = str(self.root / "usr/bin" / PACKAGE)
        dynamic = run("readelf", "-d", binary).stdout
        self.assertNotRegex(dynamic, r"\((RPATH|RUNPATH)\)")
        self.assertRegex(dynamic, r"Flags:.*\bPIE\b")                    # position-independent
        self.assertRegex(dynamic, r"\(FLAGS\).*\bBIND_NOW\b|Flags:.*\bNOW\b")  # -z now
        self.assertIn("GNU_RELRO", run("readelf", "-l", binary).stdout)  # -z relro
        imports = run("readelf", "--dyn-syms", "-W", binary).stdout
        self.assertIn("__stack_chk_fail", imports)                     # -fstack-protector-strong
        self.assertRegex(imports, r"__\w+_chk\b(?<!__stack_chk)")         # -D_FORTIFY_SOURCE=2

    def test_installed_binary_serves_headless_with_the_readme_config(self):
        """The README's example config.json in the usual place: the server starts headless from
        the unpacked package, answers, keeps the files folder where the README's table puts it,
        and stops with status 0 on SIGTERM."""
        readme = (SOURCE / "README.md").read_text()
        configuration = readme[readme.index("## Configuration"):]
        example = re.search(r"```json\n(.*?)```", configuration, re.S).group(1)
        home = self.workdir / "home"
        env = {name: value for name, value in os.environ.items() if name not in environment_variables()}
        env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                   XDG_DATA_HOME=str(home / ".local/share"), XDG_RUNTIME_DIR=str(self.workdir / "run"))
        config_dir = home / ".config" / PACKAGE
        config_dir.mkdir(parents=True)
        (config_dir / "config.json").write_text(example)
        (self.workdir / "run").mkdir(mode=0o700)
        server = subprocess.Popen([str(self.root / "usr/bin" / PACKAGE), "--headless", "--port", "0"],
                                  cwd=home, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = server.stdout.readline()
            match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
            self.assertTrue(match, line + server.stderr.read() if not line else line)
            base = match.group(1)
            with urllib.request.urlopen(base + "/health", timeout=10) as reply:
                self.assertEqual(reply.status, 200)
            with urllib.request.urlopen(base + "/api/config", timeout=10) as reply:
                effective = json.load(reply)
            self.assertEqual(effective["plugin"]["folder"],
                             str(home / ".local/share" / PACKAGE / "generated_files"))
            server.send_signal(signal.SIGTERM)
            self.assertEqual(server.wait(timeout=30), 0)
        finally:
            if server.poll() is None:
                server.kill()
                server.wait()
            server.stdout.close()
            server.stderr.close()

    def test_installs_and_starts_in_a_clean_debian_root(self):
        """apt installs the package into a bare Debian (its dependencies from the archive) and the
        program starts there. Opt-in, as it needs root, network and a few minutes: set
        AIBAND_CLEAN_ROOT to a root made by `debootstrap --variant=minbase bookworm DIR`; the
        package is purged again afterwards (its dependencies stay, for the next run)."""
        clean = os.environ.get("AIBAND_CLEAN_ROOT")
        if not clean:
            self.skipTest("set AIBAND_CLEAN_ROOT to a debootstrap root to install into it")
        clean = Path(clean)
        shutil.copy(self.deb, clean / "tmp" / self.deb.name)

        def chroot(*command, check=True):
            return subprocess.run(["chroot", str(clean), *command], capture_output=True, text=True,
                                  check=check, env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
                                                    "DEBIAN_FRONTEND": "noninteractive", "HOME": "/root"})
        try:
            chroot("apt-get", "update", "-qq")
            chroot("apt-get", "install", "-y", "-qq", "--no-install-recommends", f"/tmp/{self.deb.name}")
            self.assertEqual(chroot(PACKAGE, "--version").stdout.strip(), f"{PACKAGE} {ARGS.version}")
            # Up to its first line, with a timeout as the exit: the line says it serves.
            started = chroot("timeout", "--preserve-status", "--signal=TERM", "5",
                             PACKAGE, "--headless", "--port", "0", check=False)
            self.assertRegex(started.stdout, r"listening on http://127\.0\.0\.1:\d+", started.stderr)
            self.assertEqual(started.returncode, 0, "SIGTERM is a clean stop: " + started.stderr)
            self.assertTrue((clean / MAN_PAGE.lstrip("/")).is_file())
        finally:
            chroot("apt-get", "purge", "-y", "-qq", PACKAGE, check=False)
            (clean / "tmp" / self.deb.name).unlink(missing_ok=True)

    def test_lintian_finds_nothing(self):
        """Errors and warnings fail, and so do the informational hardening tags."""
        if not shutil.which("lintian"):
            self.skipTest("lintian is not installed (scripts/install-deps.sh --test)")
        result = subprocess.run(["lintian", "--info", "--fail-on", "error,warning", str(self.deb)],
                                capture_output=True, text=True)
        tags = [line for line in result.stdout.splitlines() if re.match(r"^[EWI]: ", line)]
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual([t for t in tags if not t.startswith("I: ") or "hardening" in t], [], result.stdout)
        # Overrides hide hints: only the two packaging/lintian-overrides explains.
        overrides = (self.root / "usr/share/lintian/overrides" / PACKAGE).read_text()
        overridden = re.findall(rf"^{PACKAGE}: (\S+)", overrides, re.M)
        self.assertEqual(sorted(overridden), ["hardening-no-fortify-functions", "initial-upload-closes-no-bugs"])

    @staticmethod
    def gunzip(path):
        data = path.read_bytes()
        # gzip -9n: no file name (flag bit 3) and no time stamp, so builds are reproducible.
        flags, mtime = data[3], struct.unpack("<I", data[4:8])[0]
        assert not flags & 0x08 and mtime == 0, f"{path}: not compressed with gzip -n"
        return gzip.decompress(data).decode()

    def test_manual_page_renders_and_documents_every_option_and_variable(self):
        self.assertIn(MAN_PAGE, self.files)
        page = self.root / MAN_PAGE.lstrip("/")
        source = self.gunzip(page)
        result = subprocess.run(["man", "--warnings", "-l", str(page)], capture_output=True, text=True,
                                env={**os.environ, "MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat"})
        self.assertEqual((result.returncode, result.stderr), (0, ""))
        self.assertIn("ENVIRONMENT", result.stdout)
        self.assertIn(f'"{PACKAGE} {ARGS.version}"', source.splitlines()[next(
            i for i, line in enumerate(source.splitlines()) if line.startswith(".TH"))])
        text = re.sub(r"\\f[BIRP]", "", source).replace("\\-", "-")
        help_text = run(str(self.root / "usr/bin" / PACKAGE), "--help").stdout
        options = set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", help_text))
        self.assertGreaterEqual(options, {"--headless", "--config", "--port", "--version"})
        self.assertEqual(sorted(o for o in options if o not in text), [], "options --help lists")
        variables = environment_variables()
        self.assertGreater(len(variables), 30)
        self.assertEqual(sorted(v for v in variables if not re.search(rf"\b{v}\b", text)), [],
                         "environment variables of core/config/ConfigSchema.cpp")

    def test_copyright_is_machine_readable_and_names_the_metainfo_license(self):
        self.assertIn(f"{DOC}/copyright", self.files)
        text = (self.root / DOC.lstrip("/") / "copyright").read_text()
        try:
            from debian.copyright import Copyright   # python3-debian
        except ImportError:
            self.skipTest("python3-debian is not installed (scripts/install-deps.sh --test)")
        copyright = Copyright(text.splitlines(keepends=True), strict=True)
        self.assertEqual(copyright.header.upstream_name, PACKAGE)
        everything = copyright.find_files_paragraph("usr/bin/" + PACKAGE)
        self.assertIsNotNone(everything)
        self.assertTrue(everything.copyright)
        self.assertEqual(everything.license.synopsis, self.metainfo().findtext("project_license"))
        self.assertTrue(everything.license.text.strip(), "the license's text or a standalone License paragraph")

    def test_changelog_is_this_version_of_the_package(self):
        changelog = self.root / DOC.lstrip("/") / "changelog.Debian.gz"
        self.assertTrue(changelog.is_file())
        plain = self.workdir / "changelog"
        plain.write_text(self.gunzip(changelog))
        fields = self.parse_control(run("dpkg-parsechangelog", "-l", str(plain)).stdout)
        self.assertEqual(fields["Source"], PACKAGE)
        self.assertEqual(fields["Version"], self.control["Version"],
                         "add an entry for this version to packaging/changelog.in")
        self.assertEqual(fields["Maintainer"], self.control["Maintainer"])

    def test_owners_and_modes(self):
        for line in run("dpkg-deb", "-c", str(self.deb)).stdout.splitlines():
            mode, owner, _size, _date, _time, path = line.split(None, 5)
            self.assertEqual(owner, "root/root", line)
            if mode.startswith("d"):
                self.assertEqual(mode, "drwxr-xr-x", line)
            elif path.startswith("./usr/bin/"):
                self.assertEqual(mode, "-rwxr-xr-x", line)
            else:
                self.assertEqual(mode, "-rw-r--r--", line)

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
        self.assertNotIn("@", "".join(component.itertext()), "a variable configure_file left unset")
        self.assertEqual(component.findtext("id"), ARGS.app_id)
        self.assertEqual(component.findtext("launchable"), f"{ARGS.app_id}.desktop")
        self.assertEqual(component.findtext("icon"), ARGS.app_id)
        self.assertEqual(component.findtext("provides/binary"), PACKAGE)
        newest = component.find("releases/release")
        self.assertEqual(newest.get("version"), ARGS.version,
                         "add a <release> for the project version to the metainfo file")
        self.assertRegex(newest.get("date"), r"^\d{4}-\d{2}-\d{2}$")
        self.assertEqual(component.findtext("metadata_license"), "CC0-1.0")
        self.assertTrue(component.findtext("project_license"))
        self.assertEqual(component.findtext("url[@type='homepage']"), self.control["Homepage"])
        # Screenshots are the README's, published under the release's tag.
        images = [image.text for image in component.iter("image")]
        self.assertGreaterEqual(len(images), 3)
        for url in images:
            self.assertRegex(url, rf"^https://.*/v{re.escape(ARGS.version)}/docs/screenshots/[a-z-]+\.png$")
            self.assertTrue((SOURCE / "docs/screenshots" / url.rsplit("/", 1)[1]).is_file(), url)
        strict = subprocess.run(["appstreamcli", "validate", "--no-net", "--strict", str(metainfo)],
                                capture_output=True, text=True)
        self.assertEqual(strict.returncode, 0, strict.stdout + strict.stderr)

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
