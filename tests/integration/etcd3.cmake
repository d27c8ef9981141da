# Etcd3Client tests (issue 8): the offline codec unit and integration tests against the shared etcd
# fixture (etcd 3.4 serves v3 and v2 on one port) and a private etcd with auth enabled.
skydns_add_test(NAME tst_etcd3codec SOURCES ${PROJECT_SOURCE_DIR}/tests/common/backend/tst_etcd3codec.cpp TIMEOUT 60)
skydns_add_test(NAME tst_etcd3store SOURCES ${PROJECT_SOURCE_DIR}/tests/common/backend/tst_etcd3store.cpp TIMEOUT 60)
skydns_add_test(NAME tst_etcd3client SOURCES tst_etcd3client.cpp ETCD TIMEOUT 180)
skydns_add_test(NAME tst_etcd3auth SOURCES tst_etcd3auth.cpp LIBS Qt6::Network TIMEOUT 120)
skydns_add_test(NAME tst_etcd3watch SOURCES tst_etcd3watch.cpp LIBS Qt6::Network TIMEOUT 120)
skydns_add_test(NAME tst_etcd3tls SOURCES tst_etcd3tls.cpp TIMEOUT 180)
# The Mirror on etcd v3: the shared fixture, plus private etcds (a 3-member cluster, auth enabled).
skydns_add_test(NAME tst_mirror3 SOURCES tst_mirror3.cpp mirrortestutil.h LIBS Qt6::Network ETCD TIMEOUT 120)
# `skydns migrate` (v2 -> v3) against the fixture.
skydns_add_test(NAME tst_migrate SOURCES tst_migrate.cpp ETCD TIMEOUT 120)
target_compile_definitions(tst_migrate PRIVATE SKYDNS_BIN="$<TARGET_FILE:skydns>")
add_dependencies(tst_migrate skydns)
# skydns -etcd3 answering the resolver fixture as skydns on v2 does (two running services).
skydns_add_test(NAME tst_etcd3service SOURCES tst_etcd3service.cpp servicetestutil.h LIBS Qt6::Network ETCD TIMEOUT 120)
target_compile_definitions(tst_etcd3service PRIVATE SKYDNS_BIN="$<TARGET_FILE:skydns>")
add_dependencies(tst_etcd3service skydns)
