# Tests of the console's views (issue 6 part 4): DNSSEC key manager, admin client, dashboard, query log, cache.
if(EXISTS ${PROJECT_SOURCE_DIR}/console/etcd/kvstorefactory.h)
    skydns_add_test(NAME tst_keymanager SOURCES tst_keymanager.cpp views_kvwait.h
                    LIBS skydns_console_lib Qt6::Widgets ETCD TIMEOUT 120)
endif()
# The admin client and the views against a running skydns with its admin API (fixture etcd).
if(TARGET skydns)
    foreach(t tst_adminclient tst_adminviews)
        skydns_add_test(NAME ${t} SOURCES ${t}.cpp views_service.h LIBS skydns_console_lib Qt6::Widgets ETCD TIMEOUT 120)
        target_include_directories(${t} PRIVATE ${PROJECT_SOURCE_DIR}/tests/integration)
        target_compile_definitions(${t} PRIVATE SKYDNS_BIN="$<TARGET_FILE:skydns>")
        add_dependencies(${t} skydns)
    endforeach()
endif()
