# skydns register / unregister / list against the fixture etcd (v2 and v3) and a running skydns.
skydns_add_test(NAME tst_register SOURCES tst_register.cpp servicetestutil.h LIBS Qt6::Network ETCD TIMEOUT 240)
target_compile_definitions(tst_register PRIVATE SKYDNS_BIN="$<TARGET_FILE:skydns>")
add_dependencies(tst_register skydns)
# skydns resolver install|uninstall|status: routing checked in a network namespace of the test's own.
skydns_add_test(NAME tst_resolverinstall SOURCES tst_resolverinstall.cpp TIMEOUT 180)
target_compile_definitions(tst_resolverinstall PRIVATE SKYDNS_BIN="$<TARGET_FILE:skydns>")
add_dependencies(tst_resolverinstall skydns)
