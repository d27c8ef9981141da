# Translations: every tr() string has a finished German and French translation (the .ts files are
# checked against a fresh lupdate of the sources), placeholders match, and switching the language
# at runtime and at the next start works.
# Built once the console has its i18n part (console/i18n in SKYDNS_CONSOLE_PARTS) and the .qm files.
get_target_property(skydns_console_sources skydns_console_lib SOURCES)
if(TARGET skydns_console_lib_lrelease AND "i18n/translations.cpp" IN_LIST skydns_console_sources)
    skydns_add_test(NAME tst_translations SOURCES tst_translations.cpp
        LIBS skydns_console_lib Qt6::Widgets TIMEOUT 120)
    # A CMake list would split into two definitions: the test gets the .ts files comma-separated.
    list(JOIN SKYDNS_TS_FILES "," skydns_ts_files)
    target_compile_definitions(tst_translations PRIVATE
        SKYDNS_LUPDATE="$<TARGET_FILE:Qt6::lupdate>"
        SKYDNS_TS_FILES="${skydns_ts_files}")
endif()
