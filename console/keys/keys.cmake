# DNSSEC key manager (issue 6): key files (common/dnssec/keytools), the `dnssec` config member, the widget.
target_sources(skydns_console_lib PRIVATE
    keys/keyfiles.h keys/keyfiles.cpp
    keys/dnssecconfig.h keys/dnssecconfig.cpp
    keys/keymanager.h keys/keymanager.cpp)
