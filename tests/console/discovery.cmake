# Local discovery in the console: register dialog (fixture etcd, v2 and v3) and the resolver switch.
skydns_add_test(NAME tst_resolverswitch SOURCES tst_resolverswitch.cpp LIBS skydns_console_lib Qt6::Widgets TIMEOUT 60)
target_compile_definitions(tst_resolverswitch PRIVATE SKYDNS_BIN="$<TARGET_FILE:skydns>")
add_dependencies(tst_resolverswitch skydns)
skydns_add_test(NAME tst_registerdialog SOURCES tst_registerdialog.cpp LIBS skydns_console_lib Qt6::Widgets ETCD TIMEOUT 120)
