# EtcdClient tests: offline units (request encoding, response parsing, back-off) and integration
# tests against the shared etcd fixture or private etcd servers (fail-over, TLS, auth, clusters).
set(etcd_unit_dir ${PROJECT_SOURCE_DIR}/tests/common/backend)
skydns_add_test(NAME tst_etcdresponse SOURCES ${etcd_unit_dir}/tst_etcdresponse.cpp TIMEOUT 60)
skydns_add_test(NAME tst_etcdrequest SOURCES ${etcd_unit_dir}/tst_etcdrequest.cpp TIMEOUT 60)
skydns_add_test(NAME tst_etcdmachines SOURCES ${etcd_unit_dir}/tst_etcdmachines.cpp TIMEOUT 60)
skydns_add_test(NAME tst_etcdclient SOURCES tst_etcdclient.cpp ETCD TIMEOUT 180)
skydns_add_test(NAME tst_etcdfailover SOURCES tst_etcdfailover.cpp ETCD TIMEOUT 120)
skydns_add_test(NAME tst_etcdtls SOURCES tst_etcdtls.cpp TIMEOUT 120)
skydns_add_test(NAME tst_etcdauth SOURCES tst_etcdauth.cpp LIBS Qt6::Network TIMEOUT 120)
skydns_add_test(NAME tst_etcddiscover SOURCES tst_etcddiscover.cpp TIMEOUT 180)
skydns_add_test(NAME tst_etcdbigtree SOURCES tst_etcdbigtree.cpp TIMEOUT 300)
