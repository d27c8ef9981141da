# The skydns binary end to end (engineer "server"): real sockets, real etcd, dig.
skydns_add_test(NAME tst_dnsservice SOURCES tst_dnsservice.cpp servicetestutil.h LIBS Qt6::Network ETCD TIMEOUT 240)
target_compile_definitions(tst_dnsservice PRIVATE SKYDNS_BIN="$<TARGET_FILE:skydns>")
add_dependencies(tst_dnsservice skydns)
