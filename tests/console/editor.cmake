# Tests of the service editor and the query tester (issue 6, part 3). The editor test drives the
# real KvStore implementations against the fixture etcd; the query tester test runs skydns.
# The editor test needs the KvStore implementations of console/etcd (the console core's part).
if(EXISTS ${PROJECT_SOURCE_DIR}/console/etcd/kvstorefactory.h)
    skydns_add_test(NAME tst_serviceeditor SOURCES tst_serviceeditor.cpp editor_kvwait.h
                    LIBS skydns_console_lib Qt6::Widgets ETCD TIMEOUT 120)
else()
    message(WARNING "console/etcd/kvstorefactory.h missing: tst_serviceeditor not built")
endif()
skydns_add_test(NAME tst_querytester SOURCES tst_querytester.cpp
                LIBS skydns_console_lib Qt6::Widgets Qt6::Network ETCD TIMEOUT 120)
target_include_directories(tst_querytester PRIVATE ${PROJECT_SOURCE_DIR}/tests/integration)
target_compile_definitions(tst_querytester PRIVATE SKYDNS_BIN="$<TARGET_FILE:skydns>")
add_dependencies(tst_querytester skydns)
