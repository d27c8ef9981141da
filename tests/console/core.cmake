# Tests of the console's core: KvStore over both etcd APIs, connection profiles, the DNS-name tree,
# the main window and its screenshots.
if(EXISTS ${PROJECT_SOURCE_DIR}/console/etcd/etcdv2kvstore.h)
    skydns_add_test(NAME tst_kvstore SOURCES tst_kvstore.cpp LIBS skydns_console_lib ETCD TIMEOUT 120)
endif()
if(EXISTS ${PROJECT_SOURCE_DIR}/console/connection/connectionprofile.h)
    skydns_add_test(NAME tst_profiles SOURCES tst_profiles.cpp LIBS skydns_console_lib Qt6::Widgets)
    # Runs itself under dbus-run-session with a private gnome-keyring-daemon (see its main()).
    skydns_add_test(NAME tst_profilesecrets SOURCES tst_profilesecrets.cpp LIBS skydns_console_lib TIMEOUT 120)
    skydns_add_test(NAME tst_profilesnokeyring SOURCES tst_profilesnokeyring.cpp LIBS skydns_console_lib Qt6::Widgets
                    ENV "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/skydns-test-bus" TIMEOUT 120)
endif()
if(EXISTS ${PROJECT_SOURCE_DIR}/console/tree/dnstreemodel.h)
    skydns_add_test(NAME tst_dnstreemodel SOURCES tst_dnstreemodel.cpp LIBS skydns_console_lib Qt6::Widgets ETCD TIMEOUT 120)
    # Re-reads: reload, resync (its own etcd behind a proxy it cuts), loadAll.
    skydns_add_test(NAME tst_dnstreereload SOURCES tst_dnstreereload.cpp LIBS skydns_console_lib Qt6::Widgets ETCD TIMEOUT 120)
    # The watch's late start: keys written between the first lists and its head read still show.
    skydns_add_test(NAME tst_dnstreewatch SOURCES tst_dnstreewatch.cpp LIBS skydns_console_lib Qt6::Widgets ETCD TIMEOUT 90)
endif()
if(EXISTS ${PROJECT_SOURCE_DIR}/console/tree/recordspage.h)
    # The Records page's real widgets: refresh/resync keep expansion and selection; the filter searches the whole tree.
    skydns_add_test(NAME tst_recordspage SOURCES tst_recordspage.cpp LIBS skydns_console_lib Qt6::Widgets ETCD TIMEOUT 120)
endif()
if(EXISTS ${PROJECT_SOURCE_DIR}/console/tree/recordspage.h)
    # Starts an etcd of its own (a clean /skydns for realistic pictures).
    # Also runs a skydns with its admin API for the Dashboard, Query Log and Query Tester shots.
    skydns_add_test(NAME tst_screenshots SOURCES tst_screenshots.cpp LIBS skydns_console_lib Qt6::Widgets TIMEOUT 120)
    target_include_directories(tst_screenshots PRIVATE ${PROJECT_SOURCE_DIR}/tests/integration)
    target_compile_definitions(tst_screenshots PRIVATE SKYDNS_BIN="$<TARGET_FILE:skydns>")
    add_dependencies(tst_screenshots skydns)
endif()
