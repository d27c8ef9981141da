# KvStore implementations over the blocking common/backend clients (v2 EtcdClient, v3 Etcd3Client),
# run off the GUI thread, and the factory that picks one from the connection options.
target_sources(skydns_console_lib PRIVATE
    etcd/kvstore.h
    etcd/asynckvstore.h etcd/asynckvstore.cpp
    etcd/etcdv2kvstore.h etcd/etcdv2kvstore.cpp
    etcd/etcdv3kvstore.h etcd/etcdv3kvstore.cpp
    etcd/kvstorefactory.h etcd/kvstorefactory.cpp)
