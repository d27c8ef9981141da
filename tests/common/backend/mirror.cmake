# Unit tests of the mirror's persistent store and snapshots (no etcd).
skydns_add_test(NAME tst_snapshot SOURCES tst_snapshot.cpp backendcontract.h)
