# The skydns binary forwarding to FakeUpstream servers and to a second skydns (engineer "forwarder").
skydns_add_test(NAME tst_forwarding SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_forwarding.cpp LIBS Qt6::Network ETCD TIMEOUT 180)
target_compile_definitions(tst_forwarding PRIVATE SKYDNS_BIN="$<TARGET_FILE:skydns>")
add_dependencies(tst_forwarding skydns)
