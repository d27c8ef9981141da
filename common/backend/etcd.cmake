# EtcdClient (etcd v2 keys API over cpprestsdk). Only etcdclient.cpp includes cpprest: the request
# encoding, response parsing and machine back-off are plain C++ so they compile fast and test offline.
target_sources(skydns_common PRIVATE
    etcdclient.h etcdclient.cpp
    etcdrequest.h etcdrequest.cpp
    etcdresponse.h etcdresponse.cpp
    etcdmachines.h etcdmachines.cpp)
