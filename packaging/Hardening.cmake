# Debian's hardening flags for the Release build, the one scripts/build.sh makes and the .deb is
# packed from (scripts/package.sh). They are what `dpkg-buildflags` hands a Debian 12 package
# built with DEB_BUILD_MAINT_OPTIONS=hardening=+bindnow, without its -g -O2: fortified libc calls,
# stack protector, format-string checks, read-only relocations bound at start (lintian's
# hardening-* tags). PIE needs nothing here: Qt requires position-independent code and Debian's
# compilers link executables as PIE; tests/packaging/test_deb.py checks the installed binary.
# Other build types (the sanitizer and fuzz builds are RelWithDebInfo) keep their flags.
# Included from the top-level CMakeLists.txt before any target, so every library the binary
# links is built with them.
option(AIBAND_HARDENING "Build Release binaries with Debian's hardening flags" ON)
if(AIBAND_HARDENING AND NOT AIBAND_BUILD_FUZZERS)   # ASan and fortified calls do not mix
    set(release "$<CONFIG:Release>")
    # -U first: some compilers (Ubuntu's GCC) already define _FORTIFY_SOURCE.
    add_compile_options("$<${release}:-U_FORTIFY_SOURCE>" "$<${release}:-D_FORTIFY_SOURCE=2>"
                        "$<${release}:-fstack-protector-strong>"
                        "$<${release}:-Wformat>" "$<${release}:-Werror=format-security>")
    add_link_options("$<${release}:LINKER:-z,relro>" "$<${release}:LINKER:-z,now>")
    unset(release)
endif()
