# Mirror integration tests: the shared etcd fixture (tst_mirror) and private etcd processes that
# are killed and restarted (tst_mirror_failover).
skydns_add_test(NAME tst_mirror SOURCES tst_mirror.cpp mirrortestutil.h ETCD TIMEOUT 240)
skydns_add_test(NAME tst_mirror_failover SOURCES tst_mirror_failover.cpp mirrortestutil.h TIMEOUT 180)
