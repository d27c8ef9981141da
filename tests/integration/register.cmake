# skydns register / unregister / list against the fixture etcd (v2 and v3) and a running skydns.
skydns_add_test(NAME tst_register SOURCES tst_register.cpp servicetestutil.h LIBS Qt6::Network ETCD TIMEOUT 240)
target_compile_definitions(tst_register PRIVATE SKYDNS_BIN="$<TARGET_FILE:skydns>")
add_dependencies(tst_register skydns)
