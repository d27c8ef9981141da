# The admin API of a running skydns (engineer "admin", issue 6): token, 401/400, stats, query log
# cursor and long poll, cache flush, config, reload.
skydns_add_test(NAME tst_adminapi_service SOURCES tst_adminapi.cpp servicetestutil.h LIBS Qt6::Network ETCD TIMEOUT 120)
target_compile_definitions(tst_adminapi_service PRIVATE SKYDNS_BIN="$<TARGET_FILE:skydns>")
add_dependencies(tst_adminapi_service skydns)
