# The skydns binary end to end (engineer "server"): real sockets, real etcd, dig.
skydns_add_test(NAME tst_dnsservice SOURCES tst_dnsservice.cpp servicetestutil.h LIBS Qt6::Network ETCD TIMEOUT 240)
target_compile_definitions(tst_dnsservice PRIVATE SKYDNS_BIN="$<TARGET_FILE:skydns>")
add_dependencies(tst_dnsservice skydns)
# A private etcd stopped and restarted under a running skydns; systemd socket activation.
skydns_add_test(NAME tst_dnsservice_etcd SOURCES tst_dnsservice_etcd.cpp servicetestutil.h LIBS Qt6::Network TIMEOUT 180)
target_compile_definitions(tst_dnsservice_etcd PRIVATE SKYDNS_BIN="$<TARGET_FILE:skydns>")
add_dependencies(tst_dnsservice_etcd skydns)
