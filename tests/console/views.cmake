# Tests of the console's views (issue 6 part 4): DNSSEC key manager, admin client, dashboard, query log, cache.
if(EXISTS ${PROJECT_SOURCE_DIR}/console/etcd/kvstorefactory.h)
    skydns_add_test(NAME tst_keymanager SOURCES tst_keymanager.cpp views_kvwait.h
                    LIBS skydns_console_lib Qt6::Widgets ETCD TIMEOUT 120)
endif()
