# Etcd3Client (etcd v3 API over etcd's JSON gateway, issue 8). Only etcd3transport.cpp includes
# cpprest; the JSON/base64 codec is plain Qt and tests offline (tst_etcd3codec).
target_sources(skydns_common PRIVATE
    etcd3client.h etcd3client.cpp
    etcd3codec.h etcd3codec.cpp
    etcd3transport.h etcd3transport.cpp
    etcd3store.h etcd3store.cpp)
