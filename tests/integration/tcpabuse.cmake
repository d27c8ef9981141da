# TCP abuse against the skydns binary (issue 10): slow, half-open, idle and never-reading clients.
skydns_add_test(NAME tst_tcpabuse SOURCES tst_tcpabuse.cpp servicetestutil.h LIBS Qt6::Network ETCD TIMEOUT 180)
target_compile_definitions(tst_tcpabuse PRIVATE SKYDNS_BIN="$<TARGET_FILE:skydns>")
add_dependencies(tst_tcpabuse skydns)
